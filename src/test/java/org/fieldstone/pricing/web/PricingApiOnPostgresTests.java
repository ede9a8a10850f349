package org.fieldstone.pricing.web;

import org.fieldstone.support.PostgresApplicationTest;

@PostgresApplicationTest
class PricingApiOnPostgresTests extends PricingApiContract {
}
