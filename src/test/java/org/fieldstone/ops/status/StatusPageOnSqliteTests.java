package org.fieldstone.ops.status;

import org.fieldstone.support.SqliteApplicationTest;

@SqliteApplicationTest
class StatusPageOnSqliteTests extends StatusPageContract {
}
