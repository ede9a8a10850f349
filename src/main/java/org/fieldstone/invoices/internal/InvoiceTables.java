package org.fieldstone.invoices.internal;

import org.fieldstone.shared.Permission;
import org.fieldstone.tenancy.Column;
import org.fieldstone.tenancy.ProtectedTable;
import org.fieldstone.tenancy.RecordType;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The invoices module's tables as the one write path sees them. Money, the texts for the customer and payment
 * references are sealed; times are UTC epoch milliseconds, dates ISO text.
 */
final class InvoiceTables {

    /** Given when the invoice is sent (not by the write path's insert numbering: drafts have none). */
    static final Column<String> NUMBER = Column.of("number", String.class);
    /** An {@link org.fieldstone.invoices.InvoiceKind}'s name. */
    static final Column<String> KIND = Column.of("kind", String.class);
    static final Column<String> CLIENT_ID = Column.of("client_id", String.class);
    static final Column<String> PROPERTY_ID = Column.of("property_id", String.class);
    static final Column<String> JOB_ID = Column.of("job_id", String.class);
    static final Column<String> QUOTE_ID = Column.of("quote_id", String.class);
    static final Column<String> TITLE = Column.of("title", String.class);
    /** An {@link org.fieldstone.invoices.InvoiceStatus}'s name. */
    static final Column<String> STATUS = Column.of("status", String.class);
    static final Column<String> CURRENCY = Column.of("currency", String.class);
    static final Column<Boolean> TAX_INCLUSIVE = Column.of("tax_inclusive", Boolean.class);
    static final Column<String> LINE_ITEMS = Column.of("line_items", String.class).sealed();
    static final Column<String> DISCOUNT = Column.of("discount", String.class).sealed();
    static final Column<String> DEPOSIT = Column.of("deposit", String.class).sealed();
    /** {@link org.fieldstone.invoices.Deduction}s as JSON. */
    static final Column<String> DEDUCTIONS = Column.of("deductions", String.class).sealed();
    static final Column<String> TERMS = Column.of("terms", String.class).sealed();
    static final Column<String> NOTES = Column.of("notes", String.class).sealed();
    static final Column<Integer> PAYMENT_TERMS_DAYS = Column.of("payment_terms_days", Integer.class);
    static final Column<String> ISSUED_ON = Column.of("issued_on", String.class);
    static final Column<String> DUE_ON = Column.of("due_on", String.class);
    static final Column<Long> SENT_AT = Column.of("sent_at", Long.class);
    static final Column<Long> VOIDED_AT = Column.of("voided_at", Long.class);
    static final Column<String> VOID_REASON = Column.of("void_reason", String.class).sealed();
    /** The invoice a credit note credits. */
    static final Column<String> CREDITS_INVOICE_ID = Column.of("credits_invoice_id", String.class);

    /** When Stripe told of a dispute (chargeback) of one of its card payments, and Stripe's dispute id. */
    static final Column<Long> DISPUTED_AT = Column.of("disputed_at", Long.class);
    static final Column<String> DISPUTE_ID = Column.of("dispute_id", String.class);
    /** When a card payment of it last failed (a delayed payment method Stripe could not collect). */
    static final Column<Long> CARD_FAILED_AT = Column.of("card_failed_at", Long.class);

    static final RecordType INVOICES = RecordType.of("invoices", "invoice", Permission.INVOICES_WRITE, null,
            NUMBER, KIND, CLIENT_ID, PROPERTY_ID, JOB_ID, QUOTE_ID, TITLE, STATUS, CURRENCY, TAX_INCLUSIVE, LINE_ITEMS,
            DISCOUNT, DEPOSIT, DEDUCTIONS, TERMS, NOTES, PAYMENT_TERMS_DAYS, ISSUED_ON, DUE_ON, SENT_AT, VOIDED_AT,
            VOID_REASON, CREDITS_INVOICE_ID);

    /**
     * What Stripe's webhook tells of an invoice besides its payments (a dispute, a failed card payment), written with
     * {@code payments:record} like the status a payment changes.
     */
    static final RecordType INVOICE_CARD_EVENTS = RecordType.of("invoices", "invoice", Permission.PAYMENTS_RECORD,
            null, DISPUTED_AT, DISPUTE_ID, CARD_FAILED_AT);

    /** A deposit invoice of a quote given the job the quote became ({@code QuoteConverted}). */
    static final RecordType INVOICE_JOB = RecordType.of("invoices", "invoice", Permission.INVOICES_WRITE, null, JOB_ID);

    /**
     * The invoice's status as a payment changes it: the same table and column, written with {@code payments:record}
     * (who records a payment need not be allowed to write invoices).
     */
    static final RecordType INVOICE_PAYMENT_STATUS = RecordType.of("invoices", "invoice", Permission.PAYMENTS_RECORD,
            null, STATUS);

    static final Column<String> INVOICE_ID = Column.of("invoice_id", String.class);
    /** Minor units as text (negative for a refund), sealed. */
    static final Column<String> AMOUNT = Column.of("amount", String.class).sealed();
    static final Column<String> PAYMENT_CURRENCY = Column.of("currency", String.class);
    /** A {@link org.fieldstone.invoices.PaymentMethod}'s name. */
    static final Column<String> METHOD = Column.of("method", String.class);
    static final Column<String> PAID_ON = Column.of("paid_on", String.class);
    static final Column<String> REFERENCE = Column.of("reference", String.class).sealed();
    static final Column<String> REASON = Column.of("reason", String.class).sealed();
    /** The payment (of the same invoice) a refund refunds; null for a payment and for refunds recorded before V25. */
    static final Column<String> REFUNDS_PAYMENT_ID = Column.of("refunds_payment_id", String.class);

    /** Stripe's identifiers of a card payment (or of the charge a card refund refunds): never card data. */
    static final Column<String> STRIPE_SESSION_ID = Column.of("stripe_session_id", String.class);
    static final Column<String> STRIPE_PAYMENT_INTENT_ID = Column.of("stripe_payment_intent_id", String.class);
    static final Column<String> STRIPE_CHARGE_ID = Column.of("stripe_charge_id", String.class);

    static final RecordType PAYMENTS = RecordType.of("payments", "payment", Permission.PAYMENTS_RECORD, INVOICE_ID,
            INVOICE_ID, AMOUNT, PAYMENT_CURRENCY, METHOD, PAID_ON, REFERENCE, REASON, REFUNDS_PAYMENT_ID,
            STRIPE_SESSION_ID, STRIPE_PAYMENT_INTENT_ID, STRIPE_CHARGE_ID);

    private InvoiceTables() {
    }

    /** The encrypted tables, for key rotation. */
    @Configuration(proxyBeanMethods = false)
    static class Protected {

        @Bean
        ProtectedTable invoicesTable() {
            return INVOICES.protectedTable();
        }

        @Bean
        ProtectedTable paymentsTable() {
            return PAYMENTS.protectedTable();
        }
    }
}
