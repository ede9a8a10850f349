package org.fieldstone.messaging.internal;

import org.fieldstone.shared.Permission;
import org.fieldstone.tenancy.Column;
import org.fieldstone.tenancy.ProtectedTable;
import org.fieldstone.tenancy.RecordType;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The messaging module's table as the one write path sees it. Only the system writes it (the listeners that send), so
 * its write permission is the settings permission the system holds; the recipient is personal data and sealed.
 */
final class MessagingTables {

    /** The outbox event that asked for the email: a second delivery finds its row. */
    static final Column<String> EVENT_ID = Column.of("event_id", String.class);
    /** A {@link org.fieldstone.messaging.DocumentType}'s code. */
    static final Column<String> DOCUMENT_TYPE = Column.of("document_type", String.class);
    static final Column<String> DOCUMENT_ID = Column.of("document_id", String.class);
    static final Column<Integer> REVISION = Column.of("revision", Integer.class);
    static final Column<String> TO_ADDRESS = Column.of("to_address", String.class).sealed();
    static final Column<String> SUBJECT = Column.of("subject", String.class);
    /** A {@link org.fieldstone.messaging.SentEmail.Status}'s name. */
    static final Column<String> STATUS = Column.of("status", String.class);
    static final Column<String> REASON = Column.of("reason", String.class);
    static final Column<String> MESSAGE_ID = Column.of("message_id", String.class);
    static final Column<Integer> ATTEMPTS = Column.of("attempts", Integer.class);
    /** A {@link org.fieldstone.messaging.SentEmail.Kind}'s code; null: the document itself. */
    static final Column<String> KIND = Column.of("kind", String.class);

    static final RecordType SENT_EMAILS = RecordType.of("sent_emails", "sent_email", Permission.SETTINGS_MANAGE, null,
            EVENT_ID, DOCUMENT_TYPE, DOCUMENT_ID, REVISION, TO_ADDRESS, SUBJECT, STATUS, REASON, MESSAGE_ID, ATTEMPTS, KIND);

    private MessagingTables() {
    }

    /** The encrypted table, for key rotation. */
    @Configuration(proxyBeanMethods = false)
    static class Protected {

        @Bean
        ProtectedTable sentEmailsTable() {
            return SENT_EMAILS.protectedTable();
        }
    }
}
