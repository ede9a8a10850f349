package org.fieldstone.ops.backup;

import org.fieldstone.support.SqliteApplicationTest;

@SqliteApplicationTest
class BackupOnSqliteTests extends BackupContract {
}
