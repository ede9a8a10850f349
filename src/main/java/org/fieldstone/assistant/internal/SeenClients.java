package org.fieldstone.assistant.internal;

import java.util.List;
import java.util.Optional;
import org.fieldstone.clients.Client;
import org.fieldstone.clients.Clients;
import org.fieldstone.clients.Property;
import org.fieldstone.shared.Actor;
import org.fieldstone.shared.Permission;

/**
 * A client's name or property as the actor may see it, for naming things in answers and previews: nothing when the
 * actor lacks {@code clients:read} (a token granted only {@code jobs:read}) or does not see the client, so a job is
 * still answered without its client's name rather than refused.
 */
final class SeenClients {

    private SeenClients() {
    }

    static Optional<Client> client(Clients clients, Actor actor, String clientId) {
        return actor.can(Permission.CLIENTS_READ) ? clients.find(actor, clientId) : Optional.empty();
    }

    static Optional<String> name(Clients clients, Actor actor, String clientId) {
        return client(clients, actor, clientId).map(Client::name);
    }

    static Optional<String> address(Clients clients, Actor actor, String propertyId) {
        if (propertyId == null || !actor.can(Permission.CLIENTS_READ)) {
            return Optional.empty();
        }
        return clients.propertiesById(actor, List.of(propertyId)).values().stream().findFirst()
                .map(p -> String.join(", ", p.addressLines()));
    }

    /** The client's properties, or none when the actor may not read clients. */
    static List<Property> properties(Clients clients, Actor actor, String clientId) {
        return actor.can(Permission.CLIENTS_READ) ? clients.properties(actor, clientId) : List.of();
    }
}
