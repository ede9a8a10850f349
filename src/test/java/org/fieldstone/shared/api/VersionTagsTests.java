package org.fieldstone.shared.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.fieldstone.shared.InvalidInput;
import org.junit.jupiter.api.Test;

/** If-Match and ETag as the API speaks them: a record's version, quoted. */
class VersionTagsTests {

    @Test
    void anETagIsTheQuotedVersion() {
        assertThat(VersionTags.etag(3)).isEqualTo("\"3\"");
    }

    @Test
    void readsStrongAndWeakTagsOfOneVersion() {
        assertThat(VersionTags.expectedVersion("\"3\"")).isEqualTo(3);
        assertThat(VersionTags.expectedVersion(" W/\"12\" ")).isEqualTo(12);
    }

    @Test
    void aMissingIfMatchIsAPreconditionRequired() {
        assertThatThrownBy(() -> VersionTags.expectedVersion(null)).isInstanceOf(VersionTags.PreconditionRequired.class);
        assertThatThrownBy(() -> VersionTags.expectedVersion("  ")).isInstanceOf(VersionTags.PreconditionRequired.class);
    }

    @Test
    void anythingElseIsBadInputNamingTheHeader() {
        for (String bad : new String[] {"3", "\"three\"", "*", "\"1\", \"2\"", "W/3", "\"-1\"", "\"" + "9".repeat(19) + "\""}) {
            assertThatThrownBy(() -> VersionTags.expectedVersion(bad)).as(bad).isInstanceOf(InvalidInput.class)
                    .satisfies(e -> assertThat(((InvalidInput) e).asFieldErrors()).containsKey("If-Match"));
        }
    }
}
