package org.fieldstone.audit.internal;

import java.sql.Connection;
import org.flywaydb.core.api.MigrationVersion;
import org.flywaydb.core.api.migration.Context;
import org.flywaydb.core.api.migration.JavaMigration;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

/**
 * V4: moves the entries of the first, unchained {@code audit_events} table into the hash chain
 * ({@code audit_log}, created by V3) in their original order, then drops the old table. Public for Flyway
 * only; registered through {@link org.fieldstone.audit.AuditMigrations}.
 */
public final class HashChainMigration implements JavaMigration {

    @Override
    public MigrationVersion getVersion() {
        return MigrationVersion.fromVersion("4");
    }

    @Override
    public String getDescription() {
        return "audit entries into the hash chain";
    }

    @Override
    public Integer getChecksum() {
        return 4;
    }

    @Override
    public boolean canExecuteInTransaction() {
        return true;
    }

    @Override
    public void migrate(Context context) throws Exception {
        Connection connection = context.getConnection();
        boolean postgres = connection.getMetaData().getDatabaseProductName().toLowerCase().contains("postgres");
        JdbcClient db = JdbcClient.create(new SingleConnectionDataSource(connection, true));
        long[] seq = {0};
        String[] prev = {CanonicalEntry.GENESIS};
        db.sql("""
                SELECT at, actor_type, actor_id, actor_name, api_key_id, channel, ip, user_agent, entity_type,
                       entity_id, action, changes
                FROM audit_events ORDER BY seq
                """).query((RowCallbackHandler) rs -> {
            CanonicalEntry e = new CanonicalEntry(++seq[0], rs.getLong("at"), rs.getString("actor_type"),
                    rs.getString("actor_id"), rs.getString("actor_name"), rs.getString("api_key_id"),
                    rs.getString("channel"), rs.getString("ip"), rs.getString("user_agent"), rs.getString("entity_type"),
                    rs.getString("entity_id"), rs.getString("action"), rs.getString("changes"), prev[0]);
            String hash = e.hash();
            JdbcAuditTrail.insert(db, e, hash);
            prev[0] = hash;
        });
        db.sql("UPDATE audit_chain SET last_seq = :seq, last_hash = :hash WHERE id = 1")
                .param("seq", seq[0]).param("hash", prev[0]).update();
        db.sql("DROP TABLE audit_events").update();
        if (postgres) {
            db.sql("DROP FUNCTION IF EXISTS audit_events_refuse_change()").update();
        }
    }
}
