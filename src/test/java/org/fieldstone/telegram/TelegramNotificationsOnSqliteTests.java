package org.fieldstone.telegram;

import org.fieldstone.support.SqliteApplicationTest;

@SqliteApplicationTest
class TelegramNotificationsOnSqliteTests extends TelegramNotificationsContract {
}
