package org.fieldstone.jobs.internal;

import org.fieldstone.shared.Permission;
import org.fieldstone.tenancy.Column;
import org.fieldstone.tenancy.ProtectedTable;
import org.fieldstone.tenancy.RecordType;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The jobs module's tables as the one write path sees them, each declared once by its {@link Column}s: every write
 * is built as {@link org.fieldstone.tenancy.Changes} against them. Times are UTC epoch milliseconds; lists (tags,
 * assignees, exceptions, items) are JSON arrays as text.
 */
final class JobTables {

    // jobs: numbered J-0001 …; the description and the line items (which describe the work) are sealed
    static final Column<String> CLIENT_ID = Column.of("client_id", String.class);
    static final Column<String> PROPERTY_ID = Column.of("property_id", String.class);
    static final Column<String> TITLE = Column.of("title", String.class);
    static final Column<String> DESCRIPTION = Column.of("description", String.class).sealed();
    /** A {@link org.fieldstone.jobs.Priority}'s name. */
    static final Column<String> PRIORITY = Column.of("priority", String.class);
    static final Column<String> TAGS = Column.of("tags", String.class);
    /** A {@link org.fieldstone.jobs.JobStatus}'s name. */
    static final Column<String> STATUS = Column.of("status", String.class);
    /** The line items as JSON ({@link JobRecords.LineItemJson}), sealed. */
    static final Column<String> LINE_ITEMS = Column.of("line_items", String.class).sealed();
    static final Column<String> CREW_ID = Column.of("crew_id", String.class);
    static final Column<String> ASSIGNEES = Column.of("assignees", String.class);
    static final Column<Long> COMPLETED_AT = Column.of("completed_at", Long.class);
    /** The approved quote the job was converted from. */
    static final Column<String> QUOTE_ID = Column.of("quote_id", String.class);
    /** The job's discount as {@link org.fieldstone.pricing.Discount#format()}, sealed. */
    static final Column<String> DISCOUNT = Column.of("discount", String.class).sealed();
    /** The deposit asked for, minor units as text, sealed. */
    static final Column<String> DEPOSIT_DUE = Column.of("deposit_due", String.class).sealed();

    static final RecordType JOBS = RecordType.of("jobs", "job", Permission.JOBS_WRITE, null,
            CLIENT_ID, PROPERTY_ID, TITLE, DESCRIPTION, PRIORITY, TAGS, STATUS, LINE_ITEMS, CREW_ID, ASSIGNEES,
            COMPLETED_AT, QUOTE_ID, DISCOUNT, DEPOSIT_DUE).numbered("number", "J-");

    /** The parent of a job's visits, series, checklist items and notes. */
    static final Column<String> JOB_ID = Column.of("job_id", String.class);

    // visits
    static final Column<Long> STARTS_AT = Column.of("starts_at", Long.class);
    static final Column<Long> ENDS_AT = Column.of("ends_at", Long.class);
    static final Column<String> VISIT_ASSIGNEES = Column.of("assignees", String.class);
    /** A {@link org.fieldstone.jobs.VisitStatus}'s name. */
    static final Column<String> VISIT_STATUS = Column.of("status", String.class);
    static final Column<Long> EN_ROUTE_AT = Column.of("en_route_at", Long.class);
    static final Column<Long> STARTED_AT = Column.of("started_at", Long.class);
    static final Column<Long> FINISHED_AT = Column.of("finished_at", Long.class);
    static final Column<String> SERIES_ID = Column.of("series_id", String.class);
    /** The series' local start time the visit stands for (ISO local date-time). */
    static final Column<String> OCCURRENCE = Column.of("occurrence", String.class);
    static final Column<Boolean> DETACHED = Column.of("detached", Boolean.class);

    /** The customer's signature collected at Finish: a file of the visit (V36). */
    static final Column<String> SIGNATURE_FILE_ID = Column.of("signature_file_id", String.class);
    /** The printed name of who signed, sealed. */
    static final Column<String> SIGNED_BY = Column.of("signed_by", String.class).sealed();
    static final Column<Long> SIGNED_AT = Column.of("signed_at", Long.class);

    /** When the client confirmed the visit (an SMS reply {@code C}/{@code YES}, V42). */
    static final Column<Long> CONFIRMED_BY_CLIENT_AT = Column.of("confirmed_by_client_at", Long.class);

    static final RecordType VISITS = RecordType.of("visits", "visit", Permission.JOBS_WRITE, JOB_ID,
            JOB_ID, STARTS_AT, ENDS_AT, VISIT_ASSIGNEES, VISIT_STATUS, EN_ROUTE_AT, STARTED_AT, FINISHED_AT, SERIES_ID,
            OCCURRENCE, DETACHED, SIGNATURE_FILE_ID, SIGNED_BY, SIGNED_AT, CONFIRMED_BY_CLIENT_AT);

    // recurring series
    static final Column<String> RRULE = Column.of("rrule", String.class);
    /** The first occurrence's local start (ISO local date-time). */
    static final Column<String> FIRST_START = Column.of("first_start", String.class);
    static final Column<Long> DURATION_MIN = Column.of("duration_min", Long.class);
    static final Column<String> SERIES_ASSIGNEES = Column.of("assignees", String.class);
    /** Occurrences not generated again (deleted visits), a JSON array. */
    static final Column<String> EXCEPTIONS = Column.of("exceptions", String.class);
    static final Column<Boolean> ENDED = Column.of("ended", Boolean.class);

    static final RecordType SERIES = RecordType.of("visit_series", "visit_series", Permission.JOBS_ASSIGN, JOB_ID,
            JOB_ID, RRULE, FIRST_START, DURATION_MIN, SERIES_ASSIGNEES, EXCEPTIONS, ENDED);

    // checklist items
    static final Column<Integer> POSITION = Column.of("position", Integer.class);
    static final Column<String> TEXT = Column.of("text", String.class);
    static final Column<Boolean> REQUIRED = Column.of("required", Boolean.class);
    static final Column<Boolean> DONE = Column.of("done", Boolean.class);
    static final Column<String> DONE_BY = Column.of("done_by", String.class);
    static final Column<Long> DONE_AT = Column.of("done_at", Long.class);

    static final RecordType CHECKLIST_ITEMS = RecordType.of("job_checklist_items", "checklist_item",
            Permission.JOBS_WRITE, JOB_ID, JOB_ID, POSITION, TEXT, REQUIRED, DONE, DONE_BY, DONE_AT);

    // internal notes: the body is sealed
    static final Column<String> BODY = Column.of("body", String.class).sealed();

    static final RecordType NOTES = RecordType.of("job_notes", "job_note", Permission.JOBS_WRITE, JOB_ID, JOB_ID, BODY);

    // the company's checklist templates
    static final Column<String> TEMPLATE_NAME = Column.of("name", String.class);
    /** The items as JSON ({@link org.fieldstone.jobs.ChecklistTemplate.Item}s). */
    static final Column<String> TEMPLATE_ITEMS = Column.of("items", String.class);

    static final RecordType TEMPLATES = RecordType.of("checklist_templates", "checklist_template",
            Permission.SETTINGS_MANAGE, null, TEMPLATE_NAME, TEMPLATE_ITEMS);

    private JobTables() {
    }

    /** The encrypted tables, for key rotation. */
    @Configuration(proxyBeanMethods = false)
    static class Protected {

        @Bean
        ProtectedTable jobsTable() {
            return JOBS.protectedTable();
        }

        @Bean
        ProtectedTable jobNotesTable() {
            return NOTES.protectedTable();
        }
    }
}
