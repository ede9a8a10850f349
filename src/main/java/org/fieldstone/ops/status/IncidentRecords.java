package org.fieldstone.ops.status;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.fieldstone.tenancy.CompanyDatabase;
import org.fieldstone.tenancy.ControlPlane;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The status page's tables in the control plane (V11): incidents, their updates, component days, breach rows. */
@Repository
class IncidentRecords {

    private final JdbcClient db;

    IncidentRecords(ControlPlane controlPlane) {
        this.db = controlPlane.jdbc();
    }

    /** Inserts a new incident under the next free number (another node may take the same one: then the next). */
    long insert(String title, Set<StatusComponent> components, ComponentState state, Instant at) {
        for (int attempt = 0; ; attempt++) {
            long id = db.sql("SELECT COALESCE(MAX(id), 0) + 1 FROM status_incidents").query(Long.class).single();
            try {
                db.sql("""
                        INSERT INTO status_incidents (id, title, components, state, opened_at)
                        VALUES (:id, :title, :components, :state, :at)""")
                        .param("id", id).param("title", title).param("components", keys(components))
                        .param("state", state.key()).param("at", at.toEpochMilli()).update();
                return id;
            } catch (RuntimeException e) {
                if (attempt >= 5 || !CompanyDatabase.isDuplicate(e)) {
                    throw e;
                }
            }
        }
    }

    void addUpdate(long incident, Instant at, Incident.Kind kind, ComponentState state, String message) {
        int seq = db.sql("SELECT COALESCE(MAX(seq), 0) + 1 FROM status_incident_updates WHERE incident_id = :id")
                .param("id", incident).query(Integer.class).single();
        db.sql("""
                INSERT INTO status_incident_updates (incident_id, seq, at, kind, state, message)
                VALUES (:id, :seq, :at, :kind, :state, :message)""")
                .param("id", incident).param("seq", seq).param("at", at.toEpochMilli()).param("kind", kind.key())
                .param("state", state.key()).param("message", message).update();
    }

    void setState(long incident, ComponentState state) {
        db.sql("UPDATE status_incidents SET state = :state WHERE id = :id")
                .param("state", state.key()).param("id", incident).update();
    }

    /** True if this call resolved it (a second resolve, here or on another node, changes nothing). */
    boolean resolve(long incident, Instant at) {
        return db.sql("UPDATE status_incidents SET resolved_at = :at WHERE id = :id AND resolved_at IS NULL")
                .param("at", at.toEpochMilli()).param("id", incident).update() == 1;
    }

    void markBreach(long incident, Incident.Breach b) {
        db.sql("""
                UPDATE status_incidents SET breach_from = :from, breach_to = :to, breach_actor = :actor, breach_ip = :ip,
                       breach_recorded_at = COALESCE(breach_recorded_at, :at)
                WHERE id = :id""")
                .param("from", b.from().toEpochMilli()).param("to", b.to().toEpochMilli()).param("actor", b.actor())
                .param("ip", b.ip()).param("at", b.recordedAt().toEpochMilli()).param("id", incident).update();
    }

    /** Raises the component's worst state of that day, never lowers it. */
    void recordDay(StatusComponent component, LocalDate day, ComponentState state) {
        Optional<ComponentState> old = db.sql("SELECT worst FROM status_component_days WHERE component = :c AND day = :d")
                .param("c", component.key()).param("d", day.toString()).query(String.class).optional().map(ComponentState::parse);
        if (old.isEmpty()) {
            try {
                db.sql("INSERT INTO status_component_days (component, day, worst) VALUES (:c, :d, :w)")
                        .param("c", component.key()).param("d", day.toString()).param("w", state.key()).update();
                return;
            } catch (RuntimeException e) {
                if (!CompanyDatabase.isDuplicate(e)) {
                    throw e;
                }
                recordDay(component, day, state);
                return;
            }
        }
        if (old.get().worse(state) != old.get()) {
            db.sql("UPDATE status_component_days SET worst = :w WHERE component = :c AND day = :d")
                    .param("w", state.key()).param("c", component.key()).param("d", day.toString()).update();
        }
    }

    List<HistoryBars.DayState> daysSince(LocalDate first) {
        return db.sql("SELECT component, day, worst FROM status_component_days WHERE day >= :first")
                .param("first", first.toString())
                .query((rs, n) -> new HistoryBars.DayState(StatusComponent.parse(rs.getString(1)),
                        LocalDate.parse(rs.getString(2)), ComponentState.parse(rs.getString(3))))
                .list();
    }

    Optional<Incident> find(long id) {
        List<Incident> found = load("WHERE id = :id", Map.of("id", id), 1);
        return found.stream().findFirst();
    }

    /** Open incidents and those opened or resolved since {@code since}, newest first. */
    List<Incident> openOrSince(Instant since) {
        return load("WHERE resolved_at IS NULL OR opened_at >= :since OR resolved_at >= :since",
                Map.of("since", since.toEpochMilli()), 1_000);
    }

    /** Every incident, newest first, at most {@code limit}. */
    List<Incident> latest(int limit) {
        return load("", Map.of(), limit);
    }

    private List<Incident> load(String where, Map<String, Object> params, int limit) {
        record Row(long id, String title, Set<StatusComponent> components, ComponentState state, Instant openedAt,
                   Instant resolvedAt, Incident.Breach breach) {
        }
        List<Row> rows = db.sql("""
                SELECT id, title, components, state, opened_at, resolved_at, breach_from, breach_to, breach_actor, breach_ip,
                       breach_recorded_at
                FROM status_incidents""" + " " + where + " ORDER BY id DESC LIMIT " + limit)
                .params(params)
                .query((rs, n) -> new Row(rs.getLong(1), rs.getString(2), components(rs.getString(3)),
                        ComponentState.parse(rs.getString(4)), Instant.ofEpochMilli(rs.getLong(5)), instant(rs, 6),
                        instant(rs, 11) == null ? null : new Incident.Breach(instant(rs, 7), instant(rs, 8),
                                rs.getString(9), rs.getString(10), instant(rs, 11))))
                .list();
        if (rows.isEmpty()) {
            return List.of();
        }
        Map<Long, List<Incident.Update>> updates = new LinkedHashMap<>();
        db.sql("SELECT incident_id, seq, at, kind, state, message FROM status_incident_updates WHERE incident_id IN (:ids) "
                        + "ORDER BY incident_id, seq")
                .param("ids", rows.stream().map(Row::id).toList())
                .query(rs -> {
                    updates.computeIfAbsent(rs.getLong(1), k -> new ArrayList<>()).add(new Incident.Update(rs.getInt(2),
                            Instant.ofEpochMilli(rs.getLong(3)), Incident.Kind.valueOf(rs.getString(4).toUpperCase(java.util.Locale.ROOT)),
                            ComponentState.parse(rs.getString(5)), rs.getString(6)));
                });
        return rows.stream().map(r -> new Incident(r.id(), r.title(), r.components(), r.state(), r.openedAt(),
                r.resolvedAt(), r.breach(), List.copyOf(updates.getOrDefault(r.id(), List.of())))).toList();
    }

    // ---- breach -----------------------------------------------------------------------------------------------

    void replaceAffected(long incident, List<AffectedCompany> affected) {
        db.sql("DELETE FROM breach_companies WHERE incident_id = :id").param("id", incident).update();
        for (AffectedCompany a : affected) {
            db.sql("""
                    INSERT INTO breach_companies (incident_id, company_id, slug, name, entries, records, entity_types)
                    VALUES (:id, :company, :slug, :name, :entries, :records, :types)""")
                    .param("id", incident).param("company", a.companyId()).param("slug", a.slug()).param("name", a.name())
                    .param("entries", a.entries()).param("records", a.records())
                    .param("types", String.join(",", a.entityTypes())).update();
        }
    }

    List<AffectedCompany> affected(long incident) {
        return db.sql("""
                SELECT company_id, slug, name, entries, records, entity_types FROM breach_companies
                WHERE incident_id = :id ORDER BY slug""")
                .param("id", incident)
                .query((rs, n) -> new AffectedCompany(rs.getString(1), rs.getString(2), rs.getString(3), rs.getLong(4),
                        rs.getLong(5), rs.getString(6).isEmpty() ? List.of() : List.of(rs.getString(6).split(","))))
                .list();
    }

    void recordNotice(long incident, String company, String email, Instant at, String messageId) {
        db.sql("""
                INSERT INTO breach_notices (incident_id, company_id, email, sent_at, message_id)
                VALUES (:id, :company, :email, :at, :messageId)""")
                .param("id", incident).param("company", company).param("email", email).param("at", at.toEpochMilli())
                .param("messageId", messageId).update();
    }

    List<BreachNotice> notices(long incident) {
        return db.sql("""
                SELECT n.company_id, c.slug, n.email, n.sent_at FROM breach_notices n
                JOIN breach_companies c ON c.incident_id = n.incident_id AND c.company_id = n.company_id
                WHERE n.incident_id = :id ORDER BY n.sent_at, c.slug, n.email""")
                .param("id", incident)
                .query((rs, n) -> new BreachNotice(rs.getString(1), rs.getString(2), rs.getString(3),
                        Instant.ofEpochMilli(rs.getLong(4))))
                .list();
    }

    private static String keys(Set<StatusComponent> components) {
        return components.stream().map(StatusComponent::key).collect(Collectors.joining(","));
    }

    private static Set<StatusComponent> components(String keys) {
        Set<StatusComponent> set = EnumSet.noneOf(StatusComponent.class);
        Arrays.stream(keys.split(",")).filter(k -> !k.isBlank()).map(StatusComponent::parse).forEach(set::add);
        return set;
    }

    private static Instant instant(ResultSet rs, int column) throws SQLException {
        long v = rs.getLong(column);
        return rs.wasNull() ? null : Instant.ofEpochMilli(v);
    }
}
