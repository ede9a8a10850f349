package org.fieldstone.messaging.internal;

import org.fieldstone.support.SqliteApplicationTest;

@SqliteApplicationTest
class EmailOnSqliteTests extends EmailContract {

    @Override
    protected String prefix() {
        return "email-sqlite";
    }
}
