package org.fieldstone.pricing.web;

import org.fieldstone.support.SqliteApplicationTest;

@SqliteApplicationTest
class PricingDashboardOnSqliteTests extends PricingDashboardContract {
}
