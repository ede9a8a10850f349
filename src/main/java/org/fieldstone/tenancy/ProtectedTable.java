package org.fieldstone.tenancy;

import java.util.Map;
import java.util.Set;

/**
 * A table with encrypted columns, as key rotation sees it: which columns hold ciphertext and which are
 * searchable through blind indexes. Every module declares a bean for each of its tables with sensitive
 * columns, so a rotation re-encrypts all of them; a {@link RecordType} gives its own with
 * {@link RecordType#protectedTable()}.
 */
public record ProtectedTable(String table, String idColumn, Set<String> sensitive, Map<String, SearchIndex> indexes) {

    public ProtectedTable {
        sensitive = Set.copyOf(sensitive);
        indexes = Map.copyOf(indexes);
        if (!sensitive.containsAll(indexes.keySet())) {
            throw new IllegalArgumentException("Only encrypted columns of " + table + " are blind-indexed");
        }
    }
}
