package org.fieldstone.inventory.web;

import org.fieldstone.support.SqliteApplicationTest;

@SqliteApplicationTest
class InventoryApiOnSqliteTests extends InventoryApiContract {
}
