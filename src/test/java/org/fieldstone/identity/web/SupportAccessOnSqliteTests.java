package org.fieldstone.identity.web;

import org.fieldstone.support.SqliteApplicationTest;

@SqliteApplicationTest
class SupportAccessOnSqliteTests extends SupportAccessContract {
}
