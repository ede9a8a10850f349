package org.fieldstone.reports.web;

import org.fieldstone.support.SqliteApplicationTest;

@SqliteApplicationTest
class WorkReportsOnSqliteTests extends WorkReportsContract {
}
