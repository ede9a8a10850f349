package org.fieldstone.tenancy;

import java.util.List;
import java.util.Map;
import org.fieldstone.shared.TenantId;

/**
 * "Starts with" search on the words of a {@link SearchIndex#WORDS} column, over the blind-indexed word tokens the
 * write path keeps (no plaintext). The owning module puts the answer in its own query as a sub-query, so a search
 * stays one statement while only tenancy knows how the tokens are stored.
 */
public interface WordSearch {

    /**
     * For each word of {@code query}, a sub-query selecting the ids of the rows of {@code table} whose
     * {@code column} has a word starting with it; empty when the query has no word. Parameter names start with
     * {@code name} (letters only), so several searches can share a statement.
     */
    List<RowIds> rowsPerWord(TenantId tenant, String table, String column, String query, String name);

    /** A sub-query {@code SELECT row_id …} and its parameters. */
    record RowIds(String sql, Map<String, Object> params) {
    }
}
