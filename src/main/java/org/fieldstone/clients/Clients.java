package org.fieldstone.clients;

import java.util.List;
import org.fieldstone.audit.AuditEntry;
import org.fieldstone.shared.Actor;
import org.fieldstone.shared.Page;

/**
 * A company's clients and their properties. Reads need {@code clients:read}, writes {@code clients:write};
 * every write goes through the one write path (version check, audit entry, event). Ids of another company,
 * and properties asked for under another client, are not found.
 */
public interface Clients {

    /**
     * Clients whose name, email, phone or a property's city contains {@code q} (case-insensitive; a phone
     * number is matched by its digits), by name. Archived clients only with {@code includeArchived}.
     */
    Page<Client> list(Actor actor, String q, boolean includeArchived, Page.PageRequest page);

    Client get(Actor actor, String clientId);

    /** The clients of these ids (archived ones too) that exist, by id: one query, for views of many jobs. */
    java.util.Map<String, Client> clientsById(Actor actor, java.util.Collection<String> clientIds);

    /** The properties of these ids that exist, by id. */
    java.util.Map<String, Property> propertiesById(Actor actor, java.util.Collection<String> propertyIds);

    /**
     * Creates a client and, unless {@code firstProperty} is null or blank, its first property, in one
     * transaction. Every invalid field is reported at once ({@link org.fieldstone.shared.InvalidInput}).
     */
    Client create(Actor actor, NewClient client, NewProperty firstProperty);

    /** Applies {@code changes} if the client is still at {@code expectedVersion}. */
    Client update(Actor actor, String clientId, long expectedVersion, ClientChanges changes);

    /** Hides the client from lists; the record and its history stay. */
    Client archive(Actor actor, String clientId, long expectedVersion);

    Client restore(Actor actor, String clientId, long expectedVersion);

    List<Property> properties(Actor actor, String clientId);

    Property property(Actor actor, String clientId, String propertyId);

    /** Adds a property; the client's version is not involved. */
    Property addProperty(Actor actor, String clientId, NewProperty property);

    Property updateProperty(Actor actor, String clientId, String propertyId, long expectedVersion, PropertyChanges changes);

    void deleteProperty(Actor actor, String clientId, String propertyId, long expectedVersion);

    /**
     * What happened to the client and its properties (including deleted ones), newest first, with sensitive
     * before/after values opened. Anyone who may read the client may read its history.
     */
    List<AuditEntry> history(Actor actor, String clientId, int limit);

    /**
     * Checks what a document (a quote, an invoice) names as its client and property, adding each problem to
     * {@code errors} under {@code clientId} or {@code propertyId}: no client, a client the actor does not see (another
     * company's included), no property where one is required, or a property of another client.
     */
    default void checkClientAndProperty(Actor actor, org.fieldstone.shared.InvalidInput.Collector errors, String clientId,
                                        String propertyId, boolean propertyRequired) {
        if (clientId == null || clientId.isBlank()) {
            errors.add("clientId", org.fieldstone.shared.Message.of("clients.refused.client-required"));
            return;
        }
        try {
            get(actor, clientId);
        } catch (org.fieldstone.shared.NotFound e) {
            errors.add("clientId", org.fieldstone.shared.Message.of("refusal.not-found",
                    org.fieldstone.shared.Message.of("clients.thing.client")));
            return;
        }
        if (propertyId == null || propertyId.isBlank()) {
            if (propertyRequired) {
                errors.add("propertyId", org.fieldstone.shared.Message.of("clients.refused.property-required"));
            }
            return;
        }
        try {
            property(actor, clientId, propertyId);
        } catch (org.fieldstone.shared.NotFound e) {
            errors.add("propertyId", org.fieldstone.shared.Message.of("clients.refused.property-of-other-client"));
        }
    }

    /** The client of this id if {@code actor} sees it; unknown ids and another company's alike are empty. */
    default java.util.Optional<Client> find(Actor actor, String clientId) {
        if (clientId == null || clientId.isBlank()) {
            return java.util.Optional.empty();
        }
        try {
            return java.util.Optional.of(get(actor, clientId.strip()));
        } catch (org.fieldstone.shared.NotFound e) {
            return java.util.Optional.empty();
        }
    }

    /**
     * The client a form's client picker names: {@code clientId} when it holds one (checked later like any other
     * field), else — a browser without JavaScript, or text typed but no suggestion chosen — the one active client
     * that {@code typed} matches, or the one of several named exactly so; blank when none or several match, so the
     * form asks for a client again with the typed text kept.
     */
    default String picked(Actor actor, String clientId, String typed) {
        if (clientId != null && !clientId.isBlank()) {
            return clientId.strip();
        }
        if (typed == null || typed.isBlank()) {
            return "";
        }
        String text = typed.strip();
        Page<Client> found = list(actor, text, false, Page.request(0, PICKER_SIZE));
        if (found.total() == 1) {
            return found.items().getFirst().id();
        }
        List<Client> named = found.items().stream().filter(c -> c.name().equalsIgnoreCase(text)).toList();
        return named.size() == 1 ? named.getFirst().id() : "";
    }

    /**
     * The clients (archived ones too) whose phone is exactly {@code e164} — an SMS sender's number: usually one; none
     * or several, and the caller attaches nothing. The stored numbers are sealed: found through their blind index.
     */
    List<Client> withPhone(Actor actor, String e164);

    /** How many suggestions a client picker shows at most: a large company's clients are never all sent to a form. */
    int PICKER_SIZE = 10;
}
