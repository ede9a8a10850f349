package org.fieldstone.portal.internal;

import java.util.ArrayList;
import java.util.List;
import org.fieldstone.portal.ShareLink;
import org.fieldstone.portal.ShareLinks;
import org.fieldstone.pricing.DocumentTimeline;
import org.fieldstone.shared.Actor;
import org.fieldstone.shared.Message;
import org.springframework.stereotype.Component;

/**
 * A document's share links on its timeline: made (for whom), opened (the landing page shown), viewed on the portal
 * (the link exchanged), a new link asked for, revoked. Decisions and payments are the document's own history.
 */
@Component
class PortalTimeline implements DocumentTimeline {

    private final ShareLinks links;

    PortalTimeline(ShareLinks links) {
        this.links = links;
    }

    @Override
    public List<Entry> entries(Actor actor, Document document, String documentId) {
        ShareLinks.Kind kind = document == Document.QUOTE ? ShareLinks.Kind.QUOTE : ShareLinks.Kind.INVOICE;
        List<Entry> entries = new ArrayList<>();
        for (ShareLink l : links.links(actor, kind, documentId)) {
            String to = l.recipient() == null ? "" : l.recipient();
            entries.add(new Entry(l.createdAt(), to, Message.of("portal.timeline.made", to)));
            if (l.openedAt() != null && (l.spentAt() == null || l.openedAt().isBefore(l.spentAt()))) {
                entries.add(new Entry(l.openedAt(), to, Message.of("portal.timeline.opened")));
            }
            if (l.spentAt() != null) {
                entries.add(new Entry(l.spentAt(), to, Message.of("portal.timeline.viewed")));
            }
            if (l.revokedAt() != null) {
                entries.add(new Entry(l.revokedAt(), "", Message.of("portal.timeline.revoked")));
            }
        }
        return entries;
    }
}
