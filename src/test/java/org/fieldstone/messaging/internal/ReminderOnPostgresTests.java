package org.fieldstone.messaging.internal;

import org.fieldstone.support.PostgresApplicationTest;

@PostgresApplicationTest
class ReminderOnPostgresTests extends ReminderContract {

    @Override
    protected String prefix() {
        return "reminders-postgres";
    }
}
