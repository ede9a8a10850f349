package org.fieldstone.assistant.internal;

import static org.fieldstone.assistant.internal.ToolDefinition.reads;
import static org.fieldstone.assistant.internal.ToolDefinition.writes;

import java.util.List;
import org.fieldstone.assistant.internal.ToolOutput.PageJson;
import org.fieldstone.clients.Client;
import org.fieldstone.clients.Clients;
import org.fieldstone.clients.NewClient;
import org.fieldstone.clients.NewProperty;
import org.fieldstone.clients.Property;
import org.fieldstone.shared.Actor;
import org.fieldstone.shared.Permission;
import org.springframework.ai.tool.annotation.ToolParam;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/** Clients and their properties, through {@link Clients} as the dashboard's client pages. */
@Component
@Order(1)
class ClientTools implements ToolSet {

    private final Clients clients;

    ClientTools(Clients clients) {
        this.clients = clients;
    }

    record FindClients(
            @ToolParam(required = false, description = "Text in the client's name, email, phone or a property's city; "
                    + "leave out to list all") String query,
            @ToolParam(required = false, description = "Include archived clients (default false)") Boolean includeArchived,
            @ToolParam(required = false, description = "Page number, 0-based (default 0)") Integer page,
            @ToolParam(required = false, description = "Clients per page, 1 to 50 (default 20)") Integer size) {
    }

    record GetClient(@ToolParam(description = "The client's id (from find_clients)") String clientId) {
    }

    record CreateClient(
            @ToolParam(description = "Name of the person or business") String name,
            @ToolParam(required = false, description = "Email address") String email,
            @ToolParam(required = false, description = "Phone number (international or of the company's country)")
            String phone,
            @ToolParam(required = false, description = "Internal notes") String notes,
            @ToolParam(required = false, description = "Street and number of the first property (service address)")
            String street,
            @ToolParam(required = false, description = "Postal code of the first property") String postalCode,
            @ToolParam(required = false, description = "City of the first property") String city) {
    }

    record ClientSummary(String clientId, String name, String email, String phone, List<String> tags, Boolean archived) {
        static ClientSummary of(Client c) {
            return new ClientSummary(c.id(), c.name(), c.email(), c.phone(), c.tags().isEmpty() ? null : c.tags(),
                    c.archived() ? Boolean.TRUE : null);
        }
    }

    record PropertyJson(String propertyId, String label, String address) {
        static PropertyJson of(Property p) {
            return new PropertyJson(p.id(), p.label() == null || p.label().isBlank() ? null : p.label(),
                    String.join(", ", p.addressLines()));
        }
    }

    record ClientJson(String clientId, String name, String email, String phone, String notes, List<String> tags,
                      boolean archived, List<PropertyJson> properties, long version) {
    }

    @Override
    public List<ToolDefinition<?>> definitions() {
        return List.of(
                reads("find_clients", "Find clients",
                        "Searches the company's clients by name, email, phone or city (case-insensitive), by name. "
                                + "Returns client ids, names, email and phone. Use to find the clientId other tools "
                                + "need. Paged.",
                        FindClients.class, Permission.CLIENTS_READ, this::find),
                reads("get_client", "Client",
                        "One client by id: name, email, phone, notes, tags and their properties (service addresses "
                                + "with propertyId).",
                        GetClient.class, Permission.CLIENTS_READ, this::get),
                writes("create_client", "Create client",
                        "Creates a client, with a first property when an address is given. Returns the new client.",
                        CreateClient.class, Permission.CLIENTS_WRITE, this::create, this::previewCreate));
    }

    PageJson<ClientSummary> find(Actor actor, FindClients args) {
        var request = ToolOutput.request(args.page(), args.size());
        return PageJson.of(clients.list(actor, args.query() == null ? "" : args.query().strip(),
                Boolean.TRUE.equals(args.includeArchived()), request).map(ClientSummary::of));
    }

    ClientJson get(Actor actor, GetClient args) {
        Client c = clients.get(actor, args.clientId().strip());
        return json(c, clients.properties(actor, c.id()).stream().map(PropertyJson::of).toList());
    }

    private static ClientJson json(Client c, List<PropertyJson> properties) {
        return new ClientJson(c.id(), c.name(), c.email(), c.phone(), c.notes() == null || c.notes().isBlank() ? null
                : c.notes(), c.tags(), c.archived(), properties, c.version());
    }

    ClientJson create(Actor actor, CreateClient args) {
        Client c = clients.create(actor, new NewClient(args.name(), args.email(), args.phone(), args.notes(), List.of()),
                new NewProperty(null, args.street(), args.city(), null, args.postalCode(), null, null, null));
        if (!actor.can(Permission.CLIENTS_READ)) {
            // a token granted clients:write without clients:read: the client written, as the REST API answers it,
            // not an error after the write (which a model would retry)
            return json(c, List.of());
        }
        return get(actor, new GetClient(c.id()));
    }

    String previewCreate(Actor actor, CreateClient args) {
        actor.require(Permission.CLIENTS_WRITE);
        if (args.name().isBlank()) {
            throw new org.fieldstone.shared.InvalidInput("name", org.fieldstone.shared.Message.of(
                    "assistant.refused.argument-required", "name"));
        }
        String address = String.join(", ", java.util.stream.Stream.of(args.street(),
                        String.join(" ", java.util.stream.Stream.of(args.postalCode(), args.city())
                                .filter(s -> s != null && !s.isBlank()).map(String::strip).toList()))
                .filter(s -> s != null && !s.isBlank()).map(String::strip).toList());
        return "Create the client " + args.name().strip() + (address.isEmpty() ? "" : " at " + address) + ".";
    }
}
