package org.fieldstone.quotes.internal;

import java.util.Map;
import org.fieldstone.shared.Permission;
import org.fieldstone.tenancy.CompanyDatabases;
import org.fieldstone.tenancy.SqlRecordNames;
import org.springframework.stereotype.Component;

/** Quotes in the audit log by their number (e.g. {@code Q-0007}). */
@Component
class QuoteNames extends SqlRecordNames {

    QuoteNames(CompanyDatabases databases) {
        super(databases, Permission.QUOTES_READ, Map.of("quote", "SELECT id, number FROM quotes WHERE id IN (:ids)"));
    }
}
