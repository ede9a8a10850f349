package org.fieldstone.identity.internal;

import java.time.Instant;
import org.fieldstone.tenancy.CompanyDatabase;

/**
 * When and from where an API key was last used: bookkeeping written on a read (every API request), so neither
 * versioned nor audited; a named writer in {@code WritePathTests} (decision 0027).
 */
final class ApiKeyUse {

    private ApiKeyUse() {
    }

    static void record(CompanyDatabase db, String keyId, Instant now, String ip) {
        // a write: through a transaction, so that on SQLite it queues behind the company's other writers in the
        // JVM instead of waiting in SQLite's busy handler (which pins the request's carrier thread)
        db.inTransaction(() -> db.jdbc().sql("UPDATE api_keys SET last_used_at = :now, last_used_ip = :ip WHERE id = :id")
                .param("now", now.toEpochMilli()).param("ip", ip).param("id", keyId).update());
    }
}
