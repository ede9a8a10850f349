package org.fieldstone.ops.status;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.parsers.DocumentBuilderFactory;
import org.fieldstone.support.Fixtures;
import org.fieldstone.support.Fixtures.TestCompany;
import org.fieldstone.support.Https;
import org.fieldstone.support.TestClock;
import org.fieldstone.support.TestMail;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The public status page on either engine: an incident and its updates on the page, in the JSON and in the Atom feed,
 * without login and without any company's data; subscriptions by email with double opt-in (forged and expired
 * confirmations refused), incident emails to confirmed subscribers only, and unsubscribing by the mailed link only;
 * security.txt and the disclosure policy.
 */
public abstract class StatusPageContract {

    private static final Pattern CONFIRM = Pattern.compile("/status/confirm\\?token=([A-Za-z0-9_-]+)");
    private static final Pattern UNSUBSCRIBE = Pattern.compile("/status/unsubscribe\\?s=([0-9a-f-]+)&t=(\\S+)");

    @Autowired Incidents incidents;
    @Autowired Fixtures fixtures;
    @Autowired TestClock clock;
    @Value("${local.server.port}") int port;

    @Test
    void showsAnIncidentWithItsUpdatesOnThePageJsonAndFeedWithoutLoginOrCompanyData() throws Exception {
        TestCompany company = fixtures.company("status-tenant");
        String title = "Slow API <b>& portal</b> " + fixtures.uniqueSlug("t");
        var opened = incidents.open(title, EnumSet.of(StatusComponent.API, StatusComponent.PORTAL), ComponentState.DEGRADED,
                "Requests take up to 10 s.");
        long id = opened.incident().id();
        incidents.update(id, "Cause found: a slow disk. Partial outage while we move.", ComponentState.PARTIAL_OUTAGE);

        Https anonymous = new Https(port);
        Https.Response page = anonymous.get("/status");
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.header("Content-Security-Policy")).isNotBlank().doesNotContain("unsafe-inline");
        assertThat(page.body()).contains("id=\"incident-" + id + "\"")
                .contains("Slow API &lt;b&gt;&amp; portal&lt;/b&gt;").doesNotContain("<b>& portal</b>")
                .contains("Requests take up to 10 s.").contains("Cause found: a slow disk.")
                .contains("id=\"component-api\"").contains("s-partial_outage")
                .doesNotContain(company.company.name()).doesNotContain(company.slug())
                .doesNotContainPattern("<script>[^<]");  // no inline script: the page works without JavaScript
        // 6 components × 90 days
        assertThat(Pattern.compile("<li class=\"s-").matcher(page.body()).results().count()).isEqualTo(6 * 90);

        Https.Response json = anonymous.get("/status.json");
        assertThat(json.status()).isEqualTo(200);
        assertThat(json.header("Content-Type")).startsWith("application/json");
        JsonNode root = JsonMapper.builder().build().readTree(json.body());
        assertThat(root.get("status").asString()).isIn("partial_outage", "major_outage");
        assertThat(root.get("components")).hasSize(6);
        JsonNode api = root.get("components").get(1);
        assertThat(api.get("name").asString()).isEqualTo("api");
        assertThat(api.get("state").asString()).isIn("partial_outage", "major_outage");
        assertThat(api.get("history")).hasSize(90);
        JsonNode mine = null;
        for (JsonNode i : root.get("incidents")) {
            if (i.get("id").asLong() == id) {
                mine = i;
            }
        }
        assertThat(mine).isNotNull();
        assertThat(mine.get("title").asString()).isEqualTo(title);
        assertThat(mine.get("open").asBoolean()).isTrue();
        assertThat(mine.get("state").asString()).isEqualTo("partial_outage");
        assertThat(mine.get("updates")).hasSize(2);
        assertThat(mine.get("updates").get(1).get("message").asString()).startsWith("Cause found");
        assertThat(json.body()).doesNotContain(company.company.name()).doesNotContain(company.slug());

        Https.Response atom = anonymous.get("/status.atom");
        assertThat(atom.status()).isEqualTo(200);
        assertThat(atom.header("Content-Type")).startsWith("application/atom+xml");
        var factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        var doc = factory.newDocumentBuilder().parse(new ByteArrayInputStream(atom.body().getBytes(StandardCharsets.UTF_8)));
        var ids = doc.getElementsByTagNameNS("http://www.w3.org/2005/Atom", "id");
        List<String> entryIds = new java.util.ArrayList<>();
        for (int n = 0; n < ids.getLength(); n++) {
            entryIds.add(ids.item(n).getTextContent());
        }
        assertThat(entryIds).anyMatch(s -> s.endsWith("/status/incidents/" + id + "/updates/2"))
                .anyMatch(s -> s.endsWith("/status/incidents/" + id + "/updates/1"));
        assertThat(atom.body()).doesNotContain(company.company.name());

        incidents.resolve(id, null);
        JsonNode after = JsonMapper.builder().build().readTree(anonymous.get("/status.json").body());
        for (JsonNode i : after.get("incidents")) {
            if (i.get("id").asLong() == id) {
                assertThat(i.get("open").asBoolean()).isFalse();
                assertThat(i.get("updates")).hasSize(3);
            }
        }
    }

    @Test
    void subscribeConfirmReceiveUpdatesAndUnsubscribeOnlyByTheMailedLinks() throws Exception {
        String email = fixtures.uniqueSlug("subscriber") + "@status.example";
        Https browser = new Https(port);
        assertThat(browser.get("/status").status()).isEqualTo(200);

        // a bad address is a field message, not an email
        Https.Response bad = browser.post("/status/subscribe", Map.of("email", "not an address"));
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.body()).contains("id=\"subscribe-email-error\"").contains("aria-invalid=\"true\"");

        Https.Response subscribed = browser.post("/status/subscribe", Map.of("email", email));
        assertThat(subscribed.status()).as(subscribed.body()).isEqualTo(302);
        List<MimeMessage> confirmations = TestMail.awaitFor(TestMail.platform(), email, 1, Duration.ofSeconds(10));
        assertThat(confirmations).hasSize(1);
        Matcher link = CONFIRM.matcher(body(confirmations.getFirst()));
        assertThat(link.find()).isTrue();
        String token = link.group(1);

        // not confirmed yet: an incident mails nothing to this address
        long id = incidents.open("Notifications delayed " + fixtures.uniqueSlug("n"), EnumSet.of(StatusComponent.NOTIFICATIONS),
                ComponentState.DEGRADED, null).incident().id();
        assertThat(TestMail.messagesFor(TestMail.platform(), email)).hasSize(1);

        // a forged token is refused; the link itself only shows a button (a mail scanner confirms nothing)
        assertThat(browser.get("/status/confirm?token=" + token).status()).isEqualTo(200);
        assertThat(browser.post("/status/confirm", Map.of("token", token.substring(1) + "A")).status()).isEqualTo(404);
        assertThat(browser.post("/status/confirm", Map.of("token", token)).status()).isEqualTo(302);
        assertThat(browser.post("/status/confirm", Map.of("token", token)).status()).as("used once").isEqualTo(404);

        incidents.update(id, "Queue drained; watching.", null);
        List<MimeMessage> mails = TestMail.messagesFor(TestMail.platform(), email);
        assertThat(mails).hasSize(2);
        assertThat(mails.get(1).getSubject()).startsWith("[Fieldstone status] Update: Notifications delayed");
        String text = body(mails.get(1));
        assertThat(text).contains("Queue drained; watching.");
        Matcher unsubscribe = UNSUBSCRIBE.matcher(text);
        assertThat(unsubscribe.find()).isTrue();
        String subscriber = unsubscribe.group(1);
        String t = java.net.URLDecoder.decode(unsubscribe.group(2), StandardCharsets.UTF_8);

        assertThat(browser.get("/status/unsubscribe?s=" + subscriber + "&t=" + unsubscribe.group(2)).status()).isEqualTo(200);
        assertThat(browser.post("/status/unsubscribe", Map.of("s", subscriber, "t", t + "x")).status()).isEqualTo(404);
        assertThat(browser.post("/status/unsubscribe", Map.of("s", java.util.UUID.randomUUID().toString(), "t", t)).status())
                .isEqualTo(404);
        assertThat(browser.post("/status/unsubscribe", Map.of("s", subscriber, "t", t)).status()).isEqualTo(302);

        incidents.resolve(id, "All delivered.");
        assertThat(TestMail.messagesFor(TestMail.platform(), email)).hasSize(2);
    }

    @Test
    void anExpiredConfirmationIsRefused() throws Exception {
        String email = fixtures.uniqueSlug("late") + "@status.example";
        Https browser = new Https(port);
        browser.get("/status");
        assertThat(browser.post("/status/subscribe", Map.of("email", email)).status()).isEqualTo(302);
        Matcher link = CONFIRM.matcher(body(TestMail.awaitFor(TestMail.platform(), email, 1, Duration.ofSeconds(10)).getFirst()));
        assertThat(link.find()).isTrue();

        clock.advance(StatusSubscribers.CONFIRM_WITHIN.plusMinutes(1));

        assertThat(browser.post("/status/confirm", Map.of("token", link.group(1))).status()).isEqualTo(404);
    }

    @Test
    void securityTxtAndTheDisclosurePolicyArePublic() {
        Https anonymous = new Https(port);
        Https.Response txt = anonymous.get("/.well-known/security.txt");
        assertThat(txt.status()).isEqualTo(200);
        assertThat(txt.header("Content-Type")).startsWith("text/plain");
        assertThat(txt.body()).containsPattern("(?m)^Contact: mailto:\\S+@\\S+$").containsPattern("(?m)^Expires: \\d{4}-")
                .containsPattern("(?m)^Policy: https://\\S+/security/disclosure$").contains("Preferred-Languages: en");
        Https.Response policy = anonymous.get("/security/disclosure");
        assertThat(policy.status()).isEqualTo(200);
        assertThat(policy.body()).contains("id=\"disclosure-contact\"").contains("72 hours");
    }

    static String body(MimeMessage message) throws Exception {
        return String.valueOf(message.getContent()).replace("\r\n", "\n");
    }
}
