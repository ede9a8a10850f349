package org.fieldstone.jobs.internal;

import java.util.Set;
import org.fieldstone.shared.Permission;
import org.fieldstone.tenancy.ProtectedTable;
import org.fieldstone.tenancy.RecordType;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The jobs module's tables as the one write path sees them. */
final class JobTables {

    /** Numbered J-0001 …; the description and the line items (which describe the work) are encrypted. */
    static final RecordType JOBS = new RecordType("jobs", "job", Permission.JOBS_WRITE,
            Set.of("client_id", "property_id", "title", "description", "priority", "tags", "status", "line_items",
                    "crew_id", "assignees", "completed_at"),
            Set.of("description", "line_items"), null).numbered("number", "J-");

    static final RecordType VISITS = new RecordType("visits", "visit", Permission.JOBS_WRITE,
            Set.of("job_id", "starts_at", "ends_at", "assignees", "status", "en_route_at", "started_at", "finished_at",
                    "series_id", "occurrence", "detached"),
            Set.of(), "job_id");

    static final RecordType SERIES = new RecordType("visit_series", "visit_series", Permission.JOBS_ASSIGN,
            Set.of("job_id", "rrule", "first_start", "duration_min", "assignees", "exceptions", "ended"),
            Set.of(), "job_id");

    static final RecordType CHECKLIST_ITEMS = new RecordType("job_checklist_items", "checklist_item", Permission.JOBS_WRITE,
            Set.of("job_id", "position", "text", "required", "done", "done_by", "done_at"), Set.of(), "job_id");

    static final RecordType NOTES = new RecordType("job_notes", "job_note", Permission.JOBS_WRITE,
            Set.of("job_id", "body"), Set.of("body"), "job_id");

    static final RecordType TEMPLATES = new RecordType("checklist_templates", "checklist_template",
            Permission.SETTINGS_MANAGE, Set.of("name", "items"), Set.of(), null);

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
