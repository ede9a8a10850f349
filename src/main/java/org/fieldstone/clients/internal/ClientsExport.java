package org.fieldstone.clients.internal;

import java.time.Instant;
import java.util.List;
import java.util.function.Consumer;
import org.fieldstone.clients.Property;
import org.fieldstone.tenancy.CompanyDatabase;
import org.fieldstone.tenancy.ExportSection;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/** Every client (archived ones too) with its properties, opened, in the company's export. */
@Component
@Order(20)
class ClientsExport implements ExportSection {

    private final ClientRecords records;

    ClientsExport(ClientRecords records) {
        this.records = records;
    }

    record ExportedClient(String id, String name, String email, String phone, String notes, List<String> tags,
                          boolean archived, long version, Instant createdAt, Instant updatedAt, List<Property> properties) {
    }

    @Override
    public String name() {
        return "clients";
    }

    @Override
    public void export(CompanyDatabase db, Consumer<Object> item) {
        records.forEachClient(db, c -> item.accept(new ExportedClient(c.id(), c.name(), c.email(), c.phone(), c.notes(),
                c.tags(), c.archived(), c.version(), c.createdAt(), c.updatedAt(), records.properties(db, c.id()))));
    }
}
