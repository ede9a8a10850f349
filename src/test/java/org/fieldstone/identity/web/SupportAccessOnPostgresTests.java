package org.fieldstone.identity.web;

import org.fieldstone.support.PostgresApplicationTest;

@PostgresApplicationTest
class SupportAccessOnPostgresTests extends SupportAccessContract {
}
