package org.fieldstone.clients.web;

import org.fieldstone.support.SqliteApplicationTest;

@SqliteApplicationTest
class ClientsDashboardOnSqliteTests extends ClientsDashboardContract {
}
