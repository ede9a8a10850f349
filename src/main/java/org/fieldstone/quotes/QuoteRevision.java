package org.fieldstone.quotes;

import java.time.Instant;

/** A revision of a quote as it was sent: readable after the quote changed. */
public record QuoteRevision(int revision, Instant sentAt, String revisionHash, Quote content) {
}
