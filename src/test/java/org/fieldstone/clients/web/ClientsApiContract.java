package org.fieldstone.clients.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.fieldstone.support.ApiClient.assertProblem;
import static org.fieldstone.support.ApiClient.body;
import static org.fieldstone.support.ApiClient.path;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.fieldstone.audit.AuditEntry;
import org.fieldstone.audit.AuditRecord;
import org.fieldstone.shared.Change;
import org.fieldstone.clients.Client;
import org.fieldstone.clients.ClientChanges;
import org.fieldstone.clients.Clients;
import org.fieldstone.clients.Property;
import org.fieldstone.shared.Role;
import org.fieldstone.support.ApiClient;
import org.fieldstone.support.Fixtures;
import org.fieldstone.support.Fixtures.TestCompany;
import org.fieldstone.support.Fixtures.TwoCompanies;
import org.fieldstone.support.Https.Response;
import org.fieldstone.tenancy.CompanyDatabase;
import org.fieldstone.tenancy.CompanyDatabases;
import org.fieldstone.tenancy.FieldProtection;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/**
 * The REST API of clients and properties over real HTTPS: the contract (status codes, ETag/If-Match,
 * merge-patch, problem+json with every invalid field), optimistic concurrency under parallel writes, one
 * audit entry per write and none per refusal, isolation between companies and the role matrix.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class ClientsApiContract {

    static final String CLIENTS = "/api/v1/clients";

    @Autowired Fixtures fixtures;
    @Autowired ApiClient api;
    @Autowired CompanyDatabases databases;
    @Autowired Clients clients;
    @Autowired FieldProtection protection;

    TestCompany a;
    TestCompany b;
    String owner;

    @BeforeAll
    void companies() {
        TwoCompanies two = fixtures.twoCompanies("clients");
        a = two.a();
        b = two.b();
        owner = a.keys.get(Role.OWNER);
    }

    @Test
    void createsAClientWithLocationETagAndEveryFieldAndItsFirstProperty() {
        Response r = api.post(CLIENTS, owner, """
                {"name": "  Ada Lovelace ", "email": "Ada@Example.COM", "phone": "044 668 18 00",
                 "notes": "Gate code 1234", "tags": ["vip", " residential ", "VIP", ""],
                 "property": {"label": "Home", "street": "Bahnhofstrasse 1", "postalCode": "8001", "city": "Zürich",
                              "latitude": 47.3769, "longitude": 8.5417}}
                """);
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        JsonNode c = body(r);
        String id = c.get("id").asString();
        assertThat(r.header("Location")).endsWith(CLIENTS + "/" + id);
        assertThat(r.header("ETag")).isEqualTo("\"1\"");
        assertThat(c.get("version").asLong()).isEqualTo(1);
        assertThat(c.get("name").asString()).isEqualTo("Ada Lovelace");
        assertThat(c.get("email").asString()).isEqualTo("ada@example.com");
        assertThat(c.get("phone").asString()).isEqualTo("+41446681800");
        assertThat(c.get("notes").asString()).isEqualTo("Gate code 1234");
        assertThat(c.get("tags").valueStream().map(JsonNode::asString).toList()).containsExactly("vip", "residential");
        assertThat(c.get("archived").asBoolean()).isFalse();
        assertThat(c.get("createdAt").asString()).matches("\\d{4}-\\d\\d-\\d\\dT.*Z");
        assertThat(c.get("updatedAt").asString()).isEqualTo(c.get("createdAt").asString());

        Response get = api.get(path(r.header("Location")), owner);
        assertThat(get.status()).isEqualTo(200);
        assertThat(get.header("ETag")).isEqualTo("\"1\"");
        assertThat(body(get)).isEqualTo(c);

        JsonNode properties = body(api.get(CLIENTS + "/" + id + "/properties", owner));
        assertThat(properties).hasSize(1);
        JsonNode p = properties.get(0);
        assertThat(p.get("label").asString()).isEqualTo("Home");
        assertThat(p.get("city").asString()).isEqualTo("Zürich");
        assertThat(p.get("postalCode").asString()).isEqualTo("8001");
        assertThat(p.get("country").asString()).as("the company's country by default").isEqualTo("CH");
        assertThat(p.get("latitude").decimalValue()).isEqualByComparingTo("47.3769");
        assertThat(p.get("longitude").decimalValue()).isEqualByComparingTo("8.5417");
        assertThat(p.get("clientId").asString()).isEqualTo(id);
        assertThat(p.get("version").asLong()).isEqualTo(1);
    }

    @Test
    void normalizesPhoneNumbersToE164WithTheCompanysCountry() {
        assertThat(body(create("{\"name\":\"Local\",\"phone\":\"044 668 18 00\"}")).get("phone").asString())
                .isEqualTo("+41446681800");
        assertThat(body(create("{\"name\":\"Intl\",\"phone\":\"+1 (650) 253-0000\"}")).get("phone").asString())
                .isEqualTo("+16502530000");
        assertThat(body(create("{\"name\":\"Dialled\",\"phone\":\"0041 44 668 18 00\"}")).get("phone").asString())
                .isEqualTo("+41446681800");
        Response bad = api.post(CLIENTS, owner, "{\"name\":\"Nope\",\"phone\":\"12\"}");
        assertThat(bad.status()).isEqualTo(400);
        assertThat(body(bad).get("errors").get("phone").asString()).contains("valid phone number");
    }

    @Test
    void listsAndSearchesByNameEmailPhoneAndCityInPages() {
        String tag = token();
        String first = id(create("{\"name\":\"Zed " + tag + " Plumbing\",\"phone\":\"+41 44 111 22 33\"}"));
        String second = id(create("{\"name\":\"Other " + tag + "son\",\"email\":\"" + tag + "@mail.example\"}"));
        String third = id(create("{\"name\":\"Third\",\"property\":{\"city\":\"" + tag + "town\"}}"));
        create("{\"name\":\"Unrelated\"}");

        JsonNode byName = body(api.get(CLIENTS + "?q=" + tag.toUpperCase() + "%20PLUMB", owner));
        assertThat(ids(byName)).containsExactly(first);
        assertThat(ids(body(api.get(CLIENTS + "?q=" + tag.toUpperCase() + "@MAIL.example", owner)))).as("email: exact, any case")
                .containsExactly(second);
        assertThat(ids(body(api.get(CLIENTS + "?q=" + tag + "@MAIL", owner)))).as("not a part of an address").isEmpty();
        assertThat(ids(body(api.get(CLIENTS + "?q=" + tag + "TOWN", owner)))).as("a city's words").containsExactly(third);
        assertThat(ids(body(api.get(CLIENTS + "?q=plumb%20" + tag, owner)))).as("every word starts a word, in any order")
                .containsExactly(first);
        assertThat(ids(body(api.get(CLIENTS + "?q=lumbing", owner)))).as("not the middle of a word").doesNotContain(first);
        assertThat(ids(body(api.get(CLIENTS + "?q=%2B41%2044%20111%2022%2033", owner)))).containsExactly(first);
        assertThat(ids(body(api.get(CLIENTS + "?q=%2B4144111", owner)))).as("not a part of a number").isEmpty();
        assertThat(ids(body(api.get(CLIENTS + "?q=044%20111%2022%2033", owner)))).as("as dialled at home")
                .containsExactly(first);

        JsonNode all = body(api.get(CLIENTS + "?q=" + tag, owner));
        assertThat(all.get("total").asLong()).isEqualTo(3);
        JsonNode page0 = body(api.get(CLIENTS + "?q=" + tag + "&page=0&size=2", owner));
        JsonNode page1 = body(api.get(CLIENTS + "?q=" + tag + "&page=1&size=2", owner));
        assertThat(page0.get("page").asInt()).isZero();
        assertThat(page0.get("size").asInt()).isEqualTo(2);
        assertThat(page0.get("total").asLong()).isEqualTo(3);
        assertThat(page0.get("items")).hasSize(2);
        assertThat(page1.get("items")).hasSize(1);
        List<String> both = new ArrayList<>(ids(page0));
        both.addAll(ids(page1));
        assertThat(both).containsExactlyInAnyOrder(first, second, third);
        // a wildcard in the query is a character, not a pattern
        assertThat(body(api.get(CLIENTS + "?q=%25", owner)).get("total").asLong()).isZero();
        assertThat(api.get(CLIENTS + "?size=201", owner).status()).isEqualTo(400);
    }

    @Test
    void aRenameAnArchiveARestoreAndANewClientAreInTheVeryNextListOrder() {
        // a company of its own: the unfiltered list holds exactly these clients
        TestCompany c = fixtures.company("clients-order");
        String key = c.apiKey(c.owner(), java.util.Optional.empty());
        String tag = "w" + token();
        String charlie = id(create(key, "{\"name\":\"Charlie " + tag + "\"}"));
        String alpha = id(create(key, "{\"name\":\"alpha " + tag + "\"}"));
        String echo = id(create(key, "{\"name\":\"Echo " + tag + "\"}"));
        assertThat(names(key, "")).as("by name, ignoring case").containsExactly("alpha", "Charlie", "Echo");
        JsonNode firstTwo = body(api.get(CLIENTS + "?page=0&size=2", key));
        assertThat(ids(firstTwo)).containsExactly(alpha, charlie);
        assertThat(firstTwo.get("total").asLong()).isEqualTo(3);
        assertThat(ids(body(api.get(CLIENTS + "?page=1&size=2", key)))).containsExactly(echo);

        assertThat(api.patch(CLIENTS + "/" + echo, key, "\"1\"", "{\"name\":\"Bravo " + tag + "\"}").status()).isEqualTo(200);
        assertThat(names(key, "")).as("renamed").containsExactly("alpha", "Bravo", "Charlie");
        assertThat(names(key, tag)).as("renamed, searched").containsExactly("alpha", "Bravo", "Charlie");

        assertThat(api.delete(CLIENTS + "/" + alpha, key, "\"1\"").status()).isEqualTo(204);
        assertThat(names(key, "")).as("archived").containsExactly("Bravo", "Charlie");
        assertThat(names(key, tag)).as("archived, searched").containsExactly("Bravo", "Charlie");
        assertThat(body(api.get(CLIENTS, key)).get("total").asLong()).isEqualTo(2);
        assertThat(names(key, "", true)).containsExactly("alpha", "Bravo", "Charlie");
        assertThat(api.patch(CLIENTS + "/" + alpha, key, "\"2\"", "{\"archived\":false}").status()).isEqualTo(200);
        assertThat(names(key, "")).as("restored").containsExactly("alpha", "Bravo", "Charlie");

        String aaron = id(create(key, "{\"name\":\"Aaron " + tag + "\"}"));
        assertThat(names(key, "")).as("new").containsExactly("Aaron", "alpha", "Bravo", "Charlie");
        assertThat(names(key, tag)).as("new, searched").containsExactly("Aaron", "alpha", "Bravo", "Charlie");

        // another node's writes: through the service (not this API) ...
        Client renamed = clients.update(c.system(), charlie, 1, new ClientChanges(Change.to("Able " + tag), null, null, null, null));
        assertThat(renamed.version()).isEqualTo(2);
        assertThat(names(key, "")).as("renamed elsewhere").containsExactly("Aaron", "Able", "alpha", "Bravo");
        // ... and straight in the database: a new name sealed for the row and its version bumped, by a node whose
        // clock is an hour behind (so the row's updated_at is older than the latest one)
        CompanyDatabase db = databases.of(c.company.id());
        String sealed = protection.seal(c.company.id(), "clients", "name", aaron, "Zulu " + tag);
        assertThat(db.jdbc().sql("UPDATE clients SET name = :name, version = version + 1, updated_at = updated_at - 3600000"
                        + " WHERE id = :id").param("name", sealed).param("id", aaron).update()).isEqualTo(1);
        assertThat(names(key, "")).as("a row whose version was bumped is read again")
                .containsExactly("Able", "alpha", "Bravo", "Zulu");
        assertThat(names(key, tag)).as("searched: the order, not the tokens").containsExactly("Able", "alpha", "Bravo", "Zulu");
        assertThat(db.jdbc().sql("UPDATE clients SET archived = :archived, version = version + 1 WHERE id = :id")
                .param("archived", true).param("id", echo).update()).isEqualTo(1);
        assertThat(names(key, "")).as("archived elsewhere").containsExactly("Able", "alpha", "Zulu");
        assertThat(names(key, "", true)).containsExactly("Able", "alpha", "Bravo", "Zulu");
        assertThat(db.jdbc().sql("DELETE FROM clients WHERE id = :id").param("id", alpha).update()).isEqualTo(1);
        assertThat(names(key, "")).as("a row gone").containsExactly("Able", "Zulu");
        assertThat(names(key, tag, true)).containsExactly("Able", "Bravo", "Zulu");
        assertThat(body(api.get(CLIENTS + "?archived=true", key)).get("total").asLong()).isEqualTo(3);
    }

    @Test
    void aMergePatchWithIfMatchChangesOnlyTheGivenFieldsAndAnswersTheNewETag() {
        Response created = create("{\"name\":\"Patchy\",\"email\":\"p@x.example\",\"notes\":\"old\",\"tags\":[\"a\"]}");
        String id = id(created);
        Response r = api.patch(CLIENTS + "/" + id, owner, "\"1\"", "{\"email\":\"new@x.example\",\"notes\":null}");
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        assertThat(r.header("ETag")).isEqualTo("\"2\"");
        JsonNode c = body(r);
        assertThat(c.get("name").asString()).isEqualTo("Patchy");
        assertThat(c.get("email").asString()).isEqualTo("new@x.example");
        assertThat(c.get("notes").isNull()).isTrue();
        assertThat(c.get("tags").get(0).asString()).isEqualTo("a");
        assertThat(c.get("version").asLong()).isEqualTo(2);
        assertThat(api.get(CLIENTS + "/" + id, owner).header("ETag")).isEqualTo("\"2\"");

        // plain application/json and a weak tag are accepted too
        Response weak = api.patchAsJson(CLIENTS + "/" + id, owner, "W/\"2\"", "{\"tags\":null}");
        assertThat(weak.status()).isEqualTo(200);
        assertThat(body(weak).get("tags")).isEmpty();
        assertThat(weak.header("ETag")).isEqualTo("\"3\"");
    }

    @Test
    void aStaleIfMatchIsRefusedWith412AndChangesNothing() {
        String id = id(create("{\"name\":\"Stale\"}"));
        assertThat(api.patch(CLIENTS + "/" + id, owner, "\"1\"", "{\"name\":\"Fresh\"}").status()).isEqualTo(200);
        long entries = api.auditEntries(a, "client", id).size();

        Response stale = api.patch(CLIENTS + "/" + id, owner, "\"1\"", "{\"name\":\"Overwritten\"}");
        assertProblem(stale, 412);
        assertThat(body(stale).get("detail").asString()).contains("changed");
        assertThat(body(stale).get("currentVersion").asLong()).isEqualTo(2);
        Response deleteStale = api.delete(CLIENTS + "/" + id, owner, "\"1\"");
        assertThat(deleteStale.status()).isEqualTo(412);

        JsonNode now = body(api.get(CLIENTS + "/" + id, owner));
        assertThat(now.get("name").asString()).isEqualTo("Fresh");
        assertThat(now.get("archived").asBoolean()).isFalse();
        assertThat(now.get("version").asLong()).isEqualTo(2);
        assertThat(api.auditEntries(a, "client", id)).hasSize((int) entries);
    }

    @Test
    void aChangeWithoutIfMatchIsRefusedWith428AndAnUnreadableOneWith400() {
        String id = id(create("{\"name\":\"Unconditional\"}"));
        Response noMatch = api.patch(CLIENTS + "/" + id, owner, null, "{\"name\":\"X\"}");
        assertProblem(noMatch, 428);
        assertThat(body(noMatch).get("detail").asString()).contains("If-Match");
        Response noMatchDelete = api.delete(CLIENTS + "/" + id, owner, null);
        assertProblem(noMatchDelete, 428);

        for (String garbage : new String[] {"1", "\"one\"", "*", "\"1\", \"2\""}) {
            Response r = api.patch(CLIENTS + "/" + id, owner, garbage, "{\"name\":\"X\"}");
            assertThat(r.status()).as(garbage).isEqualTo(400);
            assertThat(body(r).get("errors").has("If-Match")).isTrue();
        }
        JsonNode now = body(api.get(CLIENTS + "/" + id, owner));
        assertThat(now.get("name").asString()).isEqualTo("Unconditional");
        assertThat(now.get("version").asLong()).isEqualTo(1);
        assertThat(api.auditEntries(a, "client", id)).hasSize(1);
    }

    @Test
    void deleteArchivesTheClientWhichStaysReadableAndInTheAuditTrail() {
        String name = "Archivable " + token();
        String id = id(create("{\"name\":\"" + name + "\"}"));
        Response r = api.delete(CLIENTS + "/" + id, owner, "\"1\"");
        assertThat(r.status()).isEqualTo(204);
        assertThat(r.body()).isEmpty();

        Response get = api.get(CLIENTS + "/" + id, owner);
        assertThat(get.status()).isEqualTo(200);
        assertThat(body(get).get("archived").asBoolean()).isTrue();
        assertThat(get.header("ETag")).isEqualTo("\"2\"");
        assertThat(body(api.get(CLIENTS + "?q=" + enc(name), owner)).get("total").asLong()).isZero();
        assertThat(ids(body(api.get(CLIENTS + "?archived=true&q=" + enc(name), owner)))).containsExactly(id);
        assertThat(api.auditEntries(a, "client", id)).extracting(AuditEntry::action).containsExactly("client.archived", "client.created");

        // and back, through a merge patch of archived alone
        Response restored = api.patch(CLIENTS + "/" + id, owner, "\"2\"", "{\"archived\":false}");
        assertThat(restored.status()).isEqualTo(200);
        assertThat(body(restored).get("archived").asBoolean()).isFalse();
        assertThat(api.auditEntries(a, "client", id).getFirst().action()).isEqualTo("client.restored");
    }

    @Test
    void unknownAndReadOnlyFieldsAreRefusedAndCreateNothing() {
        long before = total(owner);
        Response unknown = api.post(CLIENTS, owner, "{\"name\":\"Sneaky\",\"isVip\":true}");
        assertProblem(unknown, 400);
        assertThat(body(unknown).get("detail").asString()).contains("isVip");
        assertThat(body(unknown).get("errors").has("isVip")).isTrue();
        assertThat(api.post(CLIENTS, owner, "{\"name\":\"Sneaky\",\"property\":{\"owner\":\"me\"}}").status())
                .isEqualTo(400);
        assertThat(api.post(CLIENTS, owner, "{\"name\":\"Sneaky\",\"id\":\"mine\"}").status()).isEqualTo(400);
        assertThat(api.post(CLIENTS, owner, "[{\"name\":\"Sneaky\"}]").status()).isEqualTo(400);
        assertThat(api.post(CLIENTS, owner, "{\"name\":").status()).isEqualTo(400);
        assertThat(total(owner)).isEqualTo(before);

        String id = id(create("{\"name\":\"Patched\"}"));
        Response patchUnknown = api.patch(CLIENTS + "/" + id, owner, "\"1\"", "{\"name\":\"New\",\"version\":7,\"colour\":\"red\"}");
        assertThat(patchUnknown.status()).isEqualTo(400);
        assertThat(body(patchUnknown).get("errors").has("colour")).isTrue();
        assertThat(body(patchUnknown).get("errors").has("version")).isTrue();
        assertThat(body(api.get(CLIENTS + "/" + id, owner)).get("name").asString()).isEqualTo("Patched");
    }

    @Test
    void everyInvalidFieldIsReportedAtOnceAndNothingIsCreated() {
        long before = total(owner);
        Response r = api.post(CLIENTS, owner, """
                {"name": "%s", "email": "not-an-email", "phone": "call me maybe", "notes": "%s",
                 "property": {"street": "Somewhere 1", "country": "XX", "latitude": 91, "longitude": 8}}
                """.formatted("n".repeat(201), "x".repeat(10_001)));
        assertProblem(r, 400);
        JsonNode errors = body(r).get("errors");
        assertThat(errors.propertyNames()).contains("name", "email", "phone", "notes", "country", "latitude");
        assertThat(errors.get("name").asString()).contains("200");
        assertThat(errors.get("notes").asString()).contains("10,000");
        assertThat(errors.get("latitude").asString()).contains("90");
        assertThat(total(owner)).isEqualTo(before);

        String id = id(create("{\"name\":\"Keeps a name\"}"));
        Response cleared = api.patch(CLIENTS + "/" + id, owner, "\"1\"", "{\"name\":null,\"email\":\"bad\",\"tags\":\"x\"}");
        assertThat(cleared.status()).isEqualTo(400);
        assertThat(body(cleared).get("errors").propertyNames()).contains("tags");
        Response noName = api.patch(CLIENTS + "/" + id, owner, "\"1\"", "{\"name\":null,\"email\":\"bad\",\"phone\":\"1\"}");
        assertThat(body(noName).get("errors").propertyNames()).contains("name", "email", "phone");
        assertThat(body(api.get(CLIENTS + "/" + id, owner)).get("name").asString()).isEqualTo("Keeps a name");

        String propertyPath = CLIENTS + "/" + id + "/properties";
        Response badProperty = api.post(propertyPath, owner,
                "{\"street\":\"A 1\",\"country\":\"Switzerland\",\"latitude\":\"north\",\"longitude\":181}");
        assertThat(badProperty.status()).isEqualTo(400);
        assertThat(body(badProperty).get("errors").propertyNames()).contains("country", "latitude", "longitude");
        Response halfGeo = api.post(propertyPath, owner, "{\"street\":\"A 1\",\"latitude\":47}");
        assertThat(body(halfGeo).get("errors").propertyNames()).contains("longitude");
        assertThat(body(api.get(propertyPath, owner))).isEmpty();
    }

    @Test
    void propertiesAreCreatedReadChangedAndDeletedWithTheirOwnVersions() {
        String clientId = id(create("{\"name\":\"Landlord\"}"));
        String base = CLIENTS + "/" + clientId + "/properties";
        Response created = api.post(base, owner, "{\"label\":\"Shop\",\"street\":\"Main 2\",\"city\":\"Bern\",\"country\":\"de\"}");
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        String pid = body(created).get("id").asString();
        assertThat(created.header("Location")).endsWith(base + "/" + pid);
        assertThat(created.header("ETag")).isEqualTo("\"1\"");
        assertThat(body(created).get("country").asString()).isEqualTo("DE");

        Response get = api.get(base + "/" + pid, owner);
        assertThat(get.status()).isEqualTo(200);
        assertThat(get.header("ETag")).isEqualTo("\"1\"");
        assertThat(body(api.get(base, owner))).hasSize(1);

        Response changed = api.patch(base + "/" + pid, owner, "\"1\"", "{\"city\":\"Basel\",\"label\":null,\"latitude\":47.56,\"longitude\":7.59}");
        assertThat(changed.status()).as(changed.body()).isEqualTo(200);
        assertThat(changed.header("ETag")).isEqualTo("\"2\"");
        assertThat(body(changed).get("city").asString()).isEqualTo("Basel");
        assertThat(body(changed).get("label").isNull()).isTrue();
        assertThat(body(changed).get("street").asString()).isEqualTo("Main 2");
        assertThat(body(changed).get("latitude").decimalValue()).isEqualByComparingTo("47.56");

        assertThat(api.patch(base + "/" + pid, owner, "\"1\"", "{\"city\":\"Chur\"}").status()).isEqualTo(412);
        assertThat(api.patch(base + "/" + pid, owner, null, "{\"city\":\"Chur\"}").status()).isEqualTo(428);
        assertThat(api.delete(base + "/" + pid, owner, "\"1\"").status()).isEqualTo(412);
        assertThat(api.delete(base + "/" + pid, owner, null).status()).isEqualTo(428);
        assertThat(body(api.get(base + "/" + pid, owner)).get("city").asString()).isEqualTo("Basel");

        assertThat(api.delete(base + "/" + pid, owner, "\"2\"").status()).isEqualTo(204);
        assertThat(api.get(base + "/" + pid, owner).status()).isEqualTo(404);
        assertThat(body(api.get(base, owner))).isEmpty();
        // adding, changing and removing properties never needed nor moved the client's version
        assertThat(api.get(CLIENTS + "/" + clientId, owner).header("ETag")).isEqualTo("\"1\"");
        assertThat(api.auditEntries(a, "property", pid)).extracting(AuditEntry::action)
                .containsExactly("property.deleted", "property.updated", "property.created");
    }

    @Test
    void aPropertyAskedForUnderAnotherClientIsNotFoundAndUntouched() {
        String mine = id(create("{\"name\":\"Mine\",\"property\":{\"street\":\"Mine 1\"}}"));
        String other = id(create("{\"name\":\"Other\"}"));
        String pid = body(api.get(CLIENTS + "/" + mine + "/properties", owner)).get(0).get("id").asString();
        String wrong = CLIENTS + "/" + other + "/properties/" + pid;
        assertThat(api.get(wrong, owner).status()).isEqualTo(404);
        assertThat(api.patch(wrong, owner, "\"1\"", "{\"street\":\"Taken 1\"}").status()).isEqualTo(404);
        assertThat(api.patch(wrong, owner, null, "{\"street\":\"Taken 1\"}").status()).isEqualTo(404);
        assertThat(api.delete(wrong, owner, "\"1\"").status()).isEqualTo(404);
        assertThat(api.post(CLIENTS + "/" + UUID.randomUUID() + "/properties", owner, "{\"street\":\"Nowhere 1\"}")
                .status()).isEqualTo(404);
        JsonNode p = body(api.get(CLIENTS + "/" + mine + "/properties/" + pid, owner));
        assertThat(p.get("street").asString()).isEqualTo("Mine 1");
        assertThat(p.get("version").asLong()).isEqualTo(1);
        assertThat(api.get(CLIENTS + "/" + UUID.randomUUID(), owner).status()).isEqualTo(404);
        assertThat(api.get(CLIENTS + "/not-an-id", owner).status()).isEqualTo(404);
    }

    @Test
    void twoConcurrentPatchesWithTheSameIfMatchLetExactlyOneThrough() throws Exception {
        for (int round = 0; round < 3; round++) {
            String id = id(create("{\"name\":\"Contended\"}"));
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Response>> answers = new ArrayList<>();
            try (ExecutorService pool = Executors.newFixedThreadPool(2)) {
                for (String name : new String[] {"Alice's edit", "Bob's edit"}) {
                    answers.add(pool.submit(() -> {
                        start.await();
                        return api.patch(CLIENTS + "/" + id, owner, "\"1\"", "{\"name\":\"" + name + "\"}");
                    }));
                }
                start.countDown();
                List<Integer> statuses = new ArrayList<>();
                for (Future<Response> answer : answers) {
                    statuses.add(answer.get().status());
                }
                assertThat(statuses).as("round %d", round).containsExactlyInAnyOrder(200, 412);
            }
            List<AuditEntry> updates = api.auditEntries(a, "client", id).stream()
                    .filter(e -> e.action().equals("client.updated")).toList();
            assertThat(updates).hasSize(1);
            JsonNode now = body(api.get(CLIENTS + "/" + id, owner));
            assertThat(now.get("version").asLong()).isEqualTo(2);
            assertThat(updates.getFirst().changes()).containsExactly(
                    AuditRecord.Change.sensitive("name", "Contended", now.get("name").asString()));
        }
    }

    @Test
    void everyWriteLeavesExactlyOneAuditEntryWithTheChangedFieldsBeforeAndAfter() {
        Response created = create("{\"name\":\"Audited\",\"email\":\"a@x.example\",\"tags\":[\"t\"]}");
        String id = id(created);
        List<AuditEntry> afterCreate = api.auditEntries(a, "client", id);
        assertThat(afterCreate).hasSize(1);
        AuditEntry entry = afterCreate.getFirst();
        assertThat(entry.action()).isEqualTo("client.created");
        assertThat(entry.actorId()).isEqualTo(a.users.get(Role.OWNER).id().toString());
        assertThat(entry.channel()).isEqualTo("api");
        assertThat(entry.apiKeyId()).isNotNull();
        assertThat(entry.changes()).containsExactlyInAnyOrder(AuditRecord.Change.sensitive("name", null, "Audited"),
                AuditRecord.Change.sensitive("email", null, "a@x.example"), new AuditRecord.Change("tags", null, "[\"t\"]"));

        api.patch(CLIENTS + "/" + id, owner, "\"1\"", "{\"name\":\"Audited Ltd\",\"email\":\"a@x.example\",\"phone\":\"044 668 18 00\"}");
        List<AuditEntry> afterUpdate = api.auditEntries(a, "client", id);
        assertThat(afterUpdate).hasSize(2);
        assertThat(afterUpdate.getFirst().action()).isEqualTo("client.updated");
        assertThat(afterUpdate.getFirst().changes()).as("only what changed").containsExactlyInAnyOrder(
                AuditRecord.Change.sensitive("name", "Audited", "Audited Ltd"),
                AuditRecord.Change.sensitive("phone", null, "+41446681800"));

        api.delete(CLIENTS + "/" + id, owner, "\"2\"");
        List<AuditEntry> afterArchive = api.auditEntries(a, "client", id);
        assertThat(afterArchive).hasSize(3);
        assertThat(afterArchive.getFirst().action()).isEqualTo("client.archived");
        assertThat(afterArchive.getFirst().changes()).containsExactly(new AuditRecord.Change("archived", "false", "true"));

        Response property = api.post(CLIENTS + "/" + id + "/properties", owner, "{\"street\":\"Audit 1\",\"city\":\"Olten\"}");
        String pid = body(property).get("id").asString();
        assertThat(api.auditEntries(a, "property", pid)).singleElement().satisfies(e -> {
            assertThat(e.action()).isEqualTo("property.created");
            assertThat(e.changes()).contains(AuditRecord.Change.sensitive("street", null, "Audit 1"),
                    new AuditRecord.Change("client_id", null, id), new AuditRecord.Change("country", null, "CH"));
        });
        api.patch(CLIENTS + "/" + id + "/properties/" + pid, owner, "\"1\"", "{\"city\":\"Aarau\"}");
        assertThat(api.auditEntries(a, "property", pid).getFirst().changes())
                .containsExactly(AuditRecord.Change.sensitive("city", "Olten", "Aarau"));
        api.delete(CLIENTS + "/" + id + "/properties/" + pid, owner, "\"2\"");
        List<AuditEntry> propertyTrail = api.auditEntries(a, "property", pid);
        assertThat(propertyTrail).hasSize(3);
        assertThat(propertyTrail.getFirst().action()).isEqualTo("property.deleted");
        assertThat(propertyTrail.getFirst().changes()).contains(AuditRecord.Change.sensitive("city", "Aarau", null));
        assertThat(api.auditEntries(a, "client", id)).as("the client's own trail is untouched by its properties").hasSize(3);
    }

    @Test
    void refusedWritesLeaveNoAuditEntry() {
        String id = id(create("{\"name\":\"Refusals\",\"property\":{\"street\":\"Refused 1\"}}"));
        String pid = body(api.get(CLIENTS + "/" + id + "/properties", owner)).get(0).get("id").asString();
        long before = api.allAuditEntries(a);
        String reader = a.keys.get(Role.READ_ONLY);
        assertThat(api.patch(CLIENTS + "/" + id, reader, "\"1\"", "{\"name\":\"No\"}").status()).isEqualTo(403);
        assertThat(api.post(CLIENTS, reader, "{\"name\":\"No\"}").status()).isEqualTo(403);
        assertThat(api.delete(CLIENTS + "/" + id + "/properties/" + pid, reader, "\"1\"").status()).isEqualTo(403);
        assertThat(api.patch(CLIENTS + "/" + id, owner, "\"7\"", "{\"name\":\"No\"}").status()).isEqualTo(412);
        assertThat(api.patch(CLIENTS + "/" + id, owner, "\"1\"", "{\"email\":\"no\"}").status()).isEqualTo(400);
        assertThat(api.post(CLIENTS, owner, "{\"name\":\"\"}").status()).isEqualTo(400);
        assertThat(api.patch(CLIENTS + "/" + id + "/properties/" + pid, owner, "\"1\"", "{\"latitude\":100}").status()).isEqualTo(400);
        assertThat(api.allAuditEntries(a)).isEqualTo(before);
    }

    @Test
    void anotherCompanysClientsAndPropertiesAreNotFoundAndNothingChanges() {
        String name = "Secret " + token();
        String id = id(create("{\"name\":\"" + name + "\",\"email\":\"secret@a.example\",\"property\":{\"street\":\"Hidden 1\"}}"));
        String pid = body(api.get(CLIENTS + "/" + id + "/properties", owner)).get(0).get("id").asString();
        String bKey = b.keys.get(Role.OWNER);
        String client = CLIENTS + "/" + id;
        String property = client + "/properties/" + pid;

        List<Response> answers = List.of(api.get(client, bKey),
                api.patch(client, bKey, "\"1\"", "{\"name\":\"Stolen\"}"),
                api.patch(client, bKey, null, "{\"name\":\"Stolen\"}"),
                api.delete(client, bKey, "\"1\""),
                api.delete(client, bKey, null),
                api.get(client + "/properties", bKey),
                api.post(client + "/properties", bKey, "{\"street\":\"Planted 1\"}"),
                api.get(property, bKey),
                api.patch(property, bKey, "\"1\"", "{\"street\":\"Moved 1\"}"),
                api.delete(property, bKey, "\"1\""));
        for (Response r : answers) {
            assertThat(r.status()).isEqualTo(404);
            assertThat(r.body()).doesNotContain(name).doesNotContain("secret@a.example").doesNotContain("Hidden");
        }
        JsonNode unchanged = body(api.get(client, owner));
        assertThat(unchanged.get("name").asString()).isEqualTo(name);
        assertThat(unchanged.get("version").asLong()).isEqualTo(1);
        assertThat(body(api.get(client + "/properties", owner))).hasSize(1);
        assertThat(body(api.get(property, owner)).get("street").asString()).isEqualTo("Hidden 1");

        assertThat(body(api.get(CLIENTS + "?q=" + enc(name), bKey)).get("total").asLong()).isZero();
        assertThat(body(api.get(CLIENTS + "?archived=true&size=200", bKey)).get("items").valueStream()
                .map(c -> c.get("id").asString())).doesNotContain(id);
    }

    @ParameterizedTest
    @EnumSource(Role.class)
    void everyRoleReadsButOnlyWritersWrite(Role role) {
        String key = a.keys.get(role);
        boolean writes = role != Role.READ_ONLY;
        String id = id(create("{\"name\":\"Role matrix " + role + "\",\"property\":{\"street\":\"Matrix 1\"}}"));
        String pid = body(api.get(CLIENTS + "/" + id + "/properties", owner)).get(0).get("id").asString();
        String client = CLIENTS + "/" + id;
        String property = client + "/properties/" + pid;

        assertThat(api.get(CLIENTS, key).status()).isEqualTo(200);
        assertThat(api.get(client, key).status()).isEqualTo(200);
        assertThat(api.get(client + "/properties", key).status()).isEqualTo(200);
        assertThat(api.get(property, key).status()).isEqualTo(200);

        long clientsBefore = total(owner);
        long entriesBefore = api.allAuditEntries(a);
        Response post = api.post(CLIENTS, key, "{\"name\":\"Made by " + role + "\"}");
        Response patchClient = api.patch(client, key, "\"1\"", "{\"notes\":\"by " + role + "\"}");
        Response postProperty = api.post(client + "/properties", key, "{\"street\":\"Added 1\"}");
        Response patchProperty = api.patch(property, key, "\"1\"", "{\"city\":\"Changed\"}");
        Response deleteProperty = api.delete(property, key, writes ? "\"2\"" : "\"1\"");
        Response deleteClient = api.delete(client, key, writes ? "\"2\"" : "\"1\"");
        Response withoutIfMatch = api.patch(client, key, null, "{\"notes\":\"x\"}");
        if (writes) {
            assertThat(List.of(post, patchClient, postProperty, patchProperty, deleteProperty, deleteClient))
                    .extracting(Response::status).containsExactly(201, 200, 201, 200, 204, 204);
            assertThat(withoutIfMatch.status()).isEqualTo(428);
            assertThat(body(api.get(client, owner)).get("archived").asBoolean()).isTrue();
        } else {
            for (Response r : List.of(post, patchClient, postProperty, patchProperty, deleteProperty, deleteClient, withoutIfMatch)) {
                assertProblem(r, 403);
            }
            JsonNode unchanged = body(api.get(client, owner));
            assertThat(unchanged.get("version").asLong()).isEqualTo(1);
            assertThat(unchanged.get("notes").isNull()).isTrue();
            assertThat(body(api.get(client + "/properties", owner))).hasSize(1);
            assertThat(body(api.get(property, owner)).get("version").asLong()).isEqualTo(1);
            assertThat(total(owner)).isEqualTo(clientsBefore);
            assertThat(api.allAuditEntries(a)).isEqualTo(entriesBefore);
        }
    }

    @Test
    void publishesTheClientEndpointsInTheOpenApiDocument() {
        JsonNode paths = body(api.get("/v3/api-docs")).get("paths");
        assertThat(paths.has("/api/v1/clients")).isTrue();
        assertThat(paths.has("/api/v1/clients/{id}")).isTrue();
        assertThat(paths.get("/api/v1/clients/{id}").has("patch")).isTrue();
        assertThat(paths.has("/api/v1/clients/{id}/properties/{propertyId}")).isTrue();
    }

    // --- helpers

    Response create(String key, String body) {
        Response r = api.post(CLIENTS, key, body);
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        return r;
    }

    Response create(String body) {
        return create(owner, body);
    }

    @Test
    void aPropertysCoordinatesAreSetThroughTheWritePathAndRefusedOutOfRangeHalfOrInAnotherCompany() {
        String clientId = id(api.post(CLIENTS, owner, "{\"name\":\"Map Client\"}"));
        String base = CLIENTS + "/" + clientId + "/properties";
        String pid = id(api.post(base, owner, "{\"street\":\"Seefeldstrasse 88\",\"city\":\"Zürich\"}"));

        Response set = api.patch(base + "/" + pid, owner, "\"1\"", "{\"latitude\":47.3552,\"longitude\":8.5565}");
        assertThat(set.status()).as(set.body()).isEqualTo(200);
        assertThat(body(set).get("latitude").decimalValue()).isEqualByComparingTo("47.3552");
        assertThat(body(set).get("longitude").decimalValue()).isEqualByComparingTo("8.5565");
        assertThat(body(api.get(base + "/" + pid, owner)).get("latitude").decimalValue()).isEqualByComparingTo("47.3552");
        AuditEntry entry = clients.history(a.system(), clientId, 10).getFirst();
        assertThat(entry.entityId()).isEqualTo(pid);
        assertThat(entry.changes()).anySatisfy(ch -> {
            assertThat(ch.field()).isEqualTo("latitude");
            assertThat(ch.after()).isEqualTo("47.3552");
        });

        // out of range, only one of the two, not a number: 400, and nothing changed
        for (String bad : List.of("{\"latitude\":91}", "{\"longitude\":-180.5}", "{\"latitude\":null}",
                "{\"longitude\":null}", "{\"latitude\":\"north\"}")) {
            Response refused = api.patch(base + "/" + pid, owner, "\"2\"", bad);
            assertThat(refused.status()).as(bad).isEqualTo(400);
        }
        Response half = api.post(base, owner, "{\"street\":\"Half 1\",\"longitude\":8.5}");
        assertThat(half.status()).isEqualTo(400);
        assertThat(body(half).get("errors").propertyNames()).contains("latitude");
        assertThat(body(api.get(base, owner))).hasSize(1);
        Property kept = clients.property(a.system(), clientId, pid);
        assertThat(kept.version()).isEqualTo(2);
        assertThat(kept.latitude()).isEqualByComparingTo("47.3552");
        assertThat(kept.longitude()).isEqualByComparingTo("8.5565");

        // another company's key does not find the property, and cannot move it
        String theirs = b.keys.get(Role.OWNER);
        assertThat(api.get(base + "/" + pid, theirs).status()).isEqualTo(404);
        assertThat(api.patch(base + "/" + pid, theirs, "\"2\"", "{\"latitude\":1,\"longitude\":1}").status()).isEqualTo(404);
        assertThat(clients.property(a.system(), clientId, pid).version()).isEqualTo(2);
        // both cleared together is allowed
        Response cleared = api.patch(base + "/" + pid, owner, "\"2\"", "{\"latitude\":null,\"longitude\":null}");
        assertThat(cleared.status()).as(cleared.body()).isEqualTo(200);
        assertThat(clients.property(a.system(), clientId, pid).latitude()).isNull();
    }

    /** The first word of each client's name on the first page (up to 200), as the API orders them. */
    List<String> names(String key, String q) {
        return names(key, q, false);
    }

    List<String> names(String key, String q, boolean archived) {
        JsonNode page = body(api.get(CLIENTS + "?size=200&archived=" + archived + (q.isEmpty() ? "" : "&q=" + enc(q)), key));
        return page.get("items").valueStream().map(c -> c.get("name").asString().split(" ")[0]).toList();
    }

    long total(String key) {
        return body(api.get(CLIENTS + "?archived=true&size=1", key)).get("total").asLong();
    }

    static String id(Response r) {
        return body(r).get("id").asString();
    }

    static List<String> ids(JsonNode page) {
        return page.get("items").valueStream().map(c -> c.get("id").asString()).toList();
    }

    static String token() {
        return UUID.randomUUID().toString().substring(0, 8);
    }

    static String enc(String s) {
        return java.net.URLEncoder.encode(s, java.nio.charset.StandardCharsets.UTF_8);
    }
}
