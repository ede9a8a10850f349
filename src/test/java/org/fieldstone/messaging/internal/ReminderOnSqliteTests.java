package org.fieldstone.messaging.internal;

import org.fieldstone.support.SqliteApplicationTest;

@SqliteApplicationTest
class ReminderOnSqliteTests extends ReminderContract {

    @Override
    protected String prefix() {
        return "reminders-sqlite";
    }
}
