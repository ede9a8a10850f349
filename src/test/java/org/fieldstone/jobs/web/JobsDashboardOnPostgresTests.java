package org.fieldstone.jobs.web;

import org.fieldstone.support.PostgresApplicationTest;

@PostgresApplicationTest
class JobsDashboardOnPostgresTests extends JobsDashboardContract {
}
