package org.fieldstone.tenancy;

import java.util.Objects;

/**
 * One column of a business table as the write path sees it, declared once by the module that owns the table: its
 * name, the Java type of its values, whether it is sensitive (sealed at rest and in the audit trail) and how it is
 * searched, or that it is a secret (stored, never written into the audit trail). A {@link RecordType} is made of its columns, and {@link Changes} are built against them, so a write to a
 * column the table does not have, or of a value of the wrong type, does not compile or fails where it is built.
 */
public record Column<T>(String name, Class<T> type, boolean isSensitive, SearchIndex index, boolean isSecret) {

    public Column {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        if (index != null && !isSensitive) {
            throw new IllegalArgumentException("Only a sensitive column is searched through blind indexes: " + name);
        }
        if (index != null && isSecret) {
            throw new IllegalArgumentException("A secret is not searched: " + name);
        }
    }

    public Column(String name, Class<T> type, boolean isSensitive, SearchIndex index) {
        this(name, type, isSensitive, index, false);
    }

    public static <T> Column<T> of(String name, Class<T> type) {
        return new Column<>(name, type, false, null, false);
    }

    /** This column sealed at rest (and its before/after values in the audit trail). */
    public Column<T> sealed() {
        return new Column<>(name, type, true, index, isSecret);
    }

    /** This column sealed and searchable: an exact blind index or blind-indexed word prefixes. */
    public Column<T> searchable(SearchIndex how) {
        return new Column<>(name, type, true, Objects.requireNonNull(how), isSecret);
    }

    /**
     * This column a secret, e.g. a password hash or an API key's hash: the write path stores it as given (sealed
     * too if {@link #sealed()}) and versions the write, but never puts its value, before or after, into the audit
     * trail, which says only what happened (the action) and the other columns' changes.
     */
    public Column<T> secret() {
        return new Column<>(name, type, isSensitive, index, true);
    }
}
