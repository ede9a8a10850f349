package org.fieldstone.reports.web;

import org.fieldstone.support.SqliteApplicationTest;

@SqliteApplicationTest
class InventoryReportsOnSqliteTests extends InventoryReportsContract {
}
