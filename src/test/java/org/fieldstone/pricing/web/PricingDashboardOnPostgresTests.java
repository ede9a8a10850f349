package org.fieldstone.pricing.web;

import org.fieldstone.support.PostgresApplicationTest;

@PostgresApplicationTest
class PricingDashboardOnPostgresTests extends PricingDashboardContract {
}
