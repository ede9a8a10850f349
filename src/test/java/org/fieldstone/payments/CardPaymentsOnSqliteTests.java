package org.fieldstone.payments;

import org.fieldstone.support.SqliteApplicationTest;

@SqliteApplicationTest
class CardPaymentsOnSqliteTests extends CardPaymentsContract {
}
