package org.fieldstone.identity.internal;

import org.fieldstone.support.SqliteApplicationTest;

@SqliteApplicationTest
class InvitationsOnSqliteTests extends InvitationsContract {
}
