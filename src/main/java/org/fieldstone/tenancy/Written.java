package org.fieldstone.tenancy;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * A record as the write path left it: its id, its new version (the {@code ETag} of the API) and its row, so a caller
 * answers a request without reading (and opening) the record again. Values are read through the table's declared
 * {@link Column}s, {@link #get(Column)}, in the column's Java type whichever engine stored them (SQLite's 0/1 is a
 * {@code Boolean}, an integer a {@code Long} or {@code Integer}).
 * <ul>
 *   <li>After an insert: the values given (as given, opened), the table's defaults for the columns not given, the
 *       human number if the type is numbered, version 1.</li>
 *   <li>After a change: the row loaded under the write's lock with the changed values applied, the new version and
 *       {@code updated_at/by}; a change that changed nothing leaves the row and its version as they were.</li>
 * </ul>
 * Sensitive values the write did not set are opened (through {@link FieldProtection}) only when asked for, once.
 */
public final class Written {

    /** Opens a stored (sealed) value of a sensitive column of this record. */
    @FunctionalInterface
    public interface Opener {
        String open(String column, String stored);
    }

    private final RecordType type;
    private final String id;
    private final long version;
    private final Map<String, Object> row;
    private final Set<String> sealed;
    private final Opener opener;
    private final Map<String, Object> opened = new HashMap<>();

    /**
     * Made by the write path.
     *
     * @param row    the record's columns by (lower-case) name, bookkeeping included
     * @param sealed the columns whose value in {@code row} is still sealed (opened by {@code opener} on first use)
     */
    public Written(RecordType type, String id, long version, Map<String, Object> row, Set<String> sealed, Opener opener) {
        this.type = Objects.requireNonNull(type, "type");
        this.id = Objects.requireNonNull(id, "id");
        this.version = version;
        this.row = new HashMap<>(row);
        this.sealed = Set.copyOf(sealed);
        this.opener = sealed.isEmpty() ? null : Objects.requireNonNull(opener, "opener");
    }

    public String id() {
        return id;
    }

    /** The record's version after the write: the {@code ETag} of the API and the next write's expected version. */
    public long version() {
        return version;
    }

    public RecordType type() {
        return type;
    }

    /** The value of one of the type's columns, opened if sensitive; a column of another table is refused. */
    public <T> T get(Column<T> column) {
        if (!type.has(column)) {
            throw new IllegalArgumentException(type.table() + " has no column " + column.name() + " of type "
                    + column.type().getSimpleName());
        }
        return as(column.type(), value(column.name()));
    }

    /** The record's human number (e.g. {@code J-0042}) if its type is numbered, else null. */
    public String number() {
        return type.numbering() == null ? null : as(String.class, row.get(type.numbering().column()));
    }

    public Instant createdAt() {
        return instant("created_at");
    }

    public Instant updatedAt() {
        return instant("updated_at");
    }

    /** Who created it: a user's id, or the name of an actor without one. */
    public String createdBy() {
        return as(String.class, row.get("created_by"));
    }

    public String updatedBy() {
        return as(String.class, row.get("updated_by"));
    }

    private synchronized Object value(String column) {
        if (!sealed.contains(column)) {
            return row.get(column);
        }
        if (!opened.containsKey(column)) {
            Object stored = row.get(column);
            opened.put(column, stored == null ? null : opener.open(column, stored.toString()));
        }
        return opened.get(column);
    }

    private Instant instant(String column) {
        Long millis = as(Long.class, row.get(column));
        return millis == null ? null : Instant.ofEpochMilli(millis);
    }

    /** A stored value in a column's Java type, across the engines' driver types. */
    @SuppressWarnings("unchecked")
    static <T> T as(Class<T> type, Object value) {
        if (value == null || type.isInstance(value)) {
            return (T) value;
        }
        Object converted;
        if (type == Boolean.class) {
            converted = value instanceof Number n ? n.intValue() != 0 : switch (value.toString().toLowerCase(Locale.ROOT)) {
                case "true", "t", "1" -> true;
                case "false", "f", "0" -> false;
                default -> throw new IllegalStateException("Not a boolean: " + value);
            };
        } else if (type == Long.class) {
            converted = value instanceof Number n ? n.longValue() : Long.valueOf(value.toString());
        } else if (type == Integer.class) {
            converted = value instanceof Number n ? n.intValue() : Integer.valueOf(value.toString());
        } else if (type == BigDecimal.class) {
            converted = new BigDecimal(value.toString());
        } else if (type == String.class) {
            converted = value.toString();
        } else {
            converted = type.cast(value);
        }
        return (T) converted;
    }

    @Override
    public String toString() {
        return "Written[" + type.entityType() + " " + id + " v" + version + "]";
    }
}
