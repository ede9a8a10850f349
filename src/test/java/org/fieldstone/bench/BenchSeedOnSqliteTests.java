package org.fieldstone.bench;

import org.fieldstone.support.SqliteApplicationTest;

@SqliteApplicationTest
class BenchSeedOnSqliteTests extends BenchSeedContract {
}
