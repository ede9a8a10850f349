package org.fieldstone.quotes.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.fieldstone.support.PdfText.assertEveryFontEmbedded;
import static org.fieldstone.support.PdfText.money;
import static org.fieldstone.support.PdfText.normalized;
import static org.fieldstone.support.PdfText.text;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDResources;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.apache.pdfbox.text.PDFTextStripper;
import org.fieldstone.shared.Money;
import org.fieldstone.support.Https.Bytes;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * {@code GET /api/v1/quotes/{id}/pdf}: the PDF's text (extracted with PDFBox) shows the same figures as the API answers
 * for the quote, formatted in the language asked for; the company's letterhead, the client and property; every font
 * embedded; pages numbered "Page n of m"; made on request and not cached; another company's quote not found.
 */
abstract class QuotePdfContract extends MoneyApiTestSupport {

    private static final String PDF = "application/pdf";
    private static final Locale SWISS = Locale.forLanguageTag("de-CH");

    @Override
    protected String prefix() {
        return "quote-pdf";
    }

    @BeforeAll
    void letterhead() {
        ok(api.put("/api/v1/settings/pricing", admin, """
                {"address": "Werkstrasse 1\\n8005 Zürich", "taxNumber": "CHE-123.456.789 MWST"}"""));
    }

    /** Figures above 1000 (grouped), a line discount, a quote discount, a deposit, an optional item and a group. */
    private JsonNode boilerQuote() {
        return quote(owner, """
                {"title": "Boiler service 2027", "terms": "Payable within 30 days.", "notes": "Access via the garden",
                 "discountAmount": 1000, "depositPercent": 30,
                 "lineItems": [
                   {"productId": "%1$s", "quantity": 6},
                   {"description": "Filter", "quantity": 2, "unitPrice": 2550, "discountPercent": 10, "taxRateId": "%2$s"},
                   {"description": "Descaling", "quantity": 1, "unitPrice": 6000, "taxRateId": "%2$s", "optional": true},
                   {"description": "Basic thermostat", "quantity": 1, "unitPrice": 4000, "taxRateId": "%2$s", "group": "Thermostat"},
                   {"description": "Smart thermostat", "quantity": 1, "unitPrice": 12000, "taxRateId": "%2$s", "group": "Thermostat"}
                 ]}""".formatted(product, vat));
    }

    private Bytes pdf(String key, String quoteId) {
        return api.getBytes(QUOTES + "/" + quoteId + "/pdf", key, PDF, "de-CH");
    }

    @Test
    void thePdfShowsTheSameFiguresAsTheApiWithTheLetterheadFontsEmbeddedAndPageNumbers() throws IOException {
        JsonNode q = boilerQuote();
        Bytes r = pdf(user, q.get("id").asString());

        assertThat(r.status()).as(r.text()).isEqualTo(200);
        assertThat(r.header("Content-Type")).startsWith(PDF);
        assertThat(r.header("Content-Disposition"))
                .isEqualTo("inline; filename=\"" + q.get("number").asString() + ".pdf\"");
        assertThat(r.header("Cache-Control")).contains("no-store");
        assertThat(new String(r.body(), 0, 5, java.nio.charset.StandardCharsets.US_ASCII)).isEqualTo("%PDF-");

        try (PDDocument pdf = Loader.loadPDF(r.body())) {
            String text = text(pdf);
            assertThat(amount(q, "total")).as("grouped digits are printed").isGreaterThan(100_000);
            assertThat(text).contains(money(q, "subtotal"), money(q, "discount"), money(q, "tax"), money(q, "total"),
                    money(q, "depositDue"));
            for (JsonNode tax : q.get("taxes")) {
                assertThat(text).contains(tax.get("name").asString(), money(tax, "base"), money(tax, "tax"));
            }
            for (JsonNode line : q.get("lineItems")) {
                assertThat(text).contains(money(line, "total"));
            }
            assertThat(text).contains("Quote " + q.get("number").asString(), a.company.name(), "Werkstrasse 1",
                    "8005 Zürich", "CHE-123.456.789 MWST", "Grace Hopper", "Seestrasse 5", "8002 Zürich",
                    "Payable within 30 days.", "Access via the garden", "Optional, not included in the total",
                    "Option of \"Thermostat\", not included in the total", "Page 1 of 1");
            assertThat(pdf.getNumberOfPages()).isEqualTo(1);
            assertEveryFontEmbedded(pdf);
        }
    }

    @Test
    void anApprovedQuotePrintsTheSignatureAndTheFiguresOfTheChosenOptions() throws IOException {
        JsonNode q = boilerQuote();
        JsonNode sent = act(QUOTES, "send", owner, q, null);
        String descaling = sent.get("lineItems").get(2).get("id").asString();
        String smart = sent.get("lineItems").get(4).get("id").asString();
        JsonNode approved = act(QUOTES, "approve", owner, sent, """
                {"signatureName": "Ada Lovelace", "chosenItemIds": ["%s", "%s"]}""".formatted(descaling, smart));
        assertThat(amount(approved, "total")).as("the options chosen change the figures").isNotEqualTo(amount(q, "total"));

        try (PDDocument pdf = Loader.loadPDF(pdf(readOnly, q.get("id").asString()).body())) {
            String text = text(pdf);
            assertThat(text).contains(money(approved, "subtotal"), money(approved, "tax"), money(approved, "total"),
                    money(approved, "depositDue"), "Optional, chosen", "Option of \"Thermostat\", chosen",
                    "Approved by Ada Lovelace on ");
            assertThat(text).doesNotContain(money(q, "total"));
        }
    }

    @Test
    void aLongQuoteRunsOverPagesNumberedOfAllPages() throws IOException {
        StringBuilder lines = new StringBuilder();
        for (int i = 1; i <= 90; i++) {
            lines.append(i == 1 ? "" : ",").append("""
                    {"description": "Radiator valve %d", "quantity": 1, "unitPrice": 1500, "taxRateId": "%s"}"""
                    .formatted(i, vat));
        }
        JsonNode q = quote(owner, "{\"title\": \"Radiators\", \"lineItems\": [" + lines + "]}");

        try (PDDocument pdf = Loader.loadPDF(pdf(owner, q.get("id").asString()).body())) {
            int pages = pdf.getNumberOfPages();
            assertThat(pages).isGreaterThan(1);
            PDFTextStripper stripper = new PDFTextStripper();
            for (int page = 1; page <= pages; page++) {
                stripper.setStartPage(page);
                stripper.setEndPage(page);
                assertThat(normalized(stripper.getText(pdf))).contains("Page " + page + " of " + pages);
            }
            assertThat(text(pdf)).contains("Radiator valve 1", "Radiator valve 90", money(q, "total"));
            assertEveryFontEmbedded(pdf);
        }
    }

    @Test
    void withoutAcceptLanguageAmountsTakeTheNumberFormatOfTheCompanysCountry() throws IOException {
        JsonNode q = boilerQuote();
        Bytes r = api.getBytes(QUOTES + "/" + q.get("id").asString() + "/pdf", owner, PDF, null);
        Locale country = Locale.of("en", a.company.country());
        try (PDDocument pdf = Loader.loadPDF(r.body())) {
            assertThat(text(pdf)).contains(money(q, "subtotal", country), money(q, "total", country));
        }
    }

    @Test
    void anotherCompanysQuoteIsNotFoundAndEveryRoleMayPrint() {
        String id = boilerQuote().get("id").asString();
        Bytes other = pdf(b.keys.get(org.fieldstone.shared.Role.OWNER), id);
        assertThat(other.status()).as(other.text()).isEqualTo(404);
        assertThat(other.header("Content-Type")).startsWith("application/problem+json");
        assertThat(pdf(b.keys.get(org.fieldstone.shared.Role.OWNER), "no-such-quote").status()).isEqualTo(404);
        for (String key : List.of(owner, admin, user, readOnly)) {
            assertThat(pdf(key, id).status()).isEqualTo(200);
        }
    }
}
