package org.fieldstone.clients.web;

import org.fieldstone.support.SqliteApplicationTest;

@SqliteApplicationTest
class ClientPageDashboardOnSqliteTests extends ClientPageDashboardContract {
}
