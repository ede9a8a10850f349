package org.fieldstone.tenancy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.fieldstone.shared.Permission;
import org.junit.jupiter.api.Test;

/** The record a write returns, without Spring: typed values across the engines' driver types, opened on first use. */
class WrittenTests {

    static final Column<String> TITLE = Column.of("title", String.class);
    static final Column<String> NOTES = Column.of("notes", String.class).sealed();
    static final Column<Boolean> DONE = Column.of("done", Boolean.class);
    static final Column<Long> DUE_AT = Column.of("due_at", Long.class);
    static final Column<Integer> POSITION = Column.of("position", Integer.class);
    static final RecordType THINGS = RecordType.of("things", "thing", Permission.JOBS_WRITE, null,
            TITLE, NOTES, DONE, DUE_AT, POSITION).numbered("number", "T-");

    static Map<String, Object> row(Object... pairs) {
        Map<String, Object> row = new HashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            row.put((String) pairs[i], pairs[i + 1]);
        }
        return row;
    }

    @Test
    void valuesComeBackInTheirColumnsTypesWhicheverEngineStoredThem() {
        // SQLite hands back booleans as 0/1 and small integers as Integer; PostgreSQL a BIGINT as Long
        Written sqlite = new Written(THINGS, "t1", 3, row("title", "Boiler", "done", 1, "due_at", 1_700_000_000,
                "position", 2L, "number", "T-0007", "created_at", 1_000, "updated_at", 2_000L, "created_by", "u1",
                "updated_by", "u2"), Set.of(), null);
        assertThat(sqlite.id()).isEqualTo("t1");
        assertThat(sqlite.version()).isEqualTo(3);
        assertThat(sqlite.get(TITLE)).isEqualTo("Boiler");
        assertThat(sqlite.get(DONE)).isTrue();
        assertThat(sqlite.get(DUE_AT)).isEqualTo(1_700_000_000L);
        assertThat(sqlite.get(POSITION)).isEqualTo(2);
        assertThat(sqlite.number()).isEqualTo("T-0007");
        assertThat(sqlite.createdAt()).isEqualTo(Instant.ofEpochMilli(1_000));
        assertThat(sqlite.updatedAt()).isEqualTo(Instant.ofEpochMilli(2_000));
        assertThat(sqlite.createdBy()).isEqualTo("u1");
        assertThat(sqlite.updatedBy()).isEqualTo("u2");

        Written postgres = new Written(THINGS, "t1", 3, row("done", false, "notes", null), Set.of(), null);
        assertThat(postgres.get(DONE)).isFalse();
        assertThat(postgres.get(NOTES)).as("a null is null, sealed or not").isNull();
        assertThat(postgres.get(DUE_AT)).isNull();
    }

    @Test
    void aValueStillSealedIsOpenedOnlyWhenAskedForAndOnlyOnce() {
        List<String> opened = new ArrayList<>();
        Written.Opener opener = (column, stored) -> {
            opened.add(column);
            return stored.replace("sealed:", "");
        };
        Written written = new Written(THINGS, "t1", 2, row("title", "Boiler", "notes", "sealed:ring first"),
                Set.of("notes"), opener);
        assertThat(written.get(TITLE)).isEqualTo("Boiler");
        assertThat(opened).isEmpty();
        assertThat(written.get(NOTES)).isEqualTo("ring first");
        assertThat(written.get(NOTES)).isEqualTo("ring first");
        assertThat(opened).containsExactly("notes");

        Written given = new Written(THINGS, "t1", 2, row("notes", "as given"), Set.of(), null);
        assertThat(given.get(NOTES)).as("a value the write was given is returned as given").isEqualTo("as given");
    }

    @Test
    void aColumnOfAnotherTableOrTypeIsRefusedAsInChanges() {
        Written written = new Written(THINGS, "t1", 1, row("title", "Boiler"), Set.of(), null);
        assertThatThrownBy(() -> written.get(Column.of("colour", String.class)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("things has no column colour");
        assertThatThrownBy(() -> written.get(Column.of("title", Long.class)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("title");
        assertThatThrownBy(() -> new Written(THINGS, "t1", 1, row(), Set.of("notes"), null))
                .as("a sealed value needs something to open it").isInstanceOf(NullPointerException.class);
    }
}
