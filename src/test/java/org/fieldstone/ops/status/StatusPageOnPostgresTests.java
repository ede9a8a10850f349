package org.fieldstone.ops.status;

import org.fieldstone.support.PostgresApplicationTest;

@PostgresApplicationTest
class StatusPageOnPostgresTests extends StatusPageContract {
}
