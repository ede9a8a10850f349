package org.fieldstone.quotes.web;

import org.fieldstone.support.SqliteApplicationTest;

@SqliteApplicationTest
class QuotesDashboardOnSqliteTests extends QuotesDashboardContract {
}
