package org.fieldstone.assistant.mcp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.fieldstone.support.ApiClient.body;

import io.modelcontextprotocol.modern.McpSchema;
import io.modelcontextprotocol.modern.client.McpClient;
import io.modelcontextprotocol.modern.client.McpSyncClient;
import io.modelcontextprotocol.modern.client.transport.HttpClientMcpTransport;
import io.modelcontextprotocol.modern.client.transport.McpHttpRequestCustomizer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.fieldstone.assistant.Tool;
import org.fieldstone.assistant.Tools;
import org.fieldstone.audit.AuditEntry;
import org.fieldstone.identity.ConnectedApps;
import org.fieldstone.identity.User;
import org.fieldstone.jobs.web.JobsApiTestSupport;
import org.fieldstone.shared.Permission;
import org.fieldstone.shared.Role;
import org.fieldstone.support.Fixtures;
import org.fieldstone.support.Fixtures.TestCompany;
import org.fieldstone.support.Https;
import org.fieldstone.support.Https.Response;
import org.fieldstone.support.OAuthFlow;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/**
 * The MCP endpoint as an OAuth 2.1 protected resource, the whole way over real HTTPS with the MCP Java SDK's own
 * client (revision 2026-07-28): a request without a token → 401 naming the RFC 9728 metadata → its authorization
 * server → that issuer's RFC 8414 metadata → authorization with PKCE S256 and {@code resource} = the MCP URL by a
 * signed-in user → consent → code → token → tools/list (the role AND the granted scopes) → tools/call as the user
 * (a technician sees only their visits) → a write audited as the app acting for the user through {@code mcp}. And the
 * attacks on the token: none, expired, another company's, another resource's (the REST API, another company's MCP),
 * too few scopes (403 insufficient_scope), someone else's job, a replayed refresh token, a revoked grant.
 */
abstract class McpOAuthContract extends JobsApiTestSupport {

    static final String REDIRECT = "http://127.0.0.1:9/callback";
    static final String VERSION = "2026-07-28";

    @Autowired ConnectedApps apps;
    @Autowired Tools registry;

    User tech;
    String jobOfTechnician;
    String jobOfOther;
    String titleOfTechnician;
    String titleOfOther;

    /** A fresh public app per test at each company (so no earlier consent is reused), and its flow. */
    OAuthFlow flow;
    OAuthFlow flowB;
    String appClientId;

    @BeforeAll
    void visitsOfTwoTechnicians() {
        tech = a.users.get(Role.USER);
        User other = a.addUser(Role.USER);
        LocalDate today = LocalDate.now(clock.withZone(ZoneId.of("Europe/Zurich")));
        titleOfTechnician = "Gutter cleaning " + token();
        titleOfOther = "Roof inspection " + token();
        jobOfTechnician = job(titleOfTechnician).get("id").asString();
        jobOfOther = job(titleOfOther).get("id").asString();
        visit(jobOfTechnician, today + "T08:00", today + "T09:00", tech.id().toString());
        visit(jobOfOther, today + "T14:00", today + "T15:00", other.id().toString());
    }

    @BeforeEach
    void apps() {
        appClientId = apps.register(a.system(), "MCP client " + token(), List.of(REDIRECT), false).app().clientId();
        flow = new OAuthFlow(port, a.slug(), appClientId, REDIRECT);
        String clientOfB = apps.register(b.system(), "MCP client " + token(), List.of(REDIRECT), false).app().clientId();
        flowB = new OAuthFlow(port, b.slug(), clientOfB, REDIRECT);
    }

    String mcp(TestCompany c) {
        return flow.base() + "/c/" + c.slug() + "/mcp";
    }

    /** A browser signed in as {@code user} of {@code c}. */
    Https signedIn(TestCompany c, User user) {
        Https browser = new Https(port);
        Response r = browser.signIn(c.slug(), user.email().value(), Fixtures.PASSWORD);
        assertThat(r.status()).as(r.body()).isEqualTo(302);
        return browser;
    }

    /** The technician's tokens for {@code scope}, through consent, for company a's MCP endpoint. */
    JsonNode techTokens(String scope) {
        return flow.tokensFor(signedIn(a, tech), scope, Optional.of(mcp(a)));
    }

    static String access(JsonNode tokens) {
        return tokens.get("access_token").asString();
    }

    // ---- the whole way

    @Test
    void fromA401ThroughDiscoveryConsentAndTokenToToolsOfRoleAndScopesAndAnAuditedWrite() {
        // 1. no token: 401 naming the protected resource's metadata
        Response unauthorized = api.send(post(a.slug(), null, McpServerContract.rpc("ping", null, "{}")));
        assertThat(unauthorized.status()).isEqualTo(401);
        String challenge = unauthorized.header("WWW-Authenticate");
        assertThat(challenge).startsWith("Bearer resource_metadata=\"");
        String metadataUrl = challenge.substring("Bearer resource_metadata=\"".length(), challenge.indexOf('"', 26));

        // 2. RFC 9728: the resource and its authorization server
        JsonNode resourceMetadata = getJson(metadataUrl);
        String resource = resourceMetadata.get("resource").asString();
        assertThat(resource).isEqualTo(mcp(a));
        String issuer = resourceMetadata.get("authorization_servers").get(0).asString();
        assertThat(issuer).isEqualTo(flow.issuer());

        // 3. RFC 8414 at the issuer's path-inserted well-known URL: code flow, PKCE S256, the endpoints
        URI issuerUri = URI.create(issuer);
        JsonNode asMetadata = getJson(issuerUri.getScheme() + "://" + issuerUri.getAuthority()
                + "/.well-known/oauth-authorization-server" + issuerUri.getPath());
        assertThat(asMetadata.get("issuer").asString()).isEqualTo(issuer);
        assertThat(asMetadata.get("code_challenge_methods_supported").toString()).isEqualTo("[\"S256\"]");
        assertThat(asMetadata.get("authorization_endpoint").asString()).isEqualTo(issuer + "/oauth2/authorize");
        assertThat(asMetadata.get("token_endpoint").asString()).isEqualTo(issuer + "/oauth2/token");

        // 4. the technician signs in, the app asks for more than the role allows; consent; code; token for the resource
        OAuthFlow.Pkce pkce = OAuthFlow.Pkce.create();
        Https browser = signedIn(a, tech);
        Response back = flow.consentAndAllow(browser,
                flow.authorize(browser, flow.authorizeParams(pkce, "jobs:read clients:write payments:record", Optional.of(resource))),
                List.of("jobs:read", "clients:write", "payments:record"));
        Response tokenResponse = flow.exchange(flow.code(back), pkce);
        assertThat(tokenResponse.status()).as(tokenResponse.body()).isEqualTo(200);
        JsonNode tokens = OAuthFlow.json(tokenResponse);
        assertThat(Set.of(tokens.get("scope").asString().split(" "))).containsExactlyInAnyOrder("jobs:read", "clients:write");
        assertThat(tokens.get("token_type").asString()).isEqualToIgnoringCase("Bearer");
        assertThat(tokens.get("expires_in").asLong()).isBetween(1L, 600L);
        String access = access(tokens);

        McpSyncClient client = client(a.slug(), access);
        assertThat(client.discover().supportedVersions()).contains(VERSION);

        // 5. tools/list: exactly the tools whose permission the role holds AND the token was granted
        Set<Permission> granted = Set.of(Permission.JOBS_READ, Permission.CLIENTS_WRITE);
        Set<String> expected = registry.all().stream()
                .filter(t -> granted.contains(t.permission()) && Role.USER.permissions().contains(t.permission()))
                .map(Tool::name).collect(Collectors.toSet());
        Set<String> listed = client.listTools().list().tools().stream().map(McpSchema.Tool::name).collect(Collectors.toSet());
        assertThat(listed).isEqualTo(expected).contains("todays_visits", "get_job", "create_client")
                .doesNotContain("find_clients", "record_payment", "list_invoices");
        // the same technician's API key (no token ceiling) sees more: the scopes narrowed the list
        Set<String> byKey = toolNames(client(a.slug(), a.keys.get(Role.USER)));
        assertThat(byKey).containsAll(listed).contains("find_clients");

        // 6. tools/call todays_visits: the technician's own visits only
        McpSchema.CallToolResult visits = client.tool("todays_visits").arguments(Map.of()).call();
        assertThat(visits.isError()).as(McpServerContract.text(visits)).isFalse();
        assertThat(McpServerContract.text(visits)).contains(titleOfTechnician).doesNotContain(titleOfOther)
                .as("no clients:read granted: answered without the client's name").doesNotContain("Ada Lovelace");

        // 7. a write: as the technician, by the app, through mcp
        String name = "OAuth MCP client " + token();
        McpSchema.CallToolResult created = client.tool("create_client").arguments(Map.of("name", name)).call();
        assertThat(created.isError()).as(McpServerContract.text(created)).isFalse();
        String id = McpServerContract.mapper().readTree(McpServerContract.text(created)).findValue("clientId").asString();
        assertThat(body(api.get("/api/v1/clients/" + id, owner)).get("name").asString()).isEqualTo(name);
        List<AuditEntry> trail = api.auditEntries(a, "client", id);
        assertThat(trail).isNotEmpty().allSatisfy(e -> {
            assertThat(e.channel()).isEqualTo("mcp");
            assertThat(e.actorType()).isEqualTo("oauth_client");
            assertThat(e.actorId()).isEqualTo(tech.id().toString());
            assertThat(e.apiKeyId()).startsWith("oauth:");
        });
    }

    // ---- attacks

    @Test
    void withoutATokenTheSdkClientGets401() {
        Response r = api.send(post(a.slug(), null, McpServerContract.rpc("tools/call", "todays_visits",
                "{\"name\":\"todays_visits\",\"arguments\":{}}")).header("Mcp-Name", "todays_visits"));
        assertThat(r.status()).isEqualTo(401);
        assertThat(r.header("WWW-Authenticate")).contains("resource_metadata=").doesNotContain("error=");
        assertThat(r.body()).doesNotContain(titleOfTechnician);
        McpSyncClient anonymous = McpClient.sync(HttpClientMcpTransport.builder(api.uri("/c/" + a.slug() + "/mcp"))
                        .clientBuilder(HttpClient.newBuilder().sslContext(Https.trustingTestCertificate())).build())
                .clientInfo(McpSchema.Implementation.builder("fieldstone-test", "1").build()).build();
        assertThatThrownBy(() -> anonymous.listTools().list()).hasStackTraceContaining("401");
    }

    @Test
    void anExpiredTokenIs401() {
        String access = access(techTokens("jobs:read"));
        assertThat(status(a.slug(), access)).isEqualTo(200);
        clock.advance(Duration.ofMinutes(11));
        try {
            Response r = ping(a.slug(), access);
            assertThat(r.status()).isEqualTo(401);
            assertThat(r.header("WWW-Authenticate")).contains("error=\"invalid_token\"");
            assertThatThrownBy(() -> client(a.slug(), access).listTools().list()).hasStackTraceContaining("401");
        } finally {
            clock.advance(Duration.ofMinutes(-11));
        }
    }

    @Test
    void anotherCompanysTokenIs401OnThisCompanysEndpoint() {
        Https browserB = signedIn(b, b.users.get(Role.OWNER));
        String accessB = access(flowB.tokensFor(browserB, "jobs:read", Optional.of(mcp(b))));
        assertThat(status(b.slug(), accessB)).as("valid at its own company's endpoint").isEqualTo(200);
        Response r = ping(a.slug(), accessB);
        assertThat(r.status()).isEqualTo(401);
        assertThat(r.body()).doesNotContain(b.slug());
        assertThatThrownBy(() -> client(a.slug(), accessB).tool("todays_visits").arguments(Map.of()).call())
                .hasStackTraceContaining("401");
    }

    @Test
    void aTokenForCompanyAsMcpIs401OnCompanyBsMcp() {
        String access = access(techTokens("jobs:read"));
        assertThat(status(a.slug(), access)).isEqualTo(200);
        assertThat(status(b.slug(), access)).isEqualTo(401);
    }

    @Test
    void aTokenWhoseAudienceIsTheRestApiIs401() {
        Https browser = signedIn(a, tech);
        String noResource = access(flow.tokensFor(browser, "jobs:read", Optional.empty()));
        // another app, as a remembered consent would skip the consent page
        OAuthFlow other = new OAuthFlow(port, a.slug(),
                apps.register(a.system(), "REST client " + token(), List.of(REDIRECT), false).app().clientId(), REDIRECT);
        String restApi = access(other.tokensFor(browser, "jobs:read", Optional.of(flow.base() + "/api/v1")));
        for (String token : List.of(noResource, restApi)) {
            assertThat(api.get("/api/v1/jobs", token).status()).as("good for the REST API").isEqualTo(200);
            Response r = ping(a.slug(), token);
            assertThat(r.status()).isEqualTo(401);
            assertThat(r.header("WWW-Authenticate")).contains("error=\"invalid_token\"");
        }
    }

    @Test
    void tooFewScopesIs403InsufficientScopeAndNothingIsWritten() {
        String access = access(techTokens("jobs:read"));
        String name = "Scoped out " + token();
        Response r = api.send(post(a.slug(), access, McpServerContract.rpc("tools/call", "create_client",
                "{\"name\":\"create_client\",\"arguments\":{\"name\":\"" + name + "\"}}")).header("Mcp-Name", "create_client"));
        assertThat(r.status()).as(r.body()).isEqualTo(403);
        assertThat(r.header("WWW-Authenticate")).startsWith("Bearer ")
                .contains("error=\"insufficient_scope\"", "scope=\"clients:write\"");
        McpSyncClient client = client(a.slug(), access);
        assertThat(toolNames(client)).doesNotContain("create_client");
        assertThatThrownBy(() -> client.tool("create_client").arguments(Map.of("name", name)).call())
                .hasStackTraceContaining("403");
        assertThat(body(api.get("/api/v1/clients?q=" + OAuthFlow.enc(name), owner)).toString()).doesNotContain(name);
    }

    @Test
    void aTechniciansTokenGetsNotFoundForAnotherTechniciansJob() {
        McpSyncClient client = client(a.slug(), access(techTokens("jobs:read")));
        McpSchema.CallToolResult own = client.tool("get_job").arguments(Map.of("jobId", jobOfTechnician)).call();
        assertThat(own.isError()).as(McpServerContract.text(own)).isFalse();
        assertThat(McpServerContract.text(own)).contains(titleOfTechnician);
        McpSchema.CallToolResult others = client.tool("get_job").arguments(Map.of("jobId", jobOfOther)).call();
        assertThat(others.isError()).isTrue();
        assertThat(McpServerContract.text(others)).contains("not-found").doesNotContain(titleOfOther);
    }

    @Test
    void aReplayedRefreshTokenRevokesTheFamilyAndTheNewestAccessTokenGets401() {
        JsonNode tokens = techTokens("jobs:read");
        Response refreshed = flow.refresh(tokens.get("refresh_token").asString());
        assertThat(refreshed.status()).as(refreshed.body()).isEqualTo(200);
        String newest = access(OAuthFlow.json(refreshed));
        McpSyncClient client = client(a.slug(), newest);
        assertThat(client.tool("todays_visits").arguments(Map.of()).call().isError()).isFalse();

        Response replay = flow.refresh(tokens.get("refresh_token").asString());
        assertThat(replay.status()).isEqualTo(400);
        assertThat(OAuthFlow.json(replay).get("error").asString()).isEqualTo("invalid_grant");
        assertThat(status(a.slug(), newest)).isEqualTo(401);
        assertThatThrownBy(() -> client.tool("todays_visits").arguments(Map.of()).call()).hasStackTraceContaining("401");
        assertThat(flow.refresh(OAuthFlow.json(refreshed).get("refresh_token").asString()).status()).isEqualTo(400);
    }

    @Test
    void aRevokedGrantsTokenGets401AtTheNextCall() {
        String access = access(techTokens("jobs:read"));
        McpSyncClient client = client(a.slug(), access);
        assertThat(client.tool("todays_visits").arguments(Map.of()).call().isError()).isFalse();
        ConnectedApps.Grant grant = apps.grants(a.system()).stream()
                .filter(g -> g.clientId().equals(appClientId)).findFirst().orElseThrow();
        apps.revoke(a.system(), grant.id());
        assertThat(status(a.slug(), access)).isEqualTo(401);
        assertThatThrownBy(() -> client.tool("todays_visits").arguments(Map.of()).call()).hasStackTraceContaining("401");
    }

    // ---- helpers

    JsonNode getJson(String absoluteUrl) {
        assertThat(absoluteUrl).startsWith(flow.base() + "/");
        Response r = api.send(HttpRequest.newBuilder(api.uri(absoluteUrl.substring(flow.base().length()))).GET());
        assertThat(r.status()).as(absoluteUrl + ": " + r.body()).isEqualTo(200);
        return body(r);
    }

    static Set<String> toolNames(McpSyncClient client) {
        return client.listTools().list().tools().stream().map(McpSchema.Tool::name).collect(Collectors.toSet());
    }

    McpSyncClient client(String slug, String bearer) {
        HttpClientMcpTransport transport = HttpClientMcpTransport.builder(api.uri("/c/" + slug + "/mcp"))
                .clientBuilder(HttpClient.newBuilder().sslContext(Https.trustingTestCertificate()))
                .requestCustomizer(McpHttpRequestCustomizer.fromSync((request, headers, context) ->
                        headers.set("Authorization", "Bearer " + bearer)))
                .build();
        return McpClient.sync(transport)
                .clientInfo(McpSchema.Implementation.builder("fieldstone-test", "1").build())
                .build();
    }

    Response ping(String slug, String bearer) {
        return api.send(post(slug, bearer, McpServerContract.rpc("ping", null, "{}")));
    }

    int status(String slug, String bearer) {
        return ping(slug, bearer).status();
    }

    HttpRequest.Builder post(String slug, String bearer, String json) {
        String method = json.contains("\"method\":\"tools/call\"") ? "tools/call" : "ping";
        HttpRequest.Builder request = HttpRequest.newBuilder(api.uri("/c/" + slug + "/mcp"))
                .POST(HttpRequest.BodyPublishers.ofString(json))
                .header("Content-Type", "application/json").header("Accept", "application/json, text/event-stream")
                .header("Mcp-Method", method).header("MCP-Protocol-Version", VERSION);
        if (bearer != null) {
            request.header("Authorization", "Bearer " + bearer);
        }
        return request;
    }
}
