package org.fieldstone.tenancy;

import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;
import org.fieldstone.shared.Message;
import org.fieldstone.shared.Permission;

/**
 * A table of mutable business records as the one write path sees it. Every such table has the columns
 * {@code id} (text), {@code version}, {@code created_at}, {@code created_by}, {@code updated_at} and
 * {@code updated_by} besides its own {@code columns}.
 *
 * @param table      the table in the company database
 * @param entityType the name in the audit trail and in events, e.g. {@code client}
 * @param write      the permission every write of this type needs
 * @param columns    the columns a write may set (anything else is refused)
 * @param sensitive  columns whose values are protected at rest (encrypted by the {@link FieldProtection}
 *                   in place), in the table and in the audit trail's before/after values
 * @param scope      the column tying a child record to its parent (e.g. {@code client_id}), or null
 * @param indexes    sensitive columns that stay searchable, and how ({@link SearchIndex}); the write path keeps
 *                   their blind indexes current
 * @param numbering  a human number the write path gives each new record (e.g. {@code J-0001}), or null
 * @param secrets    columns the write path stores but never writes into the audit trail ({@link Column#secret()})
 */
public record RecordType(String table, String entityType, Permission write, Set<String> columns, Set<String> sensitive,
                         String scope, Map<String, SearchIndex> indexes, Numbering numbering,
                         Map<String, Class<?>> columnTypes, Set<String> secrets) {

    /**
     * Human numbers per company: {@code prefix} and a gap-free sequence (at least four digits) in {@code column}.
     * The write path takes the next number in the insert's own transaction, so a failed insert takes none and a
     * number is never given twice, not even after its record is deleted.
     */
    public record Numbering(String column, String prefix) {

        public String format(long n) {
            return prefix + String.format(java.util.Locale.ROOT, "%04d", n);
        }
    }

    /**
     * The record's name in a sentence ("Someone else changed this job meanwhile"): the key
     * {@code tenancy.record.<entityType>} of {@code messages.properties}.
     */
    public org.fieldstone.shared.Message thing() {
        return org.fieldstone.shared.Message.of("tenancy.record." + entityType);
    }

    private static final Pattern NAME = Pattern.compile("^[a-z][a-z0-9_]{0,62}$");
    public static final Set<String> BOOKKEEPING = Set.of("id", "version", "created_at", "created_by", "updated_at", "updated_by");

    public RecordType {
        Objects.requireNonNull(write, "write permission");
        columns = Set.copyOf(columns);
        sensitive = Set.copyOf(sensitive);
        indexes = indexes == null ? Map.of() : Map.copyOf(indexes);
        columnTypes = columnTypes == null ? Map.of() : Map.copyOf(columnTypes);
        secrets = secrets == null ? Set.of() : Set.copyOf(secrets);
        // names are spliced into SQL, so they are checked here, once, against a strict pattern
        for (String name : columns) {
            if (!NAME.matcher(name).matches() || BOOKKEEPING.contains(name)) {
                throw new IllegalArgumentException("Not a column a write may set: " + name);
            }
        }
        if (!NAME.matcher(table).matches() || !columns.containsAll(sensitive)
                || (scope != null && !columns.contains(scope)) || !sensitive.containsAll(indexes.keySet())
                || !columns.containsAll(secrets)
                || (numbering != null && (!NAME.matcher(numbering.column()).matches() || columns.contains(numbering.column())))) {
            throw new IllegalArgumentException("Invalid record type " + table);
        }
    }

    public RecordType(String table, String entityType, Permission write, Set<String> columns, Set<String> sensitive,
                      String scope) {
        this(table, entityType, write, columns, sensitive, scope, Map.of(), null, null, null);
    }

    public RecordType(String table, String entityType, Permission write, Set<String> columns, Set<String> sensitive,
                      String scope, Map<String, SearchIndex> indexes) {
        this(table, entityType, write, columns, sensitive, scope, indexes, null, null, null);
    }

    /**
     * A table declared by its columns: which are sensitive and how they are searched comes from each {@link Column}.
     *
     * @param scope the column that names the parent (e.g. {@code client_id}), or null
     */
    public static RecordType of(String table, String entityType, Permission write, Column<?> scope, Column<?>... columns) {
        java.util.Set<String> names = new java.util.LinkedHashSet<>();
        java.util.Set<String> sensitive = new java.util.HashSet<>();
        java.util.Map<String, SearchIndex> indexes = new java.util.HashMap<>();
        java.util.Map<String, Class<?>> types = new java.util.HashMap<>();
        java.util.Set<String> secrets = new java.util.HashSet<>();
        for (Column<?> c : columns) {
            if (!names.add(c.name())) {
                throw new IllegalArgumentException(table + " declares " + c.name() + " twice");
            }
            types.put(c.name(), c.type());
            if (c.isSensitive()) {
                sensitive.add(c.name());
            }
            if (c.index() != null) {
                indexes.put(c.name(), c.index());
            }
            if (c.isSecret()) {
                secrets.add(c.name());
            }
        }
        if (scope != null && !types.containsKey(scope.name())) {
            throw new IllegalArgumentException(table + "'s scope " + scope.name() + " is not one of its columns");
        }
        return new RecordType(table, entityType, write, names, sensitive, scope == null ? null : scope.name(),
                indexes, null, types, secrets);
    }

    /** Whether {@code column} is one of this table's columns, of the same type where the table declared its columns. */
    public boolean has(Column<?> column) {
        if (!columns.contains(column.name())) {
            return false;
        }
        return columnTypes.isEmpty() || column.type().equals(columnTypes.get(column.name()));
    }

    /** This type with human numbers in {@code column} (which a write may not set), e.g. {@code J-0001}. */
    public RecordType numbered(String column, String prefix) {
        return new RecordType(table, entityType, write, columns, sensitive, scope, indexes, new Numbering(column, prefix),
                columnTypes, secrets);
    }

    /** This table as key rotation sees it. */
    public ProtectedTable protectedTable() {
        return new ProtectedTable(table, "id", sensitive, indexes);
    }
}
