package org.fieldstone.quotes.internal;

import org.fieldstone.shared.Permission;
import org.fieldstone.tenancy.Column;
import org.fieldstone.tenancy.ProtectedTable;
import org.fieldstone.tenancy.RecordType;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The quotes module's tables as the one write path sees them. The money (line items, discount, deposit), the texts
 * for the customer and the approval are sealed; times are UTC epoch milliseconds.
 */
final class QuoteTables {

    static final Column<String> CLIENT_ID = Column.of("client_id", String.class);
    static final Column<String> PROPERTY_ID = Column.of("property_id", String.class);
    static final Column<String> TITLE = Column.of("title", String.class);
    /** A {@link org.fieldstone.quotes.QuoteStatus}'s name. */
    static final Column<String> STATUS = Column.of("status", String.class);
    static final Column<Integer> REVISION = Column.of("revision", Integer.class);
    static final Column<String> CURRENCY = Column.of("currency", String.class);
    static final Column<Boolean> TAX_INCLUSIVE = Column.of("tax_inclusive", Boolean.class);
    /** {@link org.fieldstone.pricing.DocumentLines} JSON. */
    static final Column<String> LINE_ITEMS = Column.of("line_items", String.class).sealed();
    /** {@link org.fieldstone.pricing.Discount#format()}. */
    static final Column<String> DISCOUNT = Column.of("discount", String.class).sealed();
    static final Column<String> DEPOSIT = Column.of("deposit", String.class).sealed();
    static final Column<String> TERMS = Column.of("terms", String.class).sealed();
    static final Column<String> NOTES = Column.of("notes", String.class).sealed();
    /** ISO date. */
    static final Column<String> EXPIRES_ON = Column.of("expires_on", String.class);
    static final Column<Long> SENT_AT = Column.of("sent_at", Long.class);
    static final Column<Long> DECIDED_AT = Column.of("decided_at", Long.class);
    static final Column<String> DECISION_NOTE = Column.of("decision_note", String.class).sealed();
    /** {@link org.fieldstone.quotes.Approval} as JSON. */
    static final Column<String> APPROVAL = Column.of("approval", String.class).sealed();
    static final Column<String> JOB_ID = Column.of("job_id", String.class);

    static final RecordType QUOTES = RecordType.of("quotes", "quote", Permission.QUOTES_WRITE, null,
            CLIENT_ID, PROPERTY_ID, TITLE, STATUS, REVISION, CURRENCY, TAX_INCLUSIVE, LINE_ITEMS, DISCOUNT, DEPOSIT,
            TERMS, NOTES, EXPIRES_ON, SENT_AT, DECIDED_AT, DECISION_NOTE, APPROVAL, JOB_ID).numbered("number", "Q-");

    static final Column<String> QUOTE_ID = Column.of("quote_id", String.class);
    static final Column<Integer> REVISION_NUMBER = Column.of("revision", Integer.class);
    static final Column<String> HASH = Column.of("hash", String.class);
    /** The revision's content as sent (JSON), sealed. */
    static final Column<String> CONTENT = Column.of("content", String.class).sealed();

    static final RecordType REVISIONS = RecordType.of("quote_revisions", "quote_revision", Permission.QUOTES_WRITE,
            QUOTE_ID, QUOTE_ID, REVISION_NUMBER, HASH, CONTENT);

    private QuoteTables() {
    }

    /** The encrypted tables, for key rotation. */
    @Configuration(proxyBeanMethods = false)
    static class Protected {

        @Bean
        ProtectedTable quotesTable() {
            return QUOTES.protectedTable();
        }

        @Bean
        ProtectedTable quoteRevisionsTable() {
            return REVISIONS.protectedTable();
        }
    }
}
