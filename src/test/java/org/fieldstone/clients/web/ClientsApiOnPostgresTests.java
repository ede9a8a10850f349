package org.fieldstone.clients.web;

import org.fieldstone.support.PostgresApplicationTest;

@PostgresApplicationTest
class ClientsApiOnPostgresTests extends ClientsApiContract {
}
