package org.fieldstone.pricing.internal;

import java.util.Map;
import org.fieldstone.shared.Permission;
import org.fieldstone.tenancy.CompanyDatabases;
import org.fieldstone.tenancy.SqlRecordNames;
import org.springframework.stereotype.Component;

/** Tax rates and products and services in the audit log by their names. */
@Component
class PricingNames extends SqlRecordNames {

    PricingNames(CompanyDatabases databases) {
        super(databases, Permission.QUOTES_READ, Map.of(
                "tax_rate", "SELECT id, name FROM tax_rates WHERE id IN (:ids)",
                "product", "SELECT id, name FROM products WHERE id IN (:ids)"));
    }
}
