package org.fieldstone.ops.monitoring;

import org.fieldstone.support.SqliteApplicationTest;

@SqliteApplicationTest
class MonitoringOnSqliteTests extends MonitoringContract {
}
