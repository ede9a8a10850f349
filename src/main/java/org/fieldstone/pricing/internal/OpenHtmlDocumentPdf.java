package org.fieldstone.pricing.internal;

import com.openhtmltopdf.outputdevice.helper.BaseRendererBuilder.FontStyle;
import com.openhtmltopdf.pdfboxout.PDFontSupplier;
import com.openhtmltopdf.pdfboxout.PdfRendererBuilder;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.fontbox.ttf.TTFParser;
import org.apache.fontbox.ttf.TrueTypeFont;
import org.apache.pdfbox.io.RandomAccessReadBuffer;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.font.PDType0Font;
import org.fieldstone.pricing.DocumentPdf;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.io.ClassPathResource;
import org.springframework.stereotype.Component;
import org.thymeleaf.ITemplateEngine;
import org.thymeleaf.context.Context;

/**
 * {@link DocumentPdf} over openhtmltopdf (PDFBox 3): Thymeleaf renders the template, openhtmltopdf lays it out. The
 * fonts are read from the classpath once, at start-up, and embedded (subset) in every document under the family
 * {@value #FAMILY}, so no PDF depends on the fonts of the machine that made it.
 *
 * <p>Layout runs on a few renderer threads of its own ({@code fieldstone.documents.pdf-renderers}, default 1): a PDF
 * costs tens of milliseconds of CPU, and on a small machine as many PDFs at once as there are cores would take every
 * core from the other requests; callers wait their turn. Each renderer thread parses the fonts once and keeps them
 * (parsing them for every document was about a third of a PDF's CPU); a parsed font is not safe to share between
 * threads, and PDFBox's in-memory font data ignores the close that embedding a subset calls, so one thread reuses its
 * own. {@link #warmUp()} makes a first document in the background, so that the first request does not load the
 * renderer's classes.
 */
@Component
class OpenHtmlDocumentPdf implements DocumentPdf, DisposableBean {

    /** The font family the document templates ask for. */
    static final String FAMILY = "Document Sans";

    private static final Logger log = LoggerFactory.getLogger(OpenHtmlDocumentPdf.class);

    /** A small document in both faces: what {@link #warmUp()} makes. */
    private static final String WARM_UP = """
            <html><head><style>body { font-family: 'Document Sans'; }</style></head>
            <body><p>Fieldstone 1’234.50 CHF</p><p><b>Total</b></p><table><tr><td>1</td></tr></table></body></html>""";

    private record Face(byte[] bytes, int weight) {
    }

    /** A face as one renderer thread parsed it. */
    private record ParsedFace(TrueTypeFont font, int weight) {
    }

    private final ITemplateEngine templates;
    private final List<Face> faces;
    private final ThreadPoolExecutor renderers;
    private final ThreadLocal<List<ParsedFace>> parsed = ThreadLocal.withInitial(this::parse);

    OpenHtmlDocumentPdf(ITemplateEngine templates) {
        this(templates, 1);
    }

    @Autowired
    OpenHtmlDocumentPdf(ITemplateEngine templates, @Value("${fieldstone.documents.pdf-renderers:1}") int renderers) {
        if (renderers < 1) {
            throw new IllegalArgumentException("fieldstone.documents.pdf-renderers must be at least 1: " + renderers);
        }
        this.templates = templates;
        this.faces = List.of(new Face(font("fonts/DejaVuSans.ttf"), 400), new Face(font("fonts/DejaVuSans-Bold.ttf"), 700));
        AtomicInteger n = new AtomicInteger();
        // the queue holds at most one document per waiting caller (request threads are bounded by Tomcat's pool)
        this.renderers = new ThreadPoolExecutor(renderers, renderers, 0, TimeUnit.SECONDS, new LinkedBlockingQueue<>(),
                r -> {
                    Thread t = new Thread(r, "document-pdf-" + n.getAndIncrement());
                    t.setDaemon(true);
                    return t;
                });
    }

    @Override
    public byte[] render(String template, Map<String, Object> variables, Locale locale) {
        String html = templates.process(template, new Context(locale, variables));
        return onRenderer(html, template);
    }

    /**
     * Makes a first document on every renderer thread, in the background (returns at once): loads openhtmltopdf's and
     * PDFBox's classes and parses the fonts before the first request needs them. A failure is logged and changes
     * nothing: the first real document then does the same work.
     */
    void warmUp() {
        try {
            for (int i = 0; i < renderers.getCorePoolSize(); i++) {
                renderers.execute(() -> {
                    try {
                        long start = System.nanoTime();
                        layOut(WARM_UP, "the warm-up document");
                        log.debug("PDF renderer warmed up in {} ms", (System.nanoTime() - start) / 1_000_000);
                    } catch (RuntimeException | LinkageError e) {
                        log.warn("Could not warm up the PDF renderer; the first PDF will take longer", e);
                    }
                });
            }
        } catch (RuntimeException e) {
            log.warn("Could not warm up the PDF renderer; the first PDF will take longer", e);
        }
    }

    private byte[] onRenderer(String html, String template) {
        Future<byte[]> pdf = renderers.submit(() -> layOut(html, template));
        try {
            return pdf.get();
        } catch (InterruptedException e) {
            pdf.cancel(true);
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while waiting for the PDF of " + template, e);
        } catch (ExecutionException e) {
            switch (e.getCause()) {
                case RuntimeException r -> throw r;
                case Error r -> throw r;
                case null, default -> throw new IllegalStateException("Cannot render " + template + " as PDF", e.getCause());
            }
        }
    }

    /** On a renderer thread: lays the XHTML out with this thread's parsed fonts. */
    private byte[] layOut(String html, String template) {
        ByteArrayOutputStream pdf = new ByteArrayOutputStream(32 * 1024);
        PDDocument document = new PDDocument();
        try {
            PdfRendererBuilder builder = new PdfRendererBuilder()
                    .usePDDocument(document)
                    .withProducer("Fieldstone")
                    .withHtmlContent(html, null)
                    .toStream(pdf);
            for (ParsedFace face : parsed.get()) {
                // embedded as a subset of the glyphs used, like a font given as a stream
                builder.useFont(new PDFontSupplier(PDType0Font.load(document, face.font(), true)), FAMILY,
                        face.weight(), FontStyle.NORMAL, true);
            }
            builder.run();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot render " + template + " as PDF", e);
        } finally {
            try {
                document.close(); // the renderer closes it too; closing twice does nothing
            } catch (IOException e) {
                log.debug("Closing a PDF document failed", e);
            }
        }
        return pdf.toByteArray();
    }

    /** This thread's own parse of the faces (in memory: closing one, as embedding a subset does, keeps it readable). */
    private List<ParsedFace> parse() {
        List<ParsedFace> fonts = new ArrayList<>();
        for (Face face : faces) {
            try {
                fonts.add(new ParsedFace(new TTFParser().parse(new RandomAccessReadBuffer(face.bytes())), face.weight()));
            } catch (IOException e) {
                throw new UncheckedIOException("The document font cannot be read", e);
            }
        }
        return List.copyOf(fonts);
    }

    @Override
    public void destroy() {
        renderers.shutdownNow();
    }

    private static byte[] font(String path) {
        try (InputStream in = new ClassPathResource(path).getInputStream()) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("The document font " + path + " is missing from the classpath", e);
        }
    }
}
