package org.fieldstone.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The load driver ({@code bench/src/LoadDriver.java}, a single-file program outside the build) compiles with this JDK,
 * and what it reads from the server's answers for {@code --mix portal} is read right: the token of a share-links
 * answer, the landing form's {@code _csrf}, the exchange's redirect to the document, the cookies of
 * {@code Set-Cookie} headers.
 */
class LoadDriverParsingTests {

    private static final String TOKEN = "Ab3dEf6hIj9kLm2nOp5qRs8t";

    private static Class<?> driver;

    @BeforeAll
    static void compileTheDriver() throws IOException {
        Path out = Files.createTempDirectory("fieldstone-load-driver-");
        int status = ToolProvider.getSystemJavaCompiler().run(null, null, null, "-d", out.toString(), "-proc:none",
                Path.of("bench/src/LoadDriver.java").toString());
        assertThat(status).as("javac bench/src/LoadDriver.java").isZero();
        try {
            driver = new URLClassLoader(new URL[] {out.toUri().toURL()}, LoadDriverParsingTests.class.getClassLoader())
                    .loadClass("LoadDriver");
        } catch (ClassNotFoundException e) {
            throw new AssertionError(e);
        }
    }

    private static Object call(String name, Class<?>[] types, Object... args) throws Exception {
        Method m = driver.getDeclaredMethod(name, types);
        m.setAccessible(true);
        return m.invoke(null, args);
    }

    private static String shareToken(String json) throws Exception {
        return (String) call("shareToken", new Class<?>[] {String.class}, json);
    }

    private static String csrf(String html) throws Exception {
        return (String) call("csrf", new Class<?>[] {String.class}, html);
    }

    private static boolean opensDocument(String location, String kind, String id) throws Exception {
        return (boolean) call("opensDocument", new Class<?>[] {String.class, String.class, String.class}, location, kind, id);
    }

    @Test
    void readsTheTokenOfAShareLinksAnswerAndNothingElse() throws Exception {
        assertThat(shareToken("{\"id\":\"0193a1b2-0000-7000-8000-000000000001\",\"url\":\"https://localhost:8443/p/" + TOKEN
                + "\",\"expiresAt\":\"2027-01-06T01:00:00Z\"}")).isEqualTo(TOKEN);
        assertThat(shareToken("{\"id\": \"x\", \"url\" : \"https://portal.example.test/p/" + TOKEN + "\"}")).isEqualTo(TOKEN);
        // not a token: too short, too long, another path, another field, a refusal
        assertThat(shareToken("{\"url\":\"https://localhost:8443/p/" + TOKEN.substring(1) + "\"}")).isNull();
        assertThat(shareToken("{\"url\":\"https://localhost:8443/p/" + TOKEN + "x\"}")).isNull();
        assertThat(shareToken("{\"url\":\"https://localhost:8443/p/quote/" + TOKEN + "\"}")).isNull();
        assertThat(shareToken("{\"link\":\"https://localhost:8443/p/" + TOKEN + "\"}")).isNull();
        assertThat(shareToken("{\"type\":\"about:blank\",\"status\":409,\"detail\":\"Send it first.\"}")).isNull();
    }

    @Test
    void readsTheLandingFormsCsrfField() throws Exception {
        String landing = """
                <meta name="csrf-token" content="meta-token">
                <form method="post" action="/p/%s"><input type="hidden" name="_csrf" value="Zm9v-YmFy_baz="/>
                <button type="submit" id="open-document">View your quote</button></form>""".formatted(TOKEN);
        assertThat(csrf(landing)).isEqualTo("Zm9v-YmFy_baz=");
        // the page offering a new link has a form too; a page without any form has no field to send
        assertThat(csrf("<p>This link has been used.</p>")).isNull();
    }

    @Test
    void anExchangeOpensOnlyTheDocumentItsLinkWasMadeFor() throws Exception {
        String id = "0193a1b2-0000-7000-8000-00000000000a";
        assertThat(opensDocument("/p/quote/" + id, "quote", id)).isTrue();
        assertThat(opensDocument("https://localhost:8443/p/invoice/" + id, "invoice", id)).isTrue();
        assertThat(opensDocument("/p/invoice/" + id, "quote", id)).isFalse();
        assertThat(opensDocument("/p/quote/" + id + "0", "quote", id)).isFalse();
        assertThat(opensDocument("/p/" + TOKEN, "quote", id)).isFalse();
        assertThat(opensDocument("/c/acme/login", "quote", id)).isFalse();
        assertThat(opensDocument(null, "quote", id)).isFalse();
    }

    @Test
    @SuppressWarnings("unchecked")
    void keepsTheNameAndValueOfEachCookieTheLaterOneWinning() throws Exception {
        Map<String, String> cookies = new LinkedHashMap<>();
        call("keepCookies", new Class<?>[] {Map.class, List.class}, cookies, List.of(
                "__Host-fs_csrf=first; Path=/; Secure; HttpOnly; SameSite=Lax",
                "__Host-fs_portal=0123456789abcdef0123456789abcdef.secret=; Path=/; Secure; HttpOnly; Max-Age=604800",
                "no-value-at-all",
                "__Host-fs_csrf=second; Path=/; Secure"));
        assertThat(cookies).containsExactly(Map.entry("__Host-fs_csrf", "second"),
                Map.entry("__Host-fs_portal", "0123456789abcdef0123456789abcdef.secret="));
    }

    @Test
    void readsTheItemsAndLocationsOfASeedForTheStockMixAndOlderSeedsWithoutThem() throws Exception {
        Path seed = Files.createTempFile("fieldstone-seed-", ".txt");
        Files.writeString(seed, """
                # fieldstone bench seed
                company\tbench-0001\t0193a1b2-0000-7000-8000-000000000001\tfs_key1\tfs_tech1
                owner\towner@bench-0001.example\tpw1
                webhook\twhsec_bench_1\tUSD
                client\tc1\tAvery Abbott 00000
                item\ti1
                item\ti2
                location\tl1
                location\tl 2&x
                company\tbench-0002\t0193a1b2-0000-7000-8000-000000000002\tfs_key2\tfs_tech2
                owner\towner@bench-0002.example\tpw2
                webhook\twhsec_bench_2\tUSD
                client\tc2\tBlake Brennan 00001
                """);
        List<?> companies = (List<?>) call("readSeed", new Class<?>[] {Path.class}, seed);

        assertThat(companies).hasSize(2);
        assertThat(accessor(companies.get(0), "itemIds")).isEqualTo(List.of("i1", "i2"));
        assertThat(accessor(companies.get(0), "locationIds")).isEqualTo(List.of("l1", "l 2&x"));
        assertThat(accessor(companies.get(1), "itemIds")).as("a company without inventory").isEqualTo(List.of());
        assertThat(accessor(companies.get(1), "locationIds")).isEqualTo(List.of());
        Class<?> company = java.util.Arrays.stream(driver.getDeclaredClasses())
                .filter(c -> c.getSimpleName().equals("Company")).findFirst().orElseThrow();
        assertThat(call("stockPath", new Class<?>[] {company, int.class, int.class}, companies.get(0), 1, 1))
                .as("ids are encoded into the query").isEqualTo("/api/v1/stock?itemId=i2&locationId=l+2%26x");
        assertThat(call("stockPath", new Class<?>[] {company, int.class, int.class}, companies.get(0), 0, 0))
                .isEqualTo("/api/v1/stock?itemId=i1&locationId=l1");
    }

    @Test
    @SuppressWarnings("unchecked")
    void signsTwilioWebhooksSoThatTheSdksValidatorAcceptsThemAndNoOtherToken() throws Exception {
        Map<String, String> params = new java.util.LinkedHashMap<>();
        params.put("MessageSid", "SM0123456789abcdef0123456789abcdef");
        params.put("From", (String) call("clientPhone", new Class<?>[] {int.class}, 7));
        params.put("Body", "See you then, the gate is open & a+b");
        String url = "https://localhost:8443/webhooks/twilio/bench-0001";
        String signature = (String) call("twilioSignature", new Class<?>[] {String.class, String.class, Map.class},
                "test-twilio-token-not-real", url, params);
        assertThat(params.get("From")).isEqualTo("+16502530007");
        assertThat(new com.twilio.security.RequestValidator("test-twilio-token-not-real").validate(url, params, signature))
                .isTrue();
        assertThat(new com.twilio.security.RequestValidator("another-token-not-real").validate(url, params, signature))
                .isFalse();
        assertThat(new com.twilio.security.RequestValidator("test-twilio-token-not-real")
                .validate(url.replace("bench-0001", "bench-0002"), params, signature)).isFalse();
    }

    @Test
    void writesTelegramUpdatesTheTelegramLibraryReads() throws Exception {
        String json = (String) call("telegramUpdate", new Class<?>[] {long.class, long.class, String.class},
                123_456_789L, call("telegramChat", new Class<?>[] {int.class}, 3), "/start abc123");
        com.pengrad.telegrambot.model.Update update = com.pengrad.telegrambot.utility.BotUtils.parseUpdate(json);
        assertThat(update.updateId()).isEqualTo(123_456_789);
        assertThat(update.message().chat().id()).isEqualTo(7_000_000_003L);
        assertThat(update.message().text()).isEqualTo("/start abc123");
    }

    @Test
    @SuppressWarnings("unchecked")
    void readsTheTelegramAndTwilioLinesOfASeedAndCountsTheDeliveryLogByKindAndStatus() throws Exception {
        Path seed = Files.createTempFile("fieldstone-seed-", ".txt");
        Files.writeString(seed, """
                company\tbench-0001\t0193a1b2-0000-7000-8000-000000000001\tfs_key1\tfs_tech1
                owner\towner@bench-0001.example\tpw1
                webhook\twhsec_bench_1\tUSD
                telegram\tsecret_1\tcode1
                twilio\tAC0123456789abcdef0123456789abcdef\ttoken1
                client\tc1\tAvery Abbott 00000
                company\tbench-0002\t0193a1b2-0000-7000-8000-000000000002\tfs_key2\tfs_tech2
                owner\towner@bench-0002.example\tpw2
                webhook\twhsec_bench_2\tUSD
                client\tc2\tBlake Brennan 00001
                """);
        List<?> companies = (List<?>) call("readSeed", new Class<?>[] {Path.class}, seed);
        assertThat(accessor(companies.get(0), "telegramSecret")).isEqualTo("secret_1");
        assertThat(accessor(companies.get(0), "telegramCode")).isEqualTo("code1");
        assertThat(accessor(companies.get(0), "twilioSid")).isEqualTo("AC0123456789abcdef0123456789abcdef");
        assertThat(accessor(companies.get(0), "twilioToken")).isEqualTo("token1");
        assertThat(accessor(companies.get(1), "telegramSecret")).as("not connected").isNull();
        assertThat(accessor(companies.get(1), "twilioToken")).isNull();

        Map<String, Long> counts = Map.of("VISIT_REMINDER/SENT", 7L, "VISIT_REMINDER/QUEUED", 2L,
                "VISIT_REMINDER/SENDING", 1L, "VISIT_SCHEDULED/QUEUED", 5L, "VISIT_SCHEDULED/SKIPPED", 3L);
        assertThat(call("count", new Class<?>[] {Map.class, String.class, String.class}, counts, "VISIT_REMINDER", "SENT"))
                .isEqualTo(7L);
        assertThat(call("pending", new Class<?>[] {Map.class, String.class}, counts, "VISIT_REMINDER")).isEqualTo(3L);
        assertThat(call("pending", new Class<?>[] {Map.class, String.class}, counts, null)).isEqualTo(8L);
    }

    @Test
    void refusesALineItDoesNotKnow() throws Exception {
        Path seed = Files.createTempFile("fieldstone-seed-", ".txt");
        Files.writeString(seed, "company\tbench-0001\t0193a1b2-0000-7000-8000-000000000001\tfs_key1\tfs_tech1\n"
                + "owner\tx\ty\nwebhook\tw\tUSD\nstock\ti1\n");
        assertThat(org.assertj.core.api.Assertions.catchThrowable(() -> call("readSeed", new Class<?>[] {Path.class}, seed)))
                .hasRootCauseInstanceOf(IllegalArgumentException.class).rootCause().hasMessageContaining("stock\ti1");
    }

    @Test
    @SuppressWarnings("unchecked")
    void readsTheFileSizesInWholeMibAndRefusesOthers() throws Exception {
        assertThat((List<Integer>) call("fileSizes", new Class<?>[] {String.class}, "1,10")).containsExactly(1, 10);
        assertThat((List<Integer>) call("fileSizes", new Class<?>[] {String.class}, " 25 ")).containsExactly(25);
        for (String bad : List.of("0", "101", "1,x", "-1", "")) {
            assertThat(org.assertj.core.api.Assertions.catchThrowable(
                    () -> call("fileSizes", new Class<?>[] {String.class}, bad))).as(bad)
                    .hasRootCauseInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void makesPdfLikeContentOfTheExactSizeThatIsAllowedByContent() throws Exception {
        byte[] content = (byte[]) call("pdfLike", new Class<?>[] {int.class, java.util.Random.class}, 1024 * 1024,
                new java.util.Random(1));
        assertThat(content).hasSize(1024 * 1024);
        assertThat(new String(content, 0, 5, java.nio.charset.StandardCharsets.US_ASCII)).isEqualTo("%PDF-");
        Method allowed = Class.forName("org.fieldstone.files.internal.ContentTypes")
                .getDeclaredMethod("allowed", byte[].class, String.class);
        allowed.setAccessible(true);
        assertThat(allowed.invoke(null, content, "bench.pdf")).as("the application's own check by content")
                .isEqualTo("application/pdf");
    }

    @Test
    void readsTheIdAndStatusOfAFileAndTheFirstJobOfAPage() throws Exception {
        String file = "{\"id\":\"0193a1b2-0000-7000-8000-0000000000f1\",\"name\":\"a.pdf\",\"contentType\":\"application/pdf\","
                + "\"size\":1048576,\"status\":\"SCANNING\"}";
        assertThat(call("firstId", new Class<?>[] {String.class}, file)).isEqualTo("0193a1b2-0000-7000-8000-0000000000f1");
        assertThat(call("fileStatus", new Class<?>[] {String.class}, file)).isEqualTo("SCANNING");
        assertThat(call("fileStatus", new Class<?>[] {String.class}, file.replace("SCANNING", "CLEAN"))).isEqualTo("CLEAN");
        assertThat(call("fileStatus", new Class<?>[] {String.class}, "{\"type\":\"about:blank\",\"status\":415}"))
                .as("a problem's numeric status is no file status").isNull();
        assertThat(call("firstId", new Class<?>[] {String.class}, "{\"items\":[{\"id\": \"j1\"},{\"id\":\"j2\"}],\"total\":2}"))
                .isEqualTo("j1");
        assertThat(call("firstId", new Class<?>[] {String.class}, "{\"items\":[],\"total\":0}")).isNull();
    }

    @Test
    void readsTheTechniciansPasswordAndTheOAuthClientOfASeedForTheMcpMix() throws Exception {
        Path seed = Files.createTempFile("fieldstone-seed-", ".txt");
        Files.writeString(seed, """
                company\tbench-0001\t0193a1b2-0000-7000-8000-000000000001\tfs_key1\tfs_tech1
                owner\towner@bench-0001.example\tpw1
                webhook\twhsec_bench_1\tUSD
                technician\ttech-01@bench-0001.example\ttpw1
                oauth\tfsc_client1\thttp://127.0.0.1:9/bench-callback
                client\tc1\tAvery Abbott 00000
                company\tbench-0002\t0193a1b2-0000-7000-8000-000000000002\tfs_key2\tfs_tech2
                owner\towner@bench-0002.example\tpw2
                webhook\twhsec_bench_2\tUSD
                client\tc2\tBlake Brennan 00001
                """);
        List<?> companies = (List<?>) call("readSeed", new Class<?>[] {Path.class}, seed);

        assertThat(accessor(companies.get(0), "technicianEmail")).isEqualTo("tech-01@bench-0001.example");
        assertThat(accessor(companies.get(0), "technicianPassword")).isEqualTo("tpw1");
        assertThat(accessor(companies.get(0), "oauthClientId")).isEqualTo("fsc_client1");
        assertThat(accessor(companies.get(0), "oauthRedirect")).isEqualTo("http://127.0.0.1:9/bench-callback");
        assertThat(accessor(companies.get(1), "oauthClientId")).as("an older seed: no OAuth client").isNull();

        Path broken = Files.createTempFile("fieldstone-seed-", ".txt");
        Files.writeString(broken, "company\tbench-0001\t0193a1b2-0000-7000-8000-000000000001\tfs_key1\tfs_tech1\n"
                + "oauth\tfsc_client1\n");
        assertThat(org.assertj.core.api.Assertions.catchThrowable(() -> call("readSeed", new Class<?>[] {Path.class}, broken)))
                .as("an oauth line without its redirect").hasRootCauseInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void readsTheTokenResponseAndTheCodeOfTheRedirect() throws Exception {
        long now = 1_000L;
        Object token = call("mcpToken", new Class<?>[] {String.class, long.class},
                "{\"access_token\":\"fso_abc_def\",\"refresh_token\":\"fsr_abc_ghi\",\"scope\":\"jobs:read\","
                        + "\"token_type\":\"Bearer\",\"expires_in\": 599}", now);
        assertThat(accessor(token, "access")).isEqualTo("fso_abc_def");
        assertThat(accessor(token, "refresh")).isEqualTo("fsr_abc_ghi");
        assertThat(accessor(token, "expiresAtNanos")).isEqualTo(now + 599_000_000_000L);
        assertThat(org.assertj.core.api.Assertions.catchThrowable(() -> call("mcpToken", new Class<?>[] {String.class, long.class},
                "{\"error\":\"invalid_grant\"}", now))).hasRootCauseInstanceOf(IllegalStateException.class);

        assertThat(call("queryParam", new Class<?>[] {String.class, String.class},
                "http://127.0.0.1:9/bench-callback?code=a%2Bb%3D&state=bench-3&iss=https%3A%2F%2Flocalhost", "code"))
                .isEqualTo("a+b=");
        assertThat(call("queryParam", new Class<?>[] {String.class, String.class},
                "http://127.0.0.1:9/bench-callback?error=access_denied", "code")).isNull();
    }

    @Test
    void sendsATodaysVisitsCallOfRevision20260728AndTellsAResultFromAnError() throws Exception {
        String body = (String) call("mcpToolsCall", new Class<?>[] {String.class, long.class}, "todays_visits", 7L);
        assertThat(body).isEqualTo("{\"jsonrpc\":\"2.0\",\"id\":7,\"method\":\"tools/call\",\"params\":{\"name\":"
                + "\"todays_visits\",\"arguments\":{},\"_meta\":{\"io.modelcontextprotocol/protocolVersion\":\"2026-07-28\","
                + "\"io.modelcontextprotocol/clientCapabilities\":{}}}}");
        assertThat((boolean) call("mcpAnswered", new Class<?>[] {String.class},
                "{\"jsonrpc\":\"2.0\",\"id\":7,\"result\":{\"content\":[],\"isError\":false}}")).isTrue();
        assertThat((boolean) call("mcpAnswered", new Class<?>[] {String.class},
                "{\"jsonrpc\":\"2.0\",\"id\":7,\"result\":{\"content\":[],\"isError\":true}}")).isFalse();
        assertThat((boolean) call("mcpAnswered", new Class<?>[] {String.class},
                "{\"jsonrpc\":\"2.0\",\"id\":7,\"error\":{\"code\":-32602,\"message\":\"x\"}}")).isFalse();
        String[] pkce = (String[]) call("pkce", new Class<?>[] {});
        assertThat(pkce[0]).matches("[A-Za-z0-9_-]{64}");
        assertThat(pkce[1]).isEqualTo(java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(
                java.security.MessageDigest.getInstance("SHA-256").digest(pkce[0].getBytes(java.nio.charset.StandardCharsets.US_ASCII))));
    }

    private static Object accessor(Object record, String name) throws Exception {
        Method m = record.getClass().getDeclaredMethod(name);
        m.setAccessible(true);
        return m.invoke(record);
    }
}
