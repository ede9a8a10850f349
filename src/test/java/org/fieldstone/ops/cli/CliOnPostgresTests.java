package org.fieldstone.ops.cli;

import org.fieldstone.support.PostgresApplicationTest;

@PostgresApplicationTest
class CliOnPostgresTests extends CliContract {
}
