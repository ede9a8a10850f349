package org.fieldstone.tenancy.internal;

import java.time.Clock;
import java.util.List;
import java.util.Optional;
import org.fieldstone.crypto.KeysetStore;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Wrapped keysets in the control plane's {@code keysets} table, replaced only at the expected version. */
final class ControlPlaneKeysets implements KeysetStore {

    private final JdbcClient controlPlane;
    private final Clock clock;

    ControlPlaneKeysets(JdbcClient controlPlane, Clock clock) {
        this.controlPlane = controlPlane;
        this.clock = clock;
    }

    @Override
    public Optional<StoredKeyset> find(String owner) {
        return controlPlane.sql("SELECT owner, aead, prf, master_key_id, retired, rotated_at, version FROM keysets WHERE owner = :owner")
                .param("owner", owner)
                .query((rs, i) -> new StoredKeyset(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getString(5), rs.getLong(6), rs.getLong(7)))
                .optional();
    }

    @Override
    public void insert(StoredKeyset k) {
        controlPlane.sql("""
                INSERT INTO keysets (owner, aead, prf, master_key_id, retired, rotated_at, version, updated_at)
                VALUES (:owner, :aead, :prf, :master, :retired, :rotatedAt, 1, :now)
                """)
                .param("owner", k.owner()).param("aead", k.aead()).param("prf", k.prf()).param("master", k.masterKeyId())
                .param("retired", k.retired()).param("rotatedAt", k.rotatedAt()).param("now", clock.millis())
                .update();
    }

    @Override
    public boolean update(StoredKeyset k, long expectedVersion) {
        return controlPlane.sql("""
                UPDATE keysets SET aead = :aead, prf = :prf, master_key_id = :master, retired = :retired,
                       rotated_at = :rotatedAt, version = :expected + 1, updated_at = :now
                WHERE owner = :owner AND version = :expected
                """)
                .param("owner", k.owner()).param("aead", k.aead()).param("prf", k.prf()).param("master", k.masterKeyId())
                .param("retired", k.retired()).param("rotatedAt", k.rotatedAt()).param("now", clock.millis())
                .param("expected", expectedVersion)
                .update() == 1;
    }

    @Override
    public void delete(String owner) {
        controlPlane.sql("DELETE FROM keysets WHERE owner = :owner").param("owner", owner).update();
    }

    @Override
    public List<String> owners() {
        return controlPlane.sql("SELECT owner FROM keysets ORDER BY owner").query(String.class).list();
    }
}
