package org.fieldstone.pricing.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDResources;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;
import org.thymeleaf.spring6.SpringTemplateEngine;
import org.thymeleaf.templatemode.TemplateMode;
import org.thymeleaf.templateresolver.StringTemplateResolver;

/**
 * The renderer without Spring: a template's text comes out of the PDF in the embedded fonts the application carries
 * (never the machine's), one renderer serves documents made at the same time, and its renderer thread reuses the fonts it
 * parsed, document after document.
 */
class OpenHtmlDocumentPdfTest {

    /** With a string resolver the template's name is its text. */
    private static final String TEMPLATE = """
            <!DOCTYPE html>
            <html><head><style>body { font-family: 'Document Sans'; } b { font-weight: bold; }</style></head>
            <body><p th:text="${text}">x</p><b th:text="${bold}">y</b></body></html>""";

    private final OpenHtmlDocumentPdf renderer = new OpenHtmlDocumentPdf(engine());

    /** Spring's engine (expressions in SpEL), as the application has it. */
    private static SpringTemplateEngine engine() {
        StringTemplateResolver resolver = new StringTemplateResolver();
        resolver.setTemplateMode(TemplateMode.HTML);
        SpringTemplateEngine engine = new SpringTemplateEngine();
        engine.setTemplateResolver(resolver);
        return engine;
    }

    @Test
    void printsTheTemplatesTextInTheEmbeddedFontsOnly() throws IOException {
        byte[] bytes = renderer.render(TEMPLATE, Map.of("text", "Zürich CHF 1’234.50 – € Ø", "bold", "Total & <tax>"),
                Locale.ROOT);

        try (PDDocument pdf = Loader.loadPDF(bytes)) {
            String text = new PDFTextStripper().getText(pdf);
            assertThat(text).contains("Zürich CHF 1’234.50 – € Ø", "Total & <tax>");
            List<String> fonts = new ArrayList<>();
            PDResources resources = pdf.getPage(0).getResources();
            for (COSName name : resources.getFontNames()) {
                PDFont font = resources.getFont(name);
                assertThat(font.isEmbedded()).as(font.getName()).isTrue();
                fonts.add(font.getName());
            }
            assertThat(fonts).as("regular and bold").hasSize(2)
                    .anyMatch(f -> f.endsWith("+DejaVuSans")).anyMatch(f -> f.endsWith("+DejaVuSans-Bold"));
        }
    }

    @Test
    void oneRendererServesDocumentsMadeAtTheSameTime() throws Exception {
        List<Callable<String>> jobs = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            String text = "Document " + i;
            jobs.add(() -> {
                try (PDDocument pdf = Loader.loadPDF(renderer.render(TEMPLATE, Map.of("text", text, "bold", "b"),
                        Locale.ROOT))) {
                    return new PDFTextStripper().getText(pdf);
                }
            });
        }
        try (ExecutorService pool = Executors.newFixedThreadPool(4)) {
            List<Future<String>> done = pool.invokeAll(jobs);
            for (int i = 0; i < done.size(); i++) {
                assertThat(done.get(i).get()).contains("Document " + i);
            }
        }
    }

    @Test
    void reusesItsParsedFontsDocumentAfterDocument() throws IOException {
        renderer.warmUp();
        // each document asks for glyphs the earlier ones did not use: every subset is made from the whole font again
        List<String> texts = List.of("Invoice 1", "Zürich – € Ø", "Ærøskøbing ½ ¼ §");
        for (String text : texts) {
            try (PDDocument pdf = Loader.loadPDF(renderer.render(TEMPLATE, Map.of("text", text, "bold", "Total " + text),
                    Locale.ROOT))) {
                assertThat(new PDFTextStripper().getText(pdf)).contains(text, "Total " + text);
                PDResources resources = pdf.getPage(0).getResources();
                List<String> fonts = new ArrayList<>();
                for (COSName name : resources.getFontNames()) {
                    PDFont font = resources.getFont(name);
                    assertThat(font.isEmbedded()).as(font.getName()).isTrue();
                    fonts.add(font.getName());
                }
                assertThat(fonts).hasSize(2).anyMatch(f -> f.endsWith("+DejaVuSans"))
                        .anyMatch(f -> f.endsWith("+DejaVuSans-Bold"));
            }
        }
    }

    @Test
    void refusesFewerThanOneRendererThread() {
        org.assertj.core.api.Assertions.assertThatIllegalArgumentException()
                .isThrownBy(() -> new OpenHtmlDocumentPdf(engine(), 0));
    }

    @org.junit.jupiter.api.AfterEach
    void stopTheRenderer() {
        renderer.destroy();
    }
}
