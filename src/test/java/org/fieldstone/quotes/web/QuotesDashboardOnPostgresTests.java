package org.fieldstone.quotes.web;

import org.fieldstone.support.PostgresApplicationTest;

@PostgresApplicationTest
class QuotesDashboardOnPostgresTests extends QuotesDashboardContract {
}
