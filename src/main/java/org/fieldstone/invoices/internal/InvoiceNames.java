package org.fieldstone.invoices.internal;

import java.util.Map;
import org.fieldstone.shared.Permission;
import org.fieldstone.tenancy.CompanyDatabases;
import org.fieldstone.tenancy.SqlRecordNames;
import org.springframework.stereotype.Component;

/** Invoices and their payments in the audit log by the invoice's number (e.g. {@code INV-0012}; a draft has none). */
@Component
class InvoiceNames extends SqlRecordNames {

    InvoiceNames(CompanyDatabases databases) {
        super(databases, Permission.INVOICES_READ, Map.of(
                "invoice", "SELECT id, number FROM invoices WHERE id IN (:ids)",
                "payment", "SELECT p.id, i.number FROM payments p JOIN invoices i ON i.id = p.invoice_id WHERE p.id IN (:ids)"));
    }
}
