package org.fieldstone.ops.cli;

import org.fieldstone.support.SqliteApplicationTest;

@SqliteApplicationTest
class CliOnSqliteTests extends CliContract {
}
