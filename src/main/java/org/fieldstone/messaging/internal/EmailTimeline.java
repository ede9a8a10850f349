package org.fieldstone.messaging.internal;

import java.util.List;
import org.fieldstone.messaging.DocumentType;
import org.fieldstone.messaging.Emails;
import org.fieldstone.messaging.SentEmail;
import org.fieldstone.pricing.DocumentTimeline;
import org.fieldstone.shared.Actor;
import org.fieldstone.shared.Message;
import org.springframework.stereotype.Component;

/**
 * The emails of a quote or invoice on its timeline: to whom, when, which revision, sent or why not; reminders and new
 * portal links said as such.
 */
@Component
class EmailTimeline implements DocumentTimeline {

    private final Emails emails;

    EmailTimeline(Emails emails) {
        this.emails = emails;
    }

    @Override
    public List<Entry> entries(Actor actor, Document document, String documentId) {
        DocumentType type = document == Document.QUOTE ? DocumentType.QUOTE : DocumentType.INVOICE;
        return emails.sentFor(actor, type, documentId).stream().map(EmailTimeline::entry).toList();
    }

    private static Entry entry(SentEmail e) {
        String to = e.to() == null ? "" : e.to();
        String reason = e.reason() == null ? "" : e.reason();
        Message what = switch (e.kind()) {
            case DOCUMENT, OFFICE_NOTICE -> switch (e.status()) {
                case SENT -> e.revision() == null ? Message.of("messaging.timeline.sent", to)
                        : Message.of("messaging.timeline.sent-revision", to, e.revision());
                case FAILED -> Message.of("messaging.timeline.failed", to, reason);
                case SKIPPED -> Message.of("messaging.timeline.skipped", reason);
                case SENDING -> Message.of("messaging.timeline.sending", to);
            };
            case REMINDER, NEW_LINK -> {
                String kind = e.kind() == SentEmail.Kind.REMINDER ? "reminder" : "new-link";
                yield switch (e.status()) {
                    case SENT -> Message.of("messaging.timeline." + kind + ".sent", to);
                    case FAILED -> Message.of("messaging.timeline." + kind + ".failed", to, reason);
                    case SKIPPED -> Message.of("messaging.timeline." + kind + ".skipped", reason);
                    case SENDING -> Message.of("messaging.timeline.sending", to);
                };
            }
        };
        return new Entry(e.at(), to, what);
    }
}
