package org.fieldstone.jobs.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.util.List;
import java.util.UUID;
import org.fieldstone.audit.AuditTrail;
import org.fieldstone.shared.Page;
import org.fieldstone.shared.Role;
import org.fieldstone.support.Fixtures;
import org.fieldstone.support.Fixtures.TestCompany;
import org.fieldstone.support.Https;
import org.fieldstone.support.Https.Response;
import org.fieldstone.support.TestClock;
import org.fieldstone.tenancy.CompanyDatabases;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Two companies with every role, a client with a property in each, and the requests the jobs API contracts make. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class JobsApiTestSupport {

    static final JsonMapper json = JsonMapper.builder().build();
    static final String JOBS = "/api/v1/jobs";
    static final String VISITS = "/api/v1/visits";

    @Autowired Fixtures fixtures;
    @Autowired AuditTrail audit;
    @Autowired CompanyDatabases databases;
    @Autowired TestClock clock;
    @Value("${server.port}") int port;

    Https http;
    TestCompany a;
    TestCompany b;
    String owner;
    String admin;
    String user;
    String reader;
    String clientId;
    String propertyId;

    @BeforeAll
    void companies() {
        http = new Https(port);
        a = fixtures.companyWithEveryRole("jobs-a");
        b = fixtures.companyWithEveryRole("jobs-b");
        owner = a.keys.get(Role.OWNER);
        admin = a.keys.get(Role.ADMIN);
        user = a.keys.get(Role.USER);
        reader = a.keys.get(Role.READ_ONLY);
        String[] client = clientWithProperty(owner, "Ada Lovelace");
        clientId = client[0];
        propertyId = client[1];
    }

    /** A client with one property: {clientId, propertyId}. */
    String[] clientWithProperty(String key, String name) {
        Response r = http.json("POST", "/api/v1/clients", key, """
                {"name": "%s", "phone": "044 668 18 00",
                 "property": {"street": "Bahnhofstrasse 1", "postalCode": "8001", "city": "Zürich"}}""".formatted(name));
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        String id = body(r).get("id").asString();
        String pid = body(http.get("/api/v1/clients/" + id + "/properties", key)).get(0).get("id").asString();
        return new String[] {id, pid};
    }

    String userId(TestCompany c, Role role) {
        return c.users.get(role).id().toString();
    }

    /** A draft job of company a's client, by the owner. */
    JsonNode job(String title) {
        return job(owner, "{\"title\":\"" + title + "\"}");
    }

    /** A job created by {@code key}, with clientId and propertyId added to {@code fieldsJson}. */
    JsonNode job(String key, String fieldsJson) {
        String body = "{\"clientId\":\"" + clientId + "\",\"propertyId\":\"" + propertyId + "\","
                + fieldsJson.strip().substring(1);
        Response r = http.json("POST", JOBS, key, body);
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        return body(r);
    }

    JsonNode visit(String jobId, String start, String end, String... assignees) {
        Response r = addVisit(owner, jobId, start, end, assignees);
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        return body(r);
    }

    Response addVisit(String key, String jobId, String start, String end, String... assignees) {
        String who = assignees.length == 0 ? "" : ",\"assignees\":[" + String.join(",",
                List.of(assignees).stream().map(s -> "\"" + s + "\"").toList()) + "]";
        return http.json("POST", JOBS + "/" + jobId + "/visits", key,
                "{\"start\":\"" + start + "\",\"end\":\"" + end + "\"" + who + "}");
    }

    JsonNode get(String path) {
        Response r = http.get(path, owner);
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        return body(r);
    }

    Response post(String path, String key, String ifMatch, String body) {
        return send("POST", path, key, ifMatch, body);
    }

    Response patch(String path, String key, String ifMatch, String body) {
        return send("PATCH", path, key, ifMatch, body);
    }

    Response delete(String path, String key, String ifMatch) {
        return send("DELETE", path, key, ifMatch, null);
    }

    /** A lifecycle action with the resource's current version as If-Match. */
    Response act(String path, String key, String action) {
        String tag = "\"" + get(path).get("version").asLong() + "\"";
        return post(path + "/actions/" + action, key, tag, null);
    }

    Response send(String method, String path, String key, String ifMatch, String body) {
        HttpRequest.Builder b = HttpRequest.newBuilder(http.uri(path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
                .header("Authorization", "Bearer " + key)
                .header("Accept", "application/json, application/problem+json");
        if (body != null) {
            b.header("Content-Type", method.equals("PATCH") ? "application/merge-patch+json" : "application/json");
        }
        if (ifMatch != null) {
            b.header("If-Match", ifMatch);
        }
        return http.send(b);
    }

    long auditEntries(TestCompany c) {
        return audit.list(c.company.id(), databases.of(c.company.id()).jdbc(), new Page.PageRequest(0, 1)).total();
    }

    static JsonNode body(Response r) {
        return json.readTree(r.body());
    }

    static List<String> ids(JsonNode list) {
        JsonNode items = list.has("items") ? list.get("items") : list;
        return items.valueStream().map(n -> n.get("id").asString()).toList();
    }

    static String token() {
        return UUID.randomUUID().toString().substring(0, 8);
    }

    static void assertProblem(Response r, int status) {
        assertThat(r.status()).as(r.body()).isEqualTo(status);
        assertThat(r.header("Content-Type")).startsWith("application/problem+json");
    }
}
