package org.fieldstone.audit.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import org.fieldstone.audit.AuditAnchors;
import org.fieldstone.audit.AuditAnchors.Anchor;
import org.fieldstone.audit.AuditEntry;
import org.fieldstone.audit.AuditQuery;
import org.fieldstone.audit.AuditRecord;
import org.fieldstone.audit.AuditRecord.Change;
import org.fieldstone.audit.AuditTrail;
import org.fieldstone.audit.Verification;
import org.fieldstone.shared.Actor;
import org.fieldstone.shared.InvalidInput;
import org.fieldstone.shared.Message;
import org.fieldstone.shared.Page;
import org.fieldstone.shared.TenantId;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

@Component
@EnableConfigurationProperties(AuditProperties.class)
class JdbcAuditTrail implements AuditTrail {

    private final Counter verificationFailures;

    private static final TypeReference<List<Change>> CHANGES = new TypeReference<>() {
    };
    private static final String COLUMNS = """
            seq, at, actor_type, actor_id, actor_name, api_key_id, channel, ip, user_agent,
            entity_type, entity_id, action, changes, prev_hash, hash""";

    private final Clock clock;
    private final AnchorQueue anchorQueue;
    private final AuditAnchors anchors;
    private final AuditProperties properties;
    private final AuditKeys keys;
    // entries written before values could be sealed have no "sensitive" flag: absent means false
    private final JsonMapper json = JsonMapper.builder()
            .disable(tools.jackson.databind.DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES).build();

    JdbcAuditTrail(Clock clock, AnchorQueue anchorQueue, AuditAnchors anchors, AuditProperties properties, AuditKeys keys,
                   MeterRegistry meters) {
        this.verificationFailures = Counter.builder("fieldstone.audit.verification.failures")
                .description("Audit trails found altered or cut by a verification").register(meters);
        this.clock = clock;
        this.anchorQueue = anchorQueue;
        this.anchors = anchors;
        this.properties = properties;
        this.keys = keys;
    }

    @Override
    public void append(JdbcClient db, AuditRecord r) {
        if (!TransactionSynchronizationManager.isActualTransactionActive()) {
            throw new IllegalStateException("An audit entry is appended inside the transaction of the change it records");
        }
        // taking the chain head's row lock serializes appends of this company until commit
        db.sql("UPDATE audit_chain SET last_seq = last_seq + 1 WHERE id = 1").update();
        Head head = head(db);
        Actor a = r.actor();
        long seq = head.lastSeq();
        List<Change> changes = r.changes().stream().map(c -> c.sensitive()
                ? Change.sensitive(c.field(), keys.seal(a.tenant(), db, seq, c.field(), "before", c.before()),
                        keys.seal(a.tenant(), db, seq, c.field(), "after", c.after()))
                : c).toList();
        CanonicalEntry entry = new CanonicalEntry(seq, clock.millis(), actorType(a),
                a.userId().map(Object::toString).orElse(null),
                // who acted is personal data: sealed like a sensitive value
                keys.seal(a.tenant(), db, seq, "actor_name", "name", a.displayName()), a.apiKeyId().orElse(null),
                a.channel().code(), a.ip(), truncate(a.userAgent(), 500), r.entityType(), r.entityId(), r.action(),
                json.writeValueAsString(changes), head.lastHash());
        String hash = entry.hash();
        insert(db, entry, hash);
        db.sql("UPDATE audit_chain SET last_hash = :hash WHERE id = 1").param("hash", hash).update();
        Anchor anchor = new Anchor(entry.seq(), hash, head.baseSeq(), head.baseHash());
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCommit() {
                anchorQueue.submit(a.tenant(), anchor);
            }
        });
    }

    /** Inserts an entry whose hash was computed already (appends, and the migration of old entries). */
    static void insert(JdbcClient db, CanonicalEntry e, String hash) {
        db.sql("INSERT INTO audit_log (" + COLUMNS + """
                ) VALUES (:seq, :at, :actorType, :actorId, :actorName, :apiKeyId, :channel, :ip, :userAgent,
                          :entityType, :entityId, :action, :changes, :prevHash, :hash)
                """)
                .param("seq", e.seq()).param("at", e.at()).param("actorType", e.actorType())
                .param("actorId", e.actorId()).param("actorName", e.actorName()).param("apiKeyId", e.apiKeyId())
                .param("channel", e.channel()).param("ip", e.ip()).param("userAgent", e.userAgent())
                .param("entityType", e.entityType()).param("entityId", e.entityId()).param("action", e.action())
                .param("changes", e.changes()).param("prevHash", e.prevHash()).param("hash", hash)
                .update();
    }

    @Override
    public Page<AuditEntry> find(TenantId tenant, JdbcClient db, AuditQuery query, Page.PageRequest request) {
        Filter filter = Filter.of(query);
        long total = db.sql("SELECT COUNT(*) FROM audit_log" + filter.where).params(filter.params).query(Long.class).single();
        List<AuditEntry> items = db.sql("SELECT " + COLUMNS + " FROM audit_log" + filter.where
                        + " ORDER BY seq DESC LIMIT :limit OFFSET :offset")
                .params(filter.params).param("limit", request.size()).param("offset", request.offset())
                .query((rs, i) -> entry(tenant, db, rs)).list();
        return new Page<>(items, request.page(), request.size(), total);
    }

    @Override
    public List<String> entityTypes(JdbcClient db) {
        // DISTINCT over the (entity_type, entity_id) index, not over the rows
        return db.sql("SELECT DISTINCT entity_type FROM audit_log ORDER BY entity_type").query(String.class).list();
    }

    @Override
    public List<String> actions(JdbcClient db, String entityType) {
        return db.sql("SELECT DISTINCT action FROM audit_log WHERE entity_type = :type ORDER BY action")
                .param("type", entityType).query(String.class).list();
    }

    @Override
    public void forEach(TenantId tenant, JdbcClient db, AuditQuery query, Consumer<AuditEntry> each) {
        Filter filter = Filter.of(query);
        db.sql("SELECT " + COLUMNS + " FROM audit_log" + filter.where + " ORDER BY seq")
                .params(filter.params).query((RowCallbackHandler) rs -> each.accept(entry(tenant, db, rs)));
    }

    @Override
    public long keysToRewrap(TenantId tenant, JdbcClient db) {
        return keys.remaining(tenant, db);
    }

    @Override
    public int rewrapKeys(TenantId tenant, JdbcClient db, int limit) {
        return keys.rewrap(tenant, db, limit);
    }

    @Override
    public Verification verify(TenantId tenant, JdbcClient db) {
        return counted(verify(db, anchors.find(tenant)));
    }

    @Override
    public Verification verify(TenantId tenant, JdbcClient db, Anchor expected) {
        return counted(verify(db, Optional.of(expected)));
    }

    /** A failed verification is counted for the operator's alert (ops.monitoring). */
    private Verification counted(Verification verification) {
        if (verification.firstBadSeq() != null) {
            verificationFailures.increment();
        }
        return verification;
    }

    private Verification verify(JdbcClient db, Optional<Anchor> anchor) {
        Head head = head(db);
        Walk walk = new Walk(head.baseSeq() + 1, head.baseHash(), anchor.map(Anchor::seq).orElse(-1L));
        db.sql("SELECT " + COLUMNS + " FROM audit_log ORDER BY seq").query((RowCallbackHandler) rs -> walk.next(rs));
        if (walk.firstBad != null) {
            return new Verification(walk.count, walk.firstBad, walk.reason);
        }
        long lastSeq = walk.expected - 1;
        if (head.lastSeq() != lastSeq || !head.lastHash().equals(walk.prevHash)) {
            return new Verification(walk.count, lastSeq + 1,
                    "the chain ends at " + lastSeq + " but its head records " + head.lastSeq());
        }
        if (anchor.isEmpty()) {
            return new Verification(walk.count, null, lastSeq == head.baseSeq()
                    ? "empty chain, not anchored yet" : "intact, not anchored yet");
        }
        Anchor a = anchor.get();
        if (a.baseSeq() != head.baseSeq() || !a.baseHash().equals(head.baseHash())) {
            return new Verification(walk.count, head.baseSeq() + 1, "the chain's start (after seq " + head.baseSeq()
                    + ") differs from the anchored start (after seq " + a.baseSeq() + ")");
        }
        if (a.seq() > lastSeq) {
            return new Verification(walk.count, lastSeq + 1, "entries " + (lastSeq + 1) + " to " + a.seq()
                    + " were anchored but are missing: the end of the trail was cut");
        }
        if (a.seq() > head.baseSeq() && !a.hash().equals(walk.watchedHash)) {
            return new Verification(walk.count, a.seq(), "entry " + a.seq() + " differs from its anchored hash");
        }
        return new Verification(walk.count, null, "intact; anchored through seq " + a.seq());
    }

    @Override
    public Pruned prune(Actor actor, JdbcClient db, Instant before) {
        if (!TransactionSynchronizationManager.isActualTransactionActive()) {
            throw new IllegalStateException("A prune runs inside a transaction");
        }
        Instant keepFrom = clock.instant().atZone(ZoneOffset.UTC).minus(properties.retention()).toInstant();
        if (before.isAfter(keepFrom)) {
            throw new InvalidInput("before", Message.of("audit.refused.prune-retention",
                    describe(properties.retention()), DateTimeFormatter.ISO_LOCAL_DATE.format(keepFrom.atZone(ZoneOffset.UTC))));
        }
        Optional<Long> through = db.sql("SELECT MAX(seq) FROM audit_log WHERE at < :before")
                .param("before", before.toEpochMilli()).query(Long.class).optional();
        if (through.isEmpty()) {
            return new Pruned(0, head(db).baseSeq());
        }
        long n = through.get();
        String hashN = db.sql("SELECT hash FROM audit_log WHERE seq = :n").param("n", n).query(String.class).single();
        db.sql("INSERT INTO audit_prune_permit (through_seq) VALUES (:n)").param("n", n).update();
        int removed = db.sql("DELETE FROM audit_log WHERE seq <= :n").param("n", n).update();
        db.sql("DELETE FROM audit_prune_permit").update();
        db.sql("UPDATE audit_chain SET base_seq = :n, base_hash = :hash WHERE id = 1").param("n", n).param("hash", hashN).update();
        append(db, AuditRecord.of(actor, "audit_log", null, "audit.pruned",
                new Change("through_seq", null, Long.toString(n)), new Change("removed", null, Integer.toString(removed)),
                new Change("before", null, before.toString())));
        return new Pruned(removed, n);
    }

    @Override
    public void flushAnchors() {
        anchorQueue.flush();
    }

    private static Head head(JdbcClient db) {
        return db.sql("SELECT last_seq, last_hash, base_seq, base_hash FROM audit_chain WHERE id = 1")
                .query((rs, i) -> new Head(rs.getLong(1), rs.getString(2), rs.getLong(3), rs.getString(4))).single();
    }

    private AuditEntry entry(TenantId tenant, JdbcClient db, ResultSet rs) throws SQLException {
        long seq = rs.getLong("seq");
        List<Change> changes = json.readValue(rs.getString("changes"), CHANGES).stream().map(c -> c.sensitive()
                ? Change.sensitive(c.field(), keys.open(tenant, db, seq, c.field(), "before", c.before()),
                        keys.open(tenant, db, seq, c.field(), "after", c.after()))
                : c).toList();
        return new AuditEntry(seq, Instant.ofEpochMilli(rs.getLong("at")), rs.getString("actor_type"),
                rs.getString("actor_id"), keys.open(tenant, db, seq, "actor_name", "name", rs.getString("actor_name")),
                rs.getString("api_key_id"), rs.getString("channel"),
                rs.getString("ip"), rs.getString("user_agent"), rs.getString("entity_type"), rs.getString("entity_id"),
                rs.getString("action"), changes);
    }

    static String actorType(Actor a) {
        // a platform operator under the owner's support grant: its userId is the operator account's id
        if (a.channel() == org.fieldstone.shared.Channel.SUPPORT) {
            return "support";
        }
        // an app acting for a user through an OAuth grant: its apiKeyId names the grant (identity's SignedIn)
        if (a.apiKeyId().filter(id -> id.startsWith("oauth:")).isPresent()) {
            return "oauth_client";
        }
        if (a.apiKeyId().isPresent()) {
            return "api_key";
        }
        if (a.userId().isPresent()) {
            return "user";
        }
        return switch (a.channel()) {
            case CLI -> "cli";
            case SYSTEM -> "system";
            default -> "anonymous";
        };
    }

    /** Whole years in words ({@code audit.period.years}), any other period as ISO-8601 (P18M). */
    private static Object describe(java.time.Period p) {
        return p.getYears() > 0 && p.getMonths() == 0 && p.getDays() == 0
                ? Message.of("audit.period.years", p.getYears()) : p.toString();
    }

    private static String truncate(String s, int max) {
        return s == null || s.length() <= max ? s : s.substring(0, max);
    }

    private record Head(long lastSeq, String lastHash, long baseSeq, String baseHash) {
    }

    /** Walks entries in order, remembering the first that breaks the chain. */
    private static final class Walk {
        long expected;
        String prevHash;
        long count;
        Long firstBad;
        String reason;
        /** The anchored entry's hash as found while walking (only that one is kept, however long the chain). */
        final long watchSeq;
        String watchedHash;

        Walk(long expected, String prevHash, long watchSeq) {
            this.expected = expected;
            this.prevHash = prevHash;
            this.watchSeq = watchSeq;
        }

        void next(ResultSet rs) throws SQLException {
            if (firstBad != null) {
                return;
            }
            long seq = rs.getLong("seq");
            if (seq != expected) {
                fail(Math.min(seq, expected), seq < expected ? "entry " + seq + " is out of order or inserted"
                        : "entries from " + expected + " are missing (next is " + seq + ")");
                return;
            }
            CanonicalEntry e = new CanonicalEntry(seq, rs.getLong("at"), rs.getString("actor_type"),
                    rs.getString("actor_id"), rs.getString("actor_name"), rs.getString("api_key_id"),
                    rs.getString("channel"), rs.getString("ip"), rs.getString("user_agent"), rs.getString("entity_type"),
                    rs.getString("entity_id"), rs.getString("action"), rs.getString("changes"), rs.getString("prev_hash"));
            String stored = rs.getString("hash");
            if (!prevHash.equals(e.prevHash())) {
                fail(seq, "entry " + seq + " does not follow its predecessor (an entry before it was changed, removed or inserted)");
                return;
            }
            if (!e.hash().equals(stored)) {
                fail(seq, "entry " + seq + " was changed after it was written");
                return;
            }
            if (seq == watchSeq) {
                watchedHash = stored;
            }
            prevHash = stored;
            expected++;
            count++;
        }

        private void fail(long seq, String why) {
            firstBad = seq;
            reason = why;
        }
    }

    /** A WHERE clause with named parameters for an {@link AuditQuery}. */
    private record Filter(String where, Map<String, Object> params) {
        static Filter of(AuditQuery query) {
            StringBuilder where = new StringBuilder(" WHERE 1 = 1");
            Map<String, Object> params = new LinkedHashMap<>();
            equal(where, params, "entity_type", query.entityType());
            equal(where, params, "entity_id", query.entityId());
            equal(where, params, "actor_id", query.actorId());
            equal(where, params, "action", query.action());
            if (query.from() != null) {
                where.append(" AND at >= :from");
                params.put("from", query.from().toEpochMilli());
            }
            if (query.to() != null) {
                where.append(" AND at < :to");
                params.put("to", query.to().toEpochMilli());
            }
            return new Filter(where.toString(), params);
        }

        private static void equal(StringBuilder where, Map<String, Object> params, String column, String value) {
            if (value != null && !value.isBlank()) {
                where.append(" AND ").append(column).append(" = :").append(column);
                params.put(column, value);
            }
        }
    }
}
