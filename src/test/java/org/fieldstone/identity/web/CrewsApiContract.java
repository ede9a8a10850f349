package org.fieldstone.identity.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.fieldstone.audit.AuditEntry;
import org.fieldstone.audit.AuditQuery;
import org.fieldstone.audit.AuditRecord;
import org.fieldstone.audit.AuditTrail;
import org.fieldstone.identity.Crew;
import org.fieldstone.identity.Crews;
import org.fieldstone.identity.Team;
import org.fieldstone.identity.User;
import org.fieldstone.shared.Page;
import org.fieldstone.shared.Role;
import org.fieldstone.shared.UserId;
import org.fieldstone.support.Fixtures;
import org.fieldstone.support.Fixtures.TestCompany;
import org.fieldstone.support.Https;
import org.fieldstone.support.Https.Response;
import org.fieldstone.tenancy.CompanyDatabases;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The REST API of crews over real HTTPS: the contract (status codes, ETag/If-Match, merge patch, problem+json
 * naming the field), one audit entry per write and none per refusal, the role matrix, isolation between two
 * companies, and which crews a user belongs to.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class CrewsApiContract {

    static final JsonMapper json = JsonMapper.builder().build();
    static final String CREWS = "/api/v1/crews";

    @Autowired Fixtures fixtures;
    @Autowired Crews crews;
    @Autowired Team team;
    @Autowired AuditTrail audit;
    @Autowired CompanyDatabases databases;
    @Value("${server.port}") int port;

    Https http;
    TestCompany a;
    TestCompany b;
    String owner;
    User tech;
    User reader;

    @BeforeAll
    void companies() {
        http = new Https(port);
        a = fixtures.companyWithEveryRole("crews-a");
        b = fixtures.companyWithEveryRole("crews-b");
        owner = a.keys.get(Role.OWNER);
        tech = a.users.get(Role.USER);
        reader = a.users.get(Role.READ_ONLY);
    }

    @Test
    void createsListsGetsPatchesAndDeletesACrewWithETags() {
        String name = "North " + token();
        Response created = http.json("POST", CREWS, owner,
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

        Response get = http.get(path(created.header("Location")), owner);
        assertThat(get.status()).isEqualTo(200);
        assertThat(get.header("ETag")).isEqualTo("\"1\"");
        assertThat(body(get)).isEqualTo(crew);
        assertThat(ids(http.get(CREWS + "?size=200", owner))).contains(id);

        Response renamed = patch(CREWS + "/" + id, owner, "\"1\"", "{\"name\":\"" + name + " East\"}");
        assertThat(renamed.status()).as(renamed.body()).isEqualTo(200);
        assertThat(renamed.header("ETag")).isEqualTo("\"2\"");
        assertThat(body(renamed).get("name").asString()).isEqualTo(name + " East");
        assertThat(strings(body(renamed).get("members"))).as("absent: left as it is").hasSize(2);

        Response members = patch(CREWS + "/" + id, owner, "W/\"2\"", "{\"members\":[\"" + reader.id() + "\"]}");
        assertThat(members.status()).isEqualTo(200);
        assertThat(strings(body(members).get("members"))).containsExactly(reader.id().toString());
        Response emptied = patch(CREWS + "/" + id, owner, "\"3\"", "{\"members\":null}");
        assertThat(strings(body(emptied).get("members"))).as("null empties the crew").isEmpty();
        assertThat(emptied.header("ETag")).isEqualTo("\"4\"");

        Response deleted = delete(CREWS + "/" + id, owner, "\"4\"");
        assertThat(deleted.status()).isEqualTo(204);
        assertThat(http.get(CREWS + "/" + id, owner).status()).isEqualTo(404);
        assertThat(ids(http.get(CREWS + "?size=200", owner))).doesNotContain(id);
    }

    @Test
    void listsEveryCrewByNameIgnoringCase() {
        TestCompany c = fixtures.company("crews-order");
        String key = c.apiKey(c.owner(), java.util.Optional.empty());
        for (String name : new String[] {"charlie", "Alpha", "bravo"}) {
            assertThat(http.json("POST", CREWS, key, "{\"name\":\"" + name + "\"}").status()).isEqualTo(201);
        }
        JsonNode list = body(http.get(CREWS, key));
        assertThat(list.get("total").asLong()).isEqualTo(3);
        assertThat(names(list)).containsExactly("Alpha", "bravo", "charlie");
        JsonNode second = body(http.get(CREWS + "?page=1&size=2", key));
        assertThat(second.get("page").asInt()).isEqualTo(1);
        assertThat(second.get("size").asInt()).isEqualTo(2);
        assertThat(second.get("total").asLong()).isEqualTo(3);
        assertThat(names(second)).containsExactly("charlie");
        assertThat(names(body(http.get(CREWS + "?page=5", key)))).isEmpty();
        assertThat(http.get(CREWS + "?size=201", key).status()).isEqualTo(400);
    }

    @Test
    void aChangeWithoutIfMatchIs428AndAStaleOneIs412AndNothingChanges() {
        String id = create("{\"name\":\"Guarded " + token() + "\"}");
        patch(CREWS + "/" + id, owner, "\"1\"", "{\"members\":[\"" + tech.id() + "\"]}");
        long entries = allAuditEntries();

        Response noIfMatch = patch(CREWS + "/" + id, owner, null, "{\"name\":\"Overwritten\"}");
        assertThat(noIfMatch.status()).isEqualTo(428);
        assertThat(noIfMatch.header("Content-Type")).startsWith("application/problem+json");
        assertThat(delete(CREWS + "/" + id, owner, null).status()).isEqualTo(428);

        Response stale = patch(CREWS + "/" + id, owner, "\"1\"", "{\"name\":\"Overwritten\"}");
        assertThat(stale.status()).isEqualTo(412);
        assertThat(stale.header("Content-Type")).startsWith("application/problem+json");
        assertThat(body(stale).get("currentVersion").asLong()).isEqualTo(2);
        assertThat(delete(CREWS + "/" + id, owner, "\"1\"").status()).isEqualTo(412);
        assertThat(delete(CREWS + "/" + id, owner, "\"abc\"").status()).isEqualTo(400);

        JsonNode unchanged = body(http.get(CREWS + "/" + id, owner));
        assertThat(unchanged.get("name").asString()).startsWith("Guarded");
        assertThat(unchanged.get("version").asLong()).isEqualTo(2);
        assertThat(strings(unchanged.get("members"))).containsExactly(tech.id().toString());
        assertThat(allAuditEntries()).isEqualTo(entries);
    }

    @Test
    void anotherCompanysCrewIsNotFoundAndNothingChanges() {
        String name = "Secret " + token();
        String id = create("{\"name\":\"" + name + "\",\"members\":[\"" + tech.id() + "\"]}");
        String bKey = b.keys.get(Role.OWNER);
        String crew = CREWS + "/" + id;
        List<Response> answers = List.of(http.get(crew, bKey),
                patch(crew, bKey, "\"1\"", "{\"name\":\"Stolen\"}"),
                patch(crew, bKey, null, "{\"name\":\"Stolen\"}"),
                delete(crew, bKey, "\"1\""),
                delete(crew, bKey, null));
        for (Response r : answers) {
            assertThat(r.status()).isEqualTo(404);
            assertThat(r.header("Content-Type")).startsWith("application/problem+json");
            assertThat(r.body()).doesNotContain(name).doesNotContain(tech.id().toString());
        }
        assertThat(ids(http.get(CREWS + "?size=200", bKey))).doesNotContain(id);
        JsonNode unchanged = body(http.get(crew, owner));
        assertThat(unchanged.get("name").asString()).isEqualTo(name);
        assertThat(unchanged.get("version").asLong()).isEqualTo(1);

        // nor can company B put company A's people in its crews
        Response planted = http.json("POST", CREWS, bKey, "{\"name\":\"Planted\",\"members\":[\"" + tech.id() + "\"]}");
        assertThat(planted.status()).isEqualTo(400);
        assertThat(body(planted).get("errors").has("members")).isTrue();
        assertThat(http.get(CREWS + "/" + UUID.randomUUID(), owner).status()).isEqualTo(404);
        assertThat(http.get(CREWS + "/not-an-id", owner).status()).isEqualTo(404);
    }

    @ParameterizedTest
    @EnumSource(Role.class)
    void everyRoleReadsButOnlyAdminsAndOwnersWrite(Role role) {
        String key = a.keys.get(role);
        boolean writes = role == Role.OWNER || role == Role.ADMIN;
        String id = create("{\"name\":\"Matrix " + role + " " + token() + "\"}");
        String crew = CREWS + "/" + id;

        assertThat(http.get(CREWS, key).status()).isEqualTo(200);
        assertThat(http.get(crew, key).status()).isEqualTo(200);

        long crewsBefore = crews.list(a.system()).size();
        long entriesBefore = allAuditEntries();
        Response post = http.json("POST", CREWS, key, "{\"name\":\"Made by " + role + " " + token() + "\"}");
        Response patched = patch(crew, key, "\"1\"", "{\"members\":[\"" + tech.id() + "\"]}");
        Response withoutIfMatch = patch(crew, key, null, "{\"name\":\"x\"}");
        Response deleted = delete(crew, key, writes ? "\"2\"" : "\"1\"");
        if (writes) {
            assertThat(List.of(post, patched, withoutIfMatch, deleted)).extracting(Response::status)
                    .containsExactly(201, 200, 428, 204);
            assertThat(http.get(crew, owner).status()).isEqualTo(404);
        } else {
            for (Response r : List.of(post, patched, withoutIfMatch, deleted)) {
                assertThat(r.status()).isEqualTo(403);
                assertThat(r.header("Content-Type")).startsWith("application/problem+json");
            }
            JsonNode unchanged = body(http.get(crew, owner));
            assertThat(unchanged.get("version").asLong()).isEqualTo(1);
            assertThat(strings(unchanged.get("members"))).isEmpty();
            assertThat(crews.list(a.system())).hasSize((int) crewsBefore);
            assertThat(allAuditEntries()).isEqualTo(entriesBefore);
        }
    }

    @Test
    void invalidInputIsRefusedWithTheFieldAtFaultAndNothingIsStored() {
        String existing = "Existing " + token();
        String id = create("{\"name\":\"" + existing + "\"}");
        long crewsBefore = crews.list(a.system()).size();
        long entries = allAuditEntries();

        assertInvalid(http.json("POST", CREWS, owner, "{\"name\":\"   \"}"), "name", "Enter the crew's name");
        assertInvalid(http.json("POST", CREWS, owner, "{\"members\":[]}"), "name", "Enter the crew's name");
        assertInvalid(http.json("POST", CREWS, owner, "{\"name\":\"" + "x".repeat(61) + "\"}"), "name", "at most 60");
        assertInvalid(http.json("POST", CREWS, owner, "{\"name\":\"" + existing.toUpperCase() + "\"}"), "name",
                "A crew called " + existing.toUpperCase() + " exists already.");
        assertInvalid(http.json("POST", CREWS, owner, "{\"name\":\"Tab\\tbed\"}"), "name", "control characters");
        assertInvalid(http.json("POST", CREWS, owner, "{\"name\":\"Ghosts\",\"members\":[\"" + UUID.randomUUID() + "\"]}"),
                "members", "Not a member");
        assertInvalid(http.json("POST", CREWS, owner, "{\"name\":\"Bad id\",\"members\":[\"nobody\"]}"), "members",
                "Not a user id");
        assertInvalid(http.json("POST", CREWS, owner, "{\"name\":\"Not a list\",\"members\":\"" + tech.id() + "\"}"),
                "members", "array of strings");
        String tooMany = IntStream.range(0, 101).mapToObj(i -> "\"" + UUID.randomUUID() + "\"").collect(Collectors.joining(","));
        assertInvalid(http.json("POST", CREWS, owner, "{\"name\":\"Crowd\",\"members\":[" + tooMany + "]}"), "members",
                "at most 100");
        assertInvalid(http.json("POST", CREWS, owner, "{\"name\":\"Spy\",\"leader\":\"x\"}"), "leader", "Unknown field");
        assertInvalid(http.json("POST", CREWS, owner, "{\"name\":\"Forged\",\"version\":7}"), "version", "read-only");
        assertInvalid(http.json("POST", CREWS, owner, "[\"name\"]"), "body", "JSON object");
        // several at once
        Response both = http.json("POST", CREWS, owner, "{\"name\":\"\",\"members\":[\"" + UUID.randomUUID() + "\"]}");
        assertThat(body(both).get("errors").propertyNames()).containsExactlyInAnyOrder("name", "members");

        Response malformed = http.json("POST", CREWS, owner, "{\"name\":");
        assertThat(malformed.status()).isEqualTo(400);
        assertThat(malformed.header("Content-Type")).startsWith("application/problem+json");

        assertInvalid(patch(CREWS + "/" + id, owner, "\"1\"", "{\"name\":null}"), "name", "Enter the crew's name");
        assertInvalid(patch(CREWS + "/" + id, owner, "\"1\"", "{\"name\":\"" + "y".repeat(61) + "\"}"), "name", "at most 60");
        assertInvalid(patch(CREWS + "/" + id, owner, "\"1\"", "{\"members\":[\"" + b.users.get(Role.USER).id() + "\"]}"),
                "members", "Not a member");
        assertInvalid(patch(CREWS + "/" + id, owner, "\"1\"", "{\"id\":\"other\"}"), "id", "read-only");
        assertThat(patch(CREWS + "/" + id, owner, "\"1\"", "{\"name\":").status()).isEqualTo(400);

        assertThat(crews.list(a.system())).hasSize((int) crewsBefore);
        assertThat(body(http.get(CREWS + "/" + id, owner)).get("version").asLong()).isEqualTo(1);
        assertThat(allAuditEntries()).isEqualTo(entries);

        // the longest name fits; a crew may take its own name in another case
        assertThat(http.json("POST", CREWS, owner, "{\"name\":\"" + token() + "z".repeat(52) + "\"}").status()).isEqualTo(201);
        Response recased = patch(CREWS + "/" + id, owner, "\"1\"", "{\"name\":\"" + existing.toLowerCase() + "\"}");
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
                        return http.json("POST", CREWS, owner, "{\"name\":\"" + spelled + "\"}");
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
        List<AuditEntry> afterCreate = auditEntries(id);
        assertThat(afterCreate).singleElement().satisfies(e -> {
            assertThat(e.action()).isEqualTo("crew.created");
            assertThat(e.actorId()).isEqualTo(a.users.get(Role.OWNER).id().toString());
            assertThat(e.channel()).isEqualTo("api");
            assertThat(e.changes()).containsExactlyInAnyOrder(new AuditRecord.Change("name", null, name),
                    new AuditRecord.Change("members", null, "[\"" + tech.id() + "\"]"));
        });

        patch(CREWS + "/" + id, owner, "\"1\"", "{\"name\":\"" + name + " 2\",\"members\":[\"" + tech.id() + "\"]}");
        List<AuditEntry> afterUpdate = auditEntries(id);
        assertThat(afterUpdate).hasSize(2);
        assertThat(afterUpdate.getFirst().action()).isEqualTo("crew.updated");
        assertThat(afterUpdate.getFirst().changes()).as("only what changed")
                .containsExactly(new AuditRecord.Change("name", name, name + " 2"));

        delete(CREWS + "/" + id, owner, "\"2\"");
        List<AuditEntry> afterDelete = auditEntries(id);
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
        JsonNode paths = body(http.get("/v3/api-docs")).get("paths");
        assertThat(paths.has("/api/v1/crews")).isTrue();
        assertThat(paths.get("/api/v1/crews/{id}").has("patch")).isTrue();
        assertThat(paths.get("/api/v1/crews/{id}").has("delete")).isTrue();
    }

    // --- helpers

    void assertInvalid(Response r, String field, String message) {
        assertThat(r.status()).as(r.body()).isEqualTo(400);
        assertThat(r.header("Content-Type")).startsWith("application/problem+json");
        assertThat(body(r).get("errors").get(field)).as(r.body()).isNotNull();
        assertThat(body(r).get("errors").get(field).asString()).contains(message);
    }

    String create(String body) {
        Response r = http.json("POST", CREWS, owner, body);
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        return body(r).get("id").asString();
    }

    Response patch(String path, String key, String ifMatch, String body) {
        HttpRequest.Builder b = HttpRequest.newBuilder(http.uri(path))
                .method("PATCH", HttpRequest.BodyPublishers.ofString(body))
                .header("Authorization", "Bearer " + key)
                .header("Content-Type", "application/merge-patch+json")
                .header("Accept", "application/json, application/problem+json");
        if (ifMatch != null) {
            b.header("If-Match", ifMatch);
        }
        return http.send(b);
    }

    Response delete(String path, String key, String ifMatch) {
        HttpRequest.Builder b = HttpRequest.newBuilder(http.uri(path)).DELETE().header("Authorization", "Bearer " + key);
        if (ifMatch != null) {
            b.header("If-Match", ifMatch);
        }
        return http.send(b);
    }

    List<AuditEntry> auditEntries(String id) {
        return audit.find(a.company.id(), databases.of(a.company.id()).jdbc(), AuditQuery.forEntity("crew", id),
                new Page.PageRequest(0, 200)).items();
    }

    long allAuditEntries() {
        return audit.list(a.company.id(), databases.of(a.company.id()).jdbc(), new Page.PageRequest(0, 1)).total();
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

    static JsonNode body(Response r) {
        return json.readTree(r.body());
    }

    static String path(String location) {
        return location.replaceFirst("^https://[^/]+", "");
    }

    static String token() {
        return UUID.randomUUID().toString().substring(0, 8);
    }
}
