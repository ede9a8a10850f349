package org.fieldstone.inventory.web;

import org.fieldstone.support.PostgresApplicationTest;

@PostgresApplicationTest
class InventoryApiOnPostgresTests extends InventoryApiContract {
}
