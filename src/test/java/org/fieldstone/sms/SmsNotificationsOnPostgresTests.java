package org.fieldstone.sms;

import org.fieldstone.support.PostgresApplicationTest;

/** Fails on the sms branch alone (no Notifications implementation yet); passes once the notifications core is merged. */
@PostgresApplicationTest
class SmsNotificationsOnPostgresTests extends SmsNotificationsContract {
}
