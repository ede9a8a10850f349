package org.fieldstone.jobs.internal;

import org.fieldstone.support.PostgresApplicationTest;

@PostgresApplicationTest
class RecurringJobsOnPostgresTests extends RecurringJobsContract {
}
