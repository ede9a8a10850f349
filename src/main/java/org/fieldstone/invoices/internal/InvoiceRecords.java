package org.fieldstone.invoices.internal;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.fieldstone.invoices.Deduction;
import org.fieldstone.invoices.Invoice;
import org.fieldstone.invoices.InvoiceKind;
import org.fieldstone.invoices.InvoiceQuery;
import org.fieldstone.invoices.InvoiceStatus;
import org.fieldstone.invoices.Payment;
import org.fieldstone.invoices.PaymentMethod;
import org.fieldstone.pricing.Discount;
import org.fieldstone.pricing.DocumentLine;
import org.fieldstone.pricing.DocumentLines;
import org.fieldstone.pricing.OpenedDocuments;
import org.fieldstone.pricing.Totals;
import org.fieldstone.pricing.TotalsCalculator;
import org.fieldstone.shared.Money;
import org.fieldstone.shared.Page;
import org.fieldstone.tenancy.CompanyDatabase;
import org.fieldstone.tenancy.FieldProtection;
import org.springframework.jdbc.UncategorizedSQLException;
import org.springframework.stereotype.Component;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads invoices and payments of one company database (writes go through the one write path); sealed columns are
 * opened through {@link FieldProtection}; every invoice's figures come from the {@link TotalsCalculator} and its
 * payments.
 */
@Component
class InvoiceRecords {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final TypeReference<List<DeductionJson>> DEDUCTIONS = new TypeReference<>() {
    };

    private final FieldProtection protection;
    private final OpenedDocuments opened;

    InvoiceRecords(FieldProtection protection, OpenedDocuments opened) {
        this.protection = protection;
        this.opened = opened;
    }

    /** How a deduction is kept (inside the sealed {@code deductions} column). */
    record DeductionJson(String invoiceId, String number, long amount) {
    }

    static String deductionsJson(List<Deduction> deductions) {
        return deductions.isEmpty() ? null : JSON.writeValueAsString(deductions.stream()
                .map(d -> new DeductionJson(d.invoiceId(), d.number(), d.amount().amount())).toList());
    }

    /** An invoice row, opened, before its figures are reckoned. */
    record Row(String id, String number, InvoiceKind kind, String clientId, String propertyId, String jobId,
               String quoteId, String title, InvoiceStatus status, String currency, boolean taxInclusive,
               String lineItems, String discount, String deposit, String deductions, String terms, String notes,
               int paymentTermsDays, String issuedOn, String dueOn, Instant sentAt, Instant voidedAt, String voidReason,
               String creditsInvoiceId, long version, Instant createdAt, Instant updatedAt, Instant disputedAt,
               String disputeId, Instant cardFailedAt) {
    }

    /** An invoice row opened and reckoned: everything of an invoice but its payments, credits and the day. */
    record Reckoned(Row row, List<DocumentLine> lines, Discount discount, Discount deposit, Totals totals,
                    List<Deduction> deductions) {

        static Reckoned of(Row r) {
            List<DocumentLine> lines = DocumentLines.fromJson(r.lineItems());
            Discount discount = Discount.parse(r.discount());
            Totals totals = TotalsCalculator.calculate(r.currency(), r.taxInclusive(),
                    lines.stream().map(l -> l.priced(true)).toList(), discount);
            List<Deduction> deductions = r.deductions() == null ? List.of() : JSON.readValue(r.deductions(), DEDUCTIONS)
                    .stream().map(d -> new Deduction(d.invoiceId(), d.number(), Money.of(d.amount(), r.currency())))
                    .toList();
            return new Reckoned(r, lines, discount, Discount.parse(r.deposit()), totals, deductions);
        }
    }

    Optional<Row> row(CompanyDatabase db, String id, boolean lock) {
        String forUpdate = lock && "postgresql".equals(db.engine()) ? " FOR UPDATE" : "";
        return db.jdbc().sql("SELECT * FROM invoices WHERE id = :id" + forUpdate).param("id", id)
                .query((rs, i) -> row(db, rs)).optional();
    }

    Optional<Invoice> invoice(CompanyDatabase db, String id, LocalDate today) {
        return db.jdbc().sql("SELECT * FROM invoices WHERE id = :id").param("id", id)
                .query((rs, i) -> reckoned(db, rs)).optional()
                .map(r -> invoice(r, payments(db, List.of(id)).getOrDefault(id, List.of()),
                        credited(db, List.of(id), true).getOrDefault(id, 0L), today));
    }

    Page<Invoice> list(CompanyDatabase db, InvoiceQuery query, Page.PageRequest page, LocalDate today) {
        Map<String, Object> params = new LinkedHashMap<>();
        String where = where(query, today, params);
        long total = db.jdbc().sql("SELECT COUNT(*) FROM invoices i WHERE " + where).params(params).query(Long.class).single();
        if (total == 0) {
            return new Page<>(List.of(), page.page(), page.size(), 0);
        }
        params.put("limit", page.size());
        params.put("offset", page.offset());
        List<Reckoned> rows = db.jdbc().sql("SELECT * FROM invoices i WHERE " + where
                        + " ORDER BY i.created_at DESC, i.id LIMIT :limit OFFSET :offset").params(params)
                .query((rs, i) -> reckoned(db, rs)).list();
        List<String> ids = rows.stream().map(r -> r.row().id()).toList();
        Map<String, List<Payment>> payments = payments(db, ids);
        Map<String, Long> credited = credited(db, ids, true);
        return new Page<>(rows.stream().map(r -> invoice(r, payments.getOrDefault(r.row().id(), List.of()),
                credited.getOrDefault(r.row().id(), 0L), today)).toList(), page.page(), page.size(), total);
    }

    long count(CompanyDatabase db, InvoiceQuery query, LocalDate today) {
        Map<String, Object> params = new LinkedHashMap<>();
        return db.jdbc().sql("SELECT COUNT(*) FROM invoices i WHERE " + where(query, today, params)).params(params)
                .query(Long.class).single();
    }

    /** Every invoice of a job, oldest first. */
    /** The deposit invoices made for a quote's deposit (on the customer portal), oldest first. */
    List<Invoice> depositsOfQuote(CompanyDatabase db, String quoteId, LocalDate today) {
        List<Reckoned> rows = db.jdbc().sql("SELECT * FROM invoices WHERE quote_id = :quote AND kind = 'DEPOSIT'"
                + " ORDER BY created_at, id").param("quote", quoteId).query((rs, i) -> reckoned(db, rs)).list();
        List<String> ids = rows.stream().map(r -> r.row().id()).toList();
        Map<String, List<Payment>> payments = payments(db, ids);
        return rows.stream().map(r -> invoice(r, payments.getOrDefault(r.row().id(), List.of()), 0L, today)).toList();
    }

    /**
     * The card payment (not a refund) Stripe's PaymentIntent or Charge id names, as {@code {paymentId, invoiceId}}.
     * Blank ids match nothing.
     */
    Optional<String[]> cardPayment(CompanyDatabase db, String paymentIntentId, String chargeId) {
        return db.jdbc().sql("SELECT id, invoice_id FROM payments WHERE method = 'CARD' AND refunds_payment_id IS NULL"
                        + " AND (stripe_payment_intent_id = :pi OR stripe_charge_id = :charge) ORDER BY created_at, id")
                .param("pi", paymentIntentId == null || paymentIntentId.isBlank() ? "-" : paymentIntentId)
                .param("charge", chargeId == null || chargeId.isBlank() ? "-" : chargeId)
                .query((rs, i) -> new String[] {rs.getString("id"), rs.getString("invoice_id")}).list().stream().findFirst();
    }

    /** The payment recorded for a Stripe Checkout Session, if any. */
    Optional<String> paymentOfSession(CompanyDatabase db, String sessionId) {
        return db.jdbc().sql("SELECT id FROM payments WHERE stripe_session_id = :s").param("s", sessionId)
                .query(String.class).optional();
    }

    List<Invoice> ofJob(CompanyDatabase db, String jobId, LocalDate today) {
        List<Reckoned> rows = db.jdbc().sql("SELECT * FROM invoices WHERE job_id = :job ORDER BY created_at, id")
                .param("job", jobId).query((rs, i) -> reckoned(db, rs)).list();
        List<String> ids = rows.stream().map(r -> r.row().id()).toList();
        Map<String, List<Payment>> payments = payments(db, ids);
        Map<String, Long> credited = credited(db, ids, true);
        return rows.stream().map(r -> invoice(r, payments.getOrDefault(r.row().id(), List.of()),
                credited.getOrDefault(r.row().id(), 0L), today)).toList();
    }

    private static String where(InvoiceQuery query, LocalDate today, Map<String, Object> params) {
        StringBuilder where = new StringBuilder("1 = 1");
        if (query.kind() != null) {
            where.append(" AND i.kind = :kind");
            params.put("kind", query.kind().name());
        }
        if (query.status() != null) {
            where.append(" AND i.status = :status");
            params.put("status", query.status().name());
        }
        if (query.clientId() != null) {
            where.append(" AND i.client_id = :client");
            params.put("client", query.clientId());
        }
        if (query.jobId() != null) {
            where.append(" AND i.job_id = :job");
            params.put("job", query.jobId());
        }
        if (query.overdue() != null) {
            String overdue = "(i.status IN ('SENT', 'PARTIALLY_PAID') AND i.kind <> 'CREDIT_NOTE' AND i.due_on < :today)";
            where.append(query.overdue() ? " AND " + overdue : " AND NOT " + overdue);
            params.put("today", today.toString());
        }
        if (query.search() != null && !query.search().isBlank()) {
            String s = query.search().strip();
            where.append(" AND (i.number = :number OR lower(i.title) LIKE :words ESCAPE '\\')");
            params.put("number", s.toUpperCase(Locale.ROOT));
            params.put("words", "%" + s.toLowerCase(Locale.ROOT).replace("\\", "\\\\").replace("%", "\\%")
                    .replace("_", "\\_") + "%");
        }
        return where.toString();
    }

    /**
     * What the issued credit notes of these invoices credit (minor units), by invoice; {@code kept}: the credit notes as
     * {@link OpenedDocuments} keeps them (a read), else opened now (the write path).
     */
    Map<String, Long> credited(CompanyDatabase db, List<String> invoiceIds, boolean kept) {
        Map<String, Long> byInvoice = new HashMap<>();
        if (invoiceIds.isEmpty()) {
            return byInvoice;
        }
        db.jdbc().sql("SELECT * FROM invoices WHERE credits_invoice_id IN (:ids) AND kind = 'CREDIT_NOTE'"
                        + " AND status IN ('SENT', 'PAID')").param("ids", invoiceIds)
                .query((rs, i) -> kept ? reckoned(db, rs) : Reckoned.of(row(db, rs))).list()
                .forEach(n -> byInvoice.merge(n.row().creditsInvoiceId(), n.totals().total().amount(), Long::sum));
        return byInvoice;
    }

    /** The credit notes of an invoice (drafts and issued), oldest first. */
    List<Row> creditNotes(CompanyDatabase db, String invoiceId) {
        return db.jdbc().sql("SELECT * FROM invoices WHERE credits_invoice_id = :id AND kind = 'CREDIT_NOTE'"
                + " ORDER BY created_at, id").param("id", invoiceId).query((rs, i) -> row(db, rs)).list();
    }

    /** The payments of these invoices, oldest first, by invoice. */
    Map<String, List<Payment>> payments(CompanyDatabase db, List<String> invoiceIds) {
        Map<String, List<Payment>> byInvoice = new HashMap<>();
        if (invoiceIds.isEmpty()) {
            return byInvoice;
        }
        db.jdbc().sql("SELECT * FROM payments WHERE invoice_id IN (:ids) ORDER BY paid_on, created_at, id")
                .param("ids", invoiceIds).query((rs, i) -> payment(db, rs)).list()
                .forEach(p -> byInvoice.computeIfAbsent(p.invoiceId(), k -> new ArrayList<>()).add(p));
        return byInvoice;
    }

    /** The payments paid from {@code from} to {@code to} (ISO dates compare as text on both engines), by day paid. */
    List<Payment> paymentsBetween(CompanyDatabase db, LocalDate from, LocalDate to) {
        return db.jdbc().sql("SELECT * FROM payments WHERE paid_on >= :from AND paid_on <= :to ORDER BY paid_on, created_at, id")
                .param("from", from.toString()).param("to", to.toString()).query((rs, i) -> payment(db, rs)).list();
    }

    private Payment payment(CompanyDatabase db, ResultSet rs) throws SQLException {
        String id = rs.getString("id");
        return new Payment(id, rs.getString("invoice_id"),
                Money.of(Long.parseLong(open(db, "payments", "amount", id, rs.getString("amount"))), rs.getString("currency")),
                PaymentMethod.valueOf(rs.getString("method")), LocalDate.parse(rs.getString("paid_on")),
                open(db, "payments", "reference", id, rs.getString("reference")),
                open(db, "payments", "reason", id, rs.getString("reason")), rs.getString("refunds_payment_id"),
                rs.getString("created_by"),
                Instant.ofEpochMilli(rs.getLong("created_at")));
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
        return opened.open(db.tenant(), "invoices", rs.getString("id"), rs.getLong("version"), stored, Reckoned.class,
                () -> {
                    try {
                        return Reckoned.of(row(db, rs));
                    } catch (SQLException e) {
                        throw new UncategorizedSQLException("open an invoice", null, e);
                    }
                });
    }

    private Row row(CompanyDatabase db, ResultSet rs) throws SQLException {
        String id = rs.getString("id");
        return new Row(id, rs.getString("number"), InvoiceKind.valueOf(rs.getString("kind")), rs.getString("client_id"),
                rs.getString("property_id"), rs.getString("job_id"), rs.getString("quote_id"), rs.getString("title"),
                InvoiceStatus.valueOf(rs.getString("status")), rs.getString("currency"), rs.getBoolean("tax_inclusive"),
                open(db, "invoices", "line_items", id, rs.getString("line_items")),
                open(db, "invoices", "discount", id, rs.getString("discount")),
                open(db, "invoices", "deposit", id, rs.getString("deposit")),
                open(db, "invoices", "deductions", id, rs.getString("deductions")),
                open(db, "invoices", "terms", id, rs.getString("terms")),
                open(db, "invoices", "notes", id, rs.getString("notes")), rs.getInt("payment_terms_days"),
                rs.getString("issued_on"), rs.getString("due_on"), instant(rs, "sent_at"), instant(rs, "voided_at"),
                open(db, "invoices", "void_reason", id, rs.getString("void_reason")), rs.getString("credits_invoice_id"),
                rs.getLong("version"),
                instant(rs, "created_at"), instant(rs, "updated_at"), instant(rs, "disputed_at"),
                rs.getString("dispute_id"), instant(rs, "card_failed_at"));
    }

    /** The invoice with its figures; {@code today} (the company's) decides whether it is overdue (null: never). */
    static Invoice invoice(Row r, List<Payment> payments, long creditedMinor, LocalDate today) {
        return invoice(Reckoned.of(r), payments, creditedMinor, today);
    }

    static Invoice invoice(Reckoned k, List<Payment> payments, long creditedMinor, LocalDate today) {
        Row r = k.row();
        List<DocumentLine> lines = k.lines();
        Discount discount = k.discount();
        Discount deposit = k.deposit();
        Totals totals = k.totals();
        List<Deduction> deductions = k.deductions();
        Money zero = Money.zero(r.currency());
        Money deducted = deductions.stream().map(Deduction::amount).reduce(zero, Money::plus);
        Money paid = payments.stream().map(Payment::amount).reduce(zero, Money::plus);
        Money credited = Money.of(creditedMinor, r.currency());
        boolean owes = r.kind() != InvoiceKind.CREDIT_NOTE && r.status() != InvoiceStatus.VOID;
        Money balance = owes ? totals.total().minus(deducted).minus(credited).minus(paid) : zero;
        Money depositDue = deposit == null || !owes ? zero
                : deposit.of(totals.total()).minus(deducted).minus(paid).max(zero).min(balance.max(zero));
        LocalDate dueOn = r.dueOn() == null ? null : LocalDate.parse(r.dueOn());
        boolean overdue = today != null && dueOn != null && r.status().isOpen() && r.kind() != InvoiceKind.CREDIT_NOTE
                && dueOn.isBefore(today);
        return new Invoice(r.id(), r.number(), r.kind(), r.clientId(), r.propertyId(), r.jobId(), r.quoteId(), r.title(),
                r.status(), overdue, r.currency(), r.taxInclusive(), lines, discount, deposit, deductions, r.terms(),
                r.notes(), r.paymentTermsDays(), r.issuedOn() == null ? null : LocalDate.parse(r.issuedOn()), dueOn,
                r.sentAt(), r.voidedAt(), r.voidReason(), r.creditsInvoiceId(), totals, paid, deducted, credited, balance,
                depositDue, r.version(), r.createdAt(), r.updatedAt(), r.disputedAt(), r.cardFailedAt());
    }

    private String open(CompanyDatabase db, String table, String column, String id, String stored) {
        return stored == null ? null : protection.open(db.tenant(), table, column, id, stored);
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        long millis = rs.getLong(column);
        return rs.wasNull() ? null : Instant.ofEpochMilli(millis);
    }

    static BigDecimal hours(long minutes) {
        // to the quarter hour, up: 0:50 on site is 1.00 h, 2:31 is 2.75 h
        long quarters = (minutes + 14) / 15;
        return BigDecimal.valueOf(quarters * 25, 2);
    }
}
