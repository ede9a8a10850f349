package org.fieldstone.sms.internal;

import org.fieldstone.shared.Permission;
import org.fieldstone.tenancy.Column;
import org.fieldstone.tenancy.RecordType;

/**
 * The SMS module's table on the write path: the Twilio webhook requests a company handled, by {@code MessageSid} (an
 * inbound message) or {@code <MessageSid>:<status>} (a status callback) — the row's id.
 */
final class TwilioTables {

    /** {@code inbound} or {@code status}. */
    static final Column<String> KIND = Column.of("kind", String.class);
    /** What became of it: a command ({@code confirm}, {@code callback}, {@code stop}, {@code start}), {@code text},
     * {@code no-client}, or the status reported. Never the message's text. */
    static final Column<String> OUTCOME = Column.of("outcome", String.class);

    static final RecordType TWILIO_MESSAGES = RecordType.of("twilio_messages", "twilio_message",
            Permission.SETTINGS_MANAGE, null, KIND, OUTCOME);

    private TwilioTables() {
    }
}
