package org.fieldstone.identity.internal;

import java.time.Instant;
import java.util.List;
import java.util.function.Consumer;
import org.fieldstone.shared.UserId;
import org.fieldstone.tenancy.CompanyDatabase;
import org.fieldstone.tenancy.ExportSection;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/** The crews in the company's export, right after the users their members refer to. */
@Component
@Order(15)
class CrewsExport implements ExportSection {

    private final CrewRecords records;

    CrewsExport(CrewRecords records) {
        this.records = records;
    }

    record ExportedCrew(String id, String name, List<String> members, long version, Instant createdAt, Instant updatedAt) {
    }

    @Override
    public String name() {
        return "crews";
    }

    @Override
    public void export(CompanyDatabase db, Consumer<Object> item) {
        records.forEach(db, c -> item.accept(new ExportedCrew(c.id(), c.name(), c.members().stream().map(UserId::toString).toList(),
                c.version(), c.createdAt(), c.updatedAt())));
    }
}
