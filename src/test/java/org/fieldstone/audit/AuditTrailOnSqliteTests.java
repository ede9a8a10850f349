package org.fieldstone.audit;

import org.fieldstone.support.SqliteApplicationTest;

@SqliteApplicationTest
class AuditTrailOnSqliteTests extends AuditTrailContract {
}
