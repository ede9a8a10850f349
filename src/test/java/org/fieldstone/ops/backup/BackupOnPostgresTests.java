package org.fieldstone.ops.backup;

import org.fieldstone.support.PostgresApplicationTest;

@PostgresApplicationTest
class BackupOnPostgresTests extends BackupContract {
}
