package org.fieldstone.tenancy;

import java.util.Objects;

/**
 * One column of a business table as the write path sees it, declared once by the module that owns the table: its
 * name, the Java type of its values, whether it is sensitive (sealed at rest and in the audit trail) and how it is
 * searched. A {@link RecordType} is made of its columns, and {@link Changes} are built against them, so a write to a
 * column the table does not have, or of a value of the wrong type, does not compile or fails where it is built.
 */
public record Column<T>(String name, Class<T> type, boolean isSensitive, SearchIndex index) {

    public Column {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        if (index != null && !isSensitive) {
            throw new IllegalArgumentException("Only a sensitive column is searched through blind indexes: " + name);
        }
    }

    public static <T> Column<T> of(String name, Class<T> type) {
        return new Column<>(name, type, false, null);
    }

    /** This column sealed at rest (and its before/after values in the audit trail). */
    public Column<T> sealed() {
        return new Column<>(name, type, true, index);
    }

    /** This column sealed and searchable: an exact blind index or blind-indexed word prefixes. */
    public Column<T> searchable(SearchIndex how) {
        return new Column<>(name, type, true, Objects.requireNonNull(how));
    }
}
