package org.fieldstone.inventory.web;

import org.fieldstone.support.SqliteApplicationTest;

@SqliteApplicationTest
class InventoryDashboardOnSqliteTests extends InventoryDashboardContract {
}
