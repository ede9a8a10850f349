package org.fieldstone.clients.web;

import org.fieldstone.support.PostgresApplicationTest;

@PostgresApplicationTest
class ClientPageDashboardOnPostgresTests extends ClientPageDashboardContract {
}
