package org.fieldstone.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpRequest;
import java.util.List;
import org.fieldstone.audit.AuditEntry;
import org.fieldstone.audit.AuditQuery;
import org.fieldstone.audit.AuditTrail;
import org.fieldstone.shared.Page;
import org.fieldstone.support.Fixtures.TestCompany;
import org.fieldstone.support.Https.Response;
import org.fieldstone.tenancy.CompanyDatabases;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.beans.factory.config.ConfigurableBeanFactory;
import org.springframework.context.annotation.Scope;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The REST API as an integration calls it, over the test server's HTTPS ({@link Https}): a bearer key on every
 * request, an {@code If-Match} on changes, a merge patch for PATCH; JSON and problem+json answers read back; and
 * the audit trail the requests left, read straight from the company's database. A prototype bean: each test class
 * that autowires one gets its own client.
 */
@Component
@Scope(ConfigurableBeanFactory.SCOPE_PROTOTYPE)
public class ApiClient {

    private static final String JSON = "application/json";
    private static final String MERGE_PATCH = "application/merge-patch+json";

    private static final JsonMapper json = JsonMapper.builder().build();

    private final Https http;
    private final AuditTrail audit;
    private final CompanyDatabases databases;

    ApiClient(@Value("${server.port}") int port, AuditTrail audit, CompanyDatabases databases) {
        this.http = new Https(port);
        this.audit = audit;
        this.databases = databases;
    }

    /** GET without credentials (the OpenAPI document, or a request that must be refused). */
    public Response get(String path) {
        return http.get(path);
    }

    public Response get(String path, String key) {
        return http.get(path, key);
    }

    public Response post(String path, String key, String body) {
        return send("POST", path, key, null, body);
    }

    /** A POST with an If-Match (a lifecycle action); {@code body} may be null. */
    public Response post(String path, String key, String ifMatch, String body) {
        return send("POST", path, key, ifMatch, body);
    }

    public Response put(String path, String key, String body) {
        return send("PUT", path, key, null, body);
    }

    /** A merge patch; {@code ifMatch} null sends none. */
    public Response patch(String path, String key, String ifMatch, String body) {
        return send("PATCH", path, key, ifMatch, body);
    }

    /** A patch sent as plain {@code application/json}, which the API takes as well as a merge patch. */
    public Response patchAsJson(String path, String key, String ifMatch, String body) {
        return send("PATCH", path, key, ifMatch, body, JSON);
    }

    /** {@code ifMatch} null sends none. */
    public Response delete(String path, String key, String ifMatch) {
        return send("DELETE", path, key, ifMatch, null);
    }

    /** A body is sent as a merge patch with PATCH and as plain JSON otherwise. */
    public Response send(String method, String path, String key, String ifMatch, String body) {
        return send(method, path, key, ifMatch, body, method.equals("PATCH") ? MERGE_PATCH : JSON);
    }

    /** Any request; {@code key}, {@code ifMatch} and {@code body} may each be null, and then are not sent. */
    public Response send(String method, String path, String key, String ifMatch, String body, String contentType) {
        HttpRequest.Builder b = HttpRequest.newBuilder(http.uri(path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
                .header("Accept", "application/json, application/problem+json");
        if (body != null) {
            b.header("Content-Type", contentType);
        }
        if (key != null) {
            b.header("Authorization", "Bearer " + key);
        }
        if (ifMatch != null) {
            b.header("If-Match", ifMatch);
        }
        return http.send(b);
    }

    /** GET of a binary answer (a PDF) with a bearer key, in the language {@code acceptLanguage} (null: none sent). */
    public Https.Bytes getBytes(String path, String key, String accept, String acceptLanguage) {
        HttpRequest.Builder b = HttpRequest.newBuilder(http.uri(path)).GET()
                .header("Accept", accept)
                .header("Authorization", "Bearer " + key);
        if (acceptLanguage != null) {
            b.header("Accept-Language", acceptLanguage);
        }
        return http.sendForBytes(b);
    }

    /** A request built by the test itself (other credentials, a streamed body). */
    public Response send(HttpRequest.Builder request) {
        return http.send(request);
    }

    public URI uri(String path) {
        return http.uri(path);
    }

    /** How many entries the company's audit trail holds. */
    /**
     * The company's audit entries but those of the emails that documents' sending causes afterwards, asynchronously
     * (the outbox's listener records each email): what a refused request must leave unchanged.
     */
    public long auditEntriesButEmails(TestCompany c) {
        // emails are sent after commit, each with a share link the system issues (and revokes when the send fails)
        return databases.of(c.company.id()).jdbc().sql("""
                        SELECT COUNT(*) FROM audit_log WHERE entity_type <> 'sent_email'
                        AND NOT (entity_type = 'share_link' AND channel = 'system')""")
                .query(Long.class).single();
    }

    public long allAuditEntries(TestCompany c) {
        return audit.list(c.company.id(), databases.of(c.company.id()).jdbc(), new Page.PageRequest(0, 1)).total();
    }

    /** The audit trail of one record of the company, newest first (up to 200 entries). */
    public List<AuditEntry> auditEntries(TestCompany c, String entityType, String id) {
        return audit.find(c.company.id(), databases.of(c.company.id()).jdbc(), AuditQuery.forEntity(entityType, id),
                new Page.PageRequest(0, 200)).items();
    }

    public static JsonNode body(Response r) {
        return json.readTree(r.body());
    }

    /** The answer has the status and is a problem+json document. */
    public static void assertProblem(Response r, int status) {
        assertThat(r.status()).as(r.body()).isEqualTo(status);
        assertThat(r.header("Content-Type")).startsWith("application/problem+json");
    }

    /** The path of a Location header, to request it again. */
    public static String path(String location) {
        return location.replaceFirst("^https://[^/]+", "");
    }
}
