package org.fieldstone.quotes.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.fieldstone.pricing.Discount;
import org.fieldstone.pricing.DocumentLine;
import org.fieldstone.pricing.DocumentLines;
import org.fieldstone.pricing.OpenedDocuments;
import org.fieldstone.pricing.PricedLine;
import org.fieldstone.pricing.Totals;
import org.fieldstone.pricing.TotalsCalculator;
import org.fieldstone.quotes.Approval;
import org.fieldstone.quotes.Quote;
import org.fieldstone.quotes.QuoteQuery;
import org.fieldstone.quotes.QuoteRevision;
import org.fieldstone.quotes.QuoteStatus;
import org.fieldstone.shared.Money;
import org.fieldstone.shared.Page;
import org.fieldstone.tenancy.CompanyDatabase;
import org.fieldstone.tenancy.FieldProtection;
import org.springframework.jdbc.UncategorizedSQLException;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads the quotes module's tables of one company database (writes go through the one write path); sealed columns are
 * opened through {@link FieldProtection}, and every quote's figures come from the {@link TotalsCalculator}.
 */
@Component
class QuoteRecords {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    /** Writes a value as JSON (an approval, a revision's content). */
    static final java.util.function.Function<Object, String> JSON_WRITER = JSON::writeValueAsString;

    private final FieldProtection protection;
    private final OpenedDocuments opened;

    QuoteRecords(FieldProtection protection, OpenedDocuments opened) {
        this.protection = protection;
        this.opened = opened;
    }

    /** How an approval is kept (inside the sealed {@code approval} column). */
    record ApprovalJson(String signatureName, long approvedAt, String recordedBy, String ip, String userAgent,
                        int revision, String revisionHash, List<String> chosenItemIds) {
        static ApprovalJson of(Approval a) {
            return new ApprovalJson(a.signatureName(), a.approvedAt().toEpochMilli(), a.recordedBy(), a.ip(),
                    a.userAgent(), a.revision(), a.revisionHash(), a.chosenItemIds());
        }

        Approval approval() {
            return new Approval(signatureName, Instant.ofEpochMilli(approvedAt), recordedBy, ip, userAgent, revision,
                    revisionHash, chosenItemIds == null ? List.of() : chosenItemIds);
        }
    }

    /**
     * A revision's content: what the customer is shown and an approval signs (its SHA-256 is the revision's hash),
     * and what {@code quote_revisions} keeps of each sent revision.
     */
    record Content(String number, int revision, String clientId, String propertyId, String title, String currency,
                   boolean taxInclusive, String lineItems, String discount, String deposit, String terms, String notes,
                   String expiresOn) {

        String json() {
            return JSON.writeValueAsString(this);
        }

        String hash() {
            try {
                return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(json().getBytes(StandardCharsets.UTF_8)));
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
        }

        static Content parse(String json) {
            return JSON.readValue(json, Content.class);
        }
    }

    /** A quote row, opened, before its figures are reckoned. */
    record Row(String id, String number, Content content, QuoteStatus status, Instant sentAt, Instant decidedAt,
               String decisionNote, Approval approval, String jobId, long version, Instant createdAt, Instant updatedAt) {
    }

    /** A quote row opened and reckoned: everything of a quote but what depends on the day it is read. */
    record Reckoned(Row row, List<DocumentLine> lines, Discount discount, Discount deposit, Totals totals,
                    Money depositDue, String revisionHash) {

        static Reckoned of(Row r) {
            Content c = r.content();
            List<DocumentLine> lines = DocumentLines.fromJson(c.lineItems());
            Set<String> counted = counted(lines, r.approval());
            List<PricedLine> priced = lines.stream().map(l -> l.priced(counted.contains(l.id()))).toList();
            Discount discount = Discount.parse(c.discount());
            Discount deposit = Discount.parse(c.deposit());
            Totals totals = TotalsCalculator.calculate(c.currency(), c.taxInclusive(), priced, discount);
            Money depositDue = deposit == null ? Money.zero(totals.currency()) : deposit.of(totals.total());
            return new Reckoned(r, lines, discount, deposit, totals, depositDue, c.hash());
        }
    }

    Optional<Quote> quote(CompanyDatabase db, String id, LocalDate today) {
        return db.jdbc().sql("SELECT * FROM quotes WHERE id = :id").param("id", id)
                .query((rs, i) -> reckoned(db, rs)).optional().map(r -> quote(r, today));
    }

    Optional<Row> row(CompanyDatabase db, String id, boolean lock) {
        String forUpdate = lock && "postgresql".equals(db.engine()) ? " FOR UPDATE" : "";
        return db.jdbc().sql("SELECT * FROM quotes WHERE id = :id" + forUpdate).param("id", id)
                .query((rs, i) -> row(db, rs)).optional();
    }

    Page<Quote> list(CompanyDatabase db, QuoteQuery query, Page.PageRequest page, LocalDate today) {
        Map<String, Object> params = new LinkedHashMap<>();
        String where = where(query, today, params);
        long total = db.jdbc().sql("SELECT COUNT(*) FROM quotes q WHERE " + where).params(params).query(Long.class).single();
        if (total == 0) {
            return new Page<>(List.of(), page.page(), page.size(), 0);
        }
        params.put("limit", page.size());
        params.put("offset", page.offset());
        List<Quote> items = db.jdbc().sql("SELECT * FROM quotes q WHERE " + where
                        + " ORDER BY q.created_at DESC, q.id LIMIT :limit OFFSET :offset").params(params)
                .query((rs, i) -> reckoned(db, rs)).list().stream().map(r -> quote(r, today)).toList();
        return new Page<>(items, page.page(), page.size(), total);
    }

    long count(CompanyDatabase db, QuoteQuery query, LocalDate today) {
        Map<String, Object> params = new LinkedHashMap<>();
        return db.jdbc().sql("SELECT COUNT(*) FROM quotes q WHERE " + where(query, today, params)).params(params)
                .query(Long.class).single();
    }

    private static String where(QuoteQuery query, LocalDate today, Map<String, Object> params) {
        StringBuilder where = new StringBuilder("1 = 1");
        if (query.status() != null) {
            where.append(" AND q.status = :status");
            params.put("status", query.status().name());
        }
        if (query.clientId() != null) {
            where.append(" AND q.client_id = :client");
            params.put("client", query.clientId());
        }
        if (query.expired() != null) {
            String expired = "(q.status IN ('SENT', 'CHANGES_REQUESTED') AND q.expires_on < :today)";
            where.append(query.expired() ? " AND " + expired : " AND NOT " + expired);
            params.put("today", today.toString());
        }
        if (query.search() != null && !query.search().isBlank()) {
            where.append(" AND (q.number = :number OR lower(q.title) LIKE :words ESCAPE '\\')");
            String s = query.search().strip();
            params.put("number", s.toUpperCase(Locale.ROOT));
            params.put("words", "%" + s.toLowerCase(Locale.ROOT).replace("\\", "\\\\").replace("%", "\\%")
                    .replace("_", "\\_") + "%");
        }
        return where.toString();
    }

    List<QuoteRevision> revisions(CompanyDatabase db, String quoteId, Quote current) {
        return db.jdbc().sql("SELECT id, revision, hash, content, created_at FROM quote_revisions WHERE quote_id = :q"
                        + " ORDER BY revision").param("q", quoteId)
                .query((rs, i) -> {
                    Content content = Content.parse(open(db, "quote_revisions", "content", rs.getString("id"),
                            rs.getString("content")));
                    Instant sentAt = Instant.ofEpochMilli(rs.getLong("created_at"));
                    Row row = new Row(quoteId, content.number(), content, QuoteStatus.SENT, sentAt, null, null, null,
                            null, 0, current.createdAt(), sentAt);
                    return new QuoteRevision(rs.getInt("revision"), sentAt, rs.getString("hash"), quote(row, null));
                }).list();
    }

    /**
     * The row opened and reckoned, as kept by {@link OpenedDocuments} for this version and these stored values (a
     * read's; the write path opens its locked row itself).
     */
    private Reckoned reckoned(CompanyDatabase db, ResultSet rs) throws SQLException {
        ResultSetMetaData columns = rs.getMetaData();
        List<String> stored = new ArrayList<>(columns.getColumnCount());
        for (int c = 1; c <= columns.getColumnCount(); c++) {
            stored.add(rs.getString(c));
        }
        return opened.open(db.tenant(), "quotes", rs.getString("id"), rs.getLong("version"), stored, Reckoned.class,
                () -> {
                    try {
                        return Reckoned.of(row(db, rs));
                    } catch (SQLException e) {
                        throw new UncategorizedSQLException("open a quote", null, e);
                    }
                });
    }

    private Row row(CompanyDatabase db, ResultSet rs) throws SQLException {
        String id = rs.getString("id");
        Content content = new Content(rs.getString("number"), rs.getInt("revision"), rs.getString("client_id"),
                rs.getString("property_id"), rs.getString("title"), rs.getString("currency"),
                rs.getBoolean("tax_inclusive"), open(db, "quotes", "line_items", id, rs.getString("line_items")),
                open(db, "quotes", "discount", id, rs.getString("discount")),
                open(db, "quotes", "deposit", id, rs.getString("deposit")),
                open(db, "quotes", "terms", id, rs.getString("terms")),
                open(db, "quotes", "notes", id, rs.getString("notes")), rs.getString("expires_on"));
        String approval = open(db, "quotes", "approval", id, rs.getString("approval"));
        return new Row(id, rs.getString("number"), content, QuoteStatus.valueOf(rs.getString("status")),
                instant(rs, "sent_at"), instant(rs, "decided_at"),
                open(db, "quotes", "decision_note", id, rs.getString("decision_note")),
                approval == null ? null : JSON.readValue(approval, ApprovalJson.class).approval(), rs.getString("job_id"),
                rs.getLong("version"), instant(rs, "created_at"), instant(rs, "updated_at"));
    }

    /** The quote with its figures; {@code today} (the company's) decides whether it expired (null: never). */
    static Quote quote(Row r, LocalDate today) {
        return quote(Reckoned.of(r), today);
    }

    static Quote quote(Reckoned k, LocalDate today) {
        Row r = k.row();
        Content c = r.content();
        LocalDate expiresOn = c.expiresOn() == null ? null : LocalDate.parse(c.expiresOn());
        boolean expired = today != null && expiresOn != null && r.status().isAwaitingResponse() && expiresOn.isBefore(today);
        return new Quote(r.id(), r.number(), c.revision(), c.clientId(), c.propertyId(), c.title(), r.status(), expired,
                c.currency(), c.taxInclusive(), k.lines(), k.discount(), k.deposit(), c.terms(), c.notes(), expiresOn,
                r.sentAt(), r.decidedAt(), r.decisionNote(), r.approval(), r.jobId(), k.totals(), k.depositDue(),
                k.revisionHash(), r.version(), r.createdAt(), r.updatedAt());
    }

    /**
     * The lines that count: after approval those chosen and every line that is not a choice; before it every line that
     * is not a choice and the first option of each group (optional items count once ticked).
     */
    static Set<String> counted(List<DocumentLine> lines, Approval approval) {
        Set<String> counted = new HashSet<>();
        Set<String> groups = new HashSet<>();
        for (DocumentLine l : lines) {
            if (!l.isChoice()) {
                counted.add(l.id());
            } else if (approval != null) {
                if (approval.chosenItemIds().contains(l.id())) {
                    counted.add(l.id());
                }
            } else if (l.group() != null && groups.add(l.group())) {
                counted.add(l.id());
            }
        }
        return counted;
    }

    private String open(CompanyDatabase db, String table, String column, String id, String stored) {
        return stored == null ? null : protection.open(db.tenant(), table, column, id, stored);
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        long millis = rs.getLong(column);
        return rs.wasNull() ? null : Instant.ofEpochMilli(millis);
    }
}
