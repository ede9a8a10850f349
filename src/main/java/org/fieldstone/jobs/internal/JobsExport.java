package org.fieldstone.jobs.internal;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.fieldstone.jobs.Job;
import org.fieldstone.jobs.JobNote;
import org.fieldstone.jobs.Visit;
import org.fieldstone.tenancy.CompanyDatabase;
import org.fieldstone.tenancy.ExportSection;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/** Every job, opened, with its visits and notes, in the company's export (after the checklist templates). */
@Component
@Order(30)
class JobsExport implements ExportSection {

    private final JobRecords records;
    private final java.time.Clock clock;

    JobsExport(JobRecords records, java.time.Clock clock) {
        this.records = records;
        this.clock = clock;
    }

    record ExportedJob(Job job, List<Visit> visits, List<JobNote> notes) {
    }

    @Override
    public String name() {
        return "jobs";
    }

    @Override
    public void export(CompanyDatabase db, Consumer<Object> item) {
        Instant now = clock.instant();
        for (String id : db.jdbc().sql("SELECT id FROM jobs ORDER BY created_at, id").query(String.class).list()) {
            records.job(db, id, JobAccess.Visibility.ALL, now).ifPresent(job -> item.accept(
                    new ExportedJob(job, records.visitsOf(db, id), records.notes(db, id, Map.of()))));
        }
    }
}
