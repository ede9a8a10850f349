package org.fieldstone.pricing.internal;

import com.openhtmltopdf.extend.FSCacheEx;
import com.openhtmltopdf.extend.FSCacheValue;
import com.openhtmltopdf.extend.impl.FSDefaultCacheStore;
import com.openhtmltopdf.outputdevice.helper.BaseRendererBuilder.FontStyle;
import com.openhtmltopdf.pdfboxout.PdfRendererBuilder;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.fieldstone.pricing.DocumentPdf;
import org.springframework.core.io.ClassPathResource;
import org.springframework.stereotype.Component;
import org.thymeleaf.ITemplateEngine;
import org.thymeleaf.context.Context;

/**
 * {@link DocumentPdf} over openhtmltopdf (PDFBox 3): Thymeleaf renders the template, openhtmltopdf lays it out. The
 * fonts are read from the classpath once, at start-up, and embedded (subset) in every document under the family
 * {@value #FAMILY}, so no PDF depends on the fonts of the machine that made it; their metrics are measured once and
 * kept for every later document. A builder is cheap and not meant to be shared between threads: one per document.
 */
@Component
class OpenHtmlDocumentPdf implements DocumentPdf {

    /** The font family the document templates ask for. */
    static final String FAMILY = "Document Sans";

    private record Face(byte[] bytes, int weight) {
    }

    private final ITemplateEngine templates;
    private final List<Face> faces;
    private final FSCacheEx<String, FSCacheValue> fontMetrics = new FSDefaultCacheStore();

    OpenHtmlDocumentPdf(ITemplateEngine templates) {
        this.templates = templates;
        this.faces = List.of(new Face(font("fonts/DejaVuSans.ttf"), 400), new Face(font("fonts/DejaVuSans-Bold.ttf"), 700));
    }

    @Override
    public byte[] render(String template, Map<String, Object> variables, Locale locale) {
        String html = templates.process(template, new Context(locale, variables));
        ByteArrayOutputStream pdf = new ByteArrayOutputStream(32 * 1024);
        PdfRendererBuilder builder = new PdfRendererBuilder()
                .useCacheStore(PdfRendererBuilder.CacheStore.PDF_FONT_METRICS, fontMetrics)
                .withProducer("Fieldstone")
                .withHtmlContent(html, null)
                .toStream(pdf);
        for (Face face : faces) {
            builder.useFont(() -> new ByteArrayInputStream(face.bytes()), FAMILY, face.weight(), FontStyle.NORMAL, true);
        }
        try {
            builder.run();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot render " + template + " as PDF", e);
        }
        return pdf.toByteArray();
    }

    private static byte[] font(String path) {
        try (InputStream in = new ClassPathResource(path).getInputStream()) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("The document font " + path + " is missing from the classpath", e);
        }
    }
}
