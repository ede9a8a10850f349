package org.fieldstone.identity.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.fieldstone.support.ApiClient.assertProblem;
import static org.fieldstone.support.ApiClient.body;
import static org.fieldstone.support.ApiClient.path;

import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.fieldstone.audit.AuditEntry;
import org.fieldstone.audit.AuditRecord;
import org.fieldstone.identity.Crew;
import org.fieldstone.identity.Crews;
import org.fieldstone.identity.Team;
import org.fieldstone.identity.User;
import org.fieldstone.shared.Role;
import org.fieldstone.shared.UserId;
import org.fieldstone.support.ApiClient;
import org.fieldstone.support.Fixtures;
import org.fieldstone.support.Fixtures.TestCompany;
import org.fieldstone.support.Fixtures.TwoCompanies;
import org.fieldstone.support.Https.Response;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/**
 * The REST API of crews over real HTTPS: the contract (status codes, ETag/If-Match, merge patch, problem+json
 * naming the field), one audit entry per write and none per refusal, the role matrix, isolation between two
 * companies, and which crews a user belongs to.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class CrewsApiContract {

    static final String CREWS = "/api/v1/crews";

    @Autowired Fixtures fixtures;
    @Autowired ApiClient api;
    @Autowired Crews crews;
    @Autowired Team team;

    TestCompany a;
    TestCompany b;
    String owner;
    User tech;
    User reader;

    @BeforeAll
    void companies() {
        TwoCompanies two = fixtures.twoCompanies("crews");
        a = two.a();
        b = two.b();
        owner = a.keys.get(Role.OWNER);
        tech = a.users.get(Role.USER);
        reader = a.users.get(Role.READ_ONLY);
    }

    @Test
    void createsListsGetsPatchesAndDeletesACrewWithETags() {
        String name = "North " + token();
        Response created = api.post(CREWS, owner,
                "{\"name\":\"  " + name + " \",\"members\":[\"" + tech.id() + "\",\"" + reader.id() + "\",\"" + tech.id() + "\"]}");
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        JsonNode crew = body(created);
        String id = crew.get("id").asString();
        assertThat(created.header("Location")).endsWith(CREWS + "/" + id);
        assertThat(created.header("ETag")).isEqualTo("\"1\"");
        assertThat(crew.get("name").asString()).as("trimmed").isEqualTo(name);
        assertThat(strings(crew.get("members"))).as("each member once")
                .containsExactlyInAnyOrder(tech.id().toString(), reader.id().toString());
        assertThat(crew.get("version").asLong()).isEqualTo(1);
        assertThat(crew.get("createdAt").asString()).matches("\\d{4}-\\d\\d-\\d\\dT.*Z");

        Response get = api.get(path(created.header("Location")), owner);
        assertThat(get.status()).isEqualTo(200);
        assertThat(get.header("ETag")).isEqualTo("\"1\"");
        assertThat(body(get)).isEqualTo(crew);
        assertThat(ids(api.get(CREWS + "?size=200", owner))).contains(id);

        Response renamed = api.patch(CREWS + "/" + id, owner, "\"1\"", "{\"name\":\"" + name + " East\"}");
        assertThat(renamed.status()).as(renamed.body()).isEqualTo(200);
        assertThat(renamed.header("ETag")).isEqualTo("\"2\"");
        assertThat(body(renamed).get("name").asString()).isEqualTo(name + " East");
        assertThat(strings(body(renamed).get("members"))).as("absent: left as it is").hasSize(2);

        Response members = api.patch(CREWS + "/" + id, owner, "W/\"2\"", "{\"members\":[\"" + reader.id() + "\"]}");
        assertThat(members.status()).isEqualTo(200);
        assertThat(strings(body(members).get("members"))).containsExactly(reader.id().toString());
        Response emptied = api.patch(CREWS + "/" + id, owner, "\"3\"", "{\"members\":null}");
        assertThat(strings(body(emptied).get("members"))).as("null empties the crew").isEmpty();
        assertThat(emptied.header("ETag")).isEqualTo("\"4\"");

        Response deleted = api.delete(CREWS + "/" + id, owner, "\"4\"");
        assertThat(deleted.status()).isEqualTo(204);
        assertThat(api.get(CREWS + "/" + id, owner).status()).isEqualTo(404);
        assertThat(ids(api.get(CREWS + "?size=200", owner))).doesNotContain(id);
    }

    @Test
    void listsEveryCrewByNameIgnoringCase() {
        TestCompany c = fixtures.company("crews-order");
        String key = c.apiKey(c.owner(), java.util.Optional.empty());
        for (String name : new String[] {"charlie", "Alpha", "bravo"}) {
            assertThat(api.post(CREWS, key, "{\"name\":\"" + name + "\"}").status()).isEqualTo(201);
        }
        JsonNode list = body(api.get(CREWS, key));
        assertThat(list.get("total").asLong()).isEqualTo(3);
        assertThat(names(list)).containsExactly("Alpha", "bravo", "charlie");
        JsonNode second = body(api.get(CREWS + "?page=1&size=2", key));
        assertThat(second.get("page").asInt()).isEqualTo(1);
        assertThat(second.get("size").asInt()).isEqualTo(2);
        assertThat(second.get("total").asLong()).isEqualTo(3);
        assertThat(names(second)).containsExactly("charlie");
        assertThat(names(body(api.get(CREWS + "?page=5", key)))).isEmpty();
        assertThat(api.get(CREWS + "?size=201", key).status()).isEqualTo(400);
    }

    @Test
    void aChangeWithoutIfMatchIs428AndAStaleOneIs412AndNothingChanges() {
        String id = create("{\"name\":\"Guarded " + token() + "\"}");
        api.patch(CREWS + "/" + id, owner, "\"1\"", "{\"members\":[\"" + tech.id() + "\"]}");
        long entries = api.allAuditEntries(a);

        Response noIfMatch = api.patch(CREWS + "/" + id, owner, null, "{\"name\":\"Overwritten\"}");
        assertProblem(noIfMatch, 428);
        assertThat(api.delete(CREWS + "/" + id, owner, null).status()).isEqualTo(428);

        Response stale = api.patch(CREWS + "/" + id, owner, "\"1\"", "{\"name\":\"Overwritten\"}");
        assertProblem(stale, 412);
        assertThat(body(stale).get("currentVersion").asLong()).isEqualTo(2);
        assertThat(api.delete(CREWS + "/" + id, owner, "\"1\"").status()).isEqualTo(412);
        assertThat(api.delete(CREWS + "/" + id, owner, "\"abc\"").status()).isEqualTo(400);

        JsonNode unchanged = body(api.get(CREWS + "/" + id, owner));
        assertThat(unchanged.get("name").asString()).startsWith("Guarded");
        assertThat(unchanged.get("version").asLong()).isEqualTo(2);
        assertThat(strings(unchanged.get("members"))).containsExactly(tech.id().toString());
        assertThat(api.allAuditEntries(a)).isEqualTo(entries);
    }

    @Test
    void anotherCompanysCrewIsNotFoundAndNothingChanges() {
        String name = "Secret " + token();
        String id = create("{\"name\":\"" + name + "\",\"members\":[\"" + tech.id() + "\"]}");
        String bKey = b.keys.get(Role.OWNER);
        String crew = CREWS + "/" + id;
        List<Response> answers = List.of(api.get(crew, bKey),
                api.patch(crew, bKey, "\"1\"", "{\"name\":\"Stolen\"}"),
                api.patch(crew, bKey, null, "{\"name\":\"Stolen\"}"),
                api.delete(crew, bKey, "\"1\""),
                api.delete(crew, bKey, null));
        for (Response r : answers) {
            assertProblem(r, 404);
            assertThat(r.body()).doesNotContain(name).doesNotContain(tech.id().toString());
        }
        assertThat(ids(api.get(CREWS + "?size=200", bKey))).doesNotContain(id);
        JsonNode unchanged = body(api.get(crew, owner));
        assertThat(unchanged.get("name").asString()).isEqualTo(name);
        assertThat(unchanged.get("version").asLong()).isEqualTo(1);

        // nor can company B put company A's people in its crews
        Response planted = api.post(CREWS, bKey, "{\"name\":\"Planted\",\"members\":[\"" + tech.id() + "\"]}");
        assertThat(planted.status()).isEqualTo(400);
        assertThat(body(planted).get("errors").has("members")).isTrue();
        assertThat(api.get(CREWS + "/" + UUID.randomUUID(), owner).status()).isEqualTo(404);
        assertThat(api.get(CREWS + "/not-an-id", owner).status()).isEqualTo(404);
    }

    @ParameterizedTest
    @EnumSource(Role.class)
    void everyRoleReadsButOnlyAdminsAndOwnersWrite(Role role) {
        String key = a.keys.get(role);
        boolean writes = role == Role.OWNER || role == Role.ADMIN;
        String id = create("{\"name\":\"Matrix " + role + " " + token() + "\"}");
        String crew = CREWS + "/" + id;

        assertThat(api.get(CREWS, key).status()).isEqualTo(200);
        assertThat(api.get(crew, key).status()).isEqualTo(200);

        long crewsBefore = crews.list(a.system()).size();
        long entriesBefore = api.allAuditEntries(a);
        Response post = api.post(CREWS, key, "{\"name\":\"Made by " + role + " " + token() + "\"}");
        Response patched = api.patch(crew, key, "\"1\"", "{\"members\":[\"" + tech.id() + "\"]}");
        Response withoutIfMatch = api.patch(crew, key, null, "{\"name\":\"x\"}");
        Response deleted = api.delete(crew, key, writes ? "\"2\"" : "\"1\"");
        if (writes) {
            assertThat(List.of(post, patched, withoutIfMatch, deleted)).extracting(Response::status)
                    .containsExactly(201, 200, 428, 204);
            assertThat(api.get(crew, owner).status()).isEqualTo(404);
        } else {
            for (Response r : List.of(post, patched, withoutIfMatch, deleted)) {
                assertProblem(r, 403);
            }
            JsonNode unchanged = body(api.get(crew, owner));
            assertThat(unchanged.get("version").asLong()).isEqualTo(1);
            assertThat(strings(unchanged.get("members"))).isEmpty();
            assertThat(crews.list(a.system())).hasSize((int) crewsBefore);
            assertThat(api.allAuditEntries(a)).isEqualTo(entriesBefore);
        }
    }

    @Test
    void invalidInputIsRefusedWithTheFieldAtFaultAndNothingIsStored() {
        String existing = "Existing " + token();
        String id = create("{\"name\":\"" + existing + "\"}");
        long crewsBefore = crews.list(a.system()).size();
        long entries = api.allAuditEntries(a);

        assertInvalid(api.post(CREWS, owner, "{\"name\":\"   \"}"), "name", "Enter the crew's name");
        assertInvalid(api.post(CREWS, owner, "{\"members\":[]}"), "name", "Enter the crew's name");
        assertInvalid(api.post(CREWS, owner, "{\"name\":\"" + "x".repeat(61) + "\"}"), "name", "at most 60");
        assertInvalid(api.post(CREWS, owner, "{\"name\":\"" + existing.toUpperCase() + "\"}"), "name",
                "A crew called " + existing.toUpperCase() + " exists already.");
        assertInvalid(api.post(CREWS, owner, "{\"name\":\"Tab\\tbed\"}"), "name", "control characters");
        assertInvalid(api.post(CREWS, owner, "{\"name\":\"Ghosts\",\"members\":[\"" + UUID.randomUUID() + "\"]}"),
                "members", "Not a member");
        assertInvalid(api.post(CREWS, owner, "{\"name\":\"Bad id\",\"members\":[\"nobody\"]}"), "members",
                "Not a user id");
        assertInvalid(api.post(CREWS, owner, "{\"name\":\"Not a list\",\"members\":\"" + tech.id() + "\"}"),
                "members", "array of strings");
        String tooMany = IntStream.range(0, 101).mapToObj(i -> "\"" + UUID.randomUUID() + "\"").collect(Collectors.joining(","));
        assertInvalid(api.post(CREWS, owner, "{\"name\":\"Crowd\",\"members\":[" + tooMany + "]}"), "members",
                "at most 100");
        assertInvalid(api.post(CREWS, owner, "{\"name\":\"Spy\",\"leader\":\"x\"}"), "leader", "Unknown field");
        assertInvalid(api.post(CREWS, owner, "{\"name\":\"Forged\",\"version\":7}"), "version", "read-only");
        assertInvalid(api.post(CREWS, owner, "[\"name\"]"), "body", "JSON object");
        // several at once
        Response both = api.post(CREWS, owner, "{\"name\":\"\",\"members\":[\"" + UUID.randomUUID() + "\"]}");
        assertThat(body(both).get("errors").propertyNames()).containsExactlyInAnyOrder("name", "members");

        Response malformed = api.post(CREWS, owner, "{\"name\":");
        assertProblem(malformed, 400);

        assertInvalid(api.patch(CREWS + "/" + id, owner, "\"1\"", "{\"name\":null}"), "name", "Enter the crew's name");
        assertInvalid(api.patch(CREWS + "/" + id, owner, "\"1\"", "{\"name\":\"" + "y".repeat(61) + "\"}"), "name", "at most 60");
        assertInvalid(api.patch(CREWS + "/" + id, owner, "\"1\"", "{\"members\":[\"" + b.users.get(Role.USER).id() + "\"]}"),
                "members", "Not a member");
        assertInvalid(api.patch(CREWS + "/" + id, owner, "\"1\"", "{\"id\":\"other\"}"), "id", "read-only");
        assertThat(api.patch(CREWS + "/" + id, owner, "\"1\"", "{\"name\":").status()).isEqualTo(400);

        assertThat(crews.list(a.system())).hasSize((int) crewsBefore);
        assertThat(body(api.get(CREWS + "/" + id, owner)).get("version").asLong()).isEqualTo(1);
        assertThat(api.allAuditEntries(a)).isEqualTo(entries);

        // the longest name fits; a crew may take its own name in another case
        assertThat(api.post(CREWS, owner, "{\"name\":\"" + token() + "z".repeat(52) + "\"}").status()).isEqualTo(201);
        Response recased = api.patch(CREWS + "/" + id, owner, "\"1\"", "{\"name\":\"" + existing.toLowerCase() + "\"}");
        assertThat(recased.status()).isEqualTo(200);
        assertThat(body(recased).get("name").asString()).isEqualTo(existing.toLowerCase());
    }

    @Test
    void twoConcurrentCreatesOfOneNameLetExactlyOneThrough() throws Exception {
        for (int round = 0; round < 3; round++) {
            String name = "Race " + token();
            java.util.concurrent.CountDownLatch start = new java.util.concurrent.CountDownLatch(1);
            List<java.util.concurrent.Future<Response>> answers = new java.util.ArrayList<>();
            try (var pool = java.util.concurrent.Executors.newFixedThreadPool(2)) {
                for (String spelled : new String[] {name, name.toUpperCase()}) {
                    answers.add(pool.submit(() -> {
                        start.await();
                        return api.post(CREWS, owner, "{\"name\":\"" + spelled + "\"}");
                    }));
                }
                start.countDown();
                List<Integer> statuses = new java.util.ArrayList<>();
                for (var answer : answers) {
                    statuses.add(answer.get().status());
                }
                assertThat(statuses).as("round %d", round).containsExactlyInAnyOrder(201, 400);
            }
            assertThat(crews.list(a.system())).filteredOn(c -> c.name().equalsIgnoreCase(name)).hasSize(1);
        }
    }

    @Test
    void everyWriteLeavesOneAuditEntryWithWhatChanged() {
        String name = "Audited " + token();
        String id = create("{\"name\":\"" + name + "\",\"members\":[\"" + tech.id() + "\"]}");
        List<AuditEntry> afterCreate = api.auditEntries(a, "crew", id);
        assertThat(afterCreate).singleElement().satisfies(e -> {
            assertThat(e.action()).isEqualTo("crew.created");
            assertThat(e.actorId()).isEqualTo(a.users.get(Role.OWNER).id().toString());
            assertThat(e.channel()).isEqualTo("api");
            assertThat(e.changes()).containsExactlyInAnyOrder(new AuditRecord.Change("name", null, name),
                    new AuditRecord.Change("members", null, "[\"" + tech.id() + "\"]"));
        });

        api.patch(CREWS + "/" + id, owner, "\"1\"", "{\"name\":\"" + name + " 2\",\"members\":[\"" + tech.id() + "\"]}");
        List<AuditEntry> afterUpdate = api.auditEntries(a, "crew", id);
        assertThat(afterUpdate).hasSize(2);
        assertThat(afterUpdate.getFirst().action()).isEqualTo("crew.updated");
        assertThat(afterUpdate.getFirst().changes()).as("only what changed")
                .containsExactly(new AuditRecord.Change("name", name, name + " 2"));

        api.delete(CREWS + "/" + id, owner, "\"2\"");
        List<AuditEntry> afterDelete = api.auditEntries(a, "crew", id);
        assertThat(afterDelete).hasSize(3);
        assertThat(afterDelete.getFirst().action()).isEqualTo("crew.deleted");
        assertThat(afterDelete.getFirst().changes()).contains(new AuditRecord.Change("name", name + " 2", null),
                new AuditRecord.Change("members", "[\"" + tech.id() + "\"]", null));
    }

    @Test
    void crewIdsOfAreExactlyTheCrewsAUserBelongsTo() {
        TestCompany c = fixtures.company("crews-of");
        User ann = c.addUser(Role.USER);
        User bob = c.addUser(Role.USER);
        User cid = c.addUser(Role.USER);
        Crew north = crews.create(c.system(), "North", List.of(ann.id(), bob.id()));
        Crew south = crews.create(c.system(), "South", List.of(ann.id()));
        crews.create(c.system(), "West", List.of(bob.id()));
        crews.create(c.system(), "Empty", List.of());

        assertThat(crews.crewIdsOf(c.company.id(), ann.id())).containsExactlyInAnyOrder(north.id(), south.id());
        assertThat(crews.crewIdsOf(c.company.id(), cid.id())).isEmpty();
        assertThat(crews.crewIdsOf(c.company.id(), UserId.random())).isEmpty();
        assertThat(crews.crewIdsOf(a.company.id(), ann.id())).as("another company's crews").isEmpty();

        crews.update(c.system(), north.id(), north.version(), null, List.of(bob.id(), cid.id()));
        assertThat(crews.crewIdsOf(c.company.id(), ann.id())).containsExactly(south.id());
        assertThat(crews.crewIdsOf(c.company.id(), cid.id())).containsExactly(north.id());
        crews.delete(c.system(), south.id(), south.version());
        assertThat(crews.crewIdsOf(c.company.id(), ann.id())).isEmpty();

        // a deactivated user stays a member
        team.setActive(c.system(), bob.id(), false);
        assertThat(crews.crewIdsOf(c.company.id(), bob.id())).hasSize(2);
        assertThat(crews.get(c.system(), north.id()).members()).contains(bob.id());
    }

    @Test
    void publishesTheCrewEndpointsInTheOpenApiDocument() {
        JsonNode paths = body(api.get("/v3/api-docs")).get("paths");
        assertThat(paths.has("/api/v1/crews")).isTrue();
        assertThat(paths.get("/api/v1/crews/{id}").has("patch")).isTrue();
        assertThat(paths.get("/api/v1/crews/{id}").has("delete")).isTrue();
    }

    // --- helpers

    void assertInvalid(Response r, String field, String message) {
        assertProblem(r, 400);
        assertThat(body(r).get("errors").get(field)).as(r.body()).isNotNull();
        assertThat(body(r).get("errors").get(field).asString()).contains(message);
    }

    String create(String body) {
        Response r = api.post(CREWS, owner, body);
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        return body(r).get("id").asString();
    }

    static Set<String> ids(Response list) {
        return body(list).get("items").valueStream().map(c -> c.get("id").asString()).collect(Collectors.toSet());
    }

    static List<String> names(JsonNode page) {
        return page.get("items").valueStream().map(c -> c.get("name").asString()).toList();
    }

    static List<String> strings(JsonNode array) {
        return array.valueStream().map(JsonNode::asString).toList();
    }

    static String token() {
        return UUID.randomUUID().toString().substring(0, 8);
    }
}
