package org.fieldstone.ops.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.fieldstone.clients.Clients;
import org.fieldstone.clients.NewClient;
import org.fieldstone.shared.Actor;
import org.fieldstone.shared.Channel;
import org.fieldstone.shared.Role;
import org.fieldstone.support.Fixtures;
import org.fieldstone.support.Fixtures.TestCompany;
import org.fieldstone.support.Https;
import org.fieldstone.support.Https.Response;
import org.fieldstone.support.TestImages;
import org.fieldstone.tenancy.Companies;
import org.fieldstone.tenancy.Company;
import org.fieldstone.tenancy.CompanyDatabases;
import org.fieldstone.tenancy.CompanyStatus;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;

/**
 * Settings → Company in the dashboard, on either engine: owners download an audited export and delete the
 * company with their password and its address typed again; nobody else can; a wrong password changes nothing
 * and is throttled like signing in.
 */
abstract class CompanySettingsContract {

    @Autowired Fixtures fixtures;
    @Autowired Companies companies;
    @Autowired Clients clients;
    @Autowired org.fieldstone.pricing.Pricing pricing;
    @Autowired CompanyDatabases databases;
    @Autowired org.fieldstone.support.TestClock clock;
    @Value("${server.port}") int port;

    @Test
    void onlyOwnersSeeTheCompanyPageAndMayExportOrDelete() {
        TestCompany c = fixtures.companyWithEveryRole("settings-roles");
        for (Role role : List.of(Role.ADMIN, Role.USER, Role.READ_ONLY)) {
            Https browser = signedIn(c, role);
            if (role == Role.ADMIN) {
                // an admin sees the page for its pricing fields (letterhead, logo, currency), not export or delete
                Response page = browser.get("/c/" + c.slug() + "/settings/company");
                assertThat(page.status()).isEqualTo(200);
                assertThat(page.body()).contains("id=\"letterhead-form\"").doesNotContain("Download export")
                        .doesNotContain("Delete company").doesNotContain("id=\"name-form\"");
            } else {
                assertThat(browser.get("/c/" + c.slug() + "/settings").body()).as(role.name()).doesNotContain("/settings/company");
                assertThat(browser.get("/c/" + c.slug() + "/settings/company").status()).as(role.name()).isEqualTo(403);
            }
            Response export = browser.get("/c/" + c.slug() + "/settings/company/export");
            assertThat(export.status()).as(role.name()).isEqualTo(403);
            assertThat(export.body()).doesNotContain(c.ownerEmail());
            browser.get("/c/" + c.slug() + "/account");
            assertThat(browser.post("/c/" + c.slug() + "/settings/company/delete",
                    Map.of("confirmSlug", c.slug(), "currentPassword", Fixtures.PASSWORD)).status()).as(role.name()).isEqualTo(403);
        }
        assertThat(companies.findBySlug(c.slug()).orElseThrow().status()).isEqualTo(CompanyStatus.ACTIVE);
        assertThat(actions(c)).noneMatch(a -> a.startsWith("company.exported") || a.startsWith("company.deleted"));

        Https owner = signedIn(c, Role.OWNER);
        assertThat(owner.get("/c/" + c.slug() + "/settings").body()).contains("/c/" + c.slug() + "/settings/company");
        Response page = owner.get("/c/" + c.slug() + "/settings/company");
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.body()).contains("Download export", "Delete company", "After 30 days");
    }

    @Test
    void theCompanyPageSavesNameLetterheadCurrencyAndLogoAuditedAndRefusesWeakerRolesAndBadInput() {
        TestCompany c = fixtures.companyWithEveryRole("settings-identity");
        String base = "/c/" + c.slug() + "/settings/company";
        String originalName = companies.find(c.company.id()).orElseThrow().name();

        // a user may change none of it: 403 and nothing changed
        Https user = signedIn(c, Role.USER);
        user.get("/c/" + c.slug() + "/account");
        assertThat(user.post(base + "/name", Map.of("name", "Hijacked", "expectedName", originalName)).status()).isEqualTo(403);
        assertThat(user.post(base + "/letterhead", Map.of("address", "Nope", "taxNumber", "")).status()).isEqualTo(403);
        assertThat(user.post(base + "/currency", Map.of("currency", "EUR")).status()).isEqualTo(403);
        assertThat(user.postMultipart(base + "/logo", Map.of(), "logo", "logo.png", "image/png",
                TestImages.image("png", 40, 20)).status()).isEqualTo(403);
        // an admin manages pricing, but only an owner renames the company
        Https admin = signedIn(c, Role.ADMIN);
        admin.get(base);
        assertThat(admin.post(base + "/name", Map.of("name", "Hijacked", "expectedName", originalName)).status()).isEqualTo(403);
        assertThat(companies.find(c.company.id()).orElseThrow().name()).isEqualTo(originalName);
        assertThat(pricing.letterhead(c.system()).address()).isEmpty();
        assertThat(pricing.settings(c.system()).currency()).isNotEqualTo("EUR");
        assertThat(pricing.logo(c.system())).isEmpty();
        Https owner = signedIn(c, Role.OWNER);
        int before = actions(c).size();
        Response page = owner.get(base);
        assertThat(page.body()).contains("id=\"name-form\"").contains("id=\"letterhead-form\"")
                .contains("id=\"logo-form\"").contains("id=\"currency-form\"").contains("/settings/pricing");
        // bad input: a field message, nothing changed
        Response blank = owner.post(base + "/name", Map.of("name", " ", "expectedName", originalName));
        assertThat(blank.status()).isEqualTo(400);
        assertThat(blank.body()).contains("id=\"company-name-error\"").contains("Enter the company&#39;s name.");
        Response longTax = owner.post(base + "/letterhead", Map.of("address", "Seestrasse 5\n8002 Zürich",
                "taxNumber", "CHE-" + "1".repeat(60)));
        assertThat(longTax.status()).isEqualTo(400);
        assertThat(longTax.body()).contains("id=\"pricing-taxNumber-error\"").contains("8002 Zürich");
        Response badCurrency = owner.post(base + "/currency", Map.of("currency", "XYZ1"));
        assertThat(badCurrency.status()).isEqualTo(400);
        assertThat(badCurrency.body()).contains("id=\"pricing-currency-error\"").contains("value=\"XYZ1\"");
        Response gif = owner.postMultipart(base + "/logo", Map.of(), "logo", "logo.png", "image/png",
                TestImages.image("gif", 40, 20));
        assertThat(gif.status()).isEqualTo(400);
        assertThat(gif.body()).contains("id=\"pricing-logo-error\"");
        // a rename made meanwhile (the form still carries the old name) is not overwritten
        Response stale = owner.post(base + "/name", Map.of("name", "Mine", "expectedName", "Some older name"));
        assertThat(stale.status()).isEqualTo(409);
        assertThat(stale.body()).contains("id=\"company-name-error\"").contains("renamed the company meanwhile");
        assertThat(companies.find(c.company.id()).orElseThrow().name()).isEqualTo(originalName);
        assertThat(pricing.letterhead(c.system()).address()).isEmpty();
        assertThat(pricing.settings(c.system()).currency()).isNotEqualTo("EUR");
        assertThat(pricing.logo(c.system())).isEmpty();
        assertThat(actions(c)).hasSize(before);

        // each save redirects back to the page (post/redirect/get) and is audited
        Response renamed = owner.post(base + "/name", Map.of("name", "  Harbour Plumbing AG ", "expectedName", originalName));
        assertThat(renamed.status()).isEqualTo(302);
        assertThat(renamed.header("Location")).endsWith(base + "?notice=renamed#identity");
        assertThat(companies.find(c.company.id()).orElseThrow().name()).isEqualTo("Harbour Plumbing AG");
        assertThat(actions(c)).anyMatch(a -> a.startsWith("company.renamed"));
        owner.get(base);
        assertThat(owner.post(base + "/letterhead", Map.of("address", "Seestrasse 5\n8002 Zürich",
                "taxNumber", "CHE-123.456.789 MWST")).status()).isEqualTo(302);
        assertThat(pricing.letterhead(c.system()).addressLines()).containsExactly("Seestrasse 5", "8002 Zürich");
        assertThat(pricing.letterhead(c.system()).taxNumber()).isEqualTo("CHE-123.456.789 MWST");
        assertThat(pricing.letterhead(c.system()).name()).isEqualTo("Harbour Plumbing AG");
        assertThat(owner.post(base + "/currency", Map.of("currency", "eur")).status()).isEqualTo(302);
        assertThat(pricing.settings(c.system()).currency()).isEqualTo("EUR");
        byte[] png = TestImages.image("png", 300, 100);
        assertThat(owner.postMultipart(base + "/logo", Map.of(), "logo", "logo.png", "image/png", png).status()).isEqualTo(302);
        assertThat(pricing.logo(c.system())).hasValueSatisfying(l -> assertThat(l.image()).isEqualTo(png));
        assertThat(actions(c).size()).isGreaterThanOrEqualTo(before + 4);
        Response after = owner.get(base + "?notice=logo");
        assertThat(after.body()).contains("value=\"Harbour Plumbing AG\"").contains("value=\"EUR\"")
                .contains("CHE-123.456.789 MWST").contains("id=\"logo-current\"").contains("Logo saved");
        assertThat(owner.post(base + "/logo/remove", Map.of()).status()).isEqualTo(302);
        assertThat(pricing.logo(c.system())).isEmpty();
    }

    @Test
    void theOwnerDownloadsTheExportAsAnAuditedAttachment() {
        TestCompany c = fixtures.company("settings-export");
        clients.create(c.system(), new NewClient("Exported Client Ltd", "client@exported.example", null, null, List.of()), null);
        Https owner = signedIn(c, Role.OWNER);

        Response export = owner.get("/c/" + c.slug() + "/settings/company/export");

        assertThat(export.status()).isEqualTo(200);
        assertThat(export.header("Content-Type")).startsWith("application/json");
        assertThat(export.header("Content-Disposition")).isEqualTo("attachment; filename=\"" + c.slug() + "-export-"
                + LocalDate.now(ZoneOffset.UTC) + ".json\"");
        assertThat(export.header("Cache-Control")).contains("no-store");
        assertThat(export.body()).startsWith("{\"format\":\"fieldstone-export/1\"")
                .contains("Exported Client Ltd", "client@exported.example", c.ownerEmail());
        assertThat(actions(c)).last().isEqualTo("company.exported:web");
    }

    @Test
    void aWrongAddressOrPasswordChangesNothingAndWrongPasswordsAreThrottledLikeSigningIn() {
        TestCompany c = fixtures.company("settings-wrong");
        Https owner = signedIn(c, Role.OWNER);
        String delete = "/c/" + c.slug() + "/settings/company/delete";
        owner.get("/c/" + c.slug() + "/settings/company");

        Response wrongSlug = owner.post(delete, Map.of("confirmSlug", c.slug() + "x", "currentPassword", Fixtures.PASSWORD));
        assertThat(wrongSlug.status()).isEqualTo(400);
        assertThat(wrongSlug.body()).contains("Type the company&#39;s address, " + c.slug() + ", exactly.");

        for (int attempt = 1; attempt <= 4; attempt++) {
            Response wrong = owner.post(delete, Map.of("confirmSlug", c.slug(), "currentPassword", "not my password " + attempt));
            assertThat(wrong.status()).as("attempt %d", attempt).isEqualTo(400);
            assertThat(wrong.body()).contains("Your password is not correct.");
        }
        Response locked = owner.post(delete, Map.of("confirmSlug", c.slug(), "currentPassword", "not my password 5"));
        assertThat(locked.status()).isEqualTo(429);
        assertThat(locked.header("Retry-After")).isNotBlank();
        assertThat(locked.body()).contains("Too many failed attempts");
        Response lockedOut = owner.post(delete, Map.of("confirmSlug", c.slug(), "currentPassword", Fixtures.PASSWORD));
        assertThat(lockedOut.status()).as("even the right password while locked").isEqualTo(429);
        assertThat(new Https(port).signIn(c.slug(), c.ownerEmail(), Fixtures.PASSWORD).status())
                .as("signing in shares the lockout").isEqualTo(429);

        assertThat(companies.findBySlug(c.slug()).orElseThrow().status()).isEqualTo(CompanyStatus.ACTIVE);
        assertThat(owner.get("/c/" + c.slug() + "/").status()).as("still signed in").isEqualTo(200);
        assertThat(actions(c)).noneMatch(a -> a.startsWith("company.deleted"));
    }

    @Test
    void aDeleteWithoutTheCsrfTokenIsRefusedAndChangesNothing() {
        TestCompany c = fixtures.company("settings-csrf");
        Https owner = signedIn(c, Role.OWNER);

        Response forged = owner.postRaw("/c/" + c.slug() + "/settings/company/delete",
                Map.of("confirmSlug", c.slug(), "currentPassword", Fixtures.PASSWORD));

        assertThat(forged.status()).isEqualTo(403);
        assertThat(companies.findBySlug(c.slug()).orElseThrow().status()).isEqualTo(CompanyStatus.ACTIVE);
    }

    @Test
    void deletingSignsTheOwnerOutAndTellsWhenTheDataIsDestroyed() {
        TestCompany c = fixtures.company("settings-delete");
        Https owner = signedIn(c, Role.OWNER);
        owner.get("/c/" + c.slug() + "/settings/company");

        Response deleted = owner.post("/c/" + c.slug() + "/settings/company/delete",
                Map.of("confirmSlug", " " + c.slug().toUpperCase() + " ", "currentPassword", Fixtures.PASSWORD));

        assertThat(deleted.status()).isEqualTo(200);
        Company company = companies.findBySlug(c.slug()).orElseThrow();
        assertThat(company.status()).isEqualTo(CompanyStatus.DELETED);
        assertThat(company.deleteAfter()).isEqualTo(clock.instant().truncatedTo(java.time.temporal.ChronoUnit.MILLIS)
                .plus(Duration.ofDays(30)));
        String day = java.time.format.DateTimeFormatter.ofPattern("d MMMM yyyy", java.util.Locale.ENGLISH)
                .format(company.deleteAfter().atZone(company.timeZone()));
        assertThat(deleted.body()).contains(c.company.name() + " is deleted", "You are signed out",
                "Its data will be destroyed after " + day).doesNotContain("Sign out</button>");
        assertThat(deleted.setCookies()).anySatisfy(cookie -> assertThat(cookie)
                .startsWith("__Host-fs_session=;").contains("Max-Age=0", "Secure", "HttpOnly"));
        assertThat(owner.get("/c/" + c.slug() + "/").status()).isEqualTo(302);
        assertThat(owner.get("/c/" + c.slug() + "/login").status()).isEqualTo(404);
        assertThat(actions(c)).containsSubsequence("company.deleted:web", "logout:web");

        // the operator can still undo it; the owner's session stays ended
        companies.restore(c.slug(), Actor.system(c.company.id(), Channel.CLI));
        assertThat(owner.get("/c/" + c.slug() + "/").status()).isEqualTo(302);
        assertThat(new Https(port).signIn(c.slug(), c.ownerEmail(), Fixtures.PASSWORD).status()).isEqualTo(302);
    }

    @Test
    void theDefaultTaxRateIsSavedAuditedCheckedAndPreselectedOnNewLinesOfTheQuoteEditor() {
        TestCompany c = fixtures.companyWithEveryRole("settings-default-tax");
        TestCompany other = fixtures.company("settings-default-tax-other");
        String base = "/c/" + c.slug() + "/settings/company";
        var vat = pricing.createTaxRate(c.system(), "VAT 8.1 %", new java.math.BigDecimal("8.1"));
        var old = pricing.createTaxRate(c.system(), "Old 7.7 %", new java.math.BigDecimal("7.7"));
        pricing.updateTaxRate(c.system(), old.id(), old.version(), org.fieldstone.shared.Change.keep(),
                org.fieldstone.shared.Change.keep(), org.fieldstone.shared.Change.to(true));
        var theirs = pricing.createTaxRate(other.system(), "Theirs 5 %", new java.math.BigDecimal("5"));

        Https user = signedIn(c, Role.USER);
        user.get("/c/" + c.slug() + "/account");
        assertThat(user.post(base + "/default-tax-rate", Map.of("defaultTaxRateId", vat.id())).status()).isEqualTo(403);
        Https owner = signedIn(c, Role.OWNER);
        Response page = owner.get(base);
        assertThat(page.body()).contains("id=\"default-tax-rate-form\"").contains("VAT 8.1 %")
                .as("an archived rate is not offered").doesNotContain("Old 7.7 %");
        int before = actions(c).size();
        for (String bad : List.of("nope", old.id(), theirs.id())) {
            Response refused = owner.post(base + "/default-tax-rate", Map.of("defaultTaxRateId", bad));
            assertThat(refused.status()).as(bad).isEqualTo(400);
            assertThat(refused.body()).contains("id=\"pricing-defaultTaxRateId-error\"");
        }
        assertThat(pricing.defaultTaxRate(c.system())).isEmpty();
        assertThat(actions(c)).hasSize(before);

        Response saved = owner.post(base + "/default-tax-rate", Map.of("defaultTaxRateId", vat.id()));
        assertThat(saved.status()).isEqualTo(302);
        assertThat(saved.header("Location")).endsWith(base + "?notice=default-tax-rate#default-tax-rate");
        assertThat(pricing.defaultTaxRate(c.system())).hasValueSatisfying(r -> assertThat(r.id()).isEqualTo(vat.id()));
        assertThat(actions(c)).hasSize(before + 1).last().isEqualTo("setting.created:web");
        assertThat(owner.get(base + "?notice=default-tax-rate").body()).contains("The default tax rate was saved")
                .contains("value=\"" + vat.id() + "\" selected=\"selected\"");

        String blankRow = taxSelect(owner.get("/c/" + c.slug() + "/quotes/new").body(), 0);
        assertThat(blankRow).contains("value=\"" + vat.id() + "\" selected=\"selected\"");

        assertThat(owner.post(base + "/default-tax-rate", Map.of("defaultTaxRateId", "")).status()).isEqualTo(302);
        assertThat(pricing.defaultTaxRate(c.system())).isEmpty();
        assertThat(taxSelect(owner.get("/c/" + c.slug() + "/quotes/new").body(), 0))
                .doesNotContain("value=\"" + vat.id() + "\" selected");
    }

    /** The tax select of the line editor's row {@code n}. */
    private static String taxSelect(String html, int n) {
        int start = html.indexOf("id=\"line-tax-" + n + "\"");
        assertThat(start).as("the row's tax select").isNotNegative();
        return html.substring(start, html.indexOf("</select>", start));
    }

    private Https signedIn(TestCompany c, Role role) {
        Https browser = new Https(port);
        String email = role == Role.OWNER ? c.ownerEmail() : c.users.get(role).email().value();
        assertThat(browser.signIn(c.slug(), email, Fixtures.PASSWORD).status()).isEqualTo(302);
        return browser;
    }

    /** The company's trail as {@code action:channel}, oldest first. */
    private List<String> actions(TestCompany c) {
        return databases.of(c.company.id()).jdbc().sql("SELECT action || ':' || channel FROM audit_log ORDER BY seq")
                .query(String.class).list();
    }
}
