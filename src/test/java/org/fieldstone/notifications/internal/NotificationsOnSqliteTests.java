package org.fieldstone.notifications.internal;

import org.fieldstone.support.SqliteApplicationTest;

@SqliteApplicationTest
class NotificationsOnSqliteTests extends NotificationsContract {
}
