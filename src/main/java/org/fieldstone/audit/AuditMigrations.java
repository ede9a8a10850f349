package org.fieldstone.audit;

import java.util.List;
import org.fieldstone.audit.internal.HashChainMigration;
import org.flywaydb.core.api.migration.JavaMigration;

/** Migrations of a company database that need the audit module's code (not just SQL). */
public final class AuditMigrations {

    private AuditMigrations() {
    }

    public static List<JavaMigration> company() {
        return List.of(new HashChainMigration());
    }
}
