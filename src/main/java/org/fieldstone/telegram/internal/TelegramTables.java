package org.fieldstone.telegram.internal;

import org.fieldstone.shared.Permission;
import org.fieldstone.tenancy.Column;
import org.fieldstone.tenancy.RecordType;

/** The telegram module's tables (V43). Every team member may link their own chat, hence {@code jobs:read}. */
final class TelegramTables {

    static final Column<String> USER_ID = Column.of("user_id", String.class);
    static final Column<String> CHAT_ID = Column.of("chat_id", String.class);
    static final Column<String> CONVERSATION_ID = Column.of("conversation_id", String.class);
    static final RecordType CHATS = RecordType.of("telegram_chats", "telegram_chat", Permission.JOBS_READ, null,
            USER_ID, CHAT_ID, CONVERSATION_ID);

    /** Only the code's SHA-256, and even that never in the audit trail. */
    static final Column<String> CODE_HASH = Column.of("code_hash", String.class).secret();
    static final Column<Long> EXPIRES_AT = Column.of("expires_at", Long.class);
    static final Column<Long> USED_AT = Column.of("used_at", Long.class);
    static final RecordType LINK_CODES = RecordType.of("telegram_link_codes", "telegram_link_code",
            Permission.JOBS_READ, null, USER_ID, CODE_HASH, EXPIRES_AT, USED_AT);

    static final Column<String> KIND = Column.of("kind", String.class);
    static final RecordType UPDATES = RecordType.of("telegram_updates", "telegram_update", Permission.JOBS_READ, null,
            KIND);

    private TelegramTables() {
    }
}
