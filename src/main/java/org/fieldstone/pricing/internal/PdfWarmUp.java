package org.fieldstone.pricing.internal;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Warms the PDF renderer once the server is ready, in the background ({@link OpenHtmlDocumentPdf#warmUp()}): start-up
 * does not wait for it, a failure only makes the first PDF slower, and a CLI command (no web server) skips it.
 * {@code fieldstone.documents.pdf-warm-up=false} turns it off.
 */
@Component
@ConditionalOnWebApplication
@ConditionalOnProperty(name = "fieldstone.documents.pdf-warm-up", havingValue = "true", matchIfMissing = true)
class PdfWarmUp {

    private final OpenHtmlDocumentPdf pdf;

    PdfWarmUp(OpenHtmlDocumentPdf pdf) {
        this.pdf = pdf;
    }

    @EventListener(ApplicationReadyEvent.class)
    void warmUp() {
        pdf.warmUp();
    }
}
