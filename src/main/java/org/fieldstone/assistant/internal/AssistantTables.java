package org.fieldstone.assistant.internal;

import org.fieldstone.shared.Permission;
import org.fieldstone.tenancy.Column;
import org.fieldstone.tenancy.ProtectedTable;
import org.fieldstone.tenancy.RecordType;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The assistant's tables as the one write path sees them (V39). Everyone who may use the assistant holds
 * {@code jobs:read} (every role does), so that is the write permission; whose conversation it is, is checked by
 * {@link AssistantService} (another user's conversation is not found). A title and every message's text and arguments
 * are sealed and secret: encrypted at rest and never copied into the audit trail, so trimming and deleting really
 * remove them.
 */
final class AssistantTables {

    static final Column<String> USER_ID = Column.of("user_id", String.class);
    static final Column<String> TITLE = Column.of("title", String.class).sealed().secret();
    static final Column<Long> LAST_MESSAGE_AT = Column.of("last_message_at", Long.class);

    static final RecordType CONVERSATIONS = RecordType.of("assistant_conversations", "assistant_conversation",
            Permission.JOBS_READ, null, USER_ID, TITLE, LAST_MESSAGE_AT);

    static final Column<String> CONVERSATION_ID = Column.of("conversation_id", String.class);
    static final Column<Long> SEQ = Column.of("seq", Long.class);
    /** user | assistant | action | result */
    static final Column<String> ROLE = Column.of("role", String.class);
    static final Column<String> TEXT = Column.of("text", String.class).sealed().secret();
    static final Column<String> TOOL = Column.of("tool", String.class);
    static final Column<String> ARGUMENTS = Column.of("arguments", String.class).sealed().secret();
    /** An action's: pending | confirmed (claimed, running) | done | failed | cancelled | expired */
    static final Column<String> STATUS = Column.of("status", String.class);
    static final Column<Long> EXPIRES_AT = Column.of("expires_at", Long.class);

    static final RecordType MESSAGES = RecordType.of("assistant_messages", "assistant_message", Permission.JOBS_READ,
            CONVERSATION_ID, CONVERSATION_ID, SEQ, ROLE, TEXT, TOOL, ARGUMENTS, STATUS, EXPIRES_AT);

    private AssistantTables() {
    }

    /** The encrypted tables, for key rotation. */
    @Configuration(proxyBeanMethods = false)
    static class Protected {

        @Bean
        ProtectedTable assistantConversationsTable() {
            return CONVERSATIONS.protectedTable();
        }

        @Bean
        ProtectedTable assistantMessagesTable() {
            return MESSAGES.protectedTable();
        }
    }
}
