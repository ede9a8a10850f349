package org.fieldstone.tenancy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import java.util.Set;
import org.fieldstone.shared.Permission;
import org.junit.jupiter.api.Test;

/** Typed columns and changes, without Spring: a table is declared once, and a write names only its columns. */
class ChangesTests {

    static final Column<String> TITLE = Column.of("title", String.class);
    static final Column<String> SECRET = Column.of("secret", String.class).sealed();
    static final Column<String> NAME = Column.of("name", String.class).searchable(SearchIndex.WORDS);
    static final Column<Boolean> DONE = Column.of("done", Boolean.class);
    static final Column<String> PARENT = Column.of("parent_id", String.class);
    static final RecordType THINGS = RecordType.of("things", "thing", Permission.JOBS_WRITE, PARENT,
            PARENT, TITLE, SECRET, NAME, DONE);

    @Test
    void aTableDeclaredByItsColumnsKnowsWhatIsSealedAndSearched() {
        assertThat(THINGS.columns()).containsExactlyInAnyOrder("parent_id", "title", "secret", "name", "done");
        assertThat(THINGS.sensitive()).containsExactlyInAnyOrder("secret", "name");
        assertThat(THINGS.indexes()).isEqualTo(Map.of("name", SearchIndex.WORDS));
        assertThat(THINGS.scope()).isEqualTo("parent_id");
    }

    @Test
    void changesKeepTheOrderTheyWereSetInAndAcceptNullToClear() {
        Changes changes = Changes.of(THINGS).set(TITLE, "Boiler").set(DONE, true).set(SECRET, null);
        assertThat(changes.values().keySet()).containsExactly("title", "done", "secret");
        assertThat(changes.values().get("secret")).isNull();
        assertThat(Changes.of(THINGS).setIfPresent(TITLE, null).isEmpty()).isTrue();
    }

    @Test
    void aColumnOfAnotherTableOrOfAnotherTypeIsRefusedWhereTheChangeIsBuilt() {
        Column<String> elsewhere = Column.of("colour", String.class);
        assertThatThrownBy(() -> Changes.of(THINGS).set(elsewhere, "red"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("things has no column colour");
        Column<String> doneAsText = Column.of("done", String.class);
        assertThatThrownBy(() -> Changes.of(THINGS).set(doneAsText, "yes"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("done");
    }

    @Test
    void aSecretIsStoredAsGivenButNeverAudited() {
        Column<String> hash = Column.of("key_hash", String.class).secret();
        Column<String> sealedSecret = Column.of("token", String.class).sealed().secret();
        RecordType keys = RecordType.of("keys", "key", Permission.APIKEYS_OWN, null, TITLE, hash, sealedSecret);
        assertThat(keys.secrets()).containsExactlyInAnyOrder("key_hash", "token");
        assertThat(keys.sensitive()).as("a secret is sealed only if declared so").containsExactly("token");
        assertThat(THINGS.secrets()).isEmpty();
        assertThat(Changes.of(keys).set(hash, "abc").values()).containsEntry("key_hash", "abc");
        assertThatThrownBy(() -> Column.of("key_hash", String.class).secret().searchable(SearchIndex.EXACT))
                .hasMessageContaining("secret");
    }

    @Test
    void aDeclarationThatContradictsItselfIsRefused() {
        assertThatThrownBy(() -> RecordType.of("things", "thing", Permission.JOBS_WRITE, null, TITLE, TITLE))
                .hasMessageContaining("twice");
        assertThatThrownBy(() -> RecordType.of("things", "thing", Permission.JOBS_WRITE, PARENT, TITLE))
                .hasMessageContaining("scope");
        assertThatThrownBy(() -> new Column<>("title", String.class, false, SearchIndex.EXACT))
                .hasMessageContaining("sensitive");
        assertThatThrownBy(() -> RecordType.of("things", "thing", Permission.JOBS_WRITE, null, Column.of("version", Long.class)))
                .as("bookkeeping is the write path's").isInstanceOf(IllegalArgumentException.class);
        assertThat(Set.of(THINGS.table())).containsExactly("things");
    }
}
