package org.fieldstone.tenancy.internal;

import java.time.Instant;
import java.util.List;
import javax.sql.DataSource;
import org.fieldstone.shared.TenantId;
import org.fieldstone.tenancy.Company;
import org.fieldstone.tenancy.DestroyedCompany;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The control plane's {@code destroyed_companies}: all that is kept of a destroyed company (decision 0016).
 * Replacing the company's row by its tombstone is one control-plane transaction.
 */
final class Tombstones {

    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;

    Tombstones(DataSource controlPlane) {
        this.jdbc = JdbcClient.create(controlPlane);
        this.transactions = new TransactionTemplate(new DataSourceTransactionManager(controlPlane));
    }

    /**
     * Removes a company being destroyed from the control plane — its row (name, placement) and its audit anchor —
     * and records its tombstone, all or nothing. Idempotent: a second call finds nothing to replace.
     */
    DestroyedCompany entomb(Company company, Instant deletedAt, Instant destroyedAt) {
        String id = company.id().toString();
        return transactions.execute(status -> {
            int removed = jdbc.sql("DELETE FROM companies WHERE id = :id AND status = 'DESTROYING'").param("id", id).update();
            if (removed == 1) {
                jdbc.sql("DELETE FROM audit_anchors WHERE company_id = :id").param("id", id).update();
                jdbc.sql("""
                        INSERT INTO destroyed_companies (id, slug, deleted_at, destroyed_at)
                        VALUES (:id, :slug, :deletedAt, :destroyedAt)
                        """)
                        .param("id", id).param("slug", company.slug()).param("deletedAt", deletedAt.toEpochMilli())
                        .param("destroyedAt", destroyedAt.toEpochMilli())
                        .update();
            }
            return find(company.id()).orElseThrow(() -> new IllegalStateException(
                    "Company " + id + " was neither being destroyed nor destroyed"));
        });
    }

    java.util.Optional<DestroyedCompany> find(TenantId id) {
        return jdbc.sql("SELECT * FROM destroyed_companies WHERE id = :id").param("id", id.toString())
                .query((rs, i) -> tombstone(rs)).optional();
    }

    List<DestroyedCompany> list() {
        return jdbc.sql("SELECT * FROM destroyed_companies ORDER BY destroyed_at DESC, slug")
                .query((rs, i) -> tombstone(rs)).list();
    }

    private static DestroyedCompany tombstone(java.sql.ResultSet rs) throws java.sql.SQLException {
        return new DestroyedCompany(TenantId.parse(rs.getString("id")), rs.getString("slug"),
                Instant.ofEpochMilli(rs.getLong("deleted_at")), Instant.ofEpochMilli(rs.getLong("destroyed_at")));
    }
}
