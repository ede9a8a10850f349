package org.fieldstone.tenancy.internal;

import org.fieldstone.support.PostgresApplicationTest;

@PostgresApplicationTest
class ClusterLocksOnPostgresTests extends ClusterLocksContract {
}
