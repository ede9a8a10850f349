package org.fieldstone.quotes.internal;

import java.util.Set;
import org.fieldstone.files.AttachmentTargets;
import org.fieldstone.files.TargetKind;
import org.fieldstone.quotes.Quotes;
import org.fieldstone.shared.Actor;
import org.fieldstone.shared.Permission;
import org.springframework.stereotype.Component;

/** Files on quotes: read with {@code quotes:read}, attached with {@code quotes:write}. */
@Component
class QuoteAttachments implements AttachmentTargets {

    private final Quotes quotes;

    QuoteAttachments(Quotes quotes) {
        this.quotes = quotes;
    }

    @Override
    public Set<TargetKind> kinds() {
        return Set.of(TargetKind.QUOTE);
    }

    @Override
    public void checkRead(Actor actor, TargetKind kind, String targetId) {
        quotes.get(actor, targetId);
    }

    @Override
    public void checkAttach(Actor actor, TargetKind kind, String targetId) {
        checkRead(actor, kind, targetId);
        actor.require(Permission.QUOTES_WRITE);
    }
}
