package org.fieldstone.telegram;

import org.fieldstone.support.SqliteApplicationTest;

/** Expected to fail until the notifications core (branch notif) is merged: it implements {@code Notifications}. */
@SqliteApplicationTest
class TelegramNotificationsOnSqliteTests extends TelegramNotificationsContract {
}
