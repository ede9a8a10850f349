package org.fieldstone.invoices.web;

import org.fieldstone.support.SqliteApplicationTest;

@SqliteApplicationTest
class InvoicesDashboardOnSqliteTests extends InvoicesDashboardContract {
}
