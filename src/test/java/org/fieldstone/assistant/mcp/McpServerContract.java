package org.fieldstone.assistant.mcp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.fieldstone.support.ApiClient.body;

import io.modelcontextprotocol.modern.McpSchema;
import io.modelcontextprotocol.modern.client.McpClient;
import io.modelcontextprotocol.modern.client.McpSyncClient;
import io.modelcontextprotocol.modern.client.transport.HttpClientMcpTransport;
import io.modelcontextprotocol.modern.client.transport.McpHttpRequestCustomizer;
import io.modelcontextprotocol.modern.client.transport.McpHttpStatusException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.fieldstone.identity.User;
import org.fieldstone.jobs.web.JobsApiTestSupport;
import org.fieldstone.shared.Role;
import org.fieldstone.support.Https;
import org.fieldstone.support.Https.Response;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Value;
import tools.jackson.databind.JsonNode;

/**
 * The MCP endpoint of a company over real HTTPS, driven by the MCP Java SDK's own client (revision 2026-07-28) with
 * an API key as the bearer: discovery, tools/list filtered by role, tools/call as the key's user (a technician sees
 * only their visits and not someone else's job; a write is audited with channel {@code mcp}); and the attacks of a
 * protected resource: no credential, a bad one, another company's, an unknown company, a credential in the query
 * string, a foreign Origin, a tool the role does not allow (403 insufficient_scope), a client of the older revision.
 */
abstract class McpServerContract extends JobsApiTestSupport {

    private static final String VERSION = "2026-07-28";

    @Value("${fieldstone.public-url:https://localhost:${server.port:8443}}")
    String publicUrl;

    String technician;
    String otherTechnician;
    String readOnly;
    String jobOfTechnician;
    String jobOfOther;
    String titleOfTechnician;
    String titleOfOther;

    @BeforeAll
    void visitsOfTwoTechnicians() {
        User tech = a.users.get(Role.USER);
        User other = a.addUser(Role.USER);
        technician = a.keys.get(Role.USER);
        otherTechnician = a.apiKey(other, Optional.empty());
        readOnly = a.keys.get(Role.READ_ONLY);
        LocalDate today = LocalDate.now(clock.withZone(ZoneId.of("Europe/Zurich")));
        titleOfTechnician = "Boiler service " + token();
        titleOfOther = "Leak repair " + token();
        jobOfTechnician = job(titleOfTechnician).get("id").asString();
        jobOfOther = job(titleOfOther).get("id").asString();
        visit(jobOfTechnician, today + "T10:00", today + "T11:00", tech.id().toString());
        visit(jobOfOther, today + "T12:00", today + "T13:00", other.id().toString());
    }

    @Test
    void discoversListsToolsByRoleAndRunsTodaysVisitsAsTheTechnician() {
        {
            McpSyncClient client = client(a.slug(), technician);
            McpSchema.DiscoverResult discovered = client.discover();
            assertThat(discovered.supportedVersions()).contains(VERSION);
            List<McpSchema.Tool> tools = client.listTools().list().tools();
            assertThat(tools).extracting(McpSchema.Tool::name).contains("todays_visits", "get_job");
            McpSchema.Tool visits = tools.stream().filter(t -> t.name().equals("todays_visits")).findFirst().orElseThrow();
            assertThat(visits.description()).isNotBlank();
            assertThat(visits.inputSchema()).containsEntry("type", "object");
            assertThat(visits.annotations().readOnlyHint()).isTrue();

            McpSchema.CallToolResult result = client.tool("todays_visits").arguments(Map.of()).call();
            assertThat(result.isError()).as(text(result)).isFalse();
            assertThat(text(result)).contains(titleOfTechnician).doesNotContain(titleOfOther);
        }
        {
            McpSyncClient client = client(a.slug(), otherTechnician);
            String other = text(client.tool("todays_visits").arguments(Map.of()).call());
            assertThat(other).contains(titleOfOther).doesNotContain(titleOfTechnician);
        }
    }

    @Test
    void aWeakerRoleSeesFewerToolsAndWriteToolsAreMarked() {
        List<McpSchema.Tool> ownerTools;
        {
            McpSyncClient client = client(a.slug(), owner);
            ownerTools = client.listTools().list().tools();
        }
        List<McpSchema.Tool> readOnlyTools;
        {
            McpSyncClient client = client(a.slug(), readOnly);
            readOnlyTools = client.listTools().list().tools();
        }
        assertThat(ownerTools).extracting(McpSchema.Tool::name).contains("find_clients", "get_job");
        assertThat(readOnlyTools.size()).isLessThan(ownerTools.size());
        assertThat(readOnlyTools).allSatisfy(t -> assertThat(t.annotations().readOnlyHint()).as(t.name()).isTrue());
        assertThat(ownerTools).filteredOn(t -> !t.annotations().readOnlyHint()).as("write tools").isNotEmpty()
                .allSatisfy(t -> assertThat(t.annotations().idempotentHint()).isFalse());
    }

    @Test
    void aTechnicianAskingForSomeoneElsesJobGetsNotFound() {
        {
            McpSyncClient client = client(a.slug(), technician);
            McpSchema.CallToolResult own = client.tool("get_job").arguments(Map.of("jobId", jobOfTechnician)).call();
            assertThat(own.isError()).as(text(own)).isFalse();
            assertThat(text(own)).contains(titleOfTechnician);
            McpSchema.CallToolResult others = client.tool("get_job").arguments(Map.of("jobId", jobOfOther)).call();
            assertThat(others.isError()).isTrue();
            assertThat(text(others)).contains("refusal.not-found").doesNotContain(titleOfOther);
        }
    }

    @Test
    void aWriteToolRunsAsTheUserAndIsAuditedThroughMcp() {
        String name = "MCP client " + token();
        String id;
        {
            McpSyncClient client = client(a.slug(), owner);
            McpSchema.CallToolResult created = client.tool("create_client").arguments(Map.of("name", name)).call();
            assertThat(created.isError()).as(text(created)).isFalse();
            id = mapper().readTree(text(created)).findValue("clientId").asString();
        }
        assertThat(body(api.get("/api/v1/clients/" + id, owner)).get("name").asString()).isEqualTo(name);
        assertThat(api.auditEntries(a, "client", id)).isNotEmpty()
                .allSatisfy(e -> assertThat(e.channel()).isEqualTo("mcp"));
    }

    @Test
    void aToolTheRoleDoesNotAllowIsRefusedWith403InsufficientScope() {
        Response r = call(a.slug(), readOnly, "create_client", "{\"name\":\"Nope\"}", null);
        assertThat(r.status()).as(r.body()).isEqualTo(403);
        assertThat(r.header("WWW-Authenticate")).contains("error=\"insufficient_scope\"", "scope=\"clients:write\"");
        {
            McpSyncClient client = client(a.slug(), readOnly);
            assertThatThrownBy(() -> client.tool("create_client").arguments(Map.of("name", "Nope")).call())
                    .hasStackTraceContaining("403");
        }
        assertThat(body(api.get("/api/v1/clients?q=Nope", owner)).toString()).doesNotContain("\"Nope\"");
    }

    @Test
    void withoutACredentialItAnswers401NamingTheResourceMetadata() {
        Response r = api.send(post(a.slug(), null, rpc("ping", null, "{}")));
        assertThat(r.status()).isEqualTo(401);
        assertThat(r.header("Content-Type")).startsWith("application/problem+json");
        String metadataUrl = publicUrl + "/.well-known/oauth-protected-resource/c/" + a.slug() + "/mcp";
        assertThat(r.header("WWW-Authenticate")).isEqualTo("Bearer resource_metadata=\"" + metadataUrl + "\"");
        assertThat(r.setCookies()).isEmpty();

        Response metadata = api.send(HttpRequest.newBuilder(api.uri("/.well-known/oauth-protected-resource/c/" + a.slug() + "/mcp")).GET());
        assertThat(metadata.status()).as(metadata.body()).isEqualTo(200);
        JsonNode doc = body(metadata);
        assertThat(doc.get("resource").asString()).isEqualTo(publicUrl + "/c/" + a.slug() + "/mcp");
        assertThat(doc.get("authorization_servers").get(0).asString()).isEqualTo(publicUrl + "/c/" + a.slug());
        assertThat(doc.get("scopes_supported").toString()).contains("\"jobs:read\"", "\"clients:write\"", "\"payments:record\"");
        assertThat(doc.get("bearer_methods_supported").toString()).isEqualTo("[\"header\"]");
        assertThat(api.send(HttpRequest.newBuilder(api.uri("/.well-known/oauth-protected-resource/c/no-such-co-" + token() + "/mcp")).GET()).status())
                .isEqualTo(404);
    }

    @Test
    void aBadCredentialOrAnotherCompanysKeyIs401() {
        Response bad = api.send(post(a.slug(), "fs_not_a_real_key_" + token(), rpc("ping", null, "{}")));
        assertThat(bad.status()).isEqualTo(401);
        assertThat(bad.header("WWW-Authenticate")).startsWith("Bearer error=\"invalid_token\"").contains("resource_metadata=");

        Response foreign = api.send(post(a.slug(), b.keys.get(Role.OWNER), rpc("ping", null, "{}")));
        assertThat(foreign.status()).as("company b's key on company a's endpoint").isEqualTo(401);
        assertThat(foreign.body()).doesNotContain(b.slug());
        {
            McpSyncClient client = client(a.slug(), b.keys.get(Role.OWNER));
            assertThatThrownBy(() -> client.listTools().list()).isInstanceOfAny(McpHttpStatusException.class, RuntimeException.class)
                    .hasStackTraceContaining("401");
        }
        Response basic = api.send(post(a.slug(), null, rpc("ping", null, "{}")).header("Authorization", "Basic dXNlcjpwYXNz"));
        assertThat(basic.status()).isEqualTo(400);
    }

    @Test
    void anUnknownCompanyIs404() {
        Response r = api.send(post("no-such-co-" + token(), owner, rpc("ping", null, "{}")));
        assertThat(r.status()).isEqualTo(404);
        assertThat(r.header("Content-Type")).startsWith("application/problem+json");
    }

    @Test
    void aCredentialInTheQueryStringIsRefused() {
        HttpRequest.Builder request = HttpRequest.newBuilder(api.uri("/c/" + a.slug() + "/mcp?access_token=" + owner))
                .POST(HttpRequest.BodyPublishers.ofString(rpc("ping", null, "{}")))
                .header("Content-Type", "application/json").header("Accept", "application/json, text/event-stream")
                .header("Mcp-Method", "ping").header("MCP-Protocol-Version", VERSION);
        Response r = api.send(request);
        assertThat(r.status()).isEqualTo(400);
        Response both = api.send(post(a.slug(), owner, rpc("ping", null, "{}")).uri(api.uri("/c/" + a.slug() + "/mcp?Access_Token=x")));
        assertThat(both.status()).as("refused even beside a good header").isEqualTo(400);
    }

    @Test
    void aForeignOriginIs403AndTheOwnOriginOrNoneIsServed() {
        Response foreign = api.send(post(a.slug(), owner, rpc("ping", null, "{}")).header("Origin", "https://evil.example"));
        assertThat(foreign.status()).isEqualTo(403);
        Response own = api.send(post(a.slug(), owner, rpc("ping", null, "{}")).header("Origin", McpEndpoint.origin(publicUrl)));
        assertThat(own.status()).as(own.body()).isEqualTo(200);
        Response none = api.send(post(a.slug(), owner, rpc("ping", null, "{}")));
        assertThat(none.status()).as(none.body()).isEqualTo(200);
        assertThat(none.body()).contains("\"result\"");
        assertThat(none.setCookies()).as("no session cookie").isEmpty();
    }

    @Test
    void aClientOfTheOlderRevisionIsServedStatelesslyWithTheSameToolsAndVisibility() {
        io.modelcontextprotocol.client.McpSyncClient tech = legacyClient(a.slug(), technician);
        io.modelcontextprotocol.spec.McpSchema.InitializeResult init = tech.initialize();
        assertThat(init.protocolVersion()).isEqualTo(McpLegacyEndpoint.VERSION);
        assertThat(tech.listTools().tools()).extracting(io.modelcontextprotocol.spec.McpSchema.Tool::name)
                .contains("todays_visits", "get_job");
        io.modelcontextprotocol.spec.McpSchema.CallToolResult visits = tech.callTool(
                new io.modelcontextprotocol.spec.McpSchema.CallToolRequest("todays_visits", Map.of()));
        assertThat(visits.isError()).isNotEqualTo(Boolean.TRUE);
        assertThat(legacyText(visits)).contains(titleOfTechnician).doesNotContain(titleOfOther);
        io.modelcontextprotocol.spec.McpSchema.CallToolResult others = tech.callTool(
                new io.modelcontextprotocol.spec.McpSchema.CallToolRequest("get_job", Map.of("jobId", jobOfOther)));
        assertThat(others.isError()).isTrue();
        assertThat(legacyText(others)).contains("refusal.not-found").doesNotContain(titleOfOther);
        tech.closeGracefully();

        io.modelcontextprotocol.client.McpSyncClient reader = legacyClient(a.slug(), readOnly);
        reader.initialize();
        assertThat(reader.listTools().tools()).extracting(io.modelcontextprotocol.spec.McpSchema.Tool::name)
                .contains("get_job").doesNotContain("create_client");
        io.modelcontextprotocol.spec.McpSchema.CallToolResult write = reader.callTool(
                new io.modelcontextprotocol.spec.McpSchema.CallToolRequest("create_client", Map.of("name", "Nope")));
        assertThat(write.isError()).as("a tool the role does not allow is refused").isTrue();
        reader.closeGracefully();

        String initialize = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{\"protocolVersion\":\"2025-11-25\","
                + "\"capabilities\":{},\"clientInfo\":{\"name\":\"old\",\"version\":\"1\"}}}";
        Response raw = api.send(legacyPost(a.slug(), owner, initialize));
        assertThat(raw.status()).as(raw.body()).isEqualTo(200);
        assertThat(raw.header("Mcp-Session-Id")).as("stateless: no session to guess or steal").isNull();
        assertThat(api.send(legacyPost(a.slug(), null, initialize)).status()).isEqualTo(401);
        assertThat(api.send(legacyPost(a.slug(), b.keys.get(Role.OWNER), initialize)).status()).isEqualTo(401);
        Response broken = api.send(legacyPost(a.slug(), owner,
                "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"tools/call\",\"params\":\"not an object\"}"));
        Response unknown = api.send(legacyPost(a.slug(), owner,
                "{\"jsonrpc\":\"2.0\",\"id\":3,\"method\":\"tools/call\",\"params\":{\"name\":\"get_job\",\"arguments\":{\"jobId\":[1]}}}"));
        for (Response r : List.of(broken, unknown)) {
            assertThat(r.body()).doesNotContain("at org.", "at java.", "Exception", "\tat ", "io.modelcontextprotocol", "tools.jackson");
        }
    }

    @Test
    void malformedAndUnknownRequestsAnswerWithoutAnythingInternal() {
        Response malformed = api.send(post(a.slug(), owner, "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":"));
        assertThat(malformed.status()).isEqualTo(400);
        Response unknownTool = call(a.slug(), owner, "no_such_tool", "{}", null);
        Response wrongArguments = call(a.slug(), owner, "get_job", "{\"jobId\":{\"$gt\":\"\"},\"x\":[1,2]}", null);
        assertThat(unknownTool.status()).isEqualTo(400);
        assertThat(wrongArguments.body()).contains("\"isError\":true");
        Response oversized = api.send(post(a.slug(), owner, rpc("tools/call", "find_clients",
                "{\"name\":\"find_clients\",\"arguments\":{\"query\":\"" + "x".repeat(McpEndpoint.MAX_REQUEST_BYTES + 1) + "\"}}"))
                .header("Mcp-Name", "find_clients"));
        assertThat(oversized.status()).isEqualTo(413);
        Response get = api.send(HttpRequest.newBuilder(api.uri("/c/" + a.slug() + "/mcp")).GET()
                .header("Authorization", "Bearer " + owner).header("Accept", "text/event-stream"));
        assertThat(get.status()).as("no GET stream in 2026-07-28").isEqualTo(405);
        Response anonymousGet = api.send(HttpRequest.newBuilder(api.uri("/c/" + a.slug() + "/mcp")).GET());
        assertThat(anonymousGet.status()).as("never a login redirect").isEqualTo(401);
        for (Response r : List.of(malformed, unknownTool, wrongArguments, oversized, get, anonymousGet)) {
            assertThat(r.body()).doesNotContain("at org.", "at java.", "Exception", "\tat ");
        }
    }

    // ---- helpers

    McpSyncClient client(String slug, String key) {
        HttpClientMcpTransport transport = HttpClientMcpTransport.builder(api.uri("/c/" + slug + "/mcp"))
                .clientBuilder(HttpClient.newBuilder().sslContext(Https.trustingTestCertificate()))
                .requestCustomizer(McpHttpRequestCustomizer.fromSync((request, headers, context) ->
                        headers.set("Authorization", "Bearer " + key)))
                .build();
        return McpClient.sync(transport)
                .clientInfo(McpSchema.Implementation.builder("fieldstone-test", "1").build())
                .build();
    }

    io.modelcontextprotocol.client.McpSyncClient legacyClient(String slug, String key) {
        var transport = io.modelcontextprotocol.client.transport.HttpClientStreamableHttpTransport.builder(api.uri("/").toString())
                .endpoint("/c/" + slug + "/mcp")
                .clientBuilder(HttpClient.newBuilder().sslContext(Https.trustingTestCertificate()))
                .httpRequestCustomizer((builder, method, uri, body, context) -> builder.header("Authorization", "Bearer " + key))
                .build();
        return io.modelcontextprotocol.client.McpClient.sync(transport).build();
    }

    HttpRequest.Builder legacyPost(String slug, String key, String json) {
        HttpRequest.Builder request = HttpRequest.newBuilder(api.uri("/c/" + slug + "/mcp"))
                .POST(HttpRequest.BodyPublishers.ofString(json))
                .header("Content-Type", "application/json").header("Accept", "application/json, text/event-stream");
        if (key != null) {
            request.header("Authorization", "Bearer " + key);
        }
        return request;
    }

    static String legacyText(io.modelcontextprotocol.spec.McpSchema.CallToolResult result) {
        return result.content().stream().filter(c -> c instanceof io.modelcontextprotocol.spec.McpSchema.TextContent)
                .map(c -> ((io.modelcontextprotocol.spec.McpSchema.TextContent) c).text()).reduce("", String::concat);
    }

    static String text(McpSchema.CallToolResult result) {
        return result.content().stream().filter(c -> c instanceof McpSchema.TextContent)
                .map(c -> ((McpSchema.TextContent) c).text()).reduce("", String::concat);
    }

    static tools.jackson.databind.json.JsonMapper mapper() {
        return tools.jackson.databind.json.JsonMapper.builder().build();
    }

    /** A tools/call as a raw request with the headers of revision 2026-07-28. */
    Response call(String slug, String key, String tool, String arguments, String origin) {
        HttpRequest.Builder request = post(slug, key, rpc("tools/call", tool, "{\"name\":\"" + tool + "\",\"arguments\":" + arguments + "}"))
                .header("Mcp-Name", tool);
        if (origin != null) {
            request.header("Origin", origin);
        }
        return api.send(request);
    }

    HttpRequest.Builder post(String slug, String key, String json) {
        String method = json.contains("\"method\":\"tools/call\"") ? "tools/call" : "ping";
        HttpRequest.Builder request = HttpRequest.newBuilder(api.uri("/c/" + slug + "/mcp"))
                .POST(HttpRequest.BodyPublishers.ofString(json))
                .header("Content-Type", "application/json").header("Accept", "application/json, text/event-stream")
                .header("Mcp-Method", method).header("MCP-Protocol-Version", VERSION);
        if (key != null) {
            request.header("Authorization", "Bearer " + key);
        }
        return request;
    }

    /** A JSON-RPC request of 2026-07-28: {@code params} with the protocol version and capabilities in {@code _meta}. */
    static String rpc(String method, String name, String params) {
        String meta = "\"_meta\":{\"io.modelcontextprotocol/protocolVersion\":\"" + VERSION
                + "\",\"io.modelcontextprotocol/clientCapabilities\":{}}";
        String p = params.strip();
        String withMeta = p.equals("{}") ? "{" + meta + "}" : p.substring(0, p.length() - 1) + "," + meta + "}";
        return "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"" + method + "\",\"params\":" + withMeta + "}";
    }
}
