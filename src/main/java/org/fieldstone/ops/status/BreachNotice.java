package org.fieldstone.ops.status;

import java.time.Instant;

/** An owner of an affected company was emailed about a breach, at {@code sentAt}. */
public record BreachNotice(String companyId, String slug, String email, Instant sentAt) {
}
