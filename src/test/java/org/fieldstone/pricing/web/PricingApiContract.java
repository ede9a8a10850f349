package org.fieldstone.pricing.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.fieldstone.support.ApiClient.assertProblem;
import static org.fieldstone.support.ApiClient.body;

import java.net.http.HttpRequest;
import java.util.ArrayList;
import java.util.List;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDResources;
import org.apache.pdfbox.pdmodel.graphics.image.PDImageXObject;
import org.fieldstone.audit.AuditEntry;
import org.fieldstone.audit.AuditRecord;
import org.fieldstone.quotes.web.MoneyApiTestSupport;
import org.fieldstone.shared.Role;
import org.fieldstone.support.Https;
import org.fieldstone.support.Https.Response;
import org.fieldstone.support.TestImages;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Tax rates, products and services and the pricing settings over real HTTPS: who may change them, what is refused,
 * how a rate's change leaves documents already made alone, and isolation between companies.
 */
abstract class PricingApiContract extends MoneyApiTestSupport {

    @Override
    protected String prefix() {
        return "pricing";
    }

    static final String LOGO = "/api/v1/settings/pricing/logo";

    Response putLogo(String key, String contentType, byte[] image) {
        return api.send(HttpRequest.newBuilder(api.uri(LOGO)).PUT(HttpRequest.BodyPublishers.ofByteArray(image))
                .header("Content-Type", contentType).header("Accept", "application/json, application/problem+json")
                .header("Authorization", "Bearer " + key));
    }

    /** The images on the first page of the PDF at {@code path}, as width×height. */
    List<String> imagesOnFirstPage(String path) throws Exception {
        Https.Bytes pdf = api.getBytes(path, owner, "application/pdf", null);
        assertThat(pdf.status()).isEqualTo(200);
        List<String> sizes = new ArrayList<>();
        try (PDDocument doc = Loader.loadPDF(pdf.body())) {
            PDResources resources = doc.getPage(0).getResources();
            for (COSName name : resources.getXObjectNames()) {
                if (resources.getXObject(name) instanceof PDImageXObject image) {
                    sizes.add(image.getWidth() + "x" + image.getHeight());
                }
            }
        }
        return sizes;
    }

    @Test
    void theLogoIsCheckedPrintedOnDocumentsAuditedByItsDigestOnlyAndRemoved() throws Exception {
        byte[] png = TestImages.image("png", 300, 100);
        String quotePdf = QUOTES + "/" + simpleQuote("With a logo").get("id").asString() + "/pdf";
        assertThat(imagesOnFirstPage(quotePdf)).as("no logo yet").isEmpty();
        assertProblem(api.get(LOGO, readOnly), 404);

        long before = api.auditEntriesButEmails(a);
        assertProblem(putLogo(user, "image/png", png), 403);
        assertProblem(putLogo(readOnly, "image/png", png), 403);
        Response gif = putLogo(admin, "application/octet-stream", TestImages.image("gif", 30, 30));
        assertProblem(gif, 400);
        assertThat(body(gif).get("errors").get("logo").asString()).contains("PNG or JPEG");
        Response disguised = putLogo(admin, "image/png", "<svg xmlns=\"http://www.w3.org/2000/svg\"/>".getBytes());
        assertProblem(disguised, 400);
        assertProblem(putLogo(admin, "text/plain", png), 415);
        assertThat(api.auditEntriesButEmails(a)).as("nothing refused is audited").isEqualTo(before);

        JsonNode uploaded = ok(putLogo(admin, "image/png", png));
        assertThat(uploaded.get("contentType").asString()).isEqualTo("image/png");
        assertThat(uploaded.get("width").asInt()).isEqualTo(300);
        assertThat(uploaded.get("height").asInt()).isEqualTo(100);
        assertThat(uploaded.get("size").asInt()).isEqualTo(png.length);
        String sha256 = uploaded.get("sha256").asString();
        assertThat(ok(api.get("/api/v1/settings/pricing", readOnly)).get("logo").get("sha256").asString()).isEqualTo(sha256);
        Https.Bytes image = api.getBytes(LOGO, readOnly, "image/*, application/problem+json", null);
        assertThat(image.status()).isEqualTo(200);
        assertThat(image.header("Content-Type")).startsWith("image/png");
        assertThat(image.body()).isEqualTo(png);

        List<AuditEntry> trail = api.auditEntries(a, "logo", "logo");
        assertThat(trail).extracting(AuditEntry::action).containsExactly("logo.uploaded");
        assertThat(trail.getFirst().changes()).extracting(AuditRecord.Change::field).contains("sha256", "size_bytes")
                .doesNotContain("image");
        assertThat(trail.getFirst().changes()).anySatisfy(c -> assertThat(c.after()).isEqualTo(sha256));
        assertThat(trail.toString()).as("the image's bytes stay out of the trail").doesNotContain("iVBORw0KGgo");

        assertThat(imagesOnFirstPage(quotePdf)).as("the PDF embeds the logo as uploaded").containsExactly("300x100");
        JsonNode invoice = created(api.post(INVOICES, owner, """
                {"clientId": "%s", "title": "Logo", "lineItems": [{"description": "Work", "unitPrice": 5000}]}""".formatted(clientId)));
        assertThat(imagesOnFirstPage(INVOICES + "/" + invoice.get("id").asString() + "/pdf")).containsExactly("300x100");

        // the other company has no logo, and cannot reach this one's
        assertProblem(api.get(LOGO, b.keys.get(Role.OWNER)), 404);
        assertThat(ok(api.get("/api/v1/settings/pricing", b.keys.get(Role.OWNER))).get("logo").isNull()).isTrue();

        JsonNode jpeg = ok(putLogo(admin, "image/jpeg", TestImages.image("jpeg", 90, 60)));
        assertThat(jpeg.get("contentType").asString()).isEqualTo("image/jpeg");
        assertThat(api.auditEntries(a, "logo", "logo")).extracting(AuditEntry::action).as("newest first").containsExactly("logo.updated", "logo.uploaded");

        assertProblem(api.delete(LOGO, user, null), 403);
        assertThat(api.delete(LOGO, admin, null).status()).isEqualTo(204);
        assertProblem(api.get(LOGO, readOnly), 404);
        assertThat(ok(api.get("/api/v1/settings/pricing", readOnly)).get("logo").isNull()).isTrue();
        assertThat(imagesOnFirstPage(quotePdf)).isEmpty();
        assertThat(api.auditEntries(a, "logo", "logo")).extracting(AuditEntry::action).startsWith("logo.removed");
    }

    @Test
    void taxRatesAreNamedUniqueArchivedNotDeletedAndChangedWithoutTouchingDocuments() {
        JsonNode rate = created(api.post("/api/v1/tax-rates", admin, "{\"name\":\"Reduced 2.6 %\",\"percent\":\"2.60\"}"));
        assertThat(rate.get("percent").decimalValue()).isEqualByComparingTo("2.6");
        assertProblem(api.post("/api/v1/tax-rates", admin, "{\"name\":\"reduced 2.6 %\",\"percent\":2.6}"), 400);
        assertProblem(api.post("/api/v1/tax-rates", admin, "{\"name\":\"Bad\",\"percent\":101}"), 400);
        assertProblem(api.post("/api/v1/tax-rates", admin, "{\"name\":\"Bad\",\"percent\":8.1234}"), 400);
        assertProblem(api.post("/api/v1/tax-rates", admin, "{\"name\":\"Bad\",\"percent\":\"x\"}"), 400);
        assertProblem(api.post("/api/v1/tax-rates", admin, "{\"name\":\"\",\"percent\":1}"), 400);
        assertProblem(api.post("/api/v1/tax-rates", user, "{\"name\":\"Mine\",\"percent\":1}"), 403);
        JsonNode q = quote(owner, """
                {"title": "Rated", "lineItems": [{"description": "W", "unitPrice": 10000, "taxRateId": "%s"}]}"""
                .formatted(rate.get("id").asString()));
        assertThat(amount(q, "tax")).isEqualTo(260);
        JsonNode changed = ok(api.patch("/api/v1/tax-rates/" + rate.get("id").asString(), admin, etag(rate),
                "{\"percent\": 3.8, \"name\": \"Lodging 3.8 %\"}"));
        assertThat(changed.get("percent").decimalValue()).isEqualByComparingTo("3.8");
        JsonNode same = ok(api.get(QUOTES + "/" + q.get("id").asString(), owner));
        assertThat(amount(same, "tax")).as("the quote keeps the rate it was made with").isEqualTo(260);
        assertThat(same.get("lineItems").get(0).get("taxName").asString()).isEqualTo("Reduced 2.6 %");
        JsonNode archived = ok(api.patch("/api/v1/tax-rates/" + rate.get("id").asString(), admin, etag(changed),
                "{\"archived\": true}"));
        assertThat(archived.get("archived").asBoolean()).isTrue();
        Response refused = api.post(QUOTES, owner, """
                {"clientId": "%s", "propertyId": "%s", "title": "T",
                 "lineItems": [{"description": "W", "unitPrice": 1, "taxRateId": "%s"}]}"""
                .formatted(clientId, propertyId, rate.get("id").asString()));
        assertProblem(refused, 400);
        assertThat(body(refused).get("errors").get("lineItems[0].taxRateId").asString()).contains("archived");
        // a line that already has the archived rate keeps it when the quote changes
        JsonNode kept = ok(api.patch(QUOTES + "/" + q.get("id").asString(), owner, etag(same), """
                {"lineItems": [{"id": "%s", "description": "W2", "unitPrice": 10000, "taxRateId": "%s"}]}"""
                .formatted(same.get("lineItems").get(0).get("id").asString(), rate.get("id").asString())));
        assertThat(kept.get("lineItems").get(0).get("taxPercent").decimalValue()).as("the rate as it is now")
                .isEqualByComparingTo("3.8");
        assertProblem(api.delete("/api/v1/tax-rates/" + rate.get("id").asString(), admin, etag(archived)), 405);
        assertThat(body(api.get("/api/v1/tax-rates", readOnly)).valueStream().map(t -> t.get("name").asString()).toList())
                .contains("VAT 8.1 %", "Lodging 3.8 %");
    }

    @Test
    void productsAndServicesAreListedSearchedChangedAndDeleted() {
        JsonNode p = created(api.post("/api/v1/products", admin, """
                {"kind": "product", "name": "Copper pipe 15 mm", "unitPrice": 1250, "unit": "m"}"""));
        assertThat(p.get("kind").asString()).isEqualTo("PRODUCT");
        assertThat(p.get("taxRateId").isNull()).isTrue();
        assertProblem(api.post("/api/v1/products", admin, "{\"name\":\"copper PIPE 15 mm\",\"unitPrice\":1}"), 400);
        Response bad = api.post("/api/v1/products", admin, "{\"name\":\"\",\"unitPrice\":-1,\"kind\":\"x\",\"taxRateId\":\"nope\"}");
        assertProblem(bad, 400);
        assertThat(body(bad).get("errors").propertyNames()).contains("name", "unitPrice", "kind", "taxRateId");
        assertProblem(api.post("/api/v1/products", admin, "{\"name\":\"Half\",\"unitPrice\":12.5}"), 400);
        assertProblem(api.post("/api/v1/products", user, "{\"name\":\"Mine\",\"unitPrice\":1}"), 403);
        JsonNode found = ok(api.get("/api/v1/products?q=copper", user));
        assertThat(found.get("total").asLong()).isEqualTo(1);
        JsonNode changed = ok(api.patch("/api/v1/products/" + p.get("id").asString(), admin, etag(p),
                "{\"unitPrice\": 1300, \"taxRateId\": \"" + vat + "\"}"));
        assertThat(changed.get("unitPrice").asLong()).isEqualTo(1300);
        assertThat(changed.get("taxRateId").asString()).isEqualTo(vat);
        JsonNode q = quote(owner, "{\"title\": \"Pipes\", \"lineItems\": [{\"productId\": \"" + p.get("id").asString()
                + "\", \"quantity\": 2.5}]}");
        assertThat(amount(q, "subtotal")).isEqualTo(3250);
        assertProblem(api.patch("/api/v1/products/" + p.get("id").asString(), admin, etag(p), "{\"unitPrice\": 1}"), 412);
        assertThat(api.delete("/api/v1/products/" + p.get("id").asString(), admin, etag(changed)).status()).isEqualTo(204);
        assertThat(ok(api.get(QUOTES + "/" + q.get("id").asString(), owner)).get("lineItems").get(0).get("description")
                .asString()).as("the quote keeps its copy").isEqualTo("Copper pipe 15 mm");
        assertProblem(api.get("/api/v1/products/" + p.get("id").asString(), owner), 404);
        assertProblem(api.get("/api/v1/products/" + product, b.keys.get(Role.OWNER)), 404);
        assertProblem(api.patch("/api/v1/products/" + product, b.keys.get(Role.OWNER), "\"1\"", "{\"unitPrice\": 1}"), 404);
        assertProblem(api.patch("/api/v1/tax-rates/" + vat, b.keys.get(Role.OWNER), "\"1\"", "{\"percent\": 1}"), 404);
    }

    @Test
    void theCurrencyAndTaxModeAreTheCompanysAndNewDocumentsTakeThem() {
        var c = fixtures.company("pricing-settings");
        String key = c.apiKey(c.owner(), java.util.Optional.empty());
        JsonNode settings = ok(api.get("/api/v1/settings/pricing", key));
        assertThat(settings.get("currency").asString()).hasSize(3);
        assertThat(settings.get("taxInclusive").asBoolean()).isFalse();
        assertThat(settings.get("usersMay").get(0).asString()).isEqualTo("quotes:write");
        assertProblem(api.put("/api/v1/settings/pricing", key, "{\"currency\": \"XYZ\"}"), 400);
        assertProblem(api.put("/api/v1/settings/pricing", key, "{\"currency\": \"XAU\"}"), 400);
        JsonNode yen = ok(api.put("/api/v1/settings/pricing", key, "{\"currency\": \"jpy\", \"taxInclusive\": true}"));
        assertThat(yen.get("currency").asString()).isEqualTo("JPY");
        assertThat(yen.get("taxInclusive").asBoolean()).isTrue();
        JsonNode rate = created(api.post("/api/v1/tax-rates", key, "{\"name\":\"消費税 10%\",\"percent\":10}"));
        String[] client = clientWithProperty(key, "Tanaka");
        JsonNode q = created(api.post(QUOTES, key, """
                {"clientId": "%s", "propertyId": "%s", "title": "Yen",
                 "lineItems": [{"description": "W", "quantity": 2.5, "unitPrice": 1001, "taxRateId": "%s"}]}"""
                .formatted(client[0], client[1], rate.get("id").asString())));
        assertThat(q.get("currency").asString()).isEqualTo("JPY");
        assertThat(q.get("total").get("currency").asString()).isEqualTo("JPY");
        assertThat(amount(q, "total")).isEqualTo(2503);
        assertThat(amount(q, "tax")).as("the tax part of a price that includes it").isEqualTo(228);
        assertProblem(api.put("/api/v1/settings/pricing", a.keys.get(Role.USER), "{\"taxInclusive\": true}"), 403);
    }

    @Test
    void theAddressAndTaxNumberPrintedOnDocumentsAreKeptUntilChangedAndCheckedOnTheWayIn() {
        var c = fixtures.company("pricing-letterhead");
        String key = c.apiKey(c.owner(), java.util.Optional.empty());
        JsonNode none = ok(api.get("/api/v1/settings/pricing", key));
        assertThat(none.get("address").asString()).isEmpty();
        assertThat(none.get("taxNumber").asString()).isEmpty();

        JsonNode set = ok(api.put("/api/v1/settings/pricing", key, """
                {"address": " Werkstrasse 1 \\n\\n 8005 Zürich ", "taxNumber": " CHE-123.456.789 MWST "}"""));
        assertThat(set.get("address").asString()).as("lines stripped, blank ones dropped").isEqualTo("Werkstrasse 1\n8005 Zürich");
        assertThat(set.get("taxNumber").asString()).isEqualTo("CHE-123.456.789 MWST");
        JsonNode kept = ok(api.put("/api/v1/settings/pricing", key, "{\"taxInclusive\": true}"));
        assertThat(kept.get("address").asString()).as("absent: kept").isEqualTo("Werkstrasse 1\n8005 Zürich");

        Response refused = api.put("/api/v1/settings/pricing", key, """
                {"address": "1\\n2\\n3\\n4\\n5\\n6\\n7", "taxNumber": "%s"}""".formatted("9".repeat(41)));
        assertProblem(refused, 400);
        assertThat(body(refused).get("errors").propertyNames()).as("both at once").contains("address", "taxNumber");
        assertThat(ok(api.get("/api/v1/settings/pricing", key)).get("address").asString())
                .as("a refused change changes nothing").isEqualTo("Werkstrasse 1\n8005 Zürich");
        assertProblem(api.put("/api/v1/settings/pricing", a.keys.get(Role.USER), "{\"taxNumber\": \"X\"}"), 403);

        JsonNode cleared = ok(api.put("/api/v1/settings/pricing", key, "{\"address\": null, \"taxNumber\": \"\"}"));
        assertThat(cleared.get("address").asString()).isEmpty();
        assertThat(cleared.get("taxNumber").asString()).isEmpty();
    }

    @Test
    void theDefaultTaxRateIsOneOfTheCompanysActiveRatesAuditedAndReadsAsNoneOnceArchived() {
        String settings = "/api/v1/settings/pricing";
        String key = "pricing.default-tax-rate";
        assertThat(ok(api.get(settings, readOnly)).get("defaultTaxRateId").isNull()).as("none at first").isTrue();
        JsonNode reduced = created(api.post("/api/v1/tax-rates", admin, "{\"name\":\"Default test 2.6 %\",\"percent\":2.6}"));
        String otherCompanys = created(api.post("/api/v1/tax-rates", b.keys.get(Role.ADMIN),
                "{\"name\":\"Theirs 5 %\",\"percent\":5}")).get("id").asString();
        long before = api.auditEntriesButEmails(a);

        // refused: weaker roles, an unknown id, another company's rate; nothing changed, nothing audited
        assertProblem(api.put(settings, user, "{\"defaultTaxRateId\": \"" + vat + "\"}"), 403);
        assertProblem(api.put(settings, readOnly, "{\"defaultTaxRateId\": \"" + vat + "\"}"), 403);
        Response unknown = api.put(settings, admin, "{\"defaultTaxRateId\": \"nope\", \"taxNumber\": \"CHE-1\"}");
        assertProblem(unknown, 400);
        assertThat(body(unknown).get("errors").get("defaultTaxRateId").asString()).contains("nope");
        Response theirs = api.put(settings, admin, "{\"defaultTaxRateId\": \"" + otherCompanys + "\"}");
        assertProblem(theirs, 400);
        assertThat(body(theirs).get("errors").propertyNames()).containsExactly("defaultTaxRateId");
        JsonNode unchanged = ok(api.get(settings, readOnly));
        assertThat(unchanged.get("defaultTaxRateId").isNull()).isTrue();
        assertThat(unchanged.get("taxNumber").asString()).as("a refused PUT changes no field").isEmpty();
        assertThat(api.auditEntriesButEmails(a)).isEqualTo(before);

        // set, read back by every role, kept when absent, audited as the setting
        JsonNode set = ok(api.put(settings, admin, "{\"defaultTaxRateId\": \"" + reduced.get("id").asString() + "\"}"));
        assertThat(set.get("defaultTaxRateId").asString()).isEqualTo(reduced.get("id").asString());
        assertThat(ok(api.get(settings, user)).get("defaultTaxRateId").asString()).isEqualTo(reduced.get("id").asString());
        JsonNode kept = ok(api.put(settings, admin, "{\"taxInclusive\": false}"));
        assertThat(kept.get("defaultTaxRateId").asString()).as("absent: kept").isEqualTo(reduced.get("id").asString());
        assertThat(api.auditEntries(a, "setting", key)).extracting(AuditEntry::action).containsExactly("setting.created");
        // the API's own lines are as sent: without a rate, untaxed
        JsonNode q = quote(owner, "{\"title\": \"Untaxed\", \"lineItems\": [{\"description\": \"W\", \"unitPrice\": 10000}]}");
        assertThat(amount(q, "tax")).isZero();

        // an archived rate is refused as the default, and a default archived afterwards reads as none
        JsonNode archivedVat = created(api.post("/api/v1/tax-rates", admin, "{\"name\":\"Old 7.7 %\",\"percent\":7.7}"));
        ok(api.patch("/api/v1/tax-rates/" + archivedVat.get("id").asString(), admin, etag(archivedVat), "{\"archived\": true}"));
        Response archived = api.put(settings, admin, "{\"defaultTaxRateId\": \"" + archivedVat.get("id").asString() + "\"}");
        assertProblem(archived, 400);
        assertThat(body(archived).get("errors").get("defaultTaxRateId").asString()).contains("archived");
        assertThat(ok(api.get(settings, readOnly)).get("defaultTaxRateId").asString()).isEqualTo(reduced.get("id").asString());
        ok(api.patch("/api/v1/tax-rates/" + reduced.get("id").asString(), admin, etag(reduced), "{\"archived\": true}"));
        assertThat(ok(api.get(settings, readOnly)).get("defaultTaxRateId").isNull()).as("archived since: none").isTrue();

        // null clears it, audited as a change of the setting
        JsonNode cleared = ok(api.put(settings, admin, "{\"defaultTaxRateId\": null}"));
        assertThat(cleared.get("defaultTaxRateId").isNull()).isTrue();
        assertThat(api.auditEntries(a, "setting", key)).extracting(AuditEntry::action)
                .containsExactly("setting.updated", "setting.created");
        assertThat(ok(api.get(settings, b.keys.get(Role.OWNER))).get("defaultTaxRateId").isNull())
                .as("the other company's own setting is untouched").isTrue();
    }
}
