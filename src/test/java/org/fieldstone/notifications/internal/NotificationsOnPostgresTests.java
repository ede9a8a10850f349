package org.fieldstone.notifications.internal;

import org.fieldstone.support.PostgresApplicationTest;

@PostgresApplicationTest
class NotificationsOnPostgresTests extends NotificationsContract {
}
