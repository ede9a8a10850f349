package org.fieldstone.tenancy.internal;

import org.fieldstone.support.SqliteApplicationTest;

@SqliteApplicationTest
class ClusterLocksOnSqliteTests extends ClusterLocksContract {
}
