package org.fieldstone.quotes.web;

import org.fieldstone.support.SqliteApplicationTest;

@SqliteApplicationTest
class QuotePdfOnSqliteTests extends QuotePdfContract {
}
