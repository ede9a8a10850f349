package org.fieldstone.reports.web;

import org.fieldstone.support.PostgresApplicationTest;

@PostgresApplicationTest
class InventoryReportsOnPostgresTests extends InventoryReportsContract {
}
