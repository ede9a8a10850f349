package org.fieldstone.invoices.internal;

import java.util.Set;
import org.fieldstone.files.AttachmentTargets;
import org.fieldstone.files.TargetKind;
import org.fieldstone.invoices.Invoices;
import org.fieldstone.shared.Actor;
import org.fieldstone.shared.Permission;
import org.springframework.stereotype.Component;

/** Files on invoices: read with {@code invoices:read}, attached with {@code invoices:write}. */
@Component
class InvoiceAttachments implements AttachmentTargets {

    private final Invoices invoices;

    InvoiceAttachments(Invoices invoices) {
        this.invoices = invoices;
    }

    @Override
    public Set<TargetKind> kinds() {
        return Set.of(TargetKind.INVOICE);
    }

    @Override
    public void checkRead(Actor actor, TargetKind kind, String targetId) {
        invoices.get(actor, targetId);
    }

    @Override
    public void checkAttach(Actor actor, TargetKind kind, String targetId) {
        checkRead(actor, kind, targetId);
        actor.require(Permission.INVOICES_WRITE);
    }
}
