package org.fieldstone.jobs.internal;

import org.fieldstone.support.SqliteApplicationTest;

@SqliteApplicationTest
class RecurringJobsOnSqliteTests extends RecurringJobsContract {
}
