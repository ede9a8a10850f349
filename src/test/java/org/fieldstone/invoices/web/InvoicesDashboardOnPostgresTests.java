package org.fieldstone.invoices.web;

import org.fieldstone.support.PostgresApplicationTest;

@PostgresApplicationTest
class InvoicesDashboardOnPostgresTests extends InvoicesDashboardContract {
}
