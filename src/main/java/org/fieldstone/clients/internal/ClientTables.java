package org.fieldstone.clients.internal;

import java.util.Set;
import org.fieldstone.shared.Permission;
import org.fieldstone.tenancy.RecordType;

/** The clients module's tables as the one write path sees them. */
final class ClientTables {

    static final RecordType CLIENTS = new RecordType("clients", "client", Permission.CLIENTS_WRITE,
            Set.of("name", "email", "phone", "notes", "tags", "archived"),
            Set.of("name", "email", "phone", "notes"), null);

    static final RecordType PROPERTIES = new RecordType("properties", "property", Permission.CLIENTS_WRITE,
            Set.of("client_id", "label", "street", "city", "region", "postal_code", "country", "latitude", "longitude"),
            Set.of("street", "city", "postal_code", "latitude", "longitude"), "client_id");

    private ClientTables() {
    }
}
