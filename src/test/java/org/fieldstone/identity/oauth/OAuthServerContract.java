package org.fieldstone.identity.oauth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.fieldstone.support.OAuthFlow.json;
import static org.fieldstone.support.OAuthFlow.params;
import static org.fieldstone.support.OAuthFlow.query;

import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.fieldstone.audit.AuditEntry;
import org.fieldstone.audit.AuditQuery;
import org.fieldstone.audit.AuditTrail;
import org.fieldstone.identity.ConnectedApps;
import org.fieldstone.identity.User;
import org.fieldstone.shared.Page;
import org.fieldstone.shared.Role;
import org.fieldstone.support.Fixtures;
import org.fieldstone.support.Fixtures.TestCompany;
import org.fieldstone.support.Https;
import org.fieldstone.support.OAuthFlow;
import org.fieldstone.support.OAuthFlow.Pkce;
import org.fieldstone.support.Https.Response;
import org.fieldstone.support.TestClock;
import org.fieldstone.tenancy.CompanyDatabases;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import tools.jackson.databind.JsonNode;

/**
 * The OAuth 2.1 authorization server over real HTTPS (decision 0053): discovery, authorization with PKCE S256 by a
 * signed-in user, consent, code, token, a REST call with the token, rotation of the refresh token and the family's
 * revocation on replay — and the attacks on each step.
 */
abstract class OAuthServerContract {

    static final String REDIRECT = "http://127.0.0.1:9/callback";

    @Autowired Fixtures fixtures;
    @Autowired ConnectedApps apps;
    @Autowired CompanyDatabases databases;
    @Autowired AuditTrail audit;
    @Autowired TestClock clock;
    @Value("${server.port}") int port;

    TestCompany c;
    Https browser;
    Https client;
    ConnectedApps.Registered app;
    OAuthFlow flow;

    @BeforeEach
    void setUp() {
        c = fixtures.company("oauth");
        browser = new Https(port);
        client = new Https(port);
        app = apps.register(c.system(), "Test assistant", List.of(REDIRECT), false);
        flow = new OAuthFlow(port, c.slug(), app.app().clientId(), REDIRECT);
    }

    String base() {
        return "https://localhost:" + port;
    }

    String restApi() {
        return base() + "/api/v1";
    }

    Map<String, String> authorizeParams(Pkce pkce, String scope, Optional<String> resource) {
        return flow.authorizeParams(pkce, scope, resource);
    }

    Response authorize(Https who, Map<String, String> params) {
        return flow.authorize(who, params);
    }

    /** Consent page → Allow; returns the redirect back to the client (code, state, iss). */
    Response consentAndAllow(Https who, Response toConsent, List<String> scopes) {
        return flow.consentAndAllow(who, toConsent, scopes);
    }

    String code(Response back) {
        return flow.code(back);
    }

    Response token(Map<String, String> form) {
        return flow.token(form);
    }

    Response exchange(String code, Pkce pkce) {
        return flow.exchange(code, pkce);
    }

    Response refresh(String refreshToken) {
        return flow.refresh(refreshToken);
    }

    /** The whole flow for the owner up to the token response. */
    JsonNode tokensFor(Https who, String scope, Optional<String> resource) {
        return flow.tokensFor(who, scope, resource);
    }

    Response api(String method, String path, String token, String body) {
        return client.json(method, path, token, body);
    }

    @Test
    void metadataNamesTheCompanysIssuerAndOnlyTheCodeFlowWithS256() {
        Response r = client.get("/.well-known/oauth-authorization-server/c/" + c.slug());
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        JsonNode m = json(r);
        String issuer = base() + "/c/" + c.slug();
        assertThat(m.get("issuer").asString()).isEqualTo(issuer);
        assertThat(m.get("authorization_endpoint").asString()).isEqualTo(issuer + "/oauth2/authorize");
        assertThat(m.get("token_endpoint").asString()).isEqualTo(issuer + "/oauth2/token");
        assertThat(m.get("revocation_endpoint").asString()).isEqualTo(issuer + "/oauth2/revoke");
        assertThat(m.get("code_challenge_methods_supported").toString()).isEqualTo("[\"S256\"]");
        assertThat(m.get("grant_types_supported").toString()).isEqualTo("[\"authorization_code\",\"refresh_token\"]");
        assertThat(m.get("response_types_supported").toString()).isEqualTo("[\"code\"]");
        assertThat(m.get("authorization_response_iss_parameter_supported").asBoolean()).isTrue();
        assertThat(m.has("introspection_endpoint")).isFalse();
        assertThat(m.has("jwks_uri")).isFalse();

        // the Host header does not choose the issuer
        Response spoofed = client.send(HttpRequest.newBuilder(client.uri("/.well-known/oauth-authorization-server/c/" + c.slug()))
                .header("X-Forwarded-Host", "evil.example"));
        assertThat(json(spoofed).get("issuer").asString()).isEqualTo(issuer);
    }

    @Test
    void unknownOrOtherPathsAreNotIssuers() {
        assertThat(client.get("/.well-known/oauth-authorization-server/c/no-such-company").status()).isEqualTo(404);
        assertThat(client.get("/.well-known/oauth-authorization-server/anything").status()).isIn(401, 403, 404);
        assertThat(client.get("/c/no-such-company/oauth2/authorize?response_type=code&client_id=x").status()).isEqualTo(404);
        assertThat(client.get("/.well-known/openid-configuration/c/" + c.slug()).status()).isIn(401, 403, 404);
    }

    @Test
    void theConsentPageNamesTheAppAndWhereItSendsTheUserBack() {
        browser.signIn(c.slug(), c.ownerEmail(), Fixtures.PASSWORD);
        Response toConsent = authorize(browser, authorizeParams(Pkce.create(), "jobs:read", Optional.empty()));
        Response page = browser.get(toConsent.header("Location").substring(base().length()));
        assertThat(page.body()).contains("Test assistant", "127.0.0.1", "See jobs and the schedule", "jobs:read");
        assertThat(page.header("Content-Security-Policy")).contains("form-action 'self' http://127.0.0.1:9;");
        // another user of the company cannot answer this user's request
        Https other = new Https(port);
        User user = c.addUser(Role.ADMIN);
        other.signIn(c.slug(), user.email().value(), Fixtures.PASSWORD);
        assertThat(other.get(toConsent.header("Location").substring(base().length())).status()).isEqualTo(404);
    }

    @Test
    void theWholeFlowRotatesRefreshTokensAndAReplayEndsTheFamily() {
        browser.signIn(c.slug(), c.ownerEmail(), Fixtures.PASSWORD);
        JsonNode tokens = tokensFor(browser, "jobs:read", Optional.of(restApi()));
        String access = tokens.get("access_token").asString();
        String refreshToken = tokens.get("refresh_token").asString();
        assertThat(access).startsWith("fso_" + c.company.id().compact() + "_");
        assertThat(refreshToken).startsWith("fsr_" + c.company.id().compact() + "_");
        assertThat(tokens.get("expires_in").asLong()).isBetween(1L, 600L);
        assertThat(tokens.get("scope").asString()).isEqualTo("jobs:read");

        // the token reads jobs, and may not create a client although its user (the owner) could
        assertThat(api("GET", "/api/v1/jobs", access, null).status()).isEqualTo(200);
        Response create = api("POST", "/api/v1/clients", access, "{\"name\":\"Acme\"}");
        assertThat(create.status()).as(create.body()).isEqualTo(403);

        // refresh: a new pair; the old access token keeps working until it expires, the old refresh token is spent
        Response refreshed = refresh(refreshToken);
        assertThat(refreshed.status()).as(refreshed.body()).isEqualTo(200);
        String access2 = json(refreshed).get("access_token").asString();
        String refresh2 = json(refreshed).get("refresh_token").asString();
        assertThat(refresh2).isNotEqualTo(refreshToken);
        assertThat(api("GET", "/api/v1/jobs", access2, null).status()).isEqualTo(200);

        // the old refresh token again: refused, and the whole family ends — the new tokens too
        Response replay = refresh(refreshToken);
        assertThat(replay.status()).isEqualTo(400);
        assertThat(json(replay).get("error").asString()).isEqualTo("invalid_grant");
        assertThat(api("GET", "/api/v1/jobs", access2, null).status()).isEqualTo(401);
        assertThat(api("GET", "/api/v1/jobs", access, null).status()).isEqualTo(401);
        assertThat(refresh(refresh2).status()).isEqualTo(400);

        // granted, then revoked for the reuse: both in the audit trail
        List<AuditEntry> trail = grantEntries();
        assertThat(trail).extracting(AuditEntry::action).contains("oauth_grant.granted", "oauth_grant.revoked");
        assertThat(trail.stream().filter(e -> e.action().equals("oauth_grant.revoked")).findFirst().orElseThrow().changes().toString())
                .contains("refresh_token_reused");
    }

    List<AuditEntry> grantEntries() {
        Page<AuditEntry> page = audit.find(c.company.id(), databases.of(c.company.id()).jdbc(),
                new AuditQuery("oauth_grant", null, null, null, null, null), new Page.PageRequest(0, 200));
        return page.items().stream().filter(e -> "oauth_grant".equals(e.entityType())).toList();
    }

    @Test
    void aUserWithTwoStepVerificationAuthorizesAfterTheSecondStepAndComesBack() {
        // the owner turns on two-step verification
        Https phone = new Https(port);
        phone.signIn(c.slug(), c.ownerEmail(), Fixtures.PASSWORD);
        String secret = org.fieldstone.support.Authenticator.secretOn(phone.get("/c/" + c.slug() + "/account/mfa").body());
        Response enrolled = phone.post("/c/" + c.slug() + "/account/mfa",
                Map.of("code", org.fieldstone.support.Authenticator.code(secret, clock.instant())));
        assertThat(enrolled.status()).isEqualTo(200);
        clock.advance(Duration.ofSeconds(30));

        // not signed in: the authorization request sends to the company's login page
        Pkce pkce = Pkce.create();
        Response toLogin = authorize(browser, authorizeParams(pkce, "jobs:read", Optional.empty()));
        assertThat(toLogin.status()).isEqualTo(302);
        assertThat(toLogin.header("Location")).endsWith("/c/" + c.slug() + "/login");
        // the password alone is not enough: still no consent, the second step first
        Response password = browser.signIn(c.slug(), c.ownerEmail(), Fixtures.PASSWORD);
        assertThat(password.header("Location")).endsWith("/c/" + c.slug() + "/login/mfa");
        Response halfway = authorize(browser, authorizeParams(pkce, "jobs:read", Optional.empty()));
        assertThat(halfway.header("Location")).endsWith("/c/" + c.slug() + "/login");
        browser.get("/c/" + c.slug() + "/login/mfa");
        Response signedIn = browser.post("/c/" + c.slug() + "/login/mfa",
                Map.of("code", org.fieldstone.support.Authenticator.code(secret, clock.instant())));
        assertThat(signedIn.status()).isEqualTo(302);
        // ... and comes back to the authorization request
        String back = signedIn.header("Location");
        assertThat(back).contains("/c/" + c.slug() + "/oauth2/authorize?");
        Response again = browser.get(URI.create(back).getRawPath() + "?" + URI.create(back).getRawQuery());
        String code = code(consentAndAllow(browser, again, List.of("jobs:read")));
        Response tokens = exchange(code, pkce);
        assertThat(tokens.status()).as(tokens.body()).isEqualTo(200);
        // no resource named: the token is for the REST API
        assertThat(api("GET", "/api/v1/jobs", json(tokens).get("access_token").asString(), null).status()).isEqualTo(200);
    }

    @Test
    void plainOrMissingPkceIsRefused() {
        browser.signIn(c.slug(), c.ownerEmail(), Fixtures.PASSWORD);
        Pkce pkce = Pkce.create();
        Map<String, String> plain = authorizeParams(pkce, "jobs:read", Optional.empty());
        plain.put("code_challenge", pkce.verifier());
        plain.put("code_challenge_method", "plain");
        Response r = authorize(browser, plain);
        assertThat(r.status()).isEqualTo(302);
        assertThat(params(r.header("Location"))).containsEntry("error", "invalid_request");
        assertThat(r.header("Location")).startsWith(REDIRECT).doesNotContain("code=");

        Map<String, String> none = authorizeParams(pkce, "jobs:read", Optional.empty());
        none.remove("code_challenge");
        none.remove("code_challenge_method");
        Response missing = authorize(browser, none);
        assertThat(params(missing.header("Location"))).containsEntry("error", "invalid_request");
    }

    @Test
    void aRedirectUriNotExactlyRegisteredIsRefusedWithoutRedirectingToIt() {
        browser.signIn(c.slug(), c.ownerEmail(), Fixtures.PASSWORD);
        for (String uri : List.of(REDIRECT + "/more", REDIRECT + "?x=1", "https://evil.example/callback", "http://127.0.0.1:9/Callback")) {
            Map<String, String> p = authorizeParams(Pkce.create(), "jobs:read", Optional.empty());
            p.put("redirect_uri", uri);
            Response r = authorize(browser, p);
            assertThat(r.status()).as(uri).isEqualTo(400);
            assertThat(r.header("Location")).isNull();
        }
    }

    @Test
    void aBadResourceIsAnInvalidTarget() {
        browser.signIn(c.slug(), c.ownerEmail(), Fixtures.PASSWORD);
        for (String resource : List.of("https://evil.example/api/v1", base() + "/c/other-company/mcp", base() + "/api/v2")) {
            Response r = authorize(browser, authorizeParams(Pkce.create(), "jobs:read", Optional.of(resource)));
            assertThat(r.status()).isEqualTo(302);
            assertThat(params(r.header("Location"))).as(resource).containsEntry("error", "invalid_target");
        }
    }

    @Test
    void aTokenForTheMcpEndpointIsRefusedByTheRestApi() {
        browser.signIn(c.slug(), c.ownerEmail(), Fixtures.PASSWORD);
        JsonNode tokens = tokensFor(browser, "jobs:read", Optional.of(base() + "/c/" + c.slug() + "/mcp"));
        assertThat(api("GET", "/api/v1/jobs", tokens.get("access_token").asString(), null).status()).isEqualTo(401);
    }

    @Test
    void aCodeWorksOnceAndItsSecondUseEndsWhatItGave() {
        browser.signIn(c.slug(), c.ownerEmail(), Fixtures.PASSWORD);
        Pkce pkce = Pkce.create();
        String code = code(consentAndAllow(browser, authorize(browser, authorizeParams(pkce, "jobs:read", Optional.empty())),
                List.of("jobs:read")));
        Response first = exchange(code, pkce);
        assertThat(first.status()).isEqualTo(200);
        Response second = exchange(code, pkce);
        assertThat(second.status()).isEqualTo(400);
        assertThat(json(second).get("error").asString()).isEqualTo("invalid_grant");
        assertThat(api("GET", "/api/v1/jobs", json(first).get("access_token").asString(), null).status()).isEqualTo(401);
    }

    @Test
    void aWrongVerifierIsRefused() {
        browser.signIn(c.slug(), c.ownerEmail(), Fixtures.PASSWORD);
        Pkce pkce = Pkce.create();
        String code = code(consentAndAllow(browser, authorize(browser, authorizeParams(pkce, "jobs:read", Optional.empty())),
                List.of("jobs:read")));
        Response r = exchange(code, Pkce.create());
        assertThat(r.status()).isIn(400, 401);
        assertThat(r.body()).doesNotContain("access_token");
    }

    @Test
    void scopesBeyondTheRoleAreNotGranted() {
        User reader = c.addUser(Role.READ_ONLY);
        browser.signIn(c.slug(), reader.email().value(), Fixtures.PASSWORD);
        Pkce pkce = Pkce.create();
        Response toConsent = authorize(browser, authorizeParams(pkce, "jobs:read clients:write", Optional.empty()));
        String location = toConsent.header("Location");
        Response page = browser.get(location.substring(base().length()));
        assertThat(page.body()).contains("not available to your role");
        // even when the form is forged to approve it
        String code = code(consentAndAllow(browser, toConsent, List.of("jobs:read", "clients:write")));
        Response tokens = exchange(code, pkce);
        assertThat(json(tokens).get("scope").asString()).isEqualTo("jobs:read");
        String access = json(tokens).get("access_token").asString();
        assertThat(api("POST", "/api/v1/clients", access, "{\"name\":\"Acme\"}").status()).isEqualTo(403);
    }

    @Test
    void anExpiredTokenIsRefused() {
        browser.signIn(c.slug(), c.ownerEmail(), Fixtures.PASSWORD);
        String access = tokensFor(browser, "jobs:read", Optional.empty()).get("access_token").asString();
        assertThat(api("GET", "/api/v1/jobs", access, null).status()).isEqualTo(200);
        clock.advance(Duration.ofMinutes(11));
        try {
            assertThat(api("GET", "/api/v1/jobs", access, null).status()).isEqualTo(401);
        } finally {
            clock.advance(Duration.ofMinutes(-11));
        }
    }

    @Test
    void aRevokedGrantsTokensStopAtOnceAndTheRevocationIsAudited() {
        browser.signIn(c.slug(), c.ownerEmail(), Fixtures.PASSWORD);
        JsonNode tokens = tokensFor(browser, "jobs:read", Optional.empty());
        String access = tokens.get("access_token").asString();
        assertThat(api("GET", "/api/v1/jobs", access, null).status()).isEqualTo(200);
        List<ConnectedApps.Grant> grants = apps.grants(c.system());
        assertThat(grants).hasSize(1);
        assertThat(grants.getFirst().scopes()).containsExactly("jobs:read");
        apps.revoke(c.system(), grants.getFirst().id());
        assertThat(api("GET", "/api/v1/jobs", access, null).status()).isEqualTo(401);
        // asking again shows the consent page again (the revoked consent is not reused silently)
        Response again = authorize(browser, authorizeParams(Pkce.create(), "jobs:read", Optional.empty()));
        assertThat(again.header("Location")).contains("/oauth2/consent?");
        assertThat(refresh(tokens.get("refresh_token").asString()).status()).isEqualTo(400);
        assertThat(grantEntries()).extracting(AuditEntry::action).contains("oauth_grant.granted", "oauth_grant.revoked");
    }

    @Test
    void aTokenOfOneCompanyGetsNothingOfAnother() {
        TestCompany other = fixtures.company("oauth-b");
        browser.signIn(c.slug(), c.ownerEmail(), Fixtures.PASSWORD);
        String access = tokensFor(browser, "jobs:read", Optional.empty()).get("access_token").asString();
        // its company part forged to the other company: no such token there
        String forged = "fso_" + other.company.id().compact() + access.substring(4 + 32);
        assertThat(api("GET", "/api/v1/jobs", forged, null).status()).isEqualTo(401);
        // the other company's token endpoint does not know this company's client or codes
        Response r = client.send(HttpRequest.newBuilder(client.uri("/c/" + other.slug() + "/oauth2/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(query(Map.of("grant_type", "refresh_token",
                        "refresh_token", "fsr_" + c.company.id().compact() + "_" + "x".repeat(43), "client_id", app.app().clientId())))));
        assertThat(r.status()).isIn(400, 401);
    }

    @Test
    void noTokenCodeOrStateIsStoredInPlaintext() {
        browser.signIn(c.slug(), c.ownerEmail(), Fixtures.PASSWORD);
        Pkce pkce = Pkce.create();
        Response toConsent = authorize(browser, authorizeParams(pkce, "jobs:read", Optional.empty()));
        String consentState = params(toConsent.header("Location")).get("state");
        String code = code(consentAndAllow(browser, toConsent, List.of("jobs:read")));
        JsonNode tokens = json(exchange(code, pkce));
        JsonNode refreshed = json(refresh(tokens.get("refresh_token").asString()));
        List<String> secrets = List.of(consentState, code, tokens.get("access_token").asString(),
                tokens.get("refresh_token").asString(), refreshed.get("access_token").asString(),
                refreshed.get("refresh_token").asString());
        var database = databases.of(c.company.id());
        var db = database.jdbc();
        List<String> tables = "sqlite".equals(database.engine())
                ? db.sql("SELECT name FROM sqlite_master WHERE type = 'table'").query(String.class).list()
                : db.sql("SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema()").query(String.class).list();
        assertThat(tables).contains("oauth_grants", "oauth_tokens");
        for (String table : tables) {
            List<Map<String, Object>> rows = db.sql("SELECT * FROM " + table).query().listOfRows();
            String dump = rows.toString();
            for (String secret : secrets) {
                assertThat(dump).as(table).doesNotContain(secret);
            }
        }
    }

    @Test
    void aConfidentialClientNeedsItsSecretAndItIsStoredHashed() {
        ConnectedApps.Registered confidential = apps.register(c.system(), "Payroll sync", List.of("https://payroll.example/cb"), true);
        String secret = confidential.secret().orElseThrow();
        assertThat(databases.of(c.company.id()).jdbc().sql("SELECT * FROM oauth_clients").query().listOfRows().toString())
                .doesNotContain(secret);
        browser.signIn(c.slug(), c.ownerEmail(), Fixtures.PASSWORD);
        Pkce pkce = Pkce.create();
        Map<String, String> p = authorizeParams(pkce, "jobs:read", Optional.empty());
        p.put("client_id", confidential.app().clientId());
        p.put("redirect_uri", "https://payroll.example/cb");
        Response back = consentAndAllow(browser, authorize(browser, p), List.of("jobs:read"));
        String code = params(back.header("Location")).get("code");
        Map<String, String> form = new LinkedHashMap<>(Map.of("grant_type", "authorization_code", "code", code,
                "redirect_uri", "https://payroll.example/cb", "code_verifier", pkce.verifier()));
        String wrong = Base64.getEncoder().encodeToString((confidential.app().clientId() + ":" + "x" + secret).getBytes(StandardCharsets.UTF_8));
        Response refused = client.send(HttpRequest.newBuilder(client.uri("/c/" + c.slug() + "/oauth2/token"))
                .header("Content-Type", "application/x-www-form-urlencoded").header("Authorization", "Basic " + wrong)
                .POST(HttpRequest.BodyPublishers.ofString(query(form))));
        assertThat(refused.status()).isEqualTo(401);
        String basic = Base64.getEncoder().encodeToString((confidential.app().clientId() + ":" + secret).getBytes(StandardCharsets.UTF_8));
        Response ok = client.send(HttpRequest.newBuilder(client.uri("/c/" + c.slug() + "/oauth2/token"))
                .header("Content-Type", "application/x-www-form-urlencoded").header("Authorization", "Basic " + basic)
                .POST(HttpRequest.BodyPublishers.ofString(query(form))));
        assertThat(ok.status()).as(ok.body()).isEqualTo(200);
    }

    @Test
    void theClientRevokesItsRefreshTokenAndTheGrantEnds() {
        browser.signIn(c.slug(), c.ownerEmail(), Fixtures.PASSWORD);
        JsonNode tokens = tokensFor(browser, "jobs:read", Optional.empty());
        Response revoked = client.send(HttpRequest.newBuilder(client.uri("/c/" + c.slug() + "/oauth2/revoke"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(query(Map.of("token", tokens.get("refresh_token").asString(),
                        "token_type_hint", "refresh_token", "client_id", app.app().clientId())))));
        assertThat(revoked.status()).as(revoked.body()).isEqualTo(200);
        assertThat(api("GET", "/api/v1/jobs", tokens.get("access_token").asString(), null).status()).isEqualTo(401);
        assertThat(apps.grants(c.system())).isEmpty();
    }

    @Test
    void redirectUrisMustBeHttpsOrLoopback() {
        for (String bad : List.of("http://example.com/cb", "https://example.com/cb#frag", "javascript:alert(1)", "/relative",
                "https://user@example.com/cb")) {
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> apps.register(c.system(), "Bad", List.of(bad), false))
                    .as(bad).isInstanceOf(org.fieldstone.shared.InvalidInput.class);
        }
        User user = c.addUser(Role.USER);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> apps.register(
                new org.fieldstone.shared.Actor(c.company.id(), Optional.of(user.id()), "u", Role.USER, Optional.empty(),
                        org.fieldstone.shared.Channel.WEB, null, null), "Mine", List.of("https://ok.example/cb"), false))
                .isInstanceOf(org.fieldstone.shared.Forbidden.class);
    }

    @Test
    void denyingSendsAccessDeniedBackAndGrantsNothing() {
        browser.signIn(c.slug(), c.ownerEmail(), Fixtures.PASSWORD);
        Response toConsent = authorize(browser, authorizeParams(Pkce.create(), "jobs:read", Optional.empty()));
        Response back = consentAndAllow(browser, toConsent, List.of());
        assertThat(back.status()).isEqualTo(302);
        assertThat(params(back.header("Location"))).containsEntry("error", "access_denied").doesNotContainKey("code");
        assertThat(apps.grants(c.system())).isEmpty();
    }

    @Test
    void connectedAppsListsAndRevokesGrantsAndAdminsRegisterAndRemoveApps() {
        User user = c.addUser(Role.USER);
        Https userBrowser = new Https(port);
        userBrowser.signIn(c.slug(), user.email().value(), Fixtures.PASSWORD);
        JsonNode tokens = tokensFor(userBrowser, "jobs:read", Optional.empty());
        String access = tokens.get("access_token").asString();

        // the user sees their own grant, but cannot register apps
        Response own = userBrowser.get("/c/" + c.slug() + "/settings/connected-apps");
        assertThat(own.status()).isEqualTo(200);
        assertThat(own.body()).contains("Test assistant", "jobs:read").doesNotContain("Register an app");
        assertThat(userBrowser.post("/c/" + c.slug() + "/settings/connected-apps",
                Map.of("name", "Sneaky", "redirectUris", "https://sneaky.example/cb")).status()).isEqualTo(403);

        // the owner registers a confidential app: its secret is shown once
        browser.signIn(c.slug(), c.ownerEmail(), Fixtures.PASSWORD);
        browser.get("/c/" + c.slug() + "/settings/connected-apps");
        Response registered = browser.post("/c/" + c.slug() + "/settings/connected-apps",
                Map.of("name", "Payroll", "redirectUris", "https://payroll.example/cb", "confidential", "true"));
        assertThat(registered.status()).isEqualTo(200);
        assertThat(registered.body()).contains("new-client-secret", "fss_");
        Response bad = browser.post("/c/" + c.slug() + "/settings/connected-apps",
                Map.of("name", "Bad", "redirectUris", "http://evil.example/cb"));
        assertThat(bad.status()).isEqualTo(400);

        // the owner sees the user's grant and revokes it: the token stops at once
        Response all = browser.get("/c/" + c.slug() + "/settings/connected-apps");
        assertThat(all.body()).contains("USER person");
        String grantId = apps.grants(c.system()).getFirst().id();
        Response revoked = browser.post("/c/" + c.slug() + "/settings/connected-apps/grants/" + grantId + "/revoke", Map.of());
        assertThat(revoked.status()).isEqualTo(302);
        assertThat(api("GET", "/api/v1/jobs", access, null).status()).isEqualTo(401);

        // removing the app revokes what it still had
        userBrowser.get("/c/" + c.slug() + "/settings/connected-apps");
        JsonNode again = tokensFor(browser, "jobs:read", Optional.empty());
        apps.remove(c.system(), app.app().id());
        assertThat(api("GET", "/api/v1/jobs", again.get("access_token").asString(), null).status()).isEqualTo(401);
        assertThat(refresh(again.get("refresh_token").asString()).status()).isIn(400, 401);
    }

    @Test
    void writesThroughATokenAreAuditedAsTheAppActingForTheUser() {
        browser.signIn(c.slug(), c.ownerEmail(), Fixtures.PASSWORD);
        String access = tokensFor(browser, "clients:write", Optional.empty()).get("access_token").asString();
        Response created = api("POST", "/api/v1/clients", access, "{\"name\":\"Acme\"}");
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        Page<AuditEntry> page = audit.find(c.company.id(), databases.of(c.company.id()).jdbc(),
                new AuditQuery("client", null, null, null, null, null), new Page.PageRequest(0, 10));
        AuditEntry entry = page.items().getFirst();
        assertThat(entry.actorType()).isEqualTo("oauth_client");
        assertThat(entry.actorName()).isEqualTo("Owner of " + c.slug() + " via Test assistant");
        assertThat(entry.apiKeyId()).startsWith("oauth:");
    }

    @Autowired org.fieldstone.identity.OAuthTokens oauthTokens;

    @Test
    void theFacadeChecksTheAudienceAndNarrowsTheActor() {
        browser.signIn(c.slug(), c.ownerEmail(), Fixtures.PASSWORD);
        String mcp = base() + "/c/" + c.slug() + "/mcp";
        assertThat(oauthTokens.mcpResource(c.slug())).isEqualTo(mcp);
        String access = tokensFor(browser, "jobs:read", Optional.of(mcp)).get("access_token").asString();
        var signedIn = oauthTokens.authenticate(access, mcp, "127.0.0.1", "test").orElseThrow();
        assertThat(signedIn.delegation().orElseThrow().scopes()).containsExactly(org.fieldstone.shared.Permission.JOBS_READ);
        assertThat(signedIn.actor().can(org.fieldstone.shared.Permission.JOBS_READ)).isTrue();
        assertThat(signedIn.actor().can(org.fieldstone.shared.Permission.CLIENTS_READ)).isFalse();
        assertThat(oauthTokens.authenticate(access, restApi(), "127.0.0.1", "test")).isEmpty();
        assertThat(oauthTokens.authenticate(access, base() + "/c/other/mcp", "127.0.0.1", "test")).isEmpty();
        char last = access.charAt(access.length() - 1);
        String tampered = access.substring(0, access.length() - 1) + (last == 'A' ? 'B' : 'A');
        assertThat(oauthTokens.authenticate(tampered, mcp, null, null)).isEmpty();
        assertThat(oauthTokens.authenticate("fso_" + "z".repeat(76), mcp, null, null)).isEmpty();
    }
}
