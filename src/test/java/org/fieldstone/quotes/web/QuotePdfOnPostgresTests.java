package org.fieldstone.quotes.web;

import org.fieldstone.support.PostgresApplicationTest;

@PostgresApplicationTest
class QuotePdfOnPostgresTests extends QuotePdfContract {
}
