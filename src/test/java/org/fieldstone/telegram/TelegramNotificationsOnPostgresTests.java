package org.fieldstone.telegram;

import org.fieldstone.support.PostgresApplicationTest;

@PostgresApplicationTest
class TelegramNotificationsOnPostgresTests extends TelegramNotificationsContract {
}
