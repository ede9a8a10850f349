package org.fieldstone.clients.internal;

import java.util.List;
import java.util.Set;
import org.fieldstone.clients.Clients;
import org.fieldstone.files.AttachmentTargets;
import org.fieldstone.files.TargetKind;
import org.fieldstone.shared.Actor;
import org.fieldstone.shared.Message;
import org.fieldstone.shared.NotFound;
import org.fieldstone.shared.Permission;
import org.springframework.stereotype.Component;

/** Files on clients and their properties: read with {@code clients:read}, attached with {@code clients:write}. */
@Component
class ClientAttachments implements AttachmentTargets {

    private final Clients clients;

    ClientAttachments(Clients clients) {
        this.clients = clients;
    }

    @Override
    public Set<TargetKind> kinds() {
        return Set.of(TargetKind.CLIENT, TargetKind.PROPERTY);
    }

    @Override
    public void checkRead(Actor actor, TargetKind kind, String targetId) {
        if (kind == TargetKind.PROPERTY) {
            if (clients.propertiesById(actor, List.of(targetId)).isEmpty()) {
                throw new NotFound(Message.of("clients.thing.property"));
            }
        } else {
            clients.get(actor, targetId);
        }
    }

    @Override
    public void checkAttach(Actor actor, TargetKind kind, String targetId) {
        checkRead(actor, kind, targetId);
        actor.require(Permission.CLIENTS_WRITE);
    }
}
