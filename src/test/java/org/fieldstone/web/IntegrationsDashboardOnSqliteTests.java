package org.fieldstone.web;

import org.fieldstone.support.SqliteApplicationTest;

@SqliteApplicationTest
class IntegrationsDashboardOnSqliteTests extends IntegrationsDashboardContract {
}
