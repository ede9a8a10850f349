package org.fieldstone.sms;

import org.fieldstone.support.PostgresApplicationTest;

@PostgresApplicationTest
class SmsOnPostgresTests extends SmsContract {
}
