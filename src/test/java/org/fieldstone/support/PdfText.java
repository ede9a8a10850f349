package org.fieldstone.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDResources;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.apache.pdfbox.text.PDFTextStripper;
import org.fieldstone.shared.Money;
import tools.jackson.databind.JsonNode;

/** Reading a PDF's text as PDFBox extracts it, and the API's money as a PDF prints it (de-CH unless told). */
public final class PdfText {

    private PdfText() {
    }

    public static String text(PDDocument pdf) throws IOException {
        return normalized(new PDFTextStripper().getText(pdf));
    }

    /**
     * Money.format separates code and amount with a no-break space, which extraction may give as either; and it guesses
     * spaces from the glyphs' positions, giving two or three where words are set apart a little more.
     */
    public static String normalized(String text) {
        return text.replaceAll("[ \u00a0]+", " ");
    }

    /** A money field of the API's answer as the PDF prints it in de-CH. */
    public static String money(JsonNode node, String field) {
        return money(node, field, SWISS);
    }

    public static final Locale SWISS = Locale.forLanguageTag("de-CH");

    public static String money(JsonNode node, String field, Locale locale) {
        JsonNode m = node.get(field);
        return normalized(Money.of(m.get("amount").asLong(), m.get("currency").asString()).format(locale));
    }

    public static void assertEveryFontEmbedded(PDDocument pdf) throws IOException {
        List<String> fonts = new ArrayList<>();
        for (PDPage page : pdf.getPages()) {
            PDResources resources = page.getResources();
            for (COSName name : resources.getFontNames()) {
                PDFont font = resources.getFont(name);
                assertThat(font.isEmbedded()).as(font.getName() + " embedded").isTrue();
                fonts.add(font.getName());
            }
        }
        assertThat(fonts).isNotEmpty().allMatch(f -> f.contains("DejaVuSans"));
    }

}
