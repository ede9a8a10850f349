package org.fieldstone.messaging.internal;

import org.fieldstone.support.PostgresApplicationTest;

@PostgresApplicationTest
class EmailOnPostgresTests extends EmailContract {

    @Override
    protected String prefix() {
        return "email-postgres";
    }
}
