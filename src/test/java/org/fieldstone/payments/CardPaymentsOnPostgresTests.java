package org.fieldstone.payments;

import org.fieldstone.support.PostgresApplicationTest;

@PostgresApplicationTest
class CardPaymentsOnPostgresTests extends CardPaymentsContract {
}
