package org.fieldstone.jobs.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.fieldstone.tenancy.Changes;
import org.junit.jupiter.api.Test;

/** The jobs module's tables as declared, without Spring: what is sealed, and that a write names only its table's columns. */
class JobTablesTests {

    @Test
    void theSealedColumnsAreTheOnesThatWereSealedBeforeTheTablesWereTypedAndTheMoneyOfAQuote() {
        assertThat(JobTables.JOBS.sensitive()).containsExactlyInAnyOrder("description", "line_items", "discount",
                "deposit_due");
        assertThat(JobTables.NOTES.sensitive()).containsExactly("body");
        // the printed name of whoever signed at Finish is personal data (issue 14)
        assertThat(JobTables.VISITS.sensitive()).containsExactly("signed_by");
        assertThat(JobTables.SERIES.sensitive()).isEmpty();
        assertThat(JobTables.CHECKLIST_ITEMS.sensitive()).isEmpty();
        assertThat(JobTables.TEMPLATES.sensitive()).isEmpty();
        assertThat(JobTables.JOBS.indexes()).isEqualTo(Map.of());
        assertThat(JobTables.JOBS.numbering().column()).isEqualTo("number");
        assertThat(JobTables.VISITS.scope()).isEqualTo("job_id");
        assertThat(JobTables.CHECKLIST_ITEMS.scope()).isEqualTo("job_id");
        assertThat(JobTables.NOTES.scope()).isEqualTo("job_id");
        assertThat(JobTables.SERIES.scope()).isEqualTo("job_id");
    }

    @Test
    void aColumnOfAnotherJobsTableIsRefusedWhereTheChangeIsBuilt() {
        assertThatThrownBy(() -> Changes.of(JobTables.VISITS).set(JobTables.TITLE, "Boiler"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("visits has no column title");
        assertThatThrownBy(() -> Changes.of(JobTables.JOBS).set(JobTables.POSITION, 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("jobs has no column position");
        assertThatThrownBy(() -> Changes.of(JobTables.TEMPLATES).set(JobTables.BODY, "text"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("checklist_templates has no column body");
        // the job's number is the write path's to give, never a caller's
        assertThat(JobTables.JOBS.columns()).doesNotContain("number");
    }
}
