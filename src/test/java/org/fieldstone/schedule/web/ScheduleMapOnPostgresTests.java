package org.fieldstone.schedule.web;

import org.fieldstone.support.PostgresApplicationTest;

@PostgresApplicationTest
class ScheduleMapOnPostgresTests extends ScheduleMapContract {
}
