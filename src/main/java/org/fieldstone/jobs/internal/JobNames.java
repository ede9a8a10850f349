package org.fieldstone.jobs.internal;

import java.util.Map;
import org.fieldstone.shared.Permission;
import org.fieldstone.tenancy.CompanyDatabases;
import org.fieldstone.tenancy.SqlRecordNames;
import org.springframework.stereotype.Component;

/** Jobs, their visits, notes and checklist items in the audit log by the job's number (e.g. {@code J-0032}). */
@Component
class JobNames extends SqlRecordNames {

    JobNames(CompanyDatabases databases) {
        super(databases, Permission.JOBS_READ, Map.of(
                "job", "SELECT id, number FROM jobs WHERE id IN (:ids)",
                "visit", "SELECT v.id, j.number FROM visits v JOIN jobs j ON j.id = v.job_id WHERE v.id IN (:ids)",
                "job_note", "SELECT n.id, j.number FROM job_notes n JOIN jobs j ON j.id = n.job_id WHERE n.id IN (:ids)",
                "checklist_item", "SELECT c.id, j.number FROM job_checklist_items c JOIN jobs j ON j.id = c.job_id "
                        + "WHERE c.id IN (:ids)"));
    }
}
