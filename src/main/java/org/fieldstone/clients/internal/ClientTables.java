package org.fieldstone.clients.internal;

import java.util.Map;
import java.util.Set;
import org.fieldstone.shared.Permission;
import org.fieldstone.tenancy.ProtectedTable;
import org.fieldstone.tenancy.RecordType;
import org.fieldstone.tenancy.SearchIndex;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The clients module's tables as the one write path sees them. */
final class ClientTables {

    /** Found by email and phone (exact) and by the words of the name. */
    static final RecordType CLIENTS = new RecordType("clients", "client", Permission.CLIENTS_WRITE,
            Set.of("name", "email", "phone", "notes", "tags", "archived"),
            Set.of("name", "email", "phone", "notes"), null,
            Map.of("email", SearchIndex.EXACT, "phone", SearchIndex.EXACT, "name", SearchIndex.WORDS));

    /** A client is also found by the words of its properties' cities. */
    static final RecordType PROPERTIES = new RecordType("properties", "property", Permission.CLIENTS_WRITE,
            Set.of("client_id", "label", "street", "city", "region", "postal_code", "country", "latitude", "longitude"),
            Set.of("street", "city", "postal_code", "latitude", "longitude"), "client_id",
            Map.of("city", SearchIndex.WORDS));

    private ClientTables() {
    }

    /** The encrypted tables, for key rotation. */
    @Configuration(proxyBeanMethods = false)
    static class Protected {

        @Bean
        ProtectedTable clientsTable() {
            return CLIENTS.protectedTable();
        }

        @Bean
        ProtectedTable propertiesTable() {
            return PROPERTIES.protectedTable();
        }
    }
}
