package org.fieldstone.pricing;

import java.util.List;
import java.util.function.Supplier;
import org.fieldstone.shared.TenantId;

/**
 * Quotes and invoices as their reads last opened them: the sealed columns decrypted, the lines parsed and the figures
 * reckoned, kept in memory so that a read of a document that has not changed does not do it all again.
 *
 * <p>An entry is found by company, table, row id and version, and served only if every stored value of the row it was
 * made from (ciphertexts included) is still the same: a write through the write path bumps the version, and anything
 * else that changes the row (a key rotation re-sealing it, a restore) changes its stored values, so a change is never
 * served stale. A company's entries are dropped when it is suspended, deleted or destroyed. The opened values live in
 * this process's memory only (bounded, and dropped after a while unused); they are never written anywhere.
 */
public interface OpenedDocuments {

    /**
     * The value {@code open} makes of the row {@code id} of {@code table} in {@code company} at {@code version}, whose
     * stored values (every column the value depends on, as read) are {@code stored}: the one kept, or made now and
     * kept. {@code open} must depend on nothing but those stored values.
     */
    <V> V open(TenantId company, String table, String id, long version, List<String> stored, Class<V> type,
               Supplier<V> open);
}
