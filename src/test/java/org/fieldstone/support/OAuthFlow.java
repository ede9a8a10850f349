package org.fieldstone.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.fieldstone.support.Https.Response;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The steps of the OAuth 2.1 authorization code flow against a company's issuer ({@code /c/<slug>}) over real HTTPS,
 * as a client and a signed-in user take them: authorize with PKCE S256 (and an RFC 8707 {@code resource}), the
 * consent page, Allow, the code back at the redirect URI (with {@code state} and RFC 9207 {@code iss}), code → token,
 * refresh. Each step checks only what every caller relies on; tests assert the rest.
 */
public final class OAuthFlow {

    public static final String STATE = "client-state-1";
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final SecureRandom RANDOM = new SecureRandom();

    private final int port;
    private final String slug;
    private final String clientId;
    private final String redirect;
    private final Https client;

    /** The flow of the registered public client {@code clientId} with {@code redirect}, at company {@code slug}. */
    public OAuthFlow(int port, String slug, String clientId, String redirect) {
        this.port = port;
        this.slug = slug;
        this.clientId = clientId;
        this.redirect = redirect;
        this.client = new Https(port);
    }

    public String base() {
        return "https://localhost:" + port;
    }

    public String issuer() {
        return base() + "/c/" + slug;
    }

    public String clientId() {
        return clientId;
    }

    public record Pkce(String verifier, String challenge) {
        public static Pkce create() {
            byte[] random = new byte[48];
            RANDOM.nextBytes(random);
            String verifier = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
            try {
                byte[] digest = MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII));
                return new Pkce(verifier, Base64.getUrlEncoder().withoutPadding().encodeToString(digest));
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
    }

    public static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    public static String query(Map<String, String> params) {
        return params.entrySet().stream().map(e -> enc(e.getKey()) + "=" + enc(e.getValue())).collect(Collectors.joining("&"));
    }

    /** The query parameters of a URL, decoded. */
    public static Map<String, String> params(String location) {
        Map<String, String> out = new LinkedHashMap<>();
        String q = URI.create(location).getRawQuery();
        if (q != null) {
            for (String pair : q.split("&")) {
                int eq = pair.indexOf('=');
                out.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                        URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        return out;
    }

    public static JsonNode json(Response r) {
        return JSON.readTree(r.body());
    }

    /** The authorization request's parameters: code flow, PKCE S256, {@link #STATE}, and the resource if given. */
    public Map<String, String> authorizeParams(Pkce pkce, String scope, Optional<String> resource) {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("response_type", "code");
        p.put("client_id", clientId);
        p.put("redirect_uri", redirect);
        p.put("scope", scope);
        p.put("state", STATE);
        p.put("code_challenge", pkce.challenge());
        p.put("code_challenge_method", "S256");
        resource.ifPresent(r -> p.put("resource", r));
        return p;
    }

    public Response authorize(Https who, Map<String, String> params) {
        return who.get("/c/" + slug + "/oauth2/authorize?" + query(params));
    }

    /** Consent page → Allow with {@code scopes} ticked; returns the redirect back to the client (code, state, iss). */
    public Response consentAndAllow(Https who, Response toConsent, List<String> scopes) {
        assertThat(toConsent.status()).as(toConsent.body()).isEqualTo(302);
        String location = toConsent.header("Location");
        assertThat(location).startsWith(issuer() + "/oauth2/consent?");
        Response page = who.get(location.substring(base().length()));
        assertThat(page.status()).as(page.body()).isEqualTo(200);
        assertThat(page.body()).contains("wants to use your Fieldstone account");
        Map<String, String> consent = params(location);
        List<Map.Entry<String, String>> form = new ArrayList<>();
        form.add(Map.entry("client_id", consent.get("client_id")));
        form.add(Map.entry("state", consent.get("state")));
        scopes.forEach(s -> form.add(Map.entry("scope", s)));
        return who.post("/c/" + slug + "/oauth2/authorize", form);
    }

    /** The code in the redirect back to the client, which carries the client's state and the issuer (RFC 9207). */
    public String code(Response back) {
        assertThat(back.status()).as(back.body()).isEqualTo(302);
        String location = back.header("Location");
        assertThat(location).startsWith(redirect + "?");
        Map<String, String> p = params(location);
        assertThat(p).containsEntry("state", STATE).containsEntry("iss", issuer());
        return p.get("code");
    }

    public Response token(Map<String, String> form) {
        return client.send(HttpRequest.newBuilder(client.uri("/c/" + slug + "/oauth2/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(query(form))));
    }

    public Response exchange(String code, Pkce pkce) {
        return token(Map.of("grant_type", "authorization_code", "code", code, "redirect_uri", redirect,
                "client_id", clientId, "code_verifier", pkce.verifier()));
    }

    public Response refresh(String refreshToken) {
        return token(Map.of("grant_type", "refresh_token", "refresh_token", refreshToken, "client_id", clientId));
    }

    /** The whole flow for the user signed in on {@code who}, up to the token response (which must be 200). */
    public JsonNode tokensFor(Https who, String scope, Optional<String> resource) {
        Pkce pkce = Pkce.create();
        Response back = consentAndAllow(who, authorize(who, authorizeParams(pkce, scope, resource)), List.of(scope.split(" ")));
        Response tokens = exchange(code(back), pkce);
        assertThat(tokens.status()).as(tokens.body()).isEqualTo(200);
        return json(tokens);
    }
}
