package org.fieldstone.pricing;

import java.util.Locale;
import java.util.Map;

/**
 * Prints a quote or invoice: renders one of the Thymeleaf templates the pages use ({@code documents/…}) into a PDF
 * with the fonts the application carries embedded, so every machine makes the same document. Made on request and
 * handed back as bytes: nothing is written anywhere.
 */
public interface DocumentPdf {

    /**
     * The PDF of {@code template} (a Thymeleaf template name, e.g. {@code documents/quote}) with {@code variables},
     * its messages and numbers in {@code locale}. The template must be well-formed XHTML.
     */
    byte[] render(String template, Map<String, Object> variables, Locale locale);
}
