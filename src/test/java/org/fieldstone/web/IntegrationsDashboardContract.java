package org.fieldstone.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.fieldstone.audit.AuditTrail;
import org.fieldstone.identity.User;
import org.fieldstone.shared.Page;
import org.fieldstone.shared.Role;
import org.fieldstone.support.CapturedLogs;
import org.fieldstone.support.Fixtures;
import org.fieldstone.support.Fixtures.TestCompany;
import org.fieldstone.support.Https;
import org.fieldstone.support.Https.Response;
import org.fieldstone.tenancy.CompanyDatabases;
import org.fieldstone.tenancy.SecretStore;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;

/**
 * Settings → Integrations over real HTTPS, as a browser submits it: setting, replacing and removing a secret
 * with only its hint ever shown back, the roles that may, CSRF, bad input, a stale form, another company.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class IntegrationsDashboardContract {

    static final Pattern VERSION = Pattern.compile(
            "action=\"/c/[^/]+/settings/integrations/([a-z.-]+)\" method=\"post\">\\s*(?:<input type=\"hidden\" name=\"_csrf\" value=\"[^\"]+\"/?>\\s*)?"
                    + "<input type=\"hidden\" name=\"version\" value=\"(\\d+)\">");

    @Autowired Fixtures fixtures;
    @Autowired SecretStore secrets;
    @Autowired AuditTrail audit;
    @Autowired CompanyDatabases databases;
    @Value("${server.port}") int port;

    TestCompany c;
    String page;

    @BeforeAll
    void company() {
        c = fixtures.companyWithEveryRole("integrations");
        page = "/c/" + c.slug() + "/settings/integrations";
    }

    static String marker() {
        return "sk_example_" + UUID.randomUUID().toString().replace("-", "") + "4f2a";
    }

    private Https signedIn(TestCompany company, String email) {
        Https browser = new Https(port);
        assertThat(browser.signIn(company.slug(), email, Fixtures.PASSWORD).status()).isEqualTo(302);
        return browser;
    }

    @Test
    void anOwnerSetsReplacesAndRemovesASecretAndSeesOnlyItsHint() {
        TestCompany own = fixtures.company("integrations-own");
        Https browser = signedIn(own, own.ownerEmail());
        String base = "/c/" + own.slug() + "/settings/integrations";
        String first = marker();
        String second = marker();
        List<String> bodies = new ArrayList<>();

        List<String> logged = CapturedLogs.during(() -> {
            Response empty = browser.get(base);
            assertThat(empty.status()).isEqualTo(200);
            assertThat(empty.body()).contains("Stripe secret key", "Stripe webhook signing secret", "Twilio auth token",
                    "Telegram bot token", "AI provider API key", "SMTP password").contains("Not set.")
                    .contains("type=\"password\"").contains("autocomplete=\"new-password\"");
            assertThat(versions(empty.body())).containsEntry("stripe.secret-key", "0");

            Response saved = browser.post(base + "/stripe.secret-key", Map.of("version", "0", "value", first));
            assertThat(saved.status()).as(saved.body()).isEqualTo(302);
            assertThat(saved.header("Location")).endsWith(base + "?notice=saved");
            Response shown = browser.get(base + "?notice=saved");
            bodies.add(shown.body());
            assertThat(shown.body()).contains("Saved. The value is stored encrypted").contains("sk_…4f2a")
                    .contains("by Owner of " + own.slug());
            assertThat(versions(shown.body())).containsEntry("stripe.secret-key", "1");

            Response replaced = browser.post(base + "/stripe.secret-key", Map.of("version", "1", "value", second));
            assertThat(replaced.status()).isEqualTo(302);
            bodies.add(browser.get(base).body());

            Response removed = browser.post(base + "/stripe.secret-key/remove", Map.of("version", "2"));
            assertThat(removed.status()).isEqualTo(302);
            assertThat(removed.header("Location")).endsWith(base + "?notice=removed");
            Response after = browser.get(base + "?notice=removed");
            bodies.add(after.body());
            assertThat(after.body()).contains("The secret was removed.").doesNotContain("<code>sk_…4f2a</code>");
        });

        assertThat(secrets.reveal(own.company.id(), "stripe.secret-key")).isEmpty();
        String session = browser.cookie("__Host-fs_session");
        assertThat(logged).as("the session cookie").noneMatch(line -> line.contains(session.substring(session.indexOf('.') + 1)));
        for (String value : List.of(first, second)) {
            String secretPart = value.substring(8, 40);
            assertThat(bodies).noneMatch(b -> b.contains(secretPart));
            assertThat(logged).noneMatch(line -> line.contains(secretPart));
            assertThat(trail(own).toString()).contains("secret.set", "secret.removed").doesNotContain(secretPart);
        }
        // neither the audit log page, nor its exports, nor the API show more than name and hint
        String key = own.apiKey(own.owner(), java.util.Optional.empty());
        String api = browser.get("/api/v1/audit-events?entityType=secret", key).body();
        assertThat(api).contains("stripe.secret-key").contains("sk_…4f2a");
        String logPage = browser.get("/c/" + own.slug() + "/reports/audit-log?entityType=secret").body();
        String csv = browser.get("/c/" + own.slug() + "/reports/audit-log/export.csv").body();
        String json = browser.get("/c/" + own.slug() + "/reports/audit-log/export.json").body();
        for (String shown : List.of(api, logPage, csv, json)) {
            assertThat(shown).doesNotContain(first.substring(8, 40)).doesNotContain(second.substring(8, 40));
        }
    }

    @Test
    void anAdminMayButUsersAndReadersAreRefusedAndChangeNothing() {
        String value = marker();
        Https admin = signedIn(c, c.users.get(Role.ADMIN).email().value());
        assertThat(admin.get("/c/" + c.slug() + "/settings").body()).contains("href=\"" + page + "\"");
        assertThat(admin.get(page).status()).isEqualTo(200);
        assertThat(admin.post(page + "/twilio.auth-token", Map.of("version", "0", "value", value)).status()).isEqualTo(302);
        long entries = secretEntries(c);

        for (Role weaker : List.of(Role.USER, Role.READ_ONLY)) {
            User user = c.users.get(weaker);
            Https browser = signedIn(c, user.email().value());
            assertThat(browser.get("/c/" + c.slug() + "/settings").body()).as(weaker.name()).doesNotContain("/settings/integrations");
            assertThat(browser.get(page).status()).as(weaker.name()).isEqualTo(403);
            assertThat(browser.post(page + "/twilio.auth-token", Map.of("version", "1", "value", marker())).status())
                    .isEqualTo(403);
            assertThat(browser.post(page + "/telegram.bot-token", Map.of("version", "0", "value", marker())).status())
                    .isEqualTo(403);
            assertThat(browser.post(page + "/twilio.auth-token/remove", Map.of("version", "1")).status()).isEqualTo(403);
        }

        assertThat(secrets.reveal(c.company.id(), "twilio.auth-token")).contains(value);
        assertThat(secrets.reveal(c.company.id(), "telegram.bot-token")).isEmpty();
        assertThat(secretEntries(c)).isEqualTo(entries);
        assertThat(admin.post(page + "/twilio.auth-token/remove", Map.of("version", "1")).status()).isEqualTo(302);
    }

    @Test
    void withoutTheCsrfTokenNothingChanges() {
        Https browser = signedIn(c, c.ownerEmail());
        browser.get(page);
        assertThat(browser.postRaw(page + "/ai.api-key", Map.of("version", "0", "value", marker())).status()).isEqualTo(403);
        assertThat(browser.postRaw(page + "/ai.api-key", Map.of("version", "0", "value", marker(), "_csrf", "forged")).status())
                .isEqualTo(403);
        assertThat(secrets.reveal(c.company.id(), "ai.api-key")).isEmpty();
    }

    @Test
    void badInputAndAStaleFormAreExplainedBesideTheSecretAndChangeNothing() {
        TestCompany own = fixtures.company("integrations-bad");
        Https browser = signedIn(own, own.ownerEmail());
        String base = "/c/" + own.slug() + "/settings/integrations";
        browser.get(base);
        String value = marker();
        assertThat(browser.post(base + "/smtp.password", Map.of("version", "0", "value", value)).status()).isEqualTo(302);
        browser.get(base);

        String tooLong = "y".repeat(4097);
        Response long_ = browser.post(base + "/smtp.password", Map.of("version", "1", "value", tooLong));
        assertThat(long_.status()).isEqualTo(400);
        assertThat(long_.body()).contains("at most 4096 characters").doesNotContain(tooLong);

        String twoLines = "first line of it\nsecond line of it";
        Response control = browser.post(base + "/smtp.password", Map.of("version", "1", "value", twoLines));
        assertThat(control.status()).isEqualTo(400);
        assertThat(control.body()).contains("control characters").doesNotContain("second line of it");

        Response empty = browser.post(base + "/smtp.password", Map.of("version", "1", "value", "  "));
        assertThat(empty.status()).isEqualTo(400);
        assertThat(empty.body()).contains("Enter the secret&#39;s value.");

        String stalePart = marker();
        Response stale = browser.post(base + "/smtp.password", Map.of("version", "0", "value", stalePart));
        assertThat(stale.status()).isEqualTo(409);
        assertThat(stale.body()).contains("Someone else changed this secret meanwhile").doesNotContain(stalePart.substring(8, 40));
        assertThat(browser.post(base + "/smtp.password/remove", Map.of("version", "7")).status()).isEqualTo(409);

        Response unknown = browser.post(base + "/smtp.passwd", Map.of("version", "0", "value", marker()));
        assertThat(unknown.status()).isEqualTo(400);
        assertThat(unknown.body()).contains("Unknown secret name");

        assertThat(secrets.reveal(own.company.id(), "smtp.password")).contains(value);
        assertThat(secrets.list(own.system())).singleElement().satisfies(s -> assertThat(s.version()).isOne());
    }

    @Test
    void anotherCompanysSecretsAreNeverShown() {
        TestCompany other = fixtures.company("integrations-other");
        String theirs = "0123456789abcdef0123456789ab9q8w";
        secrets.set(other.system(), "telegram.bot-token", theirs.toCharArray());
        Https browser = signedIn(c, c.ownerEmail());

        String ours = browser.get(page).body();
        assertThat(ours).doesNotContain("…9q8w");
        Response elsewhere = browser.get("/c/" + other.slug() + "/settings/integrations");
        assertThat(elsewhere.status()).isEqualTo(302);
        assertThat(elsewhere.header("Location")).endsWith("/c/" + other.slug() + "/login");
        browser.get(page);
        assertThat(browser.post("/c/" + other.slug() + "/settings/integrations/telegram.bot-token/remove",
                Map.of("version", "1")).status()).isIn(302, 403);
        assertThat(secrets.reveal(other.company.id(), "telegram.bot-token")).contains(theirs);
    }

    /** Every audit entry of the company, newest first. */
    private List<org.fieldstone.audit.AuditEntry> trail(TestCompany company) {
        return audit.list(company.company.id(), databases.of(company.company.id()).jdbc(), Page.request(0, Page.MAX_SIZE)).items();
    }

    private long secretEntries(TestCompany company) {
        return trail(company).stream().filter(e -> e.entityType().equals("secret")).count();
    }

    /** The version each secret's form submits. */
    private static Map<String, String> versions(String body) {
        Map<String, String> versions = new java.util.HashMap<>();
        Matcher m = VERSION.matcher(body);
        while (m.find()) {
            versions.put(m.group(1), m.group(2));
        }
        return versions;
    }
}
