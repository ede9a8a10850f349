package org.fieldstone.assistant.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.fieldstone.assistant.Tool;
import org.fieldstone.assistant.ToolResult;
import org.fieldstone.assistant.Tools;
import org.fieldstone.clients.Client;
import org.fieldstone.clients.Clients;
import org.fieldstone.clients.NewClient;
import org.fieldstone.clients.NewProperty;
import org.fieldstone.identity.User;
import org.fieldstone.jobs.Job;
import org.fieldstone.jobs.Jobs;
import org.fieldstone.jobs.NewJob;
import org.fieldstone.jobs.NewVisit;
import org.fieldstone.jobs.Visits;
import org.fieldstone.shared.Actor;
import org.fieldstone.shared.Channel;
import org.fieldstone.shared.Page;
import org.fieldstone.shared.Permission;
import org.fieldstone.shared.Role;
import org.fieldstone.shared.UserId;
import org.fieldstone.support.Fixtures;
import org.fieldstone.support.Fixtures.TestCompany;
import org.fieldstone.support.TestClock;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The tool registry as the assistant and the MCP server call it: as the calling user, with their permissions, their
 * visibility and a token's scopes; strict arguments; refusals as message codes; writes audited with the channel.
 */
abstract class ToolsContract {

    static final JsonMapper JSON = JsonMapper.builder().build();
    static final ZoneId ZURICH = ZoneId.of("Europe/Zurich");

    @Autowired Tools tools;
    @Autowired Fixtures fixtures;
    @Autowired Clients clients;
    @Autowired Jobs jobs;
    @Autowired Visits visits;
    @Autowired TestClock clock;
    @Autowired org.fieldstone.invoices.Invoices invoices;
    @Autowired org.fieldstone.quotes.Quotes quotes;
    @Autowired org.fieldstone.inventory.Inventory inventory;

    TestCompany a;
    TestCompany b;
    Actor owner;

    @BeforeEach
    void companies() {
        var two = fixtures.twoCompanies("tools");
        a = two.a();
        b = two.b();
        owner = as(a, a.users.get(Role.OWNER), Channel.ASSISTANT);
    }

    static Actor as(TestCompany c, User user, Channel channel) {
        return new Actor(c.company.id(), Optional.of(user.id()), user.name(), user.role(), Optional.empty(), channel,
                null, null);
    }

    Client client(Actor actor, String name) {
        return clients.create(actor, new NewClient(name, null, "+41446681800", null, List.of()),
                new NewProperty(null, "Bahnhofstrasse 1", "Zürich", null, "8001", "CH", null, null));
    }

    Job job(Actor actor, Client client, String title, UserId... assignees) {
        Job job = jobs.create(actor, new NewJob(client.id(), clients.properties(actor, client.id()).getFirst().id(), title,
                null, null, List.of(), List.of(), null, List.of(assignees), null, List.of(), null, null));
        return job;
    }

    String visitToday(Actor actor, Job job, int hour, UserId assignee) {
        LocalDate today = LocalDate.ofInstant(clock.instant(), ZURICH);
        return visits.addVisit(actor, job.id(), new NewVisit(today + "T" + "%02d:00".formatted(hour),
                today + "T" + "%02d:45".formatted(hour), List.of(assignee))).visit().id();
    }

    static JsonNode ok(ToolResult result) {
        assertThat(result.error()).as(result.content()).isFalse();
        return JSON.readTree(result.content());
    }

    static JsonNode refused(ToolResult result, String code) {
        assertThat(result.error()).as(result.content()).isTrue();
        JsonNode body = JSON.readTree(result.content());
        assertThat(body.get("error").asString()).isEqualTo(code);
        assertThat(body.get("message").asString()).isNotBlank().doesNotContain("Exception");
        return body;
    }

    static List<String> ids(JsonNode page, String field) {
        return page.get("items").valueStream().map(i -> i.get(field).asString()).toList();
    }

    @Test
    void aTechnicianSeesOnlyTheirOwnVisitsAndJobs() {
        User tech = a.addUser(Role.USER);
        User other = a.addUser(Role.USER);
        Client keller = client(owner, "Mrs. Keller");
        Job mine = job(owner, keller, "Boiler service");
        Job theirs = job(owner, keller, "Leaking tap");
        // early in the day, so the test clock's time of day never pushes it to tomorrow in the company's zone
        String myVisit = visitToday(owner, mine, 1, tech.id());
        String theirVisit = visitToday(owner, theirs, 2, other.id());
        Actor technician = as(a, tech, Channel.ASSISTANT);

        JsonNode today = ok(tools.call(technician, "todays_visits", "{}"));
        assertThat(ids(today, "visitId")).containsExactly(myVisit);
        JsonNode visit = today.get("items").get(0);
        assertThat(visit.get("jobNumber").asString()).startsWith("J-");
        assertThat(visit.get("client").asString()).isEqualTo("Mrs. Keller");
        assertThat(visit.get("start").asString()).matches("\\d{4}-\\d\\d-\\d\\dT01:00:00\\+0[12]:00");
        assertThat(today.get("total").asLong()).isEqualTo(1);
        assertThat(today.get("size").asInt()).isEqualTo(20);

        String day = LocalDate.ofInstant(clock.instant(), ZURICH).toString();
        JsonNode schedule = ok(tools.call(technician, "list_schedule", "{\"from\":\"" + day + "\"}"));
        assertThat(ids(schedule, "visitId")).containsExactly(myVisit);
        JsonNode all = ok(tools.call(owner, "list_schedule", "{\"from\":\"" + day + "\"}"));
        assertThat(ids(all, "visitId")).contains(myVisit, theirVisit);
        JsonNode byEmail = ok(tools.call(owner, "list_schedule", "{\"from\":\"" + day + "\",\"technician\":\""
                + tech.email() + "\"}"));
        assertThat(ids(byEmail, "visitId")).containsExactly(myVisit);
        JsonNode byId = ok(tools.call(owner, "list_schedule", "{\"from\":\"" + day + "\",\"technician\":\""
                + other.id() + "\"}"));
        assertThat(ids(byId, "visitId")).containsExactly(theirVisit);
        refused(tools.call(owner, "list_schedule", "{\"from\":\"" + day + "\",\"technician\":\"USER person\"}"),
                "assistant.refused.technician-ambiguous");
        refused(tools.call(owner, "list_schedule", "{\"from\":\"" + day + "\",\"technician\":\"Nobody\"}"),
                "assistant.refused.technician-unknown");
        refused(tools.call(owner, "list_schedule", "{\"from\":\"" + day + "\",\"to\":\"2099-01-01\"}"),
                "schedule.refused.range-length");

        assertThat(ok(tools.call(technician, "get_job", "{\"jobId\":\"" + mine.id() + "\"}")).get("number").asString())
                .isEqualTo(mine.number());
        refused(tools.call(technician, "get_job", "{\"jobId\":\"" + theirs.id() + "\"}"), "refusal.not-found");
        refused(tools.preview(technician, "add_job_note", "{\"jobId\":\"" + theirs.id() + "\",\"body\":\"x\"}"),
                "refusal.not-found");
    }

    @Test
    void anotherCompanysIdsAreNotFound() {
        Actor other = as(b, b.users.get(Role.OWNER), Channel.MCP);
        Client theirs = client(other, "Other company's client");
        Job theirJob = job(other, theirs, "Theirs");
        refused(tools.call(owner, "get_job", "{\"jobId\":\"" + theirJob.id() + "\"}"), "refusal.not-found");
        refused(tools.call(owner, "get_client", "{\"clientId\":\"" + theirs.id() + "\"}"), "refusal.not-found");
        assertThat(ok(tools.call(owner, "find_clients", "{\"query\":\"Other company\"}")).get("total").asLong())
                .isZero();
    }

    @Test
    void findClientsIsPagedAndGetClientAnswersOnlyWhatItPromises() {
        for (int i = 0; i < 3; i++) {
            client(owner, "Paging Client " + i);
        }
        JsonNode first = ok(tools.call(owner, "find_clients", "{\"query\":\"Paging Client\",\"size\":2}"));
        assertThat(first.get("items")).hasSize(2);
        assertThat(first.get("total").asLong()).isEqualTo(3);
        JsonNode second = ok(tools.call(owner, "find_clients", "{\"query\":\"Paging Client\",\"size\":2,\"page\":1}"));
        assertThat(ids(second, "name")).containsExactly("Paging Client 2");
        refused(tools.call(owner, "find_clients", "{\"size\":51}"), "shared.refused.page-size");
        refused(tools.call(owner, "find_clients", "{\"page\":-1}"), "shared.refused.page");

        String id = first.get("items").get(0).get("clientId").asString();
        JsonNode client = ok(tools.call(owner, "get_client", "{\"clientId\":\"" + id + "\"}"));
        JsonNode schema = JSON.readTree(tools.find("get_client").orElseThrow().inputSchema());
        assertThat(schema.get("properties").propertyNames()).containsExactly("clientId");
        Set<String> promised = Set.of("clientId", "name", "email", "phone", "notes", "tags", "archived", "properties",
                "version");
        assertThat(client.propertyNames()).allMatch(promised::contains);
        assertThat(client.get("properties").get(0).propertyNames()).allMatch(Set.of("propertyId", "label", "address")::contains);
        assertThat(client.get("properties").get(0).get("address").asString()).contains("Bahnhofstrasse 1");
    }

    @Test
    void malformedArgumentsAreRefusedAndNothingIsWritten() {
        long before = clients.list(owner, "", true, Page.request(0, 1)).total();
        refused(tools.call(owner, "create_client", "{\"name\":42}"), "assistant.refused.argument-type");
        refused(tools.call(owner, "create_client", "{\"name\":\"Ada\",\"secret\":\"x\"}"),
                "assistant.refused.argument-unknown");
        refused(tools.call(owner, "create_client", "{}"), "assistant.refused.argument-required");
        refused(tools.call(owner, "create_client", "[1,2]"), "assistant.refused.arguments-json");
        refused(tools.call(owner, "create_client", "{\"name\":"), "assistant.refused.arguments-json");
        refused(tools.call(owner, "create_client", "{\"name\":\"" + "x".repeat(40_000) + "\"}"),
                "assistant.refused.arguments-size");
        refused(tools.call(owner, "find_clients", "{\"size\":\"5\"}"), "assistant.refused.argument-type");
        refused(tools.call(owner, "find_clients", "{\"size\":2.5}"), "assistant.refused.argument-type");
        refused(tools.call(owner, "no_such_tool", "{}"), "assistant.refused.unknown-tool");
        JsonNode several = refused(tools.call(owner, "create_client", "{\"nme\":\"Ada\"}"), "refusal.invalid-input");
        assertThat(several.get("fields").propertyNames()).contains("nme", "name");
        assertThat(clients.list(owner, "", true, Page.request(0, 1)).total()).isEqualTo(before);
    }

    @Test
    void aReadOnlyUserCannotWriteAndDoesNotSeeWriteTools() {
        Actor reader = as(a, a.users.get(Role.READ_ONLY), Channel.ASSISTANT);
        Client keller = client(owner, "Read-only Keller");
        Job job = job(owner, keller, "Inspection");
        String visit = visitToday(owner, job, 3, a.users.get(Role.USER).id());
        long before = clients.list(owner, "", true, Page.request(0, 1)).total();
        long visitVersion = visits.visit(owner, visit).version();
        java.time.Instant startsAt = visits.visit(owner, visit).startsAt();

        refused(tools.call(reader, "create_client", "{\"name\":\"Not made\"}"), "shared.refused.permission");
        refused(tools.preview(reader, "create_client", "{\"name\":\"Not made\"}"), "shared.refused.permission");
        String move = "{\"visitId\":\"" + visit + "\",\"start\":\"2030-01-10T10:00\",\"end\":\"2030-01-10T11:00\"}";
        refused(tools.call(reader, "reschedule_visit", move), "shared.refused.permission");
        assertThat(clients.list(owner, "", true, Page.request(0, 1)).total()).isEqualTo(before);
        assertThat(visits.visit(owner, visit).version()).isEqualTo(visitVersion);
        assertThat(visits.visit(owner, visit).startsAt()).isEqualTo(startsAt);

        List<String> available = tools.available(reader).stream().map(Tool::name).toList();
        assertThat(available).contains("todays_visits", "get_job", "find_clients", "get_client")
                .doesNotContain("create_client", "reschedule_visit", "add_job_note", "create_job");
        assertThat(tools.available(reader)).noneMatch(Tool::writes);
    }

    @Test
    void aTokenScopedToJobsReadSeesOnlyReadJobTools() {
        Actor scoped = owner.through(Channel.MCP).withScopes(Set.of(Permission.JOBS_READ));
        assertThat(tools.available(scoped)).isNotEmpty().allMatch(t -> t.permission() == Permission.JOBS_READ)
                .noneMatch(Tool::writes);
        refused(tools.call(scoped, "find_clients", "{}"), "shared.refused.permission");
        refused(tools.call(scoped, "add_job_note", "{\"jobId\":\"x\",\"body\":\"y\"}"), "shared.refused.permission");
        assertThat(ok(tools.call(scoped, "todays_visits", "")).get("items")).isNotNull();

        Job job = job(owner, client(owner, "Scoped Client"), "Scoped job");
        JsonNode read = ok(tools.call(scoped, "get_job", "{\"jobId\":\"" + job.id() + "\"}"));
        assertThat(read.get("number").asString()).isEqualTo(job.number());
        assertThat(read.has("client")).as("no clients:read, no client's name").isFalse();
        assertThat(ok(tools.call(owner, "get_job", "{\"jobId\":\"" + job.id() + "\"}")).get("client").asString())
                .isEqualTo("Scoped Client");

        // its schedule answers too, without whom and where
        visitToday(owner, job, 15, owner.userId().orElseThrow());
        JsonNode day = ok(tools.call(scoped, "todays_visits", "{}"));
        JsonNode visit = java.util.stream.StreamSupport.stream(day.get("items").spliterator(), false)
                .filter(v -> v.get("jobNumber").asString().equals(job.number())).findFirst().orElseThrow();
        assertThat(visit.has("client") || visit.has("clientPhone") || visit.has("address")).isFalse();

        // a token for jobs alone (no team:view) still writes and reads a job's notes, with their authors' names
        Actor jobsOnly = owner.through(Channel.MCP).withScopes(Set.of(Permission.JOBS_READ, Permission.JOBS_WRITE));
        ok(tools.call(jobsOnly, "add_job_note", "{\"jobId\":\"" + job.id() + "\",\"body\":\"Gate code at the office\"}"));
        JsonNode note = ok(tools.call(jobsOnly, "get_job", "{\"jobId\":\"" + job.id() + "\"}")).get("latestNotes").get(0);
        assertThat(note.get("body").asString()).isEqualTo("Gate code at the office");
        assertThat(note.get("author").asString()).isEqualTo(owner.displayName());
    }

    @Test
    void aUserCreatesJobsButOnlyAnAdminSchedulesThem() {
        Client client = client(owner, "Scheduling Client");
        Actor user = as(a, a.users.get(Role.USER), Channel.ASSISTANT);
        Actor admin = as(a, a.users.get(Role.ADMIN), Channel.ASSISTANT);
        String create = "{\"clientId\":\"" + client.id() + "\",\"title\":\"Gutter cleaning\"}";
        assertThat(ok(tools.preview(user, "create_job", create)).get("preview").asString())
                .contains("Gutter cleaning", "Scheduling Client", "Bahnhofstrasse 1");
        JsonNode job = ok(tools.call(user, "create_job", create));
        assertThat(job.get("status").asString()).isEqualTo("DRAFT");
        assertThat(job.get("address").asString()).contains("Bahnhofstrasse 1");
        String jobId = job.get("jobId").asString();

        String visit = "{\"jobId\":\"" + jobId + "\",\"start\":\"2031-03-04T09:00\",\"end\":\"2031-03-04T10:00\","
                + "\"assigneeIds\":[\"" + a.users.get(Role.ADMIN).id() + "\"]}";
        refused(tools.call(user, "schedule_visit", visit), "shared.refused.permission");
        assertThat(tools.available(user).stream().map(Tool::name)).contains("create_job").doesNotContain("schedule_visit");
        refused(tools.call(admin, "schedule_visit", visit.replace("2031-03-04T10:00", "soon")),
                "jobs.refused.time-format");
        refused(tools.preview(admin, "schedule_visit", visit.replace("2031-03-04T10:00", "soon")),
                "assistant.refused.date-time");
        assertThat(visits.visits(owner, jobId)).isEmpty();
        JsonNode scheduled = ok(tools.call(admin, "schedule_visit", visit));
        assertThat(scheduled.get("start").asString()).isEqualTo("2031-03-04T09:00:00+01:00");
        assertThat(jobs.get(owner, jobId).status().name()).isEqualTo("SCHEDULED");
        JsonNode read = ok(tools.call(user, "get_job", "{\"jobId\":\"" + jobId + "\"}"));
        assertThat(read.get("visits")).hasSize(1);
    }

    @Test
    void writesAreAuditedWithTheActorsChannel() {
        JsonNode made = ok(tools.call(owner, "create_client", "{\"name\":\"Assistant Client\",\"street\":\"Seestrasse 5\","
                + "\"postalCode\":\"8002\",\"city\":\"Zürich\"}"));
        String id = made.get("clientId").asString();
        assertThat(made.get("properties")).hasSize(1);
        assertThat(clients.history(owner, id, 10)).isNotEmpty().allMatch(e -> e.channel().equals("assistant"));

        Actor mcp = owner.through(Channel.MCP);
        Job job = job(owner, clients.get(owner, id), "Audited");
        ok(tools.call(mcp, "add_job_note", "{\"jobId\":\"" + job.id() + "\",\"body\":\"Bring the ladder\"}"));
        assertThat(jobs.notes(owner, job.id())).extracting(n -> n.body()).containsExactly("Bring the ladder");
        JsonNode client2 = ok(tools.call(mcp, "create_client", "{\"name\":\"MCP Client\"}"));
        assertThat(clients.history(owner, client2.get("clientId").asString(), 10)).isNotEmpty()
                .allMatch(e -> e.channel().equals("mcp"));
    }

    @Test
    void aPreviewNamesRealThingsAndWritesNothing() {
        Client keller = client(owner, "Mrs. Preview Keller");
        Job job = job(owner, keller, "Boiler check");
        String visit = visitToday(owner, job, 4, a.users.get(Role.ADMIN).id());
        long version = visits.visit(owner, visit).version();
        String move = "{\"visitId\":\"" + visit + "\",\"start\":\"2030-12-12T10:00\",\"end\":\"2030-12-12T11:00\"}";
        JsonNode preview = ok(tools.preview(owner, "reschedule_visit", move));
        assertThat(preview.get("preview").asString()).contains(job.number(), "Mrs. Preview Keller", "Thu 12 Dec 10:00–11:00");
        assertThat(visits.visit(owner, visit).version()).isEqualTo(version);
        assertThat(ok(tools.preview(owner, "add_job_note", "{\"jobId\":\"" + job.id() + "\",\"body\":\"Hi\"}"))
                .get("preview").asString()).contains(job.number());
        assertThat(jobs.notes(owner, job.id())).isEmpty();
        long before = clients.list(owner, "", true, Page.request(0, 1)).total();
        ok(tools.preview(owner, "create_client", "{\"name\":\"Previewed only\"}"));
        assertThat(clients.list(owner, "", true, Page.request(0, 1)).total()).isEqualTo(before);

        JsonNode moved = ok(tools.call(owner, "reschedule_visit", move));
        assertThat(moved.get("start").asString()).isEqualTo("2030-12-12T10:00:00+01:00");
        refused(tools.call(owner, "reschedule_visit", move.replace("}", ",\"version\":" + version + "}")),
                "refusal.version-conflict");
        refused(tools.preview(owner, "reschedule_visit", move.replace("}", ",\"version\":" + version + "}")),
                "refusal.version-conflict");
    }

    @Test
    void aQuoteIsDraftedPreviewedAndSentThroughTheQuoteService() {
        Client acme = clients.create(owner, new NewClient("Acme Quotes AG", "office@acme.example", null, null, List.of()),
                new NewProperty(null, "Seestrasse 5", "Zürich", null, "8002", "CH", null, null));
        String args = "{\"clientId\":\"" + acme.id() + "\",\"title\":\"Boiler service\",\"lines\":["
                + "{\"description\":\"Annual service\",\"quantity\":1,\"unitPrice\":18000},"
                + "{\"description\":\"Filter\",\"quantity\":2,\"unitPrice\":2500}]}";
        long before = quotes.count(owner, org.fieldstone.quotes.QuoteQuery.ALL);
        String preview = ok(tools.preview(owner, "create_quote", args)).get("preview").asString();
        assertThat(preview).contains("Boiler service", "Acme Quotes AG", "2 lines");
        assertThat(quotes.count(owner, org.fieldstone.quotes.QuoteQuery.ALL)).isEqualTo(before);

        JsonNode draft = ok(tools.call(owner, "create_quote", args));
        assertThat(draft.get("status").asString()).isEqualTo("DRAFT");
        assertThat(draft.get("lines")).hasSize(2);
        assertThat(draft.get("total").get("currency").asString()).hasSize(3);
        String id = draft.get("quoteId").asString();
        assertThat(ok(tools.preview(owner, "send_quote", "{\"quoteId\":\"" + id + "\"}")).get("preview").asString())
                .contains("office@acme.example", "Boiler service");
        assertThat(quotes.get(owner, id).status().name()).isEqualTo("DRAFT");
        refused(tools.call(owner, "send_quote", "{\"quoteId\":\"" + id + "\",\"version\":" + (draft.get("version")
                .asLong() + 7) + "}"), "refusal.version-conflict");
        JsonNode sent = ok(tools.call(owner, "send_quote", "{\"quoteId\":\"" + id + "\"}"));
        assertThat(sent.get("status").asString()).isEqualTo("SENT");

        Actor reader = as(a, a.users.get(Role.READ_ONLY), Channel.ASSISTANT);
        refused(tools.call(reader, "create_quote", args), "shared.refused.permission");
        Actor other = as(b, b.users.get(Role.OWNER), Channel.ASSISTANT);
        refused(tools.call(other, "send_quote", "{\"quoteId\":\"" + id + "\"}"), "refusal.not-found");
        refused(tools.call(owner, "create_quote", args.replace("\"quantity\":1,", "\"quantity\":\"one\",")),
                "assistant.refused.argument-invalid");
    }

    @Test
    void invoicesAreListedAndAPaymentNeedsPaymentsRecord() {
        Client client = client(owner, "Invoice Client");
        String property = clients.properties(owner, client.id()).getFirst().id();
        var draft = invoices.create(owner, new org.fieldstone.invoices.NewInvoice(client.id(), property, "Repair",
                List.of(new org.fieldstone.pricing.LineInput(null, null, "Repair work", java.math.BigDecimal.ONE, 10000L,
                        null, org.fieldstone.shared.Change.to(null), false, null)), null, null, null, null, null));
        var invoice = invoices.send(owner, draft.id(), draft.version());

        JsonNode sentList = ok(tools.call(owner, "list_invoices", "{\"status\":\"SENT\",\"clientId\":\""
                + client.id() + "\"}"));
        assertThat(ids(sentList, "invoiceId")).containsExactly(invoice.id());
        assertThat(sentList.get("items").get(0).get("balance").get("amount").asLong()).isEqualTo(10000);
        refused(tools.call(owner, "list_invoices", "{\"status\":\"LOST\"}"), "assistant.refused.argument-invalid");

        String pay = "{\"invoiceId\":\"" + invoice.id() + "\",\"amount\":4000,\"method\":\"BANK_TRANSFER\"}";
        Actor user = as(a, a.users.get(Role.USER), Channel.ASSISTANT);
        assertThat(tools.available(user).stream().map(Tool::name)).doesNotContain("record_payment");
        refused(tools.call(user, "record_payment", pay), "shared.refused.permission");
        refused(tools.call(owner, "record_payment", pay.replace("BANK_TRANSFER", "CARD")),
                "assistant.refused.argument-invalid");
        refused(tools.call(owner, "record_payment", pay.replace("4000", "-4000")), "assistant.refused.payment-amount");
        Actor admin = as(a, a.users.get(Role.ADMIN), Channel.MCP);
        assertThat(ok(tools.preview(admin, "record_payment", pay)).get("preview").asString())
                .contains("40.00", "bank transfer", "Repair", "Invoice Client");
        assertThat(invoices.payments(owner, invoice.id())).isEmpty();
        JsonNode recorded = ok(tools.call(admin, "record_payment", pay));
        assertThat(recorded.get("invoice").get("status").asString()).isEqualTo("PARTIALLY_PAID");
        assertThat(recorded.get("invoice").get("balance").get("amount").asLong()).isEqualTo(6000);
        assertThat(recorded.get("invoice").get("balance").get("formatted").asString()).contains("60.00");
        JsonNode read = ok(tools.call(owner, "get_invoice", "{\"invoiceId\":\"" + invoice.id() + "\"}"));
        assertThat(read.get("payments")).hasSize(1);
        assertThat(invoices.history(owner, invoice.id(), 20)).anyMatch(e -> e.channel().equals("mcp"));

        Actor other = as(b, b.users.get(Role.OWNER), Channel.ASSISTANT);
        refused(tools.call(other, "get_invoice", "{\"invoiceId\":\"" + invoice.id() + "\"}"), "refusal.not-found");
    }

    @Test
    void aTechnicianRecordsPartsFromTheirVanOnTheirJobOnly() {
        User tech = a.addUser(Role.USER);
        Actor technician = as(a, tech, Channel.ASSISTANT);
        String sku = "VALVE-" + System.nanoTime();
        var item = inventory.createItem(owner, new org.fieldstone.pricing.Pricing.NewProduct("PRODUCT", "Valve " + sku,
                null, 1500L, null, "pc", sku, 700L, null));
        var van = inventory.createLocation(owner, new org.fieldstone.inventory.Inventory.NewLocation("VAN", "Van " + sku,
                tech.id().toString(), null));
        inventory.record(owner, new org.fieldstone.inventory.Inventory.NewMovement("RECEIVE", item.id(), 5000L, null,
                van.id(), null, null, "Supplier", 700L, null));
        Client client = client(owner, "Parts Client");
        Job mine = job(owner, client, "Valve swap", tech.id());
        Job theirs = job(owner, client, "Someone else's");

        JsonNode stock = ok(tools.call(technician, "stock_of_item", "{\"query\":\"" + sku + "\"}"));
        assertThat(stock.get("items").get(0).get("total").decimalValue()).isEqualByComparingTo("5");
        assertThat(stock.get("items").get(0).get("locations").get(0).get("location").asString()).isEqualTo("Van " + sku);

        String use = "{\"jobId\":\"" + mine.id() + "\",\"itemId\":\"" + item.id() + "\",\"quantity\":2}";
        assertThat(ok(tools.preview(technician, "record_parts_used", use)).get("preview").asString())
                .contains("2 pc", "Valve " + sku, mine.number(), "Van " + sku);
        assertThat(inventory.stock(owner, item.id(), van.id()).getFirst().quantity()).isEqualTo(5000);
        ok(tools.call(technician, "record_parts_used", use));
        assertThat(inventory.stock(owner, item.id(), van.id()).getFirst().quantity()).isEqualTo(3000);
        refused(tools.call(technician, "record_parts_used", use.replace(mine.id(), theirs.id())), "refusal.not-found");
        refused(tools.call(technician, "record_parts_used", use.replace("\"quantity\":2", "\"quantity\":0")),
                "assistant.refused.quantity");
        assertThat(inventory.stock(owner, item.id(), van.id()).getFirst().quantity()).isEqualTo(3000);
    }
}
