package org.fieldstone.schedule.web;

import org.fieldstone.support.SqliteApplicationTest;

@SqliteApplicationTest
class ScheduleMapOnSqliteTests extends ScheduleMapContract {
}
