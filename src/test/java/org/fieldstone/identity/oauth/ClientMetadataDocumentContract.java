package org.fieldstone.identity.oauth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.fieldstone.identity.oauth.OAuthServerContract.REDIRECT;
import static org.fieldstone.support.OAuthFlow.json;
import static org.fieldstone.support.OAuthFlow.params;
import static org.fieldstone.support.OAuthFlow.query;

import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.fieldstone.identity.ConnectedApps;
import org.fieldstone.support.OAuthFlow.Pkce;
import org.fieldstone.support.Fixtures;
import org.fieldstone.support.Fixtures.TestCompany;
import org.fieldstone.support.Https;
import org.fieldstone.support.Https.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.ssl.SslBundles;
import tools.jackson.databind.JsonNode;

/**
 * Apps named by a Client ID Metadata Document URL (draft-ietf-oauth-client-id-metadata-document): a loopback HTTPS
 * server of the test serves the documents (private addresses are allowed for the tests), and the whole flow runs with
 * the URL as {@code client_id}; then the attacks: a document naming another client, a redirect URI it does not list,
 * an oversized or slow document, an http URL, a redirect from the document's URL.
 */
abstract class ClientMetadataDocumentContract {

    @Autowired Fixtures fixtures;
    @Autowired ConnectedApps apps;
    @Autowired SslBundles bundles;
    @Value("${server.port}") int port;

    /** What the document server answers per path: status, content type, body, delay; and the requests it saw. */
    record Answer(int status, String contentType, String body, long delayMillis, Map<String, String> headers) {
    }

    static final Map<String, Answer> ANSWERS = new ConcurrentHashMap<>();
    static final Map<String, AtomicInteger> SEEN = new ConcurrentHashMap<>();

    TestCompany c;
    Https browser;
    Https client;
    HttpsServer server;
    String prefix;

    @BeforeEach
    void setUp() throws Exception {
        c = fixtures.company("cimd");
        browser = new Https(port);
        client = new Https(port);
        server = HttpsServer.create(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0), 0);
        server.setHttpsConfigurator(new HttpsConfigurator(bundles.getBundle("fieldstone").createSslContext()));
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.createContext("/", exchange -> {
            String path = exchange.getRequestURI().getPath();
            SEEN.computeIfAbsent(path, p -> new AtomicInteger()).incrementAndGet();
            Answer answer = ANSWERS.getOrDefault(path, new Answer(404, "text/plain", "no", 0, Map.of()));
            try {
                Thread.sleep(answer.delayMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            byte[] body = answer.body().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", answer.contentType());
            answer.headers().forEach((k, v) -> exchange.getResponseHeaders().add(k, v));
            exchange.sendResponseHeaders(answer.status(), body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        // localhost is the name the test certificate is for; each test its own paths (the cache is per URL)
        prefix = "https://localhost:" + server.getAddress().getPort() + "/" + c.slug() + "/";
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    String serve(String name, Answer answer) {
        ANSWERS.put("/" + c.slug() + "/" + name, answer);
        return prefix + name;
    }

    static String document(String clientId, String name, String redirect) {
        return "{\"client_id\":\"" + clientId + "\",\"client_name\":\"" + name + "\",\"redirect_uris\":[\"" + redirect
                + "\"],\"token_endpoint_auth_method\":\"none\",\"grant_types\":[\"authorization_code\",\"refresh_token\"]}";
    }

    String goodClient(String name) {
        String url = prefix + name;
        return serve(name, new Answer(200, "application/json", document(url, "Claude (test)", REDIRECT), 0,
                Map.of("Cache-Control", "max-age=600")));
    }

    int seen(String url) {
        return SEEN.getOrDefault(url.substring(prefix.length() - c.slug().length() - 2), new AtomicInteger()).get();
    }

    Map<String, String> authorizeParams(String clientId, Pkce pkce, String redirect) {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("response_type", "code");
        p.put("client_id", clientId);
        p.put("redirect_uri", redirect);
        p.put("scope", "jobs:read");
        p.put("state", "client-state-1");
        p.put("code_challenge", pkce.challenge());
        p.put("code_challenge_method", "S256");
        return p;
    }

    Response authorize(Map<String, String> params) {
        return browser.get("/c/" + c.slug() + "/oauth2/authorize?" + query(params));
    }

    Response token(Map<String, String> form) {
        return client.send(HttpRequest.newBuilder(client.uri("/c/" + c.slug() + "/oauth2/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(query(form))));
    }

    /** Refused at the authorization endpoint: a page of its own, no redirect to the app. */
    void refusedWithoutRedirect(Response r, boolean unreadable) {
        assertThat(r.status()).as(r.body()).isEqualTo(400);
        assertThat(r.header("Location")).isNull();
        if (unreadable) {
            assertThat(r.body()).contains("description at localhost could not be read");
        }
    }

    @Test
    void metadataAdvertisesClientIdMetadataDocuments() {
        JsonNode m = json(client.get("/.well-known/oauth-authorization-server/c/" + c.slug()));
        assertThat(m.get("client_id_metadata_document_supported").asBoolean()).isTrue();
    }

    @Test
    void theWholeFlowWithAUrlClientId() {
        String url = goodClient("claude.json");
        browser.signIn(c.slug(), c.ownerEmail(), Fixtures.PASSWORD);
        Pkce pkce = Pkce.create();
        Response toConsent = authorize(authorizeParams(url, pkce, REDIRECT));
        assertThat(toConsent.status()).as(toConsent.body()).isEqualTo(302);
        String location = toConsent.header("Location");
        assertThat(location).startsWith("https://localhost:" + port + "/c/" + c.slug() + "/oauth2/consent?");
        Response page = browser.get(location.substring(("https://localhost:" + port).length()));
        assertThat(page.status()).as(page.body()).isEqualTo(200);
        // the name the document gives AND the host of the client id: who is asking
        assertThat(page.body()).contains("Claude (test)", "described at localhost", "jobs:read");

        Map<String, String> consent = params(location);
        List<Map.Entry<String, String>> form = new ArrayList<>();
        form.add(Map.entry("client_id", consent.get("client_id")));
        form.add(Map.entry("state", consent.get("state")));
        form.add(Map.entry("scope", "jobs:read"));
        Response back = browser.post("/c/" + c.slug() + "/oauth2/authorize", form);
        assertThat(back.status()).as(back.body()).isEqualTo(302);
        assertThat(back.header("Location")).startsWith(REDIRECT + "?");
        String code = params(back.header("Location")).get("code");

        // a code without its verifier is refused (PKCE required of the public client)
        assertThat(token(Map.of("grant_type", "authorization_code", "code", code, "redirect_uri", REDIRECT,
                "client_id", url)).status()).isIn(400, 401);
        Response tokens = token(Map.of("grant_type", "authorization_code", "code", code, "redirect_uri", REDIRECT,
                "client_id", url, "code_verifier", pkce.verifier()));
        // the code was burnt by the refused attempt? SAS refuses before looking at the code: it still works
        assertThat(tokens.status()).as(tokens.body()).isEqualTo(200);
        String access = json(tokens).get("access_token").asString();
        String refresh = json(tokens).get("refresh_token").asString();
        assertThat(client.json("GET", "/api/v1/jobs", access, null).status()).isEqualTo(200);

        // refresh rotates as for other public clients
        Response refreshed = token(Map.of("grant_type", "refresh_token", "refresh_token", refresh, "client_id", url));
        assertThat(refreshed.status()).as(refreshed.body()).isEqualTo(200);
        assertThat(json(refreshed).get("refresh_token").asString()).isNotEqualTo(refresh);
        assertThat(token(Map.of("grant_type", "refresh_token", "refresh_token", refresh, "client_id", url)).status()).isEqualTo(400);

        // the grant was recorded: listed (and revocable) in Connected apps; not a registered app
        assertThat(apps.list(c.system())).noneMatch(a -> a.clientId().equals(url));
        String access2 = json(refreshed).get("access_token").asString();
        // (the replay above ended the family: start again to list and revoke a live grant)
        assertThat(client.json("GET", "/api/v1/jobs", access2, null).status()).isEqualTo(401);
        Pkce again = Pkce.create();
        // consent was given before: the code comes back at once
        Response back2 = authorize(authorizeParams(url, again, REDIRECT));
        assertThat(back2.header("Location")).startsWith(REDIRECT + "?");
        String access3 = json(token(Map.of("grant_type", "authorization_code", "code", params(back2.header("Location")).get("code"),
                "redirect_uri", REDIRECT, "client_id", url, "code_verifier", again.verifier()))).get("access_token").asString();
        assertThat(client.json("GET", "/api/v1/jobs", access3, null).status()).isEqualTo(200);
        var grant = apps.grants(c.system()).stream().filter(g -> g.clientId().equals(url)).findFirst().orElseThrow();
        assertThat(grant.clientName()).isEqualTo("Claude (test)");
        apps.revoke(c.system(), grant.id());
        assertThat(client.json("GET", "/api/v1/jobs", access3, null).status()).isEqualTo(401);
        // the document was fetched once: cached (max-age 600)
        assertThat(seen(url)).isEqualTo(1);
    }

    @Test
    void aDocumentNamingAnotherClientIsRefused() {
        String url = serve("impostor.json", new Answer(200, "application/json",
                document(prefix + "someone-else.json", "Impostor", REDIRECT), 0, Map.of()));
        browser.signIn(c.slug(), c.ownerEmail(), Fixtures.PASSWORD);
        refusedWithoutRedirect(authorize(authorizeParams(url, Pkce.create(), REDIRECT)), true);
        assertThat(seen(url)).isEqualTo(1);
    }

    @Test
    void aRedirectUriTheDocumentDoesNotListIsRefusedWithoutRedirect() {
        String url = goodClient("listed.json");
        browser.signIn(c.slug(), c.ownerEmail(), Fixtures.PASSWORD);
        refusedWithoutRedirect(authorize(authorizeParams(url, Pkce.create(), "http://127.0.0.1:9/elsewhere")), false);
        refusedWithoutRedirect(authorize(authorizeParams(url, Pkce.create(), "https://evil.example/callback")), false);
    }

    @Test
    void anOversizedDocumentIsRefused() {
        String url = prefix + "big.json";
        String padded = document(url, "Big " + "x".repeat(6 * 1024), REDIRECT);
        serve("big.json", new Answer(200, "application/json", padded, 0, Map.of()));
        browser.signIn(c.slug(), c.ownerEmail(), Fixtures.PASSWORD);
        refusedWithoutRedirect(authorize(authorizeParams(url, Pkce.create(), REDIRECT)), true);
    }

    @Test
    void aSlowDocumentIsRefused() {
        String url = prefix + "slow.json";
        serve("slow.json", new Answer(200, "application/json", document(url, "Slow", REDIRECT), 8_000, Map.of()));
        browser.signIn(c.slug(), c.ownerEmail(), Fixtures.PASSWORD);
        long start = System.nanoTime();
        refusedWithoutRedirect(authorize(authorizeParams(url, Pkce.create(), REDIRECT)), true);
        // given up after 3 seconds (and some for a busy machine), not after the server's 8
        assertThat((System.nanoTime() - start) / 1_000_000).isLessThan(7_000);
    }

    @Test
    void aDocumentOfAnotherTypeIsRefused() {
        String url = prefix + "html.json";
        serve("html.json", new Answer(200, "text/html", document(url, "Html", REDIRECT), 0, Map.of()));
        browser.signIn(c.slug(), c.ownerEmail(), Fixtures.PASSWORD);
        refusedWithoutRedirect(authorize(authorizeParams(url, Pkce.create(), REDIRECT)), true);
    }

    @Test
    void anHttpClientIdIsRefusedAndNotFetched() {
        String good = goodClient("plain.json");
        String url = good.replace("https://", "http://");
        browser.signIn(c.slug(), c.ownerEmail(), Fixtures.PASSWORD);
        refusedWithoutRedirect(authorize(authorizeParams(url, Pkce.create(), REDIRECT)), false);
        assertThat(seen(good)).isZero();
    }

    @Test
    void aRedirectFromTheDocumentUrlIsNotFollowed() {
        String target = goodClient("target.json");
        String url = serve("moved.json", new Answer(302, "application/json", "", 0, Map.of("Location", target)));
        browser.signIn(c.slug(), c.ownerEmail(), Fixtures.PASSWORD);
        refusedWithoutRedirect(authorize(authorizeParams(url, Pkce.create(), REDIRECT)), true);
        assertThat(seen(url)).isEqualTo(1);
        assertThat(seen(target)).isZero();
    }
}
