package org.fieldstone.tenancy.internal;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import org.fieldstone.shared.TenantId;
import org.fieldstone.tenancy.Company;
import org.fieldstone.tenancy.CompanyStatus;
import org.fieldstone.tenancy.NewCompany;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The control plane's {@code companies} table. */
final class CompanyRegistry {

    private static final RowMapper<Company> COMPANY = (rs, i) -> new Company(
            TenantId.parse(rs.getString("id")), rs.getString("slug"), rs.getString("name"),
            CompanyStatus.valueOf(rs.getString("status")), ZoneId.of(rs.getString("time_zone")),
            rs.getString("country"), rs.getString("placement"), Instant.ofEpochMilli(rs.getLong("created_at")),
            instant(rs.getObject("delete_after")));

    private final JdbcClient jdbc;
    private final Clock clock;

    CompanyRegistry(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** Reserves slug and id; fails on a duplicate slug through the unique constraint. */
    void insertProvisioning(TenantId id, NewCompany company, String placement) {
        long now = clock.millis();
        jdbc.sql("""
                INSERT INTO companies (id, slug, name, status, time_zone, country, placement, created_at, updated_at, version)
                VALUES (:id, :slug, :name, 'PROVISIONING', :zone, :country, :placement, :now, :now, 0)
                """)
                .param("id", id.toString()).param("slug", company.slug()).param("name", company.name())
                .param("zone", company.timeZone().getId()).param("country", company.country())
                .param("placement", placement).param("now", now)
                .update();
    }

    boolean slugTaken(String slug) {
        return jdbc.sql("SELECT COUNT(*) FROM companies WHERE slug = :slug").param("slug", slug)
                .query(Integer.class).single() > 0;
    }

    int setStatus(TenantId id, CompanyStatus from, CompanyStatus to) {
        return jdbc.sql("""
                UPDATE companies SET status = :to, updated_at = :now, version = version + 1
                WHERE id = :id AND status = :from
                """)
                .param("to", to.name()).param("now", clock.millis()).param("id", id.toString()).param("from", from.name())
                .update();
    }

    /** Renames a company still named {@code from}; 0 when it is named otherwise by now. */
    int rename(TenantId id, String from, String to) {
        return jdbc.sql("UPDATE companies SET name = :to, updated_at = :now, version = version + 1 WHERE id = :id AND name = :from")
                .param("to", to).param("now", clock.millis()).param("id", id.toString()).param("from", from)
                .update();
    }

    /** Marks a company {@code from} (active or suspended) deleted, remembering {@code from} for a restore. */
    int markDeleted(TenantId id, CompanyStatus from, Instant deletedAt, Instant deleteAfter) {
        return jdbc.sql("""
                UPDATE companies SET status = 'DELETED', restore_status = :from, deleted_at = :deletedAt,
                       delete_after = :deleteAfter, updated_at = :now, version = version + 1
                WHERE id = :id AND status = :from
                """)
                .param("from", from.name()).param("deletedAt", deletedAt.toEpochMilli())
                .param("deleteAfter", deleteAfter.toEpochMilli()).param("now", clock.millis()).param("id", id.toString())
                .update();
    }

    /** Returns a deleted company to the status it had; nothing when it is not (or no longer) deleted. */
    int restore(TenantId id) {
        return jdbc.sql("""
                UPDATE companies SET status = COALESCE(restore_status, 'ACTIVE'), restore_status = NULL, deleted_at = NULL,
                       delete_after = NULL, updated_at = :now, version = version + 1
                WHERE id = :id AND status = 'DELETED'
                """)
                .param("now", clock.millis()).param("id", id.toString())
                .update();
    }

    /**
     * Claims a deleted company whose grace period is over for destruction (one destroyer wins; a restore can no
     * longer succeed). A company left {@code DESTROYING} by an interrupted destruction is claimed again.
     */
    boolean claimForDestruction(TenantId id) {
        return jdbc.sql("""
                UPDATE companies SET status = 'DESTROYING', updated_at = :now, version = version + 1
                WHERE id = :id AND ((status = 'DELETED' AND delete_after <= :now) OR status = 'DESTROYING')
                """)
                .param("now", clock.millis()).param("id", id.toString())
                .update() == 1;
    }

    /** Deleted companies whose grace period is over, and destructions that were interrupted. */
    List<Company> dueForDestruction() {
        return jdbc.sql("""
                SELECT * FROM companies WHERE (status = 'DELETED' AND delete_after <= :now) OR status = 'DESTROYING'
                ORDER BY delete_after
                """)
                .param("now", clock.millis()).query(COMPANY).list();
    }

    /** When a company was marked deleted, if it is. */
    Optional<Instant> deletedAt(TenantId id) {
        return jdbc.sql("SELECT deleted_at FROM companies WHERE id = :id AND deleted_at IS NOT NULL")
                .param("id", id.toString()).query(Long.class).optional().map(Instant::ofEpochMilli);
    }

    void delete(TenantId id) {
        jdbc.sql("DELETE FROM companies WHERE id = :id").param("id", id.toString()).update();
    }

    /** Visible companies only: one still being provisioned does not exist yet. */
    Optional<Company> find(TenantId id) {
        return jdbc.sql("SELECT * FROM companies WHERE id = :id AND status <> 'PROVISIONING'")
                .param("id", id.toString()).query(COMPANY).optional();
    }

    Optional<Company> findBySlug(String slug) {
        return jdbc.sql("SELECT * FROM companies WHERE slug = :slug AND status <> 'PROVISIONING'")
                .param("slug", slug).query(COMPANY).optional();
    }

    /** Rows left in PROVISIONING for longer than {@code age}. */
    List<Company> provisioningOlderThan(java.time.Duration age) {
        return jdbc.sql("SELECT * FROM companies WHERE status = 'PROVISIONING' AND created_at < :cutoff")
                .param("cutoff", clock.millis() - age.toMillis()).query(COMPANY).list();
    }

    List<Company> list() {
        return jdbc.sql("SELECT * FROM companies WHERE status <> 'PROVISIONING' ORDER BY slug").query(COMPANY).list();
    }

    private static Instant instant(Object millis) {
        return millis == null ? null : Instant.ofEpochMilli(((Number) millis).longValue());
    }
}
