package org.fieldstone.ops.monitoring;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.fieldstone.tenancy.ControlPlane;
import org.springframework.stereotype.Component;

/**
 * The alerts firing now (control-plane table {@code alert_episodes}, V10). Opening and closing are each one
 * statement whose row count says whether this caller began or ended the episode: only that caller notifies.
 */
@Component
class AlertEpisodes {

    /** An episode that is open: since when, and why it began. */
    record Episode(AlertRule rule, Instant openedAt, String detail) {
    }

    private final ControlPlane controlPlane;

    AlertEpisodes(ControlPlane controlPlane) {
        this.controlPlane = controlPlane;
    }

    /** Begins an episode of {@code rule}; false when one is open already. */
    boolean open(AlertRule rule, Instant at, String detail) {
        return controlPlane.jdbc().sql("""
                        INSERT INTO alert_episodes (rule, opened_at, detail) VALUES (:rule, :at, :detail)
                        ON CONFLICT (rule) DO NOTHING
                        """)
                .param("rule", rule.id()).param("at", at.toEpochMilli()).param("detail", detail)
                .update() == 1;
    }

    /** Ends the open episode of {@code rule} and answers it; empty when none was open (or another node ended it). */
    Optional<Episode> close(AlertRule rule) {
        Optional<Episode> open = find(rule);
        if (open.isEmpty()) {
            return Optional.empty();
        }
        int deleted = controlPlane.jdbc().sql("DELETE FROM alert_episodes WHERE rule = :rule AND opened_at = :at")
                .param("rule", rule.id()).param("at", open.get().openedAt().toEpochMilli()).update();
        return deleted == 1 ? open : Optional.empty();
    }

    Optional<Episode> find(AlertRule rule) {
        return list().stream().filter(e -> e.rule() == rule).findFirst();
    }

    List<Episode> list() {
        return controlPlane.jdbc().sql("SELECT rule, opened_at, detail FROM alert_episodes ORDER BY opened_at")
                .query((rs, n) -> {
                    String id = rs.getString("rule");
                    Instant openedAt = Instant.ofEpochMilli(rs.getLong("opened_at"));
                    String detail = rs.getString("detail");
                    return java.util.Arrays.stream(AlertRule.values()).filter(r -> r.id().equals(id)).findFirst()
                            .map(r -> new Episode(r, openedAt, detail)).orElse(null);
                })
                .list().stream().filter(java.util.Objects::nonNull).toList();
    }
}
