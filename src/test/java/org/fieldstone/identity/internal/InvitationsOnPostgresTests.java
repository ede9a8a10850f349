package org.fieldstone.identity.internal;

import org.fieldstone.support.PostgresApplicationTest;

@PostgresApplicationTest
class InvitationsOnPostgresTests extends InvitationsContract {
}
