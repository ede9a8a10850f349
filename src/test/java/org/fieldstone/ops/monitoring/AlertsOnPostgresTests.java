package org.fieldstone.ops.monitoring;

import org.fieldstone.support.PostgresApplicationTest;

@PostgresApplicationTest
class AlertsOnPostgresTests extends AlertsContract {
}
