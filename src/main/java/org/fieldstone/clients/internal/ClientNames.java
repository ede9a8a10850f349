package org.fieldstone.clients.internal;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import org.fieldstone.audit.RecordNames;
import org.fieldstone.clients.Clients;
import org.fieldstone.shared.Actor;
import org.fieldstone.shared.Permission;
import org.springframework.stereotype.Component;

/**
 * Clients in the audit log by their names, properties by their first address line (both opened from their sealed
 * columns, for those who may read clients).
 */
@Component
class ClientNames implements RecordNames {

    private final Clients clients;

    ClientNames(Clients clients) {
        this.clients = clients;
    }

    @Override
    public Set<String> entityTypes() {
        return Set.of("client", "property");
    }

    @Override
    public Map<String, String> names(Actor actor, String entityType, Collection<String> ids) {
        if (ids.isEmpty() || !actor.can(Permission.CLIENTS_READ)) {
            return Map.of();
        }
        Map<String, String> names = new HashMap<>();
        if (entityType.equals("client")) {
            clients.clientsById(actor, ids).forEach((id, c) -> names.put(id, c.name()));
        } else if (entityType.equals("property")) {
            clients.propertiesById(actor, ids).forEach((id, p) -> {
                if (!p.addressLines().isEmpty()) {
                    names.put(id, p.addressLines().getFirst());
                }
            });
        }
        return names;
    }
}
