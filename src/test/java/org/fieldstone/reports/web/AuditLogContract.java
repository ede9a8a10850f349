package org.fieldstone.reports.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.fieldstone.support.ApiClient.body;

import java.util.List;
import java.util.Map;
import org.fieldstone.identity.Team;
import org.fieldstone.identity.User;
import org.fieldstone.shared.EmailAddress;
import org.fieldstone.shared.Role;
import org.fieldstone.support.ApiClient;
import org.fieldstone.support.Fixtures;
import org.fieldstone.support.Fixtures.TestCompany;
import org.fieldstone.support.Fixtures.TwoCompanies;
import org.fieldstone.support.Https;
import org.fieldstone.support.Https.Response;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import tools.jackson.databind.JsonNode;

/** Reports → Audit log and GET /api/v1/audit-events: contract, filters, roles, isolation, exports. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class AuditLogContract {

    @Autowired Fixtures fixtures;
    @Autowired ApiClient api;
    @Autowired Team team;
    @Autowired org.fieldstone.identity.ApiKeys apiKeys;
    @Value("${server.port}") int port;

    TestCompany a;
    TestCompany b;
    User formula;

    @BeforeAll
    void companies() {
        TwoCompanies two = fixtures.twoCompanies("log");
        a = two.a();
        b = two.b();
        formula = team.invite(a.system(), new EmailAddress("formula@" + a.slug() + ".example"), "=HYPERLINK(\"x\")", Role.USER).user();
        team.changeRole(a.system(), formula.id(), Role.READ_ONLY);
        // the same name acting: it lands in a cell of its own (actor_name) in the export
        apiKeys.create(new org.fieldstone.shared.Actor(a.company.id(), java.util.Optional.of(a.users.get(Role.USER).id()),
                "=HYPERLINK(\"x\")", Role.USER, java.util.Optional.empty(), org.fieldstone.shared.Channel.WEB, null, null),
                "formula key", java.util.Optional.empty(), java.util.Optional.empty());
    }

    @Test
    void listsEventsInTheDocumentedShapeNewestFirst() {
        Response r = api.get("/api/v1/audit-events?entityType=user&entityId=" + formula.id(), a.keys.get(Role.OWNER));
        assertThat(r.status()).isEqualTo(200);
        JsonNode page = body(r);
        assertThat(page.get("total").asLong()).isEqualTo(2);
        assertThat(page.get("page").asInt()).isZero();
        JsonNode newest = page.get("items").get(0);
        assertThat(newest.get("action").asString()).isEqualTo("user.role_changed");
        assertThat(newest.get("seq").asLong()).isGreaterThan(page.get("items").get(1).get("seq").asLong());
        assertThat(newest.get("at").asString()).endsWith("Z");
        assertThat(newest.get("actor").get("type").asString()).isEqualTo("system");
        assertThat(newest.get("actor").get("name").asString()).isEqualTo("system");
        assertThat(newest.get("channel").asString()).isEqualTo("system");
        assertThat(newest.get("entityType").asString()).isEqualTo("user");
        assertThat(newest.get("entityId").asString()).isEqualTo(formula.id().toString());
        JsonNode change = newest.get("changes").get(0);
        assertThat(change.get("field").asString()).isEqualTo("role");
        assertThat(change.get("before").asString()).isEqualTo("USER");
        assertThat(change.get("after").asString()).isEqualTo("READ_ONLY");
    }

    @Test
    void filtersByActorActionAndTime() {
        String owner = a.keys.get(Role.OWNER);
        api.get("/api/v1/me", owner);
        JsonNode byAction = body(api.get("/api/v1/audit-events?action=api_key.created&size=200", owner));
        assertThat(byAction.get("total").asLong()).isEqualTo(5);
        assertThat(byAction.get("items").valueStream().map(i -> i.get("action").asString()).distinct().toList())
                .containsExactly("api_key.created");

        String future = body(api.get("/api/v1/audit-events?from=2999-01-01", owner)).get("total").asString();
        assertThat(future).isEqualTo("0");
        JsonNode untilToday = body(api.get("/api/v1/audit-events?to=2999-01-01&size=1", owner));
        assertThat(untilToday.get("total").asLong()).isGreaterThan(5);
        assertThat(untilToday.get("items")).hasSize(1);

        Response bad = api.get("/api/v1/audit-events?from=yesterday", owner);
        assertThat(bad.status()).isEqualTo(400);
        assertThat(body(bad).get("errors").has("from")).isTrue();
    }

    @Test
    void onlyOwnersReadTheLogUnlessTheyAllowAdmins() {
        TestCompany c = fixtures.companyWithEveryRole("log-roles");
        assertThat(api.get("/api/v1/audit-events", c.keys.get(Role.OWNER)).status()).isEqualTo(200);
        for (Role role : List.of(Role.ADMIN, Role.USER, Role.READ_ONLY)) {
            assertThat(api.get("/api/v1/audit-events", c.keys.get(role)).status()).as(role.name()).isEqualTo(403);
        }
        Https owner = new Https(port);
        owner.signIn(c.slug(), c.ownerEmail(), Fixtures.PASSWORD);
        assertThat(owner.get("/c/" + c.slug() + "/reports/audit-log").status()).isEqualTo(200);

        Https admin = new Https(port);
        admin.signIn(c.slug(), c.users.get(Role.ADMIN).email().value(), Fixtures.PASSWORD);
        assertThat(admin.get("/c/" + c.slug() + "/reports/audit-log").status()).isEqualTo(403);
        // an admin cannot let themselves in
        admin.get("/c/" + c.slug() + "/account");
        assertThat(admin.post("/c/" + c.slug() + "/reports/audit-log/admins", Map.of("allowed", "true")).status()).isEqualTo(403);
        assertThat(api.get("/api/v1/audit-events", c.keys.get(Role.ADMIN)).status()).isEqualTo(403);

        assertThat(owner.post("/c/" + c.slug() + "/reports/audit-log/admins", Map.of("allowed", "true")).status()).isEqualTo(302);
        assertThat(api.get("/api/v1/audit-events", c.keys.get(Role.ADMIN)).status()).isEqualTo(200);
        assertThat(admin.get("/c/" + c.slug() + "/reports/audit-log").status()).isEqualTo(200);
        assertThat(api.get("/api/v1/audit-events", c.keys.get(Role.USER)).status()).isEqualTo(403);
        JsonNode settingChange = body(api.get("/api/v1/audit-events?entityType=setting", c.keys.get(Role.OWNER)));
        assertThat(settingChange.get("items").get(0).get("changes").get(0).get("after").asString()).isEqualTo("true");
    }

    @Test
    void anotherCompanysEntriesAreNeverShown() {
        JsonNode fromB = body(api.get("/api/v1/audit-events?entityId=" + formula.id(), b.keys.get(Role.OWNER)));
        assertThat(fromB.get("total").asLong()).isZero();
        JsonNode all = body(api.get("/api/v1/audit-events?size=200", b.keys.get(Role.OWNER)));
        assertThat(all.toString()).doesNotContain(a.slug()).doesNotContain(formula.id().toString());
    }

    @Test
    void thePageShowsBeforeAndAfterAndExportsTheFilteredSet() {
        Https owner = new Https(port);
        owner.signIn(a.slug(), a.ownerEmail(), Fixtures.PASSWORD);
        Response page = owner.get("/c/" + a.slug() + "/reports/audit-log?entityId=" + formula.id());
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.body()).contains("user.role_changed").contains("<td class=\"before\">USER</td>")
                .contains("<td class=\"after\">READ_ONLY</td>");

        Response csv = owner.get("/c/" + a.slug() + "/reports/audit-log/export.csv?entityId=" + formula.id());
        assertThat(csv.status()).isEqualTo(200);
        assertThat(csv.header("Content-Type")).startsWith("text/csv");
        assertThat(csv.header("Content-Disposition")).contains("attachment").contains(".csv");
        List<String> lines = csv.body().lines().toList();
        assertThat(lines.getFirst()).startsWith("seq,at,actor_type");
        assertThat(lines).hasSize(3);
        // a name that a spreadsheet would run as a formula is defused
        Response byActor = owner.get("/c/" + a.slug() + "/reports/audit-log/export.csv?action=api_key.created&actorId="
                + a.users.get(Role.USER).id());
        assertThat(byActor.body()).contains(",\"'=HYPERLINK(\"\"x\"\")\",").doesNotContain(",=HYPERLINK");

        Response exported = owner.get("/c/" + a.slug() + "/reports/audit-log/export.json?action=user.invited");
        JsonNode array = body(exported);
        assertThat(array.isArray()).isTrue();
        assertThat(array.valueStream().map(e -> e.get("action").asString()).distinct().toList()).containsExactly("user.invited");

        JsonNode exports = body(api.get("/api/v1/audit-events?action=audit.exported", a.keys.get(Role.OWNER)));
        assertThat(exports.get("total").asLong()).isGreaterThanOrEqualTo(2);
        assertThat(exports.get("items").get(0).get("actor").get("type").asString()).isEqualTo("user");
    }

    @Autowired org.fieldstone.audit.AuditTrail trail;
    @Autowired org.fieldstone.tenancy.CompanyDatabases databases;
    @Autowired org.fieldstone.tenancy.Companies companies;

    @Test
    void thePageNamesRecordsAsPeopleKnowThemInTheCompanysTimeWithReadableAddressesAndChoicesToFilterBy() {
        String key = a.keys.get(Role.OWNER);
        Response client = api.post("/api/v1/clients", key, """
                {"name": "Ada Lovelace", "property": {"street": "Seestrasse 5", "postalCode": "8002", "city": "Zürich"}}""");
        assertThat(client.status()).as(client.body()).isEqualTo(201);
        String clientId = body(client).get("id").asString();
        String propertyId = body(api.get("/api/v1/clients/" + clientId + "/properties", key)).get(0).get("id").asString();
        Response job = api.post("/api/v1/jobs", key, """
                {"clientId": "%s", "propertyId": "%s", "title": "Named in the log"}""".formatted(clientId, propertyId));
        assertThat(job.status()).as(job.body()).isEqualTo(201);
        String number = body(job).get("number").asString();
        String jobId = body(job).get("id").asString();

        Https owner = new Https(port);
        owner.signIn(a.slug(), a.ownerEmail(), Fixtures.PASSWORD);
        String log = "/c/" + a.slug() + "/reports/audit-log";
        Response jobs = owner.get(log + "?entityType=job&entityId=" + jobId);
        assertThat(jobs.status()).isEqualTo(200);
        assertThat(jobs.body()).as("the job by its number, its id beside it")
                .contains("<strong class=\"record-name\">" + number + "</strong>").contains(jobId);
        // the record type and the action are choices: the types the trail holds, the actions of the chosen type
        assertThat(jobs.body()).contains("<select id=\"entityType\" name=\"entityType\">")
                .contains("<option value=\"job\" selected=\"selected\">Job</option>")
                .contains("<option value=\"client\">Client</option>")
                .contains("<option value=\"job.created\">job.created</option>");
        // the time in the company's zone
        org.fieldstone.audit.AuditEntry created = trail.find(a.company.id(), databases.of(a.company.id()).jdbc(),
                org.fieldstone.audit.AuditQuery.forEntity("job", jobId), org.fieldstone.shared.Page.request(0, 1)).items().getFirst();
        java.time.ZoneId zone = companies.timeZone(a.company.id());
        assertThat(jobs.body()).contains(AuditLogController.TIME.withZone(zone).format(created.at()));

        Response clients = owner.get(log + "?entityType=client&entityId=" + clientId);
        assertThat(clients.body()).as("the client by its name, opened from its sealed column")
                .contains("<strong class=\"record-name\">Ada Lovelace</strong>");
        Response users = owner.get(log + "?entityType=user&entityId=" + formula.id());
        assertThat(users.body()).contains("<strong class=\"record-name\">=HYPERLINK(&quot;x&quot;)</strong>");
        assertThat(owner.get(log).body()).doesNotContain("0:0:0:0:0:0:0:1");

        // another company's page names none of this company's records
        Https other = new Https(port);
        other.signIn(b.slug(), b.ownerEmail(), Fixtures.PASSWORD);
        Response theirs = other.get("/c/" + b.slug() + "/reports/audit-log?entityType=job&entityId=" + jobId);
        assertThat(theirs.status()).isEqualTo(200);
        assertThat(theirs.body()).doesNotContain(number).doesNotContain("Ada Lovelace").contains("No entries match this filter.");
    }
}
