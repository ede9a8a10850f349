package org.fieldstone.clients.internal;

import org.fieldstone.shared.Permission;
import org.fieldstone.tenancy.Column;
import org.fieldstone.tenancy.ProtectedTable;
import org.fieldstone.tenancy.RecordType;
import org.fieldstone.tenancy.SearchIndex;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The clients module's tables as the one write path sees them. */
final class ClientTables {

    // clients: found by email and phone (exact) and by the words of the name
    static final Column<String> NAME = Column.of("name", String.class).searchable(SearchIndex.WORDS);
    static final Column<String> EMAIL = Column.of("email", String.class).searchable(SearchIndex.EXACT);
    static final Column<String> PHONE = Column.of("phone", String.class).searchable(SearchIndex.EXACT);
    static final Column<String> NOTES = Column.of("notes", String.class).sealed();
    /** A JSON array of tags. */
    static final Column<String> TAGS = Column.of("tags", String.class);
    static final Column<Boolean> ARCHIVED = Column.of("archived", Boolean.class);
    /** The client opted out of reminders (messaging's overdue and expiry emails). */
    static final Column<Boolean> REMINDERS_OFF = Column.of("reminders_off", Boolean.class);

    static final RecordType CLIENTS = RecordType.of("clients", "client", Permission.CLIENTS_WRITE, null,
            NAME, EMAIL, PHONE, NOTES, TAGS, ARCHIVED, REMINDERS_OFF);

    // properties: a client is also found by the words of its properties' cities
    static final Column<String> CLIENT_ID = Column.of("client_id", String.class);
    static final Column<String> LABEL = Column.of("label", String.class);
    static final Column<String> STREET = Column.of("street", String.class).sealed();
    static final Column<String> CITY = Column.of("city", String.class).searchable(SearchIndex.WORDS);
    static final Column<String> REGION = Column.of("region", String.class);
    static final Column<String> POSTAL_CODE = Column.of("postal_code", String.class).sealed();
    static final Column<String> COUNTRY = Column.of("country", String.class);
    /** Decimal degrees as text, sealed like the address. */
    static final Column<String> LATITUDE = Column.of("latitude", String.class).sealed();
    static final Column<String> LONGITUDE = Column.of("longitude", String.class).sealed();

    static final RecordType PROPERTIES = RecordType.of("properties", "property", Permission.CLIENTS_WRITE, CLIENT_ID,
            CLIENT_ID, LABEL, STREET, CITY, REGION, POSTAL_CODE, COUNTRY, LATITUDE, LONGITUDE);

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
