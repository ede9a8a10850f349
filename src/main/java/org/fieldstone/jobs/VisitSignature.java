package org.fieldstone.jobs;

import java.time.Instant;

/**
 * The customer's signature on a finished visit: the PNG is the file {@code fileId} (a file of the visit, read through
 * the files facade), signed by {@code signedBy} (the printed name) at {@code signedAt}.
 */
public record VisitSignature(String visitId, String fileId, String signedBy, Instant signedAt) {
}
