package org.fieldstone.quotes;

import java.util.Locale;
import org.fieldstone.shared.Actor;

/** Quotes as PDFs (the same sheet the API's {@code /pdf} prints), for modules that send them, e.g. by email. */
public interface QuotePdfs {

    /** The quote as the actor may read it, printed in {@code locale} (null: the company country's format). */
    byte[] pdf(Actor actor, String quoteId, Locale locale);
}
