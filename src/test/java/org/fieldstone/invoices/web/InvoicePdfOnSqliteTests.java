package org.fieldstone.invoices.web;

import org.fieldstone.support.SqliteApplicationTest;

@SqliteApplicationTest
class InvoicePdfOnSqliteTests extends InvoicePdfContract {
}
