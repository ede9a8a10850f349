package org.fieldstone.pricing.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.fieldstone.pricing.Pricing;
import org.fieldstone.pricing.Product;
import org.fieldstone.pricing.TaxRate;
import org.fieldstone.shared.Page;
import org.fieldstone.shared.Permission;
import org.fieldstone.shared.Role;
import org.fieldstone.support.Fixtures;
import org.fieldstone.support.Fixtures.TestCompany;
import org.fieldstone.support.Https;
import org.fieldstone.support.Https.Response;
import org.fieldstone.support.TestImages;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;

/**
 * Settings → Pricing, Tax rates and Products &amp; services over real HTTPS: an admin creates, changes and archives a
 * tax rate, creates, changes and deletes a product (its price typed in the major unit), changes the currency, the tax
 * mode and what users may; a refusal is shown beside its field and saves nothing; a user is refused (403).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class PricingDashboardContract {

    @Autowired Fixtures fixtures;
    @Autowired Pricing pricing;
    @Value("${server.port}") int port;

    TestCompany c;
    String base;

    @BeforeAll
    void company() {
        c = fixtures.companyWithEveryRole("pricing-web");
        base = "/c/" + c.slug() + "/settings";
    }

    @Test
    void anAdminCreatesChangesAndArchivesATaxRate() {
        Https admin = signIn(Role.ADMIN);
        assertThat(admin.get(base + "/tax-rates").status()).isEqualTo(200);
        Response invalid = admin.post(base + "/tax-rates", Map.of("id", "", "name", "Reduced", "percent", "lots"));
        assertThat(invalid.status()).isEqualTo(400);
        assertThat(invalid.body()).contains("id=\"new-rate-percent-error\"").contains("value=\"lots\"");
        assertThat(pricing.taxRates(c.system())).noneMatch(r -> r.name().equals("Reduced"));

        Response created = admin.post(base + "/tax-rates", Map.of("id", "", "name", "Reduced", "percent", "2.6"));
        assertThat(created.status()).isEqualTo(302);
        TaxRate rate = pricing.taxRates(c.system()).stream().filter(r -> r.name().equals("Reduced")).findFirst().orElseThrow();
        assertThat(rate.percent()).isEqualByComparingTo("2.6");

        Response page = admin.get(base + "/tax-rates?notice=created");
        assertThat(page.body()).contains("id=\"rate-" + rate.id() + "\"").contains("value=\"2.6\"");
        Response saved = admin.post(base + "/tax-rates", Map.of("id", rate.id(), "version", String.valueOf(rate.version()),
                "name", "Reduced rate", "percent", "2.5", "archived", "true"));
        assertThat(saved.status()).isEqualTo(302);
        TaxRate after = pricing.taxRate(c.system(), rate.id());
        assertThat(after.name()).isEqualTo("Reduced rate");
        assertThat(after.percent()).isEqualByComparingTo("2.5");
        assertThat(after.archived()).isTrue();
    }

    @Test
    void anAdminCreatesChangesAndDeletesAProductWithItsPriceInTheMajorUnit() {
        TaxRate vat = pricing.createTaxRate(c.system(), "VAT " + System.nanoTime(), new java.math.BigDecimal("8.1"));
        Https admin = signIn(Role.ADMIN);
        admin.get(base + "/products");
        Response invalid = admin.post(base + "/products", Map.of("id", "", "kind", "SERVICE", "name", "Drain cleaning",
                "unitPrice", "12.345", "taxRateId", vat.id(), "unit", "h"));
        assertThat(invalid.status()).isEqualTo(400);
        assertThat(invalid.body()).contains("id=\"product-unitPrice-error-new\"").contains("value=\"Drain cleaning\"");

        Response created = admin.post(base + "/products", Map.of("id", "", "kind", "SERVICE", "name", "Drain cleaning",
                "description", "Per hour", "unitPrice", "95.50", "taxRateId", vat.id(), "unit", "h"));
        assertThat(created.status()).isEqualTo(302);
        Product product = find("Drain cleaning");
        assertThat(product.unitPrice()).isEqualTo(9550);
        assertThat(product.taxRateId()).isEqualTo(vat.id());
        assertThat(admin.get(base + "/products").body()).contains("value=\"95.50\"");

        Response saved = admin.post(base + "/products", Map.of("id", product.id(), "version", String.valueOf(product.version()),
                "action", "save", "kind", "PRODUCT", "name", "Drain cleaner", "description", "", "unitPrice", "20",
                "taxRateId", "", "unit", "pc"));
        assertThat(saved.status()).isEqualTo(302);
        Product changed = pricing.product(c.system(), product.id());
        assertThat(changed.name()).isEqualTo("Drain cleaner");
        assertThat(changed.kind()).isEqualTo(Product.Kind.PRODUCT);
        assertThat(changed.unitPrice()).isEqualTo(2000);
        assertThat(changed.taxRateId()).isNull();

        Response deleted = admin.post(base + "/products", Map.of("id", product.id(), "version",
                String.valueOf(changed.version()), "action", "delete"));
        assertThat(deleted.status()).isEqualTo(302);
        assertThat(pricing.products(c.system(), "Drain", false, Page.request(0, 10)).items())
                .noneMatch(p -> p.id().equals(product.id()));
    }

    @Test
    void anAdminChangesCurrencyTaxModeAndWhatUsersMayWhileAUserIsRefused() {
        Https user = signIn(Role.USER);
        assertThat(user.get(base + "/pricing").status()).isEqualTo(403);
        assertThat(user.get(base + "/tax-rates").status()).isEqualTo(403);
        assertThat(user.get(base + "/products").status()).isEqualTo(403);
        user.get("/c/" + c.slug() + "/");
        assertThat(user.post(base + "/pricing", Map.of("currency", "EUR")).status()).isEqualTo(403);

        Https admin = signIn(Role.ADMIN);
        Response page = admin.get(base + "/pricing");
        assertThat(page.body()).as("the currency is set in Settings → Company, linked from here")
                .doesNotContain("name=\"currency\"").contains("href=\"" + base + "/company\"")
                .contains("value=\"QUOTES_WRITE\" checked");
        Response invalid = admin.post(base + "/company/currency", Map.of("currency", "XYZ1"));
        assertThat(invalid.status()).isEqualTo(400);
        assertThat(invalid.body()).contains("id=\"pricing-currency-error\"").contains("value=\"XYZ1\"");
        assertThat(admin.post(base + "/company/currency", Map.of("currency", "eur")).status()).isEqualTo(302);

        admin.get(base + "/pricing");
        Response saved = admin.post(base + "/pricing", List.of(Map.entry("currency", "ignored"),
                Map.entry("taxInclusive", "true"), Map.entry("usersMay", "QUOTES_WRITE"),
                Map.entry("usersMay", "PAYMENTS_RECORD")));
        assertThat(saved.status()).isEqualTo(302);
        assertThat(pricing.settings(c.system()).currency()).isEqualTo("EUR");
        assertThat(pricing.settings(c.system()).taxInclusive()).isTrue();
        assertThat(pricing.usersMay(c.system())).containsExactlyInAnyOrder(Permission.QUOTES_WRITE, Permission.PAYMENTS_RECORD);
        assertThat(admin.get(base + "/pricing?notice=saved").body()).contains("value=\"PAYMENTS_RECORD\" checked");
        assertThat(admin.get(base + "/company").body()).contains("value=\"EUR\"");
    }

    @Test
    void anAdminSetsTheAddressTaxNumberAndLogoTheDocumentsShowAndAUserMayNot() {
        Https user = signIn(Role.USER);
        user.get("/c/" + c.slug() + "/");
        assertThat(user.post(base + "/company/letterhead", Map.of("address", "Nope")).status()).isEqualTo(403);
        assertThat(user.postMultipart(base + "/company/logo", Map.of(), "logo", "logo.png", "image/png",
                TestImages.image("png", 40, 20)).status()).isEqualTo(403);
        assertThat(pricing.logo(c.system())).isEmpty();

        Https admin = signIn(Role.ADMIN);
        assertThat(admin.get(base + "/company").body()).contains("id=\"letterhead-form\"").contains("id=\"logo-none\"")
                .contains("enctype=\"multipart/form-data\"").contains("data-max-bytes=\"262144\"")
                .contains("data-too-large=\"A logo is at most 256 KB");
        Response tooLong = admin.post(base + "/company/letterhead", Map.of("address", "Seestrasse 5\n8002 Zürich",
                "taxNumber", "CHE-" + "1".repeat(60)));
        assertThat(tooLong.status()).isEqualTo(400);
        assertThat(tooLong.body()).contains("id=\"pricing-taxNumber-error\"").contains("8002 Zürich");
        assertThat(pricing.letterhead(c.system()).address()).as("nothing saved").isEmpty();
        Response saved = admin.post(base + "/company/letterhead", Map.of("address", "Seestrasse 5\n8002 Zürich",
                "taxNumber", "CHE-123.456.789 MWST"));
        assertThat(saved.status()).isEqualTo(302);
        assertThat(pricing.letterhead(c.system()).addressLines()).containsExactly("Seestrasse 5", "8002 Zürich");
        assertThat(pricing.letterhead(c.system()).taxNumber()).isEqualTo("CHE-123.456.789 MWST");

        admin.get(base + "/company");
        Response gif = admin.postMultipart(base + "/company/logo", Map.of(), "logo", "logo.png", "image/png",
                TestImages.image("gif", 40, 20));
        assertThat(gif.status()).isEqualTo(400);
        assertThat(gif.body()).contains("id=\"pricing-logo-error\"").contains("PNG or JPEG");
        Response empty = admin.postMultipart(base + "/company/logo", Map.of(), "logo", "", "application/octet-stream",
                new byte[0]);
        assertThat(empty.status()).isEqualTo(400);
        assertThat(empty.body()).contains("Choose an image file");
        assertThat(pricing.logo(c.system())).isEmpty();
        Response huge = admin.postMultipart(base + "/company/logo", Map.of(), "logo", "huge.png", "image/png",
                java.util.Arrays.copyOf(TestImages.image("png", 40, 20), 3 * 1024 * 1024));
        assertThat(huge.status()).as("beyond what a form may upload: refused before it is read").isEqualTo(413);

        byte[] png = TestImages.image("png", 300, 100);
        Response uploaded = admin.postMultipart(base + "/company/logo", Map.of(), "logo", "logo.png", "image/png", png);
        assertThat(uploaded.status()).isEqualTo(302);
        assertThat(pricing.logo(c.system())).hasValueSatisfying(l -> assertThat(l.image()).isEqualTo(png));
        assertThat(admin.get(base + "/company?notice=logo").body()).contains("id=\"logo-current\"")
                .contains("src=\"data:image/png;base64,").contains("id=\"remove-logo\"");

        assertThat(admin.post(base + "/company/logo/remove", Map.of()).status()).isEqualTo(302);
        assertThat(pricing.logo(c.system())).isEmpty();
        assertThat(admin.get(base + "/company?notice=logo-removed").body()).contains("id=\"logo-none\"")
                .contains("Logo removed.");
    }

    Product find(String name) {
        List<Product> found = pricing.products(c.system(), name, false, Page.request(0, 10)).items();
        return found.stream().filter(p -> p.name().equals(name)).findFirst().orElseThrow();
    }

    Https signIn(Role role) {
        String email = role == Role.OWNER ? c.ownerEmail() : c.users.get(role).email().value();
        Https h = new Https(port);
        assertThat(h.signIn(c.slug(), email, Fixtures.PASSWORD).status()).isEqualTo(302);
        return h;
    }
}
