package org.fieldstone.jobs.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.fieldstone.support.ApiClient.assertProblem;
import static org.fieldstone.support.ApiClient.body;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.fieldstone.shared.Role;
import org.fieldstone.support.Fixtures.TestCompany;
import org.fieldstone.support.Https.Response;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import tools.jackson.databind.JsonNode;

/**
 * The REST API of jobs, visits, checklist templates and work settings over real HTTPS: fields, human numbers,
 * every legal and illegal step of the lifecycle (a refusal is 409 and changes nothing), required checklist items,
 * time on site, ETag/If-Match under concurrent writes, validation, the role matrix and isolation between companies.
 */
abstract class JobsApiContract extends JobsApiTestSupport {

    @Test
    void createsAJobWithEveryFieldLocationAndETagAndReadsItBack() {
        Response tpl = api.post("/api/v1/checklist-templates", admin,
                "{\"name\":\"Boiler service\",\"items\":[{\"text\":\"Check pressure\",\"required\":true}]}");
        assertThat(tpl.status()).as(tpl.body()).isEqualTo(201);
        String crew = body(api.post("/api/v1/crews", admin,
                "{\"name\":\"Crew " + token() + "\",\"members\":[\"" + userId(a, Role.USER) + "\"]}")).get("id").asString();
        Response r = api.post(JOBS, admin, """
                {"clientId": "%s", "propertyId": "%s", "title": " Boiler service ", "description": "Yearly",
                 "priority": "high", "tags": ["boiler", "yearly"], "crewId": "%s", "assignees": ["%s"],
                 "lineItems": [{"kind": "WORK", "description": "Labour", "quantity": 1.5, "unitPrice": 12000, "taxRate": 8.1},
                               {"kind": "part", "description": "Seal", "quantity": 2, "unitPrice": 350, "taxRate": 8.1}],
                 "checklistTemplateId": "%s", "checklist": [{"text": "Photo of the meter"}],
                 "firstVisit": {"start": "2027-01-12T09:00", "end": "2027-01-12T11:00"}}
                """.formatted(clientId, propertyId, crew, userId(a, Role.ADMIN), body(tpl).get("id").asString()));
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        JsonNode job = body(r);
        String id = job.get("id").asString();
        assertThat(r.header("Location")).endsWith(JOBS + "/" + id);
        assertThat(r.header("ETag")).isEqualTo("\"" + job.get("version").asLong() + "\"");
        assertThat(job.get("number").asString()).matches("J-\\d{4,}");
        assertThat(job.get("title").asString()).isEqualTo("Boiler service");
        assertThat(job.get("priority").asString()).isEqualTo("HIGH");
        assertThat(job.get("status").asString()).as("a first visit schedules it").isEqualTo("SCHEDULED");
        assertThat(job.get("tags")).hasSize(2);
        assertThat(job.get("lineItems")).hasSize(2);
        assertThat(job.get("lineItems").get(1).get("kind").asString()).isEqualTo("PART");
        assertThat(job.get("lineItems").get(0).get("quantity").decimalValue()).isEqualByComparingTo("1.5");
        assertThat(job.get("netTotal").asLong()).isEqualTo(18000 + 700);
        assertThat(job.get("crewId").asString()).isEqualTo(crew);
        assertThat(job.get("assignees").get(0).asString()).isEqualTo(userId(a, Role.ADMIN));
        assertThat(job.get("checklist").valueStream().map(i -> i.get("text").asString()).toList())
                .containsExactly("Check pressure", "Photo of the meter");
        assertThat(job.get("checklist").get(0).get("required").asBoolean()).isTrue();
        assertThat(job.get("checklist").get(1).get("done").asBoolean()).isFalse();
        assertThat(job.get("flags").get("unscheduled").asBoolean()).isFalse();
        assertThat(job.get("timeOnSiteMinutes").asLong()).isZero();
        assertThat(job.get("recurrence").isNull()).isTrue();
        assertThat(job.get("completedAt").isNull()).isTrue();
        Response read = api.get(JOBS + "/" + id, owner);
        assertThat(read.header("ETag")).isEqualTo(r.header("ETag"));
        assertThat(body(read)).isEqualTo(job);

        JsonNode visits = get(JOBS + "/" + id + "/visits");
        assertThat(visits).hasSize(1);
        assertThat(visits.get(0).get("start").asString()).isEqualTo("2027-01-12T09:00:00+01:00");
        assertThat(visits.get(0).get("assignees").get(0).asString()).as("the job's assignees").isEqualTo(userId(a, Role.ADMIN));
        assertThat(visits.get(0).get("jobId").asString()).isEqualTo(id);

        Response patched = api.patch(JOBS + "/" + id, admin, read.header("ETag"), """
                {"title": "Boiler service 2027", "description": null, "tags": null,
                 "lineItems": [{"kind": "WORK", "description": "Flat fee", "quantity": 1, "unitPrice": 9900, "taxRate": 0}],
                 "crewId": null, "assignees": []}""");
        assertThat(patched.status()).as(patched.body()).isEqualTo(200);
        JsonNode changed = body(patched);
        assertThat(changed.get("title").asString()).isEqualTo("Boiler service 2027");
        assertThat(changed.get("description").isNull()).isTrue();
        assertThat(changed.get("tags")).isEmpty();
        assertThat(changed.get("lineItems")).hasSize(1);
        assertThat(changed.get("netTotal").asLong()).isEqualTo(9900);
        assertThat(changed.get("crewId").isNull()).isTrue();
        assertThat(changed.get("assignees")).isEmpty();
        assertThat(changed.get("priority").asString()).as("absent: kept").isEqualTo("HIGH");
        assertThat(patched.header("ETag")).isEqualTo("\"" + changed.get("version").asLong() + "\"");
    }

    @Test
    void numbersAreGapFreeAndADeletedJobsNumberIsNotGivenAgain() {
        TestCompany c = fixtures.company("jobs-numbers");
        String key = c.apiKey(c.owner(), java.util.Optional.empty());
        String[] client = clientWithProperty(key, "Numbered");
        String body = "{\"clientId\":\"" + client[0] + "\",\"propertyId\":\"" + client[1] + "\",\"title\":\"T\"}";
        List<String> numbers = new ArrayList<>();
        List<String> jobIds = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            JsonNode j = body(api.post(JOBS, key, body));
            numbers.add(j.get("number").asString());
            jobIds.add(j.get("id").asString());
        }
        assertThat(numbers).containsExactly("J-0001", "J-0002");
        assertThat(api.delete(JOBS + "/" + jobIds.get(1), key, "\"1\"").status()).isEqualTo(204);
        assertThat(api.get(JOBS + "/" + jobIds.get(1), key).status()).isEqualTo(404);
        assertThat(body(api.post(JOBS, key, body)).get("number").asString()).isEqualTo("J-0003");
        assertThat(body(api.get(JOBS, key)).get("total").asLong()).isEqualTo(2);
    }

    @Test
    void jobsCreatedAtTheSameTimeNeverShareANumberAndLeaveNoGap() throws Exception {
        TestCompany c = fixtures.company("jobs-numbers-race");
        String key = c.apiKey(c.owner(), java.util.Optional.empty());
        String[] client = clientWithProperty(key, "Racing");
        String body = "{\"clientId\":\"" + client[0] + "\",\"propertyId\":\"" + client[1] + "\",\"title\":\"T\"}";
        int writers = 8;
        var start = new java.util.concurrent.CountDownLatch(1);
        List<java.util.concurrent.Future<Response>> answers = new ArrayList<>();
        try (var pool = java.util.concurrent.Executors.newFixedThreadPool(writers)) {
            for (int i = 0; i < writers; i++) {
                answers.add(pool.submit(() -> {
                    start.await();
                    return new org.fieldstone.support.Https(port).json("POST", JOBS, key, body);
                }));
            }
            start.countDown();
            List<String> numbers = new ArrayList<>();
            for (var answer : answers) {
                Response r = answer.get();
                assertThat(r.status()).as(r.body()).isEqualTo(201);
                numbers.add(body(r).get("number").asString());
            }
            assertThat(numbers).containsExactlyInAnyOrder("J-0001", "J-0002", "J-0003", "J-0004", "J-0005", "J-0006",
                    "J-0007", "J-0008");
        }
    }

    @Test
    void everyLegalStepOfTheLifecycle() {
        // DRAFT → SCHEDULED (a visit) → IN_PROGRESS (the visit starts) → COMPLETED → reopened: DRAFT (no open visit)
        String id = job("Lifecycle").get("id").asString();
        String path = JOBS + "/" + id;
        assertThat(get(path).get("status").asString()).isEqualTo("DRAFT");
        assertThat(get(path).get("flags").get("unscheduled").asBoolean()).isTrue();
        String v = visit(id, "2027-01-13T09:00", "2027-01-13T10:00", userId(a, Role.USER)).get("id").asString();
        assertThat(get(path).get("status").asString()).isEqualTo("SCHEDULED");
        assertThat(get(VISITS + "/" + v).get("status").asString()).isEqualTo("SCHEDULED");
        Response started = act(VISITS + "/" + v, user, "start");
        assertThat(started.status()).as("scheduled → in progress, without On my way").isEqualTo(200);
        assertThat(body(started).get("status").asString()).isEqualTo("IN_PROGRESS");
        assertThat(get(path).get("status").asString()).isEqualTo("IN_PROGRESS");
        assertStatus(act(path, user, "complete"), "COMPLETED");
        assertThat(get(path).get("completedAt").isNull()).isFalse();
        assertThat(get(path).get("flags").get("requiresInvoicing").asBoolean()).isTrue();
        assertStatus(act(path, user, "reopen"), "DRAFT");
        assertThat(get(path).get("completedAt").isNull()).isTrue();
        // DRAFT → CANCELLED → reopened
        assertStatus(act(path, user, "cancel"), "CANCELLED");
        assertStatus(act(path, user, "reopen"), "DRAFT");
        // SCHEDULED → COMPLETED, SCHEDULED → CANCELLED (its open visits are cancelled), reopened: SCHEDULED again?
        visit(id, "2027-01-14T09:00", "2027-01-14T10:00");
        assertStatus(act(path, owner, "complete"), "COMPLETED");
        assertStatus(act(path, owner, "reopen"), "DRAFT");
        visit(id, "2027-01-15T09:00", "2027-01-15T10:00");
        assertStatus(act(path, owner, "cancel"), "CANCELLED");
        assertThat(get(path + "/visits").valueStream().map(x -> x.get("status").asString()))
                .doesNotContain("SCHEDULED", "EN_ROUTE", "IN_PROGRESS");
        // IN_PROGRESS → CANCELLED
        String other = job("Cancelled while on site").get("id").asString();
        String w = visit(other, "2027-01-13T13:00", "2027-01-13T14:00").get("id").asString();
        assertThat(act(VISITS + "/" + w, owner, "start").status()).isEqualTo(200);
        assertStatus(act(JOBS + "/" + other, owner, "cancel"), "CANCELLED");
    }

    @Test
    void aVisitGoesOnTheWayStartsAndFinishesWithTimeOnSiteAndTheLastOneCompletesTheJob() {
        String id = job("On site").get("id").asString();
        String first = visit(id, "2027-01-18T08:00", "2027-01-18T10:00", userId(a, Role.USER)).get("id").asString();
        String second = visit(id, "2027-01-19T08:00", "2027-01-19T10:00", userId(a, Role.USER)).get("id").asString();
        Response enRoute = act(VISITS + "/" + first, user, "en-route");
        assertThat(enRoute.status()).as(enRoute.body()).isEqualTo(200);
        assertThat(body(enRoute).get("status").asString()).isEqualTo("EN_ROUTE");
        assertThat(body(enRoute).get("enRouteAt").asString()).matches(".*[+-]0[12]:00");
        assertThat(enRoute.header("ETag")).isEqualTo("\"" + body(enRoute).get("version").asLong() + "\"");
        assertThat(act(VISITS + "/" + first, user, "start").status()).isEqualTo(200);
        clock.advance(Duration.ofMinutes(95));
        Response finished = act(VISITS + "/" + first, user, "finish");
        assertThat(finished.status()).as(finished.body()).isEqualTo(200);
        assertThat(body(finished).get("status").asString()).isEqualTo("COMPLETED");
        assertThat(body(finished).get("timeOnSiteMinutes").asLong()).isEqualTo(95);
        assertThat(get(JOBS + "/" + id).get("status").asString()).as("another visit is open").isEqualTo("IN_PROGRESS");
        assertThat(get(JOBS + "/" + id).get("timeOnSiteMinutes").asLong()).isEqualTo(95);

        assertThat(act(VISITS + "/" + second, user, "start").status()).isEqualTo(200);
        clock.advance(Duration.ofMinutes(30));
        assertThat(act(VISITS + "/" + second, user, "finish").status()).isEqualTo(200);
        JsonNode job = get(JOBS + "/" + id);
        assertThat(job.get("status").asString()).as("the last visit finished").isEqualTo("COMPLETED");
        assertThat(job.get("timeOnSiteMinutes").asLong()).isEqualTo(125);
    }

    @Test
    void illegalStepsAre409ProblemsAndChangeNeitherTheRecordNorTheAuditTrail() {
        String draft = job("Illegal").get("id").asString();
        assertRefused(JOBS + "/" + draft, "complete", "draft");
        assertRefused(JOBS + "/" + draft, "reopen", "draft");
        String visitId = visit(draft, "2027-01-20T09:00", "2027-01-20T10:00").get("id").asString();
        assertRefused(VISITS + "/" + visitId, "finish", "scheduled");
        assertThat(act(VISITS + "/" + visitId, owner, "start").status()).isEqualTo(200);
        assertRefused(VISITS + "/" + visitId, "en-route", "in progress");
        assertRefused(VISITS + "/" + visitId, "start", "in progress");
        assertRefused(JOBS + "/" + draft, "reopen", "in progress");
        assertThat(act(JOBS + "/" + draft, owner, "cancel").status()).isEqualTo(200);
        assertRefused(JOBS + "/" + draft, "cancel", "cancelled");
        assertRefused(JOBS + "/" + draft, "complete", "cancelled");

        String done = job("Completed").get("id").asString();
        String v = visit(done, "2027-01-20T11:00", "2027-01-20T12:00").get("id").asString();
        String later = visit(done, "2027-01-21T11:00", "2027-01-21T12:00").get("id").asString();
        assertThat(act(VISITS + "/" + v, owner, "start").status()).isEqualTo(200);
        assertThat(act(JOBS + "/" + done, owner, "complete").status()).isEqualTo(200);
        for (String action : List.of("en-route", "start", "finish", "cancel")) {
            assertRefused(VISITS + "/" + later, action, "");
        }
        assertRefused(JOBS + "/" + done, "complete", "completed");
    }

    @Test
    void requiredChecklistItemsBlockCompletionUntilTicked() {
        JsonNode created = job(owner, """
                {"title": "Checked", "checklist": [{"text": "Gas off", "required": true}, {"text": "Tidy up"},
                 {"text": "Signature", "required": true}]}""");
        String id = created.get("id").asString();
        String visitId = visit(id, "2027-01-22T09:00", "2027-01-22T10:00", userId(a, Role.USER)).get("id").asString();
        long version = get(JOBS + "/" + id).get("version").asLong();
        long entries = api.allAuditEntries(a);
        Response refused = api.post(JOBS + "/" + id + "/actions/complete", user, "\"" + version + "\"", null);
        assertProblem(refused, 409);
        assertThat(body(refused).get("reasons").valueStream().map(JsonNode::asString).toList())
                .containsExactly("Gas off", "Signature");
        assertThat(get(JOBS + "/" + id).get("version").asLong()).isEqualTo(version);
        assertThat(api.allAuditEntries(a)).isEqualTo(entries);

        JsonNode checklist = created.get("checklist");
        for (int i : new int[] {0, 2}) {
            String item = checklist.get(i).get("id").asString();
            Response ticked = api.patch(JOBS + "/" + id + "/checklist/" + item, user, null, "{\"done\":true}");
            assertThat(ticked.status()).as(ticked.body()).isEqualTo(200);
            JsonNode tickedItem = body(ticked).get("checklist").get(i);
            assertThat(tickedItem.get("done").asBoolean()).isTrue();
            assertThat(tickedItem.get("doneBy").asString()).isEqualTo(userId(a, Role.USER));
            assertThat(tickedItem.get("doneAt").isNull()).isFalse();
        }
        long afterTicks = api.allAuditEntries(a);
        String gasOff = checklist.get(0).get("id").asString();
        assertThat(api.patch(JOBS + "/" + id + "/checklist/" + gasOff, user, null, "{\"done\":true}").status())
                .as("idempotent").isEqualTo(200);
        assertThat(api.allAuditEntries(a)).isEqualTo(afterTicks);
        assertThat(api.patch(JOBS + "/" + id + "/checklist/" + gasOff, user, null, "{\"done\":\"yes\"}").status()).isEqualTo(400);
        assertThat(api.patch(JOBS + "/" + id + "/checklist/no-such-item", user, null, "{\"done\":true}").status()).isEqualTo(404);
        assertStatus(act(JOBS + "/" + id, user, "complete"), "COMPLETED");
        // as documented: completing cancels the job's open visits, future ones included; it does not ask
        assertThat(get(VISITS + "/" + visitId).get("status").asString()).isEqualTo("CANCELLED");
    }

    @Test
    void templatesAreCopiedIntoJobsAndManagedWithETags() {
        Response created = api.post("/api/v1/checklist-templates", admin,
                "{\"name\":\"Gutter clean\",\"items\":[{\"text\":\"Ladder secured\",\"required\":true},{\"text\":\"Photos\"}]}");
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        String tid = body(created).get("id").asString();
        String path = "/api/v1/checklist-templates/" + tid;
        assertThat(created.header("Location")).endsWith(path);
        assertThat(ids(body(api.get("/api/v1/checklist-templates", user)))).contains(tid);
        String jobId = job("Gutters").get("id").asString();
        Response copied = api.post(JOBS + "/" + jobId + "/checklist", owner, "{\"templateId\":\"" + tid + "\"}");
        assertThat(copied.status()).as(copied.body()).isEqualTo(200);
        assertThat(body(copied).get("checklist")).hasSize(2);
        assertThat(api.post(JOBS + "/" + jobId + "/checklist", owner, "{\"templateId\":\"nope\"}").status())
                .isEqualTo(400);

        assertThat(api.patch(path, admin, null, "{\"name\":\"Gutters\"}").status()).isEqualTo(428);
        Response renamed = api.patch(path, admin, "\"1\"", "{\"name\":\"Gutters\"}");
        assertThat(renamed.status()).as(renamed.body()).isEqualTo(200);
        assertThat(renamed.header("ETag")).isEqualTo("\"2\"");
        assertThat(body(renamed).get("items")).hasSize(2);
        assertThat(api.patch(path, admin, "\"1\"", "{\"name\":\"Stale\"}").status()).isEqualTo(412);
        assertThat(api.delete(path, admin, "\"2\"").status()).isEqualTo(204);
        assertThat(api.get(path, admin).status()).isEqualTo(404);
        assertThat(get(JOBS + "/" + jobId).get("checklist")).as("jobs keep their copy").hasSize(2);
    }

    @Test
    void notesAreAddedAndListedWithTheirAuthor() {
        String id = job("Noted").get("id").asString();
        Response added = api.post(JOBS + "/" + id + "/notes", owner, "{\"body\":\"Dog in the garden\"}");
        assertThat(added.status()).as(added.body()).isEqualTo(201);
        assertThat(body(added).get("authorId").asString()).isEqualTo(userId(a, Role.OWNER));
        assertThat(api.post(JOBS + "/" + id + "/notes", owner, "{\"body\":\"  \"}").status()).isEqualTo(400);
        JsonNode notes = get(JOBS + "/" + id + "/notes");
        assertThat(notes).hasSize(1);
        assertThat(notes.get(0).get("body").asString()).isEqualTo("Dog in the garden");
        assertThat(notes.get(0).get("authorName").asString()).isNotBlank();
    }

    @Test
    void listsFiltersAndRefusesUnknownFilterValuesByName() {
        String[] other = clientWithProperty(owner, "Filtered " + token());
        String body = "{\"clientId\":\"" + other[0] + "\",\"propertyId\":\"" + other[1] + "\",\"title\":\"F\"}";
        String draft = body(api.post(JOBS, owner, body)).get("id").asString();
        String late = body(api.post(JOBS, owner, body)).get("id").asString();
        visit(late, "2026-01-05T09:00", "2026-01-05T10:00", userId(a, Role.ADMIN));
        String done = body(api.post(JOBS, owner, body)).get("id").asString();
        visit(done, "2027-02-01T09:00", "2027-02-01T10:00");
        assertThat(act(JOBS + "/" + done, owner, "complete").status()).isEqualTo(200);

        String byClient = JOBS + "?clientId=" + other[0];
        assertThat(ids(get(byClient))).containsExactlyInAnyOrder(draft, late, done);
        assertThat(ids(get(byClient + "&status=draft"))).containsExactly(draft);
        assertThat(ids(get(byClient + "&flag=unscheduled"))).containsExactly(draft);
        assertThat(ids(get(byClient + "&flag=late"))).containsExactly(late);
        assertThat(ids(get(byClient + "&flag=requires-invoicing"))).containsExactly(done);
        assertThat(ids(get(byClient + "&assignee=" + userId(a, Role.ADMIN)))).containsExactly(late);
        assertThat(ids(get(byClient + "&from=2026-01-05&to=2026-01-05"))).containsExactly(late);
        assertThat(ids(get(byClient + "&from=2026-01-05T09:30&to=2026-01-06"))).isEmpty();
        assertThat(ids(get(byClient + "&from=2026-01-05T08:00:00Z&to=2026-01-05T08:30:00Z"))).containsExactly(late);
        assertThat(get(byClient + "&size=1").get("total").asLong()).isEqualTo(3);
        assertThat(get(byClient + "&size=1").get("items")).hasSize(1);

        for (String bad : List.of("status=open", "flag=overdue", "assignee=bob", "from=yesterday", "to=2026-13-01",
                "size=0", "page=-1")) {
            Response r = api.get(byClient + "&" + bad, owner);
            assertProblem(r, 400);
            assertThat(body(r).get("errors").has(bad.substring(0, bad.indexOf('=')))).as(bad).isTrue();
        }
    }

    @Test
    void invalidInputIs400WithTheFieldAndStoresNothing() {
        long jobsBefore = get(JOBS + "?size=1").get("total").asLong();
        long entries = api.allAuditEntries(a);
        String[] otherClient = clientWithProperty(owner, "Someone else");
        long afterClient = api.allAuditEntries(a);
        assertInvalid("{\"clientId\":\"" + clientId + "\",\"propertyId\":\"" + otherClient[1] + "\",\"title\":\"X\"}",
                "propertyId");
        assertInvalid("{\"clientId\":\"no-such-client\",\"propertyId\":\"" + propertyId + "\",\"title\":\"X\"}", "clientId");
        assertInvalid(withClient("\"title\":\"   \""), "title");
        assertInvalid(withClient("\"title\":\"X\",\"description\":\"" + "d".repeat(10_001) + "\""), "description");
        assertInvalid(withClient("\"title\":\"X\",\"firstVisit\":{\"start\":\"2027-01-12T10:00\",\"end\":\"2027-01-12T09:00\"}"),
                "end");
        assertInvalid(withClient("\"title\":\"X\",\"firstVisit\":{\"start\":\"next tuesday\",\"end\":\"2027-01-12T09:00\"}"),
                "start");
        assertInvalid(withClient("\"title\":\"X\",\"firstVisit\":{\"start\":\"2027-01-01T09:00\",\"end\":\"2027-01-16T09:00\"}"),
                "end");
        assertInvalid(withClient("\"title\":\"X\",\"lineItems\":[{\"kind\":\"WORK\",\"description\":\"L\",\"quantity\":-1,"
                + "\"unitPrice\":100,\"taxRate\":8.1}]"), "lineItems[0].quantity");
        assertInvalid(withClient("\"title\":\"X\",\"lineItems\":[{\"kind\":\"GIFT\",\"description\":\"L\",\"quantity\":1,"
                + "\"unitPrice\":100,\"taxRate\":8.1}]"), "lineItems[0].kind");
        assertInvalid(withClient("\"title\":\"X\",\"lineItems\":[{\"kind\":\"WORK\",\"description\":\"L\",\"quantity\":1,"
                + "\"unitPrice\":1.5,\"taxRate\":101}]"), "lineItems[0].unitPrice");
        assertInvalid(withClient("\"title\":\"X\",\"colour\":\"red\""), "colour");
        assertInvalid(withClient("\"title\":\"X\",\"status\":\"COMPLETED\""), "status");
        assertInvalid(withClient("\"title\":\"X\",\"assignees\":[\"not-a-user\"]"), "assignees");
        Response malformed = api.post(JOBS, owner, "{\"title\":");
        assertProblem(malformed, 400);
        assertProblem(api.post(JOBS, owner, "[]"), 400);
        assertThat(get(JOBS + "?size=1").get("total").asLong()).isEqualTo(jobsBefore);
        assertThat(api.allAuditEntries(a)).isEqualTo(afterClient).isGreaterThan(entries);

        String id = job("Valid").get("id").asString();
        assertThat(api.patch(JOBS + "/" + id, owner, "\"1\"", "{\"title\":null}").status()).isEqualTo(400);
        assertThat(api.patch(JOBS + "/" + id, owner, "\"1\"", "{\"number\":\"J-9999\"}").status()).isEqualTo(400);
        String visitId = visit(id, "2027-01-26T09:00", "2027-01-26T10:00").get("id").asString();
        long version = get(VISITS + "/" + visitId).get("version").asLong();
        Response badVisit = api.patch(VISITS + "/" + visitId, owner, "\"" + version + "\"", "{\"end\":\"2027-01-26T08:00\"}");
        assertProblem(badVisit, 400);
        assertThat(body(badVisit).get("errors").has("end")).isTrue();
        assertThat(api.patch(VISITS + "/" + visitId, owner, "\"" + version + "\"", "{\"start\":")
                .status()).isEqualTo(400);
        assertThat(api.patch(VISITS + "/" + visitId + "?scope=all", owner, "\"" + version + "\"", "{}").status()).isEqualTo(400);
        assertThat(get(VISITS + "/" + visitId).get("version").asLong()).isEqualTo(version);
        assertThat(get(JOBS + "/" + id).get("title").asString()).isEqualTo("Valid");
    }

    @Test
    void changesNeedIfMatchAndAStaleOneIs412() {
        String id = job("Versioned").get("id").asString();
        String path = JOBS + "/" + id;
        assertProblem(api.patch(path, owner, null, "{\"title\":\"No\"}"), 428);
        assertProblem(api.delete(path, owner, null), 428);
        assertProblem(api.post(path + "/actions/cancel", owner, null, null), 428);
        assertThat(api.patch(path, owner, "\"1\"", "{\"title\":\"Yes\"}").status()).isEqualTo(200);
        Response stale = api.patch(path, owner, "\"1\"", "{\"title\":\"Stale\"}");
        assertProblem(stale, 412);
        assertThat(body(stale).get("currentVersion").asLong()).isEqualTo(2);
        assertProblem(api.post(path + "/actions/cancel", owner, "\"1\"", null), 412);
        assertProblem(api.post(path + "/actions/archive", owner, "\"2\"", null), 404);
        assertThat(get(path).get("title").asString()).isEqualTo("Yes");
        assertThat(get(path).get("status").asString()).isEqualTo("DRAFT");
    }

    @Test
    void twoAdminsMovingTheSameVisitWithTheSameIfMatchLetExactlyOneThrough() throws Exception {
        String other = a.apiKey(a.addUser(Role.ADMIN), java.util.Optional.empty());
        for (int round = 0; round < 3; round++) {
            String id = job("Contended " + round).get("id").asString();
            String visitId = visit(id, "2027-01-27T09:00", "2027-01-27T10:00").get("id").asString();
            String tag = "\"" + get(VISITS + "/" + visitId).get("version").asLong() + "\"";
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Response>> answers = new ArrayList<>();
            try (ExecutorService pool = Executors.newFixedThreadPool(2)) {
                String[][] edits = {{admin, "2027-01-27T13:00"}, {other, "2027-01-27T15:00"}};
                for (String[] edit : edits) {
                    answers.add(pool.submit(() -> {
                        start.await();
                        return api.patch(VISITS + "/" + visitId, edit[0], tag, "{\"start\":\"" + edit[1] + "\",\"end\":\""
                                + edit[1].replace("T13", "T14").replace("T15", "T16") + "\"}");
                    }));
                }
                start.countDown();
                Response first = answers.get(0).get();
                Response second = answers.get(1).get();
                assertThat(List.of(first.status(), second.status())).as("round %d", round).containsExactlyInAnyOrder(200, 412);
                Response winner = first.status() == 200 ? first : second;
                Response loser = first.status() == 200 ? second : first;
                assertThat(body(loser).get("detail").asString()).contains("changed");
                assertThat(get(VISITS + "/" + visitId).get("start").asString())
                        .isEqualTo(body(winner).get("start").asString());
            }
        }
    }

    @Test
    void anotherCompanysJobsVisitsAndTemplatesAreNotFoundAndNothingChanges() {
        String id = job("Secret " + token()).get("id").asString();
        String visitId = visit(id, "2027-01-28T09:00", "2027-01-28T10:00").get("id").asString();
        String item = job(owner, "{\"title\":\"With list\",\"checklist\":[{\"text\":\"x\"}]}").get("checklist").get(0)
                .get("id").asString();
        String tid = body(api.post("/api/v1/checklist-templates", owner, "{\"name\":\"Secret list\",\"items\":[]}"))
                .get("id").asString();
        long entries = api.allAuditEntries(a);
        String job = JOBS + "/" + id;
        String visit = VISITS + "/" + visitId;
        String template = "/api/v1/checklist-templates/" + tid;
        for (String key : List.of(b.keys.get(Role.OWNER), b.keys.get(Role.USER))) {
            List<Response> answers = List.of(api.get(job, key), api.patch(job, key, "\"1\"", "{\"title\":\"Stolen\"}"),
                    api.patch(job, key, null, "{\"title\":\"Stolen\"}"), api.delete(job, key, "\"1\""),
                    api.post(job + "/actions/cancel", key, "\"2\"", null), api.post(job + "/actions/complete", key, null, null),
                    api.get(job + "/notes", key), api.post(job + "/notes", key, "{\"body\":\"x\"}"),
                    api.patch(job + "/checklist/" + item, key, null, "{\"done\":true}"),
                    api.post(job + "/checklist", key, "{\"templateId\":\"" + tid + "\"}"),
                    api.get(job + "/visits", key),
                    api.post(job + "/visits", key, "{\"start\":\"2027-01-28T09:00\",\"end\":\"2027-01-28T10:00\"}"),
                    api.get(visit, key), api.patch(visit, key, "\"1\"", "{\"start\":\"2027-01-28T08:00\"}"),
                    api.patch(visit, key, null, "{\"start\":\"2027-01-28T08:00\"}"), api.delete(visit, key, "\"1\""),
                    api.post(visit + "/actions/en-route", key, "\"1\"", null), api.post(visit + "/actions/start", key, "\"1\"", null),
                    api.post(visit + "/actions/finish", key, "\"1\"", null), api.post(visit + "/actions/cancel", key, "\"1\"", null));
            for (Response r : answers) {
                assertThat(r.status()).as(r.body()).isIn(403, 404);
                assertThat(r.body()).doesNotContain("Secret");
            }
            assertThat(answers.stream().filter(r -> r.status() == 404)).as("owner: all not found")
                    .hasSizeGreaterThanOrEqualTo(key.equals(b.keys.get(Role.OWNER)) ? answers.size() : 1);
            if (key.equals(b.keys.get(Role.OWNER))) {
                for (Response r : List.of(api.get(template, key), api.patch(template, key, "\"1\"", "{\"name\":\"x\"}"),
                        api.delete(template, key, "\"1\""), api.delete(template, key, null))) {
                    assertThat(r.status()).as(r.body()).isEqualTo(404);
                }
            }
            assertThat(ids(body(api.get(JOBS + "?size=200", key)))).doesNotContain(id);
        }
        assertThat(get(job).get("version").asLong()).isEqualTo(1 + 1);
        assertThat(get(visit).get("version").asLong()).isEqualTo(1);
        assertThat(api.allAuditEntries(a)).isEqualTo(entries);
    }

    @ParameterizedTest
    @EnumSource(Role.class)
    void roleMatrix(Role role) {
        String key = a.keys.get(role);
        boolean writes = role != Role.READ_ONLY;
        boolean schedules = role == Role.OWNER || role == Role.ADMIN;
        String me = userId(a, role);
        // assigned to the caller so that a technician sees it
        String id = job(owner, "{\"title\":\"Matrix " + role + "\",\"assignees\":[\"" + me + "\"],"
                + "\"checklist\":[{\"text\":\"x\"}]}").get("id").asString();
        String path = JOBS + "/" + id;
        String visitId = visit(id, "2027-01-29T09:00", "2027-01-29T10:00", me).get("id").asString();
        String visit = VISITS + "/" + visitId;
        String item = get(path).get("checklist").get(0).get("id").asString();
        String tid = body(api.post("/api/v1/checklist-templates", owner, "{\"name\":\"Matrix\",\"items\":[]}"))
                .get("id").asString();
        String template = "/api/v1/checklist-templates/" + tid;

        for (String read : List.of(JOBS, path, path + "/notes", path + "/visits", visit, "/api/v1/checklist-templates",
                template, "/api/v1/settings/work", "/api/v1/schedule?from=2027-01-29&to=2027-01-29",
                "/api/v1/schedule/today")) {
            assertThat(api.get(read, key).status()).as(read).isEqualTo(200);
        }
        long entries = api.allAuditEntries(a);
        int jobWrite = writes ? 200 : 403;
        String tag = "\"" + get(path).get("version").asLong() + "\"";
        assertThat(api.patch(path, key, tag, "{\"title\":\"By " + role + "\"}").status()).isEqualTo(jobWrite);
        assertThat(api.post(path + "/notes", key, "{\"body\":\"by " + role + "\"}").status())
                .isEqualTo(writes ? 201 : 403);
        assertThat(api.patch(path + "/checklist/" + item, key, null, "{\"done\":true}").status()).isEqualTo(jobWrite);
        assertThat(api.post(path + "/checklist", key, "{\"templateId\":\"" + tid + "\"}").status()).isEqualTo(jobWrite);
        assertThat(api.post(JOBS, key, "{\"clientId\":\"" + clientId + "\",\"propertyId\":\"" + propertyId
                + "\",\"title\":\"New by " + role + "\"}").status()).isEqualTo(writes ? 201 : 403);
        // scheduling: only admins and owners
        int assign = schedules ? 200 : 403;
        String jobTag = "\"" + get(path).get("version").asLong() + "\"";
        assertThat(api.patch(path, key, jobTag, "{\"assignees\":[\"" + me + "\"],\"crewId\":null}").status()).isEqualTo(assign);
        assertThat(addVisit(key, id, "2027-01-30T09:00", "2027-01-30T10:00", me).status()).isEqualTo(schedules ? 201 : 403);
        assertThat(api.patch(visit, key, "\"1\"", "{\"start\":\"2027-01-29T08:00\"}").status()).isEqualTo(assign);
        String visitTag = "\"" + get(visit).get("version").asLong() + "\"";
        assertThat(api.post("/api/v1/checklist-templates", key, "{\"name\":\"By " + role + "\"}").status())
                .isEqualTo(schedules ? 201 : 403);
        assertThat(api.patch(template, key, "\"1\"", "{\"name\":\"Renamed\"}").status()).isEqualTo(assign);
        assertThat(api.put("/api/v1/settings/work", key, "{}").status()).isEqualTo(assign);
        // on site: every writer, on a visit they see
        assertThat(api.post(visit + "/actions/en-route", key, visitTag, null).status()).isEqualTo(jobWrite);
        if (writes) {
            assertThat(act(visit, key, "start").status()).isEqualTo(200);
            assertThat(act(visit, key, "finish").status()).isEqualTo(200);
        }
        String cancelTag = "\"" + get(visit).get("version").asLong() + "\"";
        assertThat(api.post(visit + "/actions/cancel", key, cancelTag, null).status()).isIn(schedules ? List.of(200, 409) : List.of(403));
        assertThat(api.delete(visit, key, cancelTag).status()).isIn(schedules ? List.of(204, 409, 412) : List.of(403));
        if (!writes) {
            assertThat(api.post(path + "/actions/cancel", key, jobTag, null).status()).isEqualTo(403);
            assertThat(api.delete(path, key, jobTag).status()).isEqualTo(403);
            assertThat(api.allAuditEntries(a)).isEqualTo(entries);
            assertThat(get(path).get("title").asString()).isEqualTo("Matrix " + role);
        }
    }

    @Test
    void publishesTheJobEndpointsInTheOpenApiDocument() {
        JsonNode paths = body(api.get("/v3/api-docs")).get("paths");
        assertThat(paths.propertyNames()).contains("/api/v1/jobs", "/api/v1/jobs/{id}", "/api/v1/jobs/{id}/actions/{action}",
                "/api/v1/jobs/{id}/visits", "/api/v1/visits/{id}", "/api/v1/visits/{id}/actions/{action}",
                "/api/v1/checklist-templates/{id}", "/api/v1/settings/work", "/api/v1/schedule", "/api/v1/schedule/today");
    }

    // --- helpers

    String withClient(String fields) {
        return "{\"clientId\":\"" + clientId + "\",\"propertyId\":\"" + propertyId + "\"," + fields + "}";
    }

    void assertInvalid(String body, String field) {
        Response r = api.post(JOBS, admin, body);
        assertProblem(r, 400);
        assertThat(body(r).get("errors").has(field)).as(field + " in " + r.body()).isTrue();
    }

    void assertStatus(Response r, String status) {
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        assertThat(body(r).get("status").asString()).isEqualTo(status);
        assertThat(r.header("ETag")).isEqualTo("\"" + body(r).get("version").asLong() + "\"");
    }

    /** The action is refused with 409 (naming the state), and the record and the audit trail stay as they were. */
    void assertRefused(String path, String action, String state) {
        JsonNode before = get(path);
        long entries = api.allAuditEntries(a);
        Response r = api.post(path + "/actions/" + action, owner, "\"" + before.get("version").asLong() + "\"", null);
        assertProblem(r, 409);
        assertThat(body(r).get("detail").asString()).as(action).contains(state);
        JsonNode after = get(path);
        assertThat(after.get("version").asLong()).isEqualTo(before.get("version").asLong());
        assertThat(after.get("status").asString()).isEqualTo(before.get("status").asString());
        assertThat(api.allAuditEntries(a)).as(action).isEqualTo(entries);
    }
}
