package org.fieldstone.jobs.web;

import org.fieldstone.support.SqliteApplicationTest;

@SqliteApplicationTest
class ScheduleApiOnSqliteTests extends ScheduleApiContract {
}
