package org.fieldstone.bench;

import org.fieldstone.support.PostgresApplicationTest;

@PostgresApplicationTest
class BenchSeedOnPostgresTests extends BenchSeedContract {
}
