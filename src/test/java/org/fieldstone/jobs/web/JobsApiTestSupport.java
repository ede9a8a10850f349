package org.fieldstone.jobs.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.fieldstone.support.ApiClient.body;

import java.util.List;
import java.util.UUID;
import org.fieldstone.shared.Role;
import org.fieldstone.support.ApiClient;
import org.fieldstone.support.Fixtures;
import org.fieldstone.support.Fixtures.TestCompany;
import org.fieldstone.support.Fixtures.TwoCompanies;
import org.fieldstone.support.Https.Response;
import org.fieldstone.support.TestClock;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import tools.jackson.databind.JsonNode;

/**
 * Two companies with every role, a client with a property in company a, and the jobs and visits that the jobs API
 * contract and the schedule API contract (whose visits are jobs') create through the API.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class JobsApiTestSupport {

    protected static final String JOBS = "/api/v1/jobs";
    protected static final String VISITS = "/api/v1/visits";

    @Autowired protected Fixtures fixtures;
    @Autowired protected ApiClient api;
    @Autowired protected TestClock clock;
    @Value("${server.port}") protected int port;

    protected TestCompany a;
    protected TestCompany b;
    protected String owner;
    protected String admin;
    protected String user;
    protected String clientId;
    protected String propertyId;

    @BeforeAll
    protected void companies() {
        TwoCompanies two = fixtures.twoCompanies("jobs");
        a = two.a();
        b = two.b();
        owner = a.keys.get(Role.OWNER);
        admin = a.keys.get(Role.ADMIN);
        user = a.keys.get(Role.USER);
        String[] client = clientWithProperty(owner, "Ada Lovelace");
        clientId = client[0];
        propertyId = client[1];
    }

    /** A client with one property: {clientId, propertyId}. */
    protected String[] clientWithProperty(String key, String name) {
        Response r = api.post("/api/v1/clients", key, """
                {"name": "%s", "phone": "044 668 18 00",
                 "property": {"street": "Bahnhofstrasse 1", "postalCode": "8001", "city": "Zürich"}}""".formatted(name));
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        String id = body(r).get("id").asString();
        String pid = body(api.get("/api/v1/clients/" + id + "/properties", key)).get(0).get("id").asString();
        return new String[] {id, pid};
    }

    protected String userId(TestCompany c, Role role) {
        return c.users.get(role).id().toString();
    }

    /** A draft job of company a's client, by the owner. */
    protected JsonNode job(String title) {
        return job(owner, "{\"title\":\"" + title + "\"}");
    }

    /** A job created by {@code key}, with clientId and propertyId added to {@code fieldsJson}. */
    protected JsonNode job(String key, String fieldsJson) {
        String body = "{\"clientId\":\"" + clientId + "\",\"propertyId\":\"" + propertyId + "\","
                + fieldsJson.strip().substring(1);
        Response r = api.post(JOBS, key, body);
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        return body(r);
    }

    protected JsonNode visit(String jobId, String start, String end, String... assignees) {
        Response r = addVisit(owner, jobId, start, end, assignees);
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        return body(r);
    }

    protected Response addVisit(String key, String jobId, String start, String end, String... assignees) {
        String who = assignees.length == 0 ? "" : ",\"assignees\":[" + String.join(",",
                List.of(assignees).stream().map(s -> "\"" + s + "\"").toList()) + "]";
        return api.post(JOBS + "/" + jobId + "/visits", key,
                "{\"start\":\"" + start + "\",\"end\":\"" + end + "\"" + who + "}");
    }

    /** What the owner reads at {@code path}, which must be there. */
    protected JsonNode get(String path) {
        Response r = api.get(path, owner);
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        return body(r);
    }

    /** A lifecycle action with the resource's current version as If-Match. */
    protected Response act(String path, String key, String action) {
        String tag = "\"" + get(path).get("version").asLong() + "\"";
        return api.post(path + "/actions/" + action, key, tag, null);
    }

    protected static List<String> ids(JsonNode list) {
        JsonNode items = list.has("items") ? list.get("items") : list;
        return items.valueStream().map(n -> n.get("id").asString()).toList();
    }

    protected static String token() {
        return UUID.randomUUID().toString().substring(0, 8);
    }
}
