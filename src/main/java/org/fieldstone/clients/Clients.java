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
}
