package org.fieldstone.invoices.web;

import org.fieldstone.support.SqliteApplicationTest;

@SqliteApplicationTest
class InvoicesApiOnSqliteTests extends InvoicesApiContract {
}
