package org.fieldstone.ops.monitoring;

import org.fieldstone.support.PostgresApplicationTest;

@PostgresApplicationTest
class MonitoringOnPostgresTests extends MonitoringContract {
}
