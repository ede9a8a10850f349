package org.fieldstone.web;

import org.fieldstone.support.PostgresApplicationTest;

@PostgresApplicationTest
class HomeDashboardOnPostgresTests extends HomeDashboardContract {
}
