package org.fieldstone.sms;

import org.fieldstone.support.SqliteApplicationTest;

@SqliteApplicationTest
class SmsOnSqliteTests extends SmsContract {
}
