package org.fieldstone.sms;

import org.fieldstone.support.SqliteApplicationTest;

/** Fails on the sms branch alone (no Notifications implementation yet); passes once the notifications core is merged. */
@SqliteApplicationTest
class SmsNotificationsOnSqliteTests extends SmsNotificationsContract {
}
