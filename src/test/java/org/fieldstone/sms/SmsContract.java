package org.fieldstone.sms;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.fieldstone.support.ApiClient.assertProblem;
import static org.fieldstone.support.ApiClient.body;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.net.ssl.SSLSocket;
import org.fieldstone.audit.AuditEntry;
import org.fieldstone.clients.Client;
import org.fieldstone.jobs.Visit;
import org.fieldstone.notifications.DeliveryFailure;
import org.fieldstone.notifications.NotificationKind;
import org.fieldstone.notifications.Outgoing;
import org.fieldstone.notifications.Recipient;
import org.fieldstone.shared.Role;
import org.fieldstone.support.CapturedLogs;
import org.fieldstone.support.Fixtures.TestCompany;
import org.fieldstone.support.FakeTwilio;
import org.fieldstone.support.Https;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * SMS through the fake Twilio, driven through the real twilio-java client: Settings → SMS (write-only token, a wrong
 * token said plainly, weaker roles refused), the SMS channel sender (E.164, segments counted, the monthly cap,
 * Twilio's errors retryable or not), and the webhook matrix — a valid reply confirms the client's next visit (audited
 * with channel sms); forged, unsigned, another company's, replayed, malformed, oversized requests and unknown slugs
 * change nothing and log no content; the signature verifies behind a proxy against the configured public URL.
 */
public abstract class SmsContract extends SmsTestSupport {

    static final String SENDER = "+41445550000";

    TestCompany a;
    TestCompany b;
    String[] accountA;
    String[] accountB;

    @BeforeAll
    void companies() {
        a = fixtures.companyWithEveryRole("sms-a");
        b = fixtures.companyWithEveryRole("sms-b");
        accountA = connect(a, SENDER);
        accountB = connect(b, SENDER);
    }

    // ---- settings

    @Test
    void settingsNeverShowTheTokenSayAWrongOnePlainlyAndRefuseWeakerRoles() {
        TestCompany c = fixtures.companyWithEveryRole("sms-settings");
        String owner = c.keys.get(Role.OWNER);
        JsonNode fresh = ok(api.get(SETTINGS, owner));
        assertThat(fresh.get("connected").asBoolean()).isFalse();
        assertThat(fresh.get("monthlyCap").asLong()).isEqualTo(SmsSettings.DEFAULT_MONTHLY_CAP);
        assertThat(fresh.get("webhookUrl").asString()).isEqualTo(publicUrl("/webhooks/twilio/" + c.slug()));
        for (Role weaker : List.of(Role.USER, Role.READ_ONLY)) {
            assertProblem(api.get(SETTINGS, c.keys.get(weaker)), 403);
            assertProblem(api.put(SETTINGS, c.keys.get(weaker), "{\"sender\": \"+41445550001\"}"), 403);
            assertProblem(api.post(SETTINGS + "/test", c.keys.get(weaker), "{}"), 403);
        }
        assertProblem(api.put(SETTINGS, owner, "{\"accountSid\": \"not-a-sid\"}"), 400);
        assertProblem(api.put(SETTINGS, owner, "{\"sender\": \"Fieldstone\"}"), 400);
        assertProblem(api.put(SETTINGS, owner, "{\"monthlyCap\": -1}"), 400);
        assertProblem(api.put(SETTINGS, owner, "{\"webhookUrl\": \"https://evil.example\"}"), 400);
        assertThat(ok(api.post(SETTINGS + "/test", owner, "{}")).get("problem").asString())
                .isEqualTo("sms.test.not-connected");

        String sid = twilio.account("test-twilio-token-right-not-real");
        var saved = api.put(SETTINGS, owner, """
                {"accountSid": "%s", "authToken": "test-twilio-token-wrong-secretvalue", "sender": "+41 44 555 00 02",
                 "monthlyCap": 250}""".formatted(sid));
        JsonNode setup = ok(saved);
        assertThat(saved.body()).doesNotContain("secretvalue");
        assertThat(ok(api.get(SETTINGS, owner)).toString()).doesNotContain("secretvalue");
        assertThat(setup.get("authTokenHint").asString()).isNotBlank();
        assertThat(setup.get("sender").asString()).isEqualTo("+41445550002");
        assertThat(setup.get("monthlyCap").asLong()).isEqualTo(250);
        assertThat(setup.get("connected").asBoolean()).isTrue();
        // the settings' changes are audited, the token's value never
        assertThat(api.auditEntries(c, "setting", "sms.account-sid")).isNotEmpty();
        assertThat(api.auditEntries(c, "setting", "sms.monthly-cap")).isNotEmpty();

        JsonNode wrong = ok(api.post(SETTINGS + "/test", owner, "{}"));
        assertThat(wrong.get("ok").asBoolean()).isFalse();
        assertThat(wrong.get("problem").asString()).isEqualTo("sms.test.wrong-token");
        // a new token: the cached client is built again with it
        ok(api.put(SETTINGS, owner, "{\"authToken\": \"test-twilio-token-right-not-real\"}"));
        JsonNode right = ok(api.post(SETTINGS + "/test", owner, "{}"));
        assertThat(right.get("ok").asBoolean()).as(right.toString()).isTrue();

        // the page: the token's hint, never the token; the webhook URL to paste into Twilio
        Https admin = new Https(port);
        assertThat(admin.signIn(c.slug(), c.users.get(Role.ADMIN).email().value(),
                org.fieldstone.support.Fixtures.PASSWORD).status()).isEqualTo(302);
        var page = admin.get("/c/" + c.slug() + "/settings/sms");
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.body()).contains(publicUrl("/webhooks/twilio/" + c.slug())).contains(sid)
                .doesNotContain("test-twilio-token-right-not-real").contains("id=\"test-sms\"");
        var tested = admin.post("/c/" + c.slug() + "/settings/sms/test", Map.of());
        assertThat(tested.status()).isEqualTo(302);
        assertThat(tested.header("Location")).contains("notice=test-ok");
        Https user = new Https(port);
        assertThat(user.signIn(c.slug(), c.users.get(Role.USER).email().value(),
                org.fieldstone.support.Fixtures.PASSWORD).status()).isEqualTo(302);
        assertThat(user.get("/c/" + c.slug() + "/settings/sms").status()).isEqualTo(403);
    }

    // ---- sending

    @Test
    void sendsToTheClientsMobileInE164WithTheStatusCallbackAndCountsSegments() {
        Client client = client(a, "Ada Mobile", "079 555 01 01");
        assertThat(sms().unreachable(a.company.id(), Recipient.client(client.id()))).isEmpty();
        long used = ok(api.get(SETTINGS, a.keys.get(Role.OWNER))).get("usedThisMonth").asLong();
        String text = "Reminder: " + "a".repeat(151); // 161 characters of GSM-7: two segments
        String sid = sms().send(outgoing(a, Recipient.client(client.id()), text));
        FakeTwilio.Sent sent = twilio.sent(accountA[0]).getLast();
        assertThat(sent.sid()).isEqualTo(sid);
        assertThat(sent.to()).isEqualTo("+41795550101");
        assertThat(sent.from()).isEqualTo(SENDER);
        assertThat(sent.body()).isEqualTo(text);
        assertThat(sent.statusCallback()).isEqualTo(publicUrl(webhookPath(a)));
        assertThat(ok(api.get(SETTINGS, a.keys.get(Role.OWNER))).get("usedThisMonth").asLong()).isEqualTo(used + 2);
    }

    @Test
    void aMessagingServiceSendsAsItsSid() {
        TestCompany c = fixtures.companyWithEveryRole("sms-mg");
        String service = "MG" + "0123456789abcdef".repeat(2);
        String[] account = connect(c, service);
        Client client = client(c, "Grace Service", "+41 79 555 02 02");
        sms().send(outgoing(c, Recipient.client(client.id()), "Hello"));
        assertThat(twilio.sent(account[0]).getLast().from()).isEqualTo(service);
    }

    @Test
    void whoCannotBeReachedIsSaidWhy() {
        Client landline = client(a, "Fixed Line", "044 668 18 00");
        Client none = client(a, "No Phone", null);
        assertThat(sms().unreachable(a.company.id(), Recipient.client(landline.id()))).contains("sms.no-mobile");
        assertThat(sms().unreachable(a.company.id(), Recipient.client(none.id()))).contains("sms.no-mobile");
        assertThat(sms().unreachable(a.company.id(), Recipient.user(a.owner().id().toString()))).contains("sms.no-mobile");
        assertThat(sms().unreachable(a.company.id(), Recipient.client(UUID.randomUUID().toString())))
                .contains("sms.no-mobile");
        // b's client is not a's
        Client ofB = client(b, "Of B", "079 555 03 03");
        assertThat(sms().unreachable(a.company.id(), Recipient.client(ofB.id()))).contains("sms.no-mobile");
        TestCompany off = fixtures.company("sms-off");
        Client somebody = client(off, "Somebody", "079 555 04 04");
        assertThat(sms().unreachable(off.company.id(), Recipient.client(somebody.id()))).contains("sms.not-connected");
        int before = twilio.sent().size();
        assertThatThrownBy(() -> sms().send(outgoing(a, Recipient.client(landline.id()), "Hi")))
                .isInstanceOfSatisfying(DeliveryFailure.class, f -> {
                    assertThat(f.retryable()).isFalse();
                    assertThat(f.reason()).isEqualTo("sms.no-mobile");
                });
        assertThat(twilio.sent()).hasSize(before);
    }

    @Test
    void theMonthlyCapRefusesWhatDoesNotFit() {
        TestCompany c = fixtures.companyWithEveryRole("sms-cap");
        String[] account = connect(c, SENDER);
        ok(api.put(SETTINGS, c.keys.get(Role.OWNER), "{\"monthlyCap\": 3}"));
        Client client = client(c, "Capped", "079 555 05 05");
        Recipient to = Recipient.client(client.id());
        sms().send(outgoing(c, to, "a".repeat(161))); // 2 of 3
        assertThatThrownBy(() -> sms().send(outgoing(c, to, "a".repeat(161))))
                .isInstanceOfSatisfying(DeliveryFailure.class, f -> {
                    assertThat(f.retryable()).isFalse();
                    assertThat(f.reason()).isEqualTo("sms.cap-reached");
                });
        assertThat(twilio.sent(account[0])).hasSize(1);
        sms().send(outgoing(c, to, "one")); // 3 of 3
        assertThat(sms().unreachable(c.company.id(), to)).contains("sms.cap-reached");
        assertThat(ok(api.get(SETTINGS, c.keys.get(Role.OWNER))).get("usedThisMonth").asLong()).isEqualTo(3);
    }

    @Test
    void twilioOutagesAreRetryableItsRefusalsPermanentAndNeitherCountsAgainstTheCap() {
        TestCompany c = fixtures.companyWithEveryRole("sms-errors");
        String[] account = connect(c, SENDER);
        Client client = client(c, "Errors", "079 555 06 06");
        Recipient to = Recipient.client(client.id());
        record Case(int status, int code, boolean retryable, String reason) {
        }
        for (Case k : List.of(new Case(500, 20500, true, "sms.failure.provider"),
                new Case(429, 20429, true, "sms.failure.provider"),
                new Case(400, 21211, false, "sms.failure.invalid-number"),
                new Case(400, 21408, false, "sms.failure.refused"))) {
            twilio.failWith(account[0], k.status(), k.code());
            assertThatThrownBy(() -> sms().send(outgoing(c, to, "Hi")))
                    .as(k.toString()).isInstanceOfSatisfying(DeliveryFailure.class, f -> {
                        assertThat(f.retryable()).isEqualTo(k.retryable());
                        assertThat(f.reason()).isEqualTo(k.reason());
                    });
        }
        twilio.recover(account[0]);
        assertThat(ok(api.get(SETTINGS, c.keys.get(Role.OWNER))).get("usedThisMonth").asLong()).isZero();
        assertThat(twilio.sent(account[0])).isEmpty();
        sms().send(outgoing(c, to, "Hi"));
        assertThat(twilio.sent(account[0])).hasSize(1);
    }

    // ---- the webhook

    @Test
    void aReplyCConfirmsTheNextVisitOnceAuditedWithChannelSms() {
        Client client = client(a, "Confirming Client", "079 555 07 07");
        Visit later = visitIn(a, client, 72);
        Visit next = visitIn(a, client, 24);
        String sid = messageSid();
        Map<String, String> params = inbound(sid, accountA[0], "+41795550707", SENDER, "C");
        var answer = signed(webhookPath(a), params, accountA[1]);
        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        assertThat(answer.body()).contains("<Response>").contains("<Message>").contains("confirmed");
        Visit confirmed = reread(a, next);
        assertThat(confirmed.confirmedByClient()).isTrue();
        assertThat(reread(a, later).confirmedByClient()).as("only the next visit").isFalse();
        List<AuditEntry> trail = api.auditEntries(a, "visit", next.id());
        assertThat(trail.getFirst().action()).isEqualTo("visit.confirmed_by_client");
        assertThat(trail.getFirst().channel()).isEqualTo("sms");
        // the job's page says so, for the confirmed visit only
        Https admin = new Https(port);
        assertThat(admin.signIn(a.slug(), a.users.get(Role.ADMIN).email().value(),
                org.fieldstone.support.Fixtures.PASSWORD).status()).isEqualTo(302);
        var page = admin.get("/c/" + a.slug() + "/jobs/" + next.jobId());
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.body()).contains("confirmed-by-client").contains("confirmed by the client");
        assertThat(admin.get("/c/" + a.slug() + "/jobs/" + later.jobId()).body()).doesNotContain("confirmed by the client");

        // replayed: 200, nothing said, nothing changed
        long audit = api.allAuditEntries(a);
        long handled = rows(a, "twilio_messages");
        var replay = signed(webhookPath(a), params, accountA[1]);
        assertThat(replay.status()).isEqualTo(200);
        assertThat(replay.body()).doesNotContain("<Message>");
        assertThat(api.allAuditEntries(a)).isEqualTo(audit);
        assertThat(rows(a, "twilio_messages")).isEqualTo(handled);
        assertThat(reread(a, next).version()).isEqualTo(confirmed.version());

        // a second C (another message) confirms nothing new: the visit was confirmed once
        var again = signed(webhookPath(a), inbound(messageSid(), accountA[0], "+41795550707", SENDER, "c"), accountA[1]);
        assertThat(again.status()).isEqualTo(200);
        assertThat(reread(a, next).version()).isEqualTo(confirmed.version());
    }

    @Test
    void yesInAnyCaseAndSpacingConfirmsAndAnotherCompanysVisitIsNeverTouched() {
        Client ofA = client(a, "Yes Client", "079 555 08 08");
        Client ofB = client(b, "Same Number Elsewhere", "079 555 08 08");
        Visit visitA = visitIn(a, ofA, 5);
        Visit visitB = visitIn(b, ofB, 3);
        var answer = signed(webhookPath(a), inbound(messageSid(), accountA[0], "+41795550808", SENDER, "  y e S \n"),
                accountA[1]);
        assertThat(answer.status()).isEqualTo(200);
        assertThat(reread(a, visitA).confirmedByClient()).isTrue();
        assertThat(reread(b, visitB).confirmedByClient()).isFalse();
        assertThat(reread(b, visitB).version()).isEqualTo(visitB.version());
    }

    @Test
    void aNumberSeveralClientsShareIsAttachedToNone() {
        Client one = client(a, "Shared One", "079 555 09 09");
        Client two = client(a, "Shared Two", "079 555 09 09");
        Visit v1 = visitIn(a, one, 4);
        Visit v2 = visitIn(a, two, 6);
        var answer = signed(webhookPath(a), inbound(messageSid(), accountA[0], "+41795550909", SENDER, "C"), accountA[1]);
        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.body()).doesNotContain("<Message>");
        assertThat(reread(a, v1).confirmedByClient()).isFalse();
        assertThat(reread(a, v2).confirmedByClient()).isFalse();
    }

    @Test
    void refusedRequestsChangeNothingAndLogNoContent() {
        Client client = client(a, "Matrix Client", "079 555 10 10");
        Visit visit = visitIn(a, client, 2);
        String path = webhookPath(a);
        String marker = "secret-body-" + UUID.randomUUID();
        Map<String, String> params = inbound(messageSid(), accountA[0], "+41795551010", SENDER, "C " + marker);
        Map<String, String> confirm = inbound(messageSid(), accountA[0], "+41795551010", SENDER, "C");
        String good = TwilioSigning.signature(accountA[1], publicUrl(path), confirm);
        Map<String, String> noSid = inbound(messageSid(), accountA[0], "+41795551010", SENDER, marker);
        noSid.remove("MessageSid");
        record Refusal(String name, int status, Runnable send) {
        }
        Https.Response[] last = new Https.Response[1];
        List<Refusal> refusals = List.of(
                new Refusal("forged signature", 403, () -> last[0] = post(path, form(params),
                        TwilioSigning.signature("test-twilio-token-forged", publicUrl(path), params))),
                new Refusal("no signature", 403, () -> last[0] = post(path, form(params), null)),
                new Refusal("another company's token", 403, () -> last[0] = signed(path, params, accountB[1])),
                new Refusal("signed for other params", 403, () -> last[0] = post(path, form(params), good)),
                new Refusal("signed for the request's own host", 403, () -> last[0] = post(path, form(params),
                        TwilioSigning.signature(accountA[1], "https://127.0.0.1:" + port + path, params))),
                new Refusal("malformed: no MessageSid", 400, () -> last[0] = signed(path, noSid, accountA[1])),
                new Refusal("malformed: not a form", 400, () -> last[0] = new Https(port).send(
                        java.net.http.HttpRequest.newBuilder(api.uri(path)).header("Content-Type", "application/json")
                                .header("X-Twilio-Signature", good)
                                .POST(java.net.http.HttpRequest.BodyPublishers.ofString("{\"Body\": \"" + marker + "\"}")))),
                new Refusal("oversized", 413, () -> {
                    Map<String, String> big = inbound(messageSid(), accountA[0], "+41795551010", SENDER,
                            marker + "x".repeat(17 * 1024));
                    last[0] = signed(path, big, accountA[1]);
                }),
                new Refusal("unknown company", 404, () -> last[0] = signed("/webhooks/twilio/no-such-company-x", params,
                        accountA[1])));
        for (Refusal refusal : refusals) {
            long audit = api.allAuditEntries(a);
            long handled = rows(a, "twilio_messages");
            List<String> logs = CapturedLogs.during(refusal.send());
            assertThat(last[0].status()).as(refusal.name() + ": " + last[0].body()).isEqualTo(refusal.status());
            assertThat(api.allAuditEntries(a)).as(refusal.name()).isEqualTo(audit);
            assertThat(rows(a, "twilio_messages")).as(refusal.name()).isEqualTo(handled);
            assertThat(reread(a, visit).confirmedByClient()).as(refusal.name()).isFalse();
            assertThat(String.join("\n", logs)).as(refusal.name() + " is logged without its content")
                    .contains("refused").doesNotContain(marker).doesNotContain("+41795551010");
        }
        // and the genuine request still goes through
        assertThat(post(path, form(confirm), good).status()).isEqualTo(200);
        assertThat(reread(a, visit).confirmedByClient()).isTrue();
    }

    @Test
    void behindAProxyTheSignatureVerifiesAgainstTheConfiguredPublicUrl() throws Exception {
        Client client = client(a, "Proxied Client", "079 555 11 11");
        Visit visit = visitIn(a, client, 8);
        String path = webhookPath(a) + "?via=proxy";
        Map<String, String> params = inbound(messageSid(), accountA[0], "+41795551111", SENDER, "C");
        // what the proxy's backend sees: another Host (and scheme, port); Twilio signed the public URL
        String asSeenBehind = "http://backend.internal:8080" + path;
        int refused = rawPost("backend.internal:8080", path, form(params),
                TwilioSigning.signature(accountA[1], asSeenBehind, params));
        assertThat(refused).as("signed for the backend's own URL").isEqualTo(403);
        assertThat(reread(a, visit).confirmedByClient()).isFalse();
        int accepted = rawPost("backend.internal:8080", path, form(params),
                TwilioSigning.signature(accountA[1], publicUrl(path), params));
        assertThat(accepted).isEqualTo(200);
        assertThat(reread(a, visit).confirmedByClient()).isTrue();
    }

    /** A POST over TLS with a Host header of our choosing (as a reverse proxy forwards it): the status. */
    int rawPost(String host, String path, String body, String signature) throws Exception {
        try (SSLSocket socket = (SSLSocket) Https.trustingTestCertificate().getSocketFactory()
                .createSocket("localhost", port)) {
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            String head = "POST " + path + " HTTP/1.1\r\nHost: " + host + "\r\nContent-Type: application/x-www-form-urlencoded\r\n"
                    + "X-Twilio-Signature: " + signature + "\r\nContent-Length: " + bytes.length + "\r\nConnection: close\r\n\r\n";
            OutputStream out = socket.getOutputStream();
            out.write(head.getBytes(StandardCharsets.US_ASCII));
            out.write(bytes);
            out.flush();
            String status = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII))
                    .readLine();
            return Integer.parseInt(status.split(" ")[1]);
        }
    }

    @Test
    void statusCallbacksOfUnknownOrIntermediateStatusesAreAnsweredAndChangeNothing() {
        String sid = messageSid();
        Map<String, String> p = new java.util.LinkedHashMap<>();
        p.put("MessageSid", sid);
        p.put("MessageStatus", "sent");
        p.put("AccountSid", accountA[0]);
        long handled = rows(a, "twilio_messages");
        var answer = signed(webhookPath(a), p, accountA[1]);
        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.body()).contains("<Response");
        assertThat(rows(a, "twilio_messages")).isEqualTo(handled);
    }

    Outgoing outgoing(TestCompany c, Recipient to, String text) {
        return new Outgoing(c.company.id(), UUID.randomUUID().toString(), UUID.randomUUID() + ":" + to.key() + ":sms",
                NotificationKind.MESSAGE, to, null, text, List.of());
    }

    static JsonNode ok(Https.Response r) {
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        return body(r);
    }
}
