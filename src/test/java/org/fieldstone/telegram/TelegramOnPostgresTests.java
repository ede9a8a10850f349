package org.fieldstone.telegram;

import org.fieldstone.support.PostgresApplicationTest;

@PostgresApplicationTest
class TelegramOnPostgresTests extends TelegramContract {
}
