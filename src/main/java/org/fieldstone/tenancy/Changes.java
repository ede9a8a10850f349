package org.fieldstone.tenancy;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The values of a write through the {@link RecordStore}, set column by column against a {@link RecordType}'s
 * declared {@link Column}s: a column of another table is refused as it is set (a programming error, never the
 * user's), and a value's type is checked by the compiler. A null value clears a column.
 */
public final class Changes {

    private final RecordType type;
    private final Map<String, Object> values = new LinkedHashMap<>();

    private Changes(RecordType type) {
        this.type = type;
    }

    /** Changes to a record of {@code type}. */
    public static Changes of(RecordType type) {
        return new Changes(type);
    }

    public <T> Changes set(Column<T> column, T value) {
        if (!type.has(column)) {
            throw new IllegalArgumentException(type.table() + " has no column " + column.name() + " of type "
                    + column.type().getSimpleName());
        }
        values.put(column.name(), value);
        return this;
    }

    /** Sets the column only when {@code value} is not null (a value the caller did not send is left alone). */
    public <T> Changes setIfPresent(Column<T> column, T value) {
        return value == null ? this : set(column, value);
    }

    public RecordType type() {
        return type;
    }

    public boolean isEmpty() {
        return values.isEmpty();
    }

    /** The values by column name, in the order they were set. */
    public Map<String, Object> values() {
        return Collections.unmodifiableMap(values);
    }
}
