package org.fieldstone.notifications.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.fieldstone.notifications.NotificationChannel;
import org.fieldstone.notifications.NotificationKind;
import org.fieldstone.notifications.Recipient;
import org.fieldstone.tenancy.CompanyDatabase;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The delivery log's table, {@code notifications} (V40): the only class that writes it. Not a business record on the
 * one write path: rows are inserted idempotently by their key, claimed by a conditional UPDATE (the claim must be one
 * statement to be safe across nodes) and moved along by the dispatcher, thousands at a time for reminders; the choices
 * that decide them (opt-outs, channels, templates) are business records and go through the write path, audited.
 * Subject and text arrive here sealed.
 */
final class NotificationRows {

    /** A status of the table: {@link org.fieldstone.notifications.DeliveryStatus}'s plus {@code SENDING}. */
    static final String QUEUED = "QUEUED", SENDING = "SENDING", SENT = "SENT", DELIVERED = "DELIVERED",
            FAILED = "FAILED", SKIPPED = "SKIPPED";

    private static final String COLUMNS = """
            id, idempotency_key, kind, channel, recipient_type, recipient_id, client_id, job_id, subject_ref, status,
            reason, subject, text, attempts, not_before, claim_owner, claim_until, provider_id, inbound, read_at,
            created_at, updated_at""";

    /** One row as stored (subject and text still sealed). */
    record Row(String id, String key, NotificationKind kind, NotificationChannel channel, Recipient recipient,
               String clientId, String jobId, String subjectRef, String status, String reason, String subject,
               String text, int attempts, long notBefore, String claimOwner, Long claimUntil, String providerId,
               boolean inbound, Long readAt, long createdAt, long updatedAt) {
    }

    /** A row to insert; {@code status} QUEUED or SKIPPED (with reason). */
    record NewRow(String id, String key, NotificationKind kind, NotificationChannel channel, Recipient recipient,
                  String clientId, String jobId, String subjectRef, String status, String reason, String subject,
                  String text, long notBefore, String providerId, boolean inbound, long now) {
    }

    private NotificationRows() {
    }

    /**
     * Inserts the rows whose key is new, in one transaction, many per statement; answers the ids of those inserted.
     * Rows whose key exists are left as they are (the same event heard again).
     */
    static List<String> insert(CompanyDatabase db, List<NewRow> rows) {
        List<String> inserted = new ArrayList<>();
        db.inTransaction(() -> {
            for (int from = 0; from < rows.size(); from += 100) {
                List<NewRow> chunk = rows.subList(from, Math.min(rows.size(), from + 100));
                List<String> keys = chunk.stream().map(NewRow::key).toList();
                StringBuilder sql = new StringBuilder("INSERT INTO notifications (id, idempotency_key, kind, channel, "
                        + "recipient_type, recipient_id, client_id, job_id, subject_ref, status, reason, subject, text, "
                        + "attempts, not_before, provider_id, inbound, created_at, updated_at) VALUES ");
                for (int i = 0; i < chunk.size(); i++) {
                    sql.append(i == 0 ? "" : ", ").append("(:id").append(i).append(", :key").append(i).append(", :kind")
                            .append(i).append(", :channel").append(i).append(", :rtype").append(i).append(", :rid")
                            .append(i).append(", :client").append(i).append(", :job").append(i).append(", :ref")
                            .append(i).append(", :status").append(i).append(", :reason").append(i).append(", :subject")
                            .append(i).append(", :text").append(i).append(", 0, :nb").append(i).append(", :pid")
                            .append(i).append(", :inbound").append(i).append(", :now").append(i).append(", :now")
                            .append(i).append(")");
                }
                sql.append(" ON CONFLICT (idempotency_key) DO NOTHING");
                JdbcClient.StatementSpec statement = db.jdbc().sql(sql.toString());
                for (int i = 0; i < chunk.size(); i++) {
                    NewRow r = chunk.get(i);
                    statement = statement.param("id" + i, r.id()).param("key" + i, r.key())
                            .param("kind" + i, r.kind().name()).param("channel" + i, r.channel().name())
                            .param("rtype" + i, r.recipient().type().name()).param("rid" + i, r.recipient().id())
                            .param("client" + i, r.clientId()).param("job" + i, r.jobId())
                            .param("ref" + i, r.subjectRef()).param("status" + i, r.status())
                            .param("reason" + i, r.reason()).param("subject" + i, r.subject())
                            .param("text" + i, r.text()).param("nb" + i, r.notBefore())
                            .param("pid" + i, r.providerId()).param("inbound" + i, r.inbound())
                            .param("now" + i, r.now());
                }
                statement.update();
                // which of them are ours: the rows under these keys with our ids
                inserted.addAll(db.jdbc().sql("SELECT id FROM notifications WHERE idempotency_key IN (:keys) AND id IN (:ids)")
                        .param("keys", keys).param("ids", chunk.stream().map(NewRow::id).toList())
                        .query(String.class).list());
            }
            return null;
        });
        return inserted;
    }

    static Optional<Row> get(CompanyDatabase db, String id) {
        return db.jdbc().sql("SELECT " + COLUMNS + " FROM notifications WHERE id = :id").param("id", id)
                .query(NotificationRows::row).optional();
    }

    static Optional<Row> byKey(CompanyDatabase db, String key) {
        return db.jdbc().sql("SELECT " + COLUMNS + " FROM notifications WHERE idempotency_key = :key").param("key", key)
                .query(NotificationRows::row).optional();
    }

    /** Ids of queued rows due at {@code now}, oldest first. */
    static List<String> due(CompanyDatabase db, long now, int limit) {
        return db.jdbc().sql("""
                SELECT id FROM notifications WHERE status = 'QUEUED' AND not_before <= :now
                ORDER BY not_before, created_at LIMIT :limit""")
                .param("now", now).param("limit", limit).query(String.class).list();
    }

    /**
     * Claims a due queued row for {@code owner} until {@code until}: one conditional UPDATE, so of two nodes (or two
     * threads) only one gets it. It is SENDING from then on: nothing else sends it.
     */
    static Optional<Row> claim(CompanyDatabase db, String id, String owner, long now, long until) {
        int claimed = db.jdbc().sql("""
                UPDATE notifications SET status = 'SENDING', claim_owner = :owner, claim_until = :until,
                       attempts = attempts + 1, updated_at = :now
                WHERE id = :id AND status = 'QUEUED' AND not_before <= :now""")
                .param("owner", owner).param("until", until).param("now", now).param("id", id).update();
        return claimed == 1 ? get(db, id) : Optional.empty();
    }

    /** Moves a row this owner holds to {@code status}; false when the claim is no longer its own. */
    static boolean finish(CompanyDatabase db, String id, String owner, String status, String reason, String providerId,
                          long notBefore, long now) {
        return db.jdbc().sql("""
                UPDATE notifications SET status = :status, reason = :reason, provider_id = COALESCE(:pid, provider_id),
                       not_before = :nb, claim_owner = NULL, claim_until = NULL, updated_at = :now
                WHERE id = :id AND status = 'SENDING' AND claim_owner = :owner""")
                .param("status", status).param("reason", reason).param("pid", providerId).param("nb", notBefore)
                .param("now", now).param("id", id).param("owner", owner).update() == 1;
    }

    /**
     * Rows left SENDING past their lease (a node died between the claim and its result): FAILED {@code interrupted},
     * never sent again — the provider may have had it (decision 0058, at most once).
     */
    static int failStale(CompanyDatabase db, long now, String reason) {
        return db.jdbc().sql("""
                UPDATE notifications SET status = 'FAILED', reason = :reason, claim_owner = NULL, claim_until = NULL,
                       updated_at = :now
                WHERE status = 'SENDING' AND claim_until < :now""")
                .param("reason", reason).param("now", now).update();
    }

    /** Skips a queued row (not claimed) with a reason; false when it was no longer queued. */
    static boolean skipQueued(CompanyDatabase db, String id, String reason, long now) {
        return db.jdbc().sql("UPDATE notifications SET status = 'SKIPPED', reason = :reason, updated_at = :now "
                        + "WHERE id = :id AND status = 'QUEUED'")
                .param("reason", reason).param("now", now).param("id", id).update() == 1;
    }

    /** Skips the queued rows about {@code subjectRef} (a visit's reminders) but those under {@code keepPrefix}. */
    static int skipQueuedAbout(CompanyDatabase db, String subjectRef, String keepPrefix, String reason, long now) {
        return db.jdbc().sql("""
                UPDATE notifications SET status = 'SKIPPED', reason = :reason, updated_at = :now
                WHERE subject_ref = :ref AND status = 'QUEUED' AND idempotency_key NOT LIKE :keep""")
                .param("reason", reason).param("now", now).param("ref", subjectRef).param("keep", keepPrefix + "%")
                .update();
    }

    /** A provider's report: SENT → DELIVERED or FAILED; anything else (unknown, backwards, repeated) changes nothing. */
    static int report(CompanyDatabase db, NotificationChannel channel, String providerId, String status, String reason,
                      long now) {
        String from = DELIVERED.equals(status) ? "status = 'SENT'" : "status IN ('SENT', 'SENDING')";
        return db.jdbc().sql("UPDATE notifications SET status = :status, reason = :reason, updated_at = :now "
                        + "WHERE channel = :channel AND provider_id = :pid AND inbound = FALSE AND " + from)
                .param("status", status).param("reason", reason).param("now", now).param("channel", channel.name())
                .param("pid", providerId).update();
    }

    static List<Row> forClient(CompanyDatabase db, String clientId, int limit) {
        return db.jdbc().sql("SELECT " + COLUMNS + " FROM notifications WHERE client_id = :client "
                        + "ORDER BY created_at DESC, id LIMIT :limit")
                .param("client", clientId).param("limit", limit).query(NotificationRows::row).list();
    }

    static List<Row> forJob(CompanyDatabase db, String jobId, int limit) {
        return db.jdbc().sql("SELECT " + COLUMNS + " FROM notifications WHERE job_id = :job "
                        + "ORDER BY created_at DESC, id LIMIT :limit")
                .param("job", jobId).param("limit", limit).query(NotificationRows::row).list();
    }

    /** A user's in-app notifications that were sent (stored for them), newest first. */
    static List<Row> inbox(CompanyDatabase db, String userId, int limit) {
        return db.jdbc().sql("SELECT " + COLUMNS + " FROM notifications WHERE recipient_type = 'USER' "
                        + "AND recipient_id = :user AND channel = 'IN_APP' AND status = 'SENT' "
                        + "ORDER BY created_at DESC, id LIMIT :limit")
                .param("user", userId).param("limit", limit).query(NotificationRows::row).list();
    }

    static int unread(CompanyDatabase db, String userId) {
        return db.jdbc().sql("SELECT COUNT(*) FROM notifications WHERE recipient_type = 'USER' AND recipient_id = :user "
                        + "AND channel = 'IN_APP' AND status = 'SENT' AND read_at IS NULL")
                .param("user", userId).query(Integer.class).single();
    }

    /** Marks a user's in-app notification (or all of them, {@code id} null) read; another user's rows are untouched. */
    static int markRead(CompanyDatabase db, String userId, String id, long now) {
        return db.jdbc().sql("UPDATE notifications SET read_at = :now WHERE recipient_type = 'USER' "
                        + "AND recipient_id = :user AND channel = 'IN_APP' AND read_at IS NULL"
                        + (id == null ? "" : " AND id = :id"))
                .param("now", now).param("user", userId).params(id == null ? java.util.Map.<String, Object>of() : java.util.Map.<String, Object>of("id", id))
                .update();
    }

    /** Every row, oldest first (the export). */
    static void each(CompanyDatabase db, java.util.function.Consumer<Row> row) {
        db.jdbc().sql("SELECT " + COLUMNS + " FROM notifications ORDER BY created_at, id")
                .query(NotificationRows::row).list().forEach(row);
    }

    private static Row row(ResultSet rs, int i) throws SQLException {
        long claimUntil = rs.getLong("claim_until");
        Long until = rs.wasNull() ? null : claimUntil;
        long readAt = rs.getLong("read_at");
        Long read = rs.wasNull() ? null : readAt;
        return new Row(rs.getString("id"), rs.getString("idempotency_key"), NotificationKind.valueOf(rs.getString("kind")),
                NotificationChannel.valueOf(rs.getString("channel")),
                new Recipient(Recipient.Type.valueOf(rs.getString("recipient_type")), rs.getString("recipient_id")),
                rs.getString("client_id"), rs.getString("job_id"), rs.getString("subject_ref"), rs.getString("status"),
                rs.getString("reason"), rs.getString("subject"), rs.getString("text"), rs.getInt("attempts"),
                rs.getLong("not_before"), rs.getString("claim_owner"), until, rs.getString("provider_id"),
                rs.getBoolean("inbound"), read, rs.getLong("created_at"), rs.getLong("updated_at"));
    }
}
