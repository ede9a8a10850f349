package org.fieldstone.audit;

import org.fieldstone.support.PostgresApplicationTest;

@PostgresApplicationTest
class AuditTrailOnPostgresTests extends AuditTrailContract {
}
