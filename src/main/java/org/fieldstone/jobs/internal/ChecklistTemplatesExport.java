package org.fieldstone.jobs.internal;

import java.util.function.Consumer;
import org.fieldstone.tenancy.CompanyDatabase;
import org.fieldstone.tenancy.ExportSection;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/** The company's checklist templates in its export. */
@Component
@Order(29)
class ChecklistTemplatesExport implements ExportSection {

    private final JobRecords records;

    ChecklistTemplatesExport(JobRecords records) {
        this.records = records;
    }

    @Override
    public String name() {
        return "checklistTemplates";
    }

    @Override
    public void export(CompanyDatabase db, Consumer<Object> item) {
        records.templates(db).forEach(item);
    }
}
