package org.fieldstone.web;

import org.fieldstone.support.SqliteApplicationTest;

@SqliteApplicationTest
class HomeDashboardOnSqliteTests extends HomeDashboardContract {
}
