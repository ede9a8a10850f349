package org.fieldstone.tenancy;

import java.io.InputStream;
import java.io.OutputStream;
import java.util.Map;
import org.fieldstone.audit.AuditAnchors;
import org.fieldstone.shared.TenantId;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Consistent copies of one company's database taken while it serves, and putting one back (decision 0062). SQLite:
 * {@code VACUUM INTO} a file; PostgreSQL: every table through {@code COPY} inside one {@code REPEATABLE READ READ ONLY}
 * transaction, with the schema version and the sequences. What is written is plaintext: the caller encrypts it.
 */
public interface CompanySnapshots {

    /**
     * Writes a snapshot of the company's database to {@code out} (not closed).
     *
     * @throws org.fieldstone.shared.NotFound when the company does not exist or is being destroyed
     */
    Snapshot take(TenantId tenant, OutputStream out);

    /**
     * Loads a snapshot of {@code tenant} into a scratch database (never the company's own), migrated to the current
     * schema, for a restore drill or an inspection. Closing it removes it.
     */
    Restored open(TenantId tenant, InputStream snapshot);

    /**
     * Like {@link #open}, but the copy is kept under {@code name} (letters and digits, at most 15) when closed, replacing
     * an earlier copy of that name: an inspection copy an operator looks at with the engine's own tools (sensitive fields
     * stay sealed under the company's keys). {@link #discard} removes it.
     *
     * @return the copy, and where it is ({@link Restored#location()})
     */
    Restored keep(TenantId tenant, InputStream snapshot, String name);

    /** Removes an inspection copy made by {@link #keep}; false when there is none of that name. */
    boolean discard(TenantId tenant, String name);

    /**
     * Replaces the company's database with a snapshot, migrated to the current schema, and re-anchors its audit chain at
     * the snapshot's head (the restore cut the trail on purpose). Only a suspended company: nobody may write meanwhile.
     *
     * @throws org.fieldstone.shared.Conflict when the company is not suspended
     */
    Snapshot replace(TenantId tenant, InputStream snapshot);

    /**
     * What a snapshot holds, without any business data.
     *
     * @param schemaVersion the company database's migration version when it was taken
     * @param counts        rows per table (schema history excluded)
     * @param auditHead     the audit chain's head and base as the snapshot holds them
     */
    record Snapshot(String engine, String schemaVersion, Map<String, Long> counts, AuditAnchors.Anchor auditHead) {
    }

    /** A snapshot opened in a scratch database. */
    interface Restored extends AutoCloseable {

        TenantId tenant();

        JdbcClient jdbc();

        /** What the scratch database holds now (after migration to the current schema). */
        Snapshot contents();

        /** Where the copy is: a file, or a database URL without credentials. */
        String location();

        @Override
        void close();
    }
}
