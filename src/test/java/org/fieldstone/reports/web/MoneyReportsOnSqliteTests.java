package org.fieldstone.reports.web;

import org.fieldstone.support.SqliteApplicationTest;

@SqliteApplicationTest
class MoneyReportsOnSqliteTests extends MoneyReportsContract {
}
