package org.fieldstone.ops.status;

import java.util.List;

/**
 * A company a breach affected: its audit trail shows {@code entries} entries on {@code records} distinct records in
 * the breach's window; {@code entityTypes} says which kinds of record (never their content).
 */
public record AffectedCompany(String companyId, String slug, String name, long entries, long records, List<String> entityTypes) {
}
