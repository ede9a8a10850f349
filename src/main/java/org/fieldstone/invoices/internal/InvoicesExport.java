package org.fieldstone.invoices.internal;

import java.util.List;
import java.util.function.Consumer;
import org.fieldstone.invoices.Invoice;
import org.fieldstone.invoices.Payment;
import org.fieldstone.tenancy.CompanyDatabase;
import org.fieldstone.tenancy.ExportSection;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/** Every invoice, opened, with its figures and payments, in the company's export (after the quotes). */
@Component
@Order(50)
class InvoicesExport implements ExportSection {

    private final InvoiceRecords records;

    InvoicesExport(InvoiceRecords records) {
        this.records = records;
    }

    record ExportedInvoice(Invoice invoice, List<Payment> payments) {
    }

    @Override
    public String name() {
        return "invoices";
    }

    @Override
    public void export(CompanyDatabase db, Consumer<Object> item) {
        for (String id : db.jdbc().sql("SELECT id FROM invoices ORDER BY created_at, id").query(String.class).list()) {
            records.invoice(db, id, null).ifPresent(i -> item.accept(new ExportedInvoice(i,
                    records.payments(db, List.of(id)).getOrDefault(id, List.of()))));
        }
    }
}
