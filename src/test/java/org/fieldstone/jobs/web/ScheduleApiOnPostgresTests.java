package org.fieldstone.jobs.web;

import org.fieldstone.support.PostgresApplicationTest;

@PostgresApplicationTest
class ScheduleApiOnPostgresTests extends ScheduleApiContract {
}
