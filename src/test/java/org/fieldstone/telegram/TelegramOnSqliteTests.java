package org.fieldstone.telegram;

import org.fieldstone.support.SqliteApplicationTest;

@SqliteApplicationTest
class TelegramOnSqliteTests extends TelegramContract {
}
