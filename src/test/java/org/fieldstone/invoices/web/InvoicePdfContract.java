package org.fieldstone.invoices.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.fieldstone.support.PdfText.assertEveryFontEmbedded;
import static org.fieldstone.support.PdfText.money;
import static org.fieldstone.support.PdfText.text;

import java.io.IOException;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.fieldstone.quotes.web.MoneyApiTestSupport;
import org.fieldstone.shared.Role;
import org.fieldstone.support.Https.Bytes;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * {@code GET /api/v1/invoices/{id}/pdf}: the PDF's text shows the same figures as the API answers for the invoice — total,
 * taxes, what was paid and the balance, a credit note's number and the invoice it credits; fonts embedded; another
 * company's invoice not found.
 */
abstract class InvoicePdfContract extends MoneyApiTestSupport {

    private static final String PDF = "application/pdf";

    @Override
    protected String prefix() {
        return "invoice-pdf";
    }

    private Bytes pdf(String key, String id) {
        return api.getBytes(INVOICES + "/" + id + "/pdf", key, PDF, "de-CH");
    }

    @Test
    void thePdfShowsTheSameFiguresAsTheApiPaidAndBalance() throws IOException {
        JsonNode draft = created(api.post(INVOICES, admin, """
                {"clientId": "%s", "propertyId": "%s", "title": "Heating repair", "terms": "Net 30",
                 "discountPercent": 5,
                 "lineItems": [{"productId": "%s", "quantity": 7},
                               {"description": "Pump", "quantity": 1, "unitPrice": 123456, "discountPercent": 10,
                                "taxRateId": "%s"}]}""".formatted(clientId, propertyId, product, vat)));
        Bytes draftPdf = pdf(readOnly, draft.get("id").asString());
        assertThat(draftPdf.status()).as(draftPdf.text()).isEqualTo(200);
        try (PDDocument pdf = Loader.loadPDF(draftPdf.body())) {
            assertThat(text(pdf)).contains("Invoice (draft)", money(draft, "total"));
        }
        JsonNode sent = act(INVOICES, "send", admin, draft, null);
        created(api.post(INVOICES + "/" + sent.get("id").asString() + "/payments", admin,
                "{\"amount\": 50000, \"method\": \"CASH\"}"));
        JsonNode invoice = ok(api.get(INVOICES + "/" + sent.get("id").asString(), owner));
        Bytes r = pdf(user, invoice.get("id").asString());
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.header("Content-Type")).startsWith(PDF);
        assertThat(r.header("Content-Disposition")).isEqualTo("inline; filename=\"" + invoice.get("number").asString() + ".pdf\"");
        assertThat(r.header("Cache-Control")).contains("no-store");
        try (PDDocument pdf = Loader.loadPDF(r.body())) {
            String text = text(pdf);
            assertThat(text).contains("Invoice " + invoice.get("number").asString(), "Grace Hopper", "Seestrasse 5",
                    money(invoice, "subtotal"), money(invoice, "discount"), money(invoice, "tax"),
                    money(invoice, "total"), money(invoice, "balance"), "Page 1 of 1", "Due");
            for (JsonNode tax : invoice.get("taxes")) {
                assertThat(text).contains(money(tax, "base"), money(tax, "tax"));
            }
            for (JsonNode line : invoice.get("lineItems")) {
                assertThat(text).contains(money(line, "total"));
            }
            assertEveryFontEmbedded(pdf);
        }

        JsonNode note = act(INVOICES, "send", admin, created(api.post(INVOICES + "/" + invoice.get("id").asString()
                + "/credit-notes", admin, """
                {"reason": "Pump returned", "lineItems": [{"description": "Pump", "unitPrice": 10000, "taxRateId": "%s"}]}"""
                .formatted(vat))), null);
        try (PDDocument pdf = Loader.loadPDF(pdf(owner, note.get("id").asString()).body())) {
            assertThat(text(pdf)).contains("Credit note " + note.get("number").asString(),
                    invoice.get("number").asString(), money(note, "total"), "Pump returned");
        }
        Bytes other = pdf(b.keys.get(Role.OWNER), invoice.get("id").asString());
        assertThat(other.status()).as(other.text()).isEqualTo(404);
        assertThat(other.header("Content-Type")).startsWith("application/problem+json");
    }
}
