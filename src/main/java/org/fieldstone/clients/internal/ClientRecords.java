package org.fieldstone.clients.internal;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.fieldstone.clients.Client;
import org.fieldstone.clients.Property;
import org.fieldstone.shared.Page;
import org.fieldstone.tenancy.CompanyDatabase;
import org.fieldstone.tenancy.FieldProtection;
import org.fieldstone.tenancy.WordSearch;
import org.springframework.stereotype.Component;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads the clients and properties tables of one company database (writes go through the
 * {@link org.fieldstone.tenancy.RecordStore}). Sensitive columns are opened through {@link FieldProtection}.
 */
@Component
class ClientRecords {

    private static final TypeReference<List<String>> TAGS = new TypeReference<>() {
    };
    /** Characters a phone number is typed with: such a query is also matched against the stored digits. */
    private static final java.util.regex.Pattern PHONE_LIKE = java.util.regex.Pattern.compile("^[0-9+()./\\s-]+$");

    private final FieldProtection protection;
    private final ClientNameOrder names;
    private final WordSearch words;
    private final JsonMapper json = JsonMapper.builder().build();

    ClientRecords(FieldProtection protection, ClientNameOrder names, WordSearch words) {
        this.protection = protection;
        this.names = names;
        this.words = words;
    }

    Optional<Client> client(CompanyDatabase db, String id) {
        return db.jdbc().sql("SELECT * FROM clients WHERE id = :id").param("id", id)
                .query((rs, i) -> client(db, rs)).optional();
    }

    /**
     * A page of clients by name. The stored names are encrypted, so {@code q} is answered through blind
     * indexes: an email address is looked up exactly, a phone number (in any format the company's country
     * understands) by its E.164 form, and anything else word by word — every word of the query must start a
     * word of the client's name or of one of its properties' cities. The order by name comes from
     * {@link ClientNameOrder} (the company's opened names, kept in memory and checked against the table on every
     * use): the database finds the matching ids, and only the page's rows are read and opened.
     */
    Page<Client> search(CompanyDatabase db, String q, String country, boolean includeArchived, Page.PageRequest page) {
        ClientNameOrder.Order order = names.of(db);
        ClientNameOrder.Slice slice;
        long offset = (long) page.page() * page.size();
        if (q == null || q.isBlank()) {
            slice = order.page(includeArchived, offset, page.size());
        } else {
            Optional<List<String>> matches = matches(db, q.strip(), country);
            if (matches.isEmpty()) {
                return new Page<>(List.of(), page.page(), page.size(), 0);
            }
            slice = order.page(matches.get(), includeArchived, offset, page.size());
        }
        if (slice.ids().isEmpty()) {
            return new Page<>(List.of(), page.page(), page.size(), slice.total());
        }
        Map<String, Client> byId = new LinkedHashMap<>();
        db.jdbc().sql("SELECT * FROM clients WHERE id IN (:ids)").param("ids", slice.ids())
                .query((rs, i) -> client(db, rs)).list().forEach(c -> byId.put(c.id(), c));
        // a client deleted since the order was taken is left out of the page
        return new Page<>(slice.ids().stream().map(byId::get).filter(Objects::nonNull).toList(), page.page(), page.size(),
                slice.total());
    }

    /** The ids of the clients {@code text} finds (archived or not); empty when the query has no word. */
    private Optional<List<String>> matches(CompanyDatabase db, String text, String country) {
        StringBuilder where = new StringBuilder();
        Map<String, Object> params = new LinkedHashMap<>();
        Optional<String> phone = PHONE_LIKE.matcher(text).matches() ? phone(text, country) : Optional.empty();
        if (text.contains("@")) {
            where.append(" WHERE email_index IN (:email)");
            params.put("email", protection.lookup(db.tenant(), "clients", "email", text));
        } else if (phone.isPresent()) {
            where.append(" WHERE phone_index IN (:phone)");
            params.put("phone", protection.lookup(db.tenant(), "clients", "phone", phone.get()));
        } else {
            List<WordSearch.RowIds> names = words.rowsPerWord(db.tenant(), "clients", "name", text, "name");
            List<WordSearch.RowIds> cities = words.rowsPerWord(db.tenant(), "properties", "city", text, "city");
            if (names.isEmpty()) {
                return Optional.empty();
            }
            // every word of the query starts a word of the client's name or of a property's city
            where.append(" WHERE 1 = 1");
            for (int i = 0; i < names.size(); i++) {
                where.append(" AND id IN (").append(names.get(i).sql())
                        .append(" UNION SELECT p.client_id FROM properties p WHERE p.id IN (").append(cities.get(i).sql())
                        .append("))");
                params.putAll(names.get(i).params());
                params.putAll(cities.get(i).params());
            }
        }
        return Optional.of(db.jdbc().sql("SELECT id FROM clients" + where).params(params).query(String.class).list());
    }

    private static Optional<String> phone(String text, String country) {
        try {
            return text.replaceAll("\\D", "").length() >= 3 ? Optional.of(PhoneNumbers.e164(text, country)) : Optional.empty();
        } catch (RuntimeException notAPhoneNumber) {
            return Optional.empty();
        }
    }

    /** The clients whose phone is exactly {@code e164} (blind index, then compared opened: an index may collide). */
    List<Client> withPhone(CompanyDatabase db, String e164) {
        return db.jdbc().sql("SELECT * FROM clients WHERE phone_index IN (:phone) ORDER BY created_at, id")
                .param("phone", protection.lookup(db.tenant(), "clients", "phone", e164))
                .query((rs, i) -> client(db, rs)).list().stream().filter(c -> e164.equals(c.phone())).toList();
    }

    /** Every client of the company, archived ones too, in the order they were created, one at a time. */
    void forEachClient(CompanyDatabase db, java.util.function.Consumer<Client> each) {
        db.jdbc().sql("SELECT * FROM clients ORDER BY created_at, id").withFetchSize(200)
                .query((org.springframework.jdbc.core.RowCallbackHandler) rs -> each.accept(client(db, rs)));
    }

    Map<String, Client> clients(CompanyDatabase db, java.util.Collection<String> ids) {
        Map<String, Client> byId = new LinkedHashMap<>();
        db.jdbc().sql("SELECT * FROM clients WHERE id IN (:ids)").param("ids", ids)
                .query((rs, i) -> client(db, rs)).list().forEach(c -> byId.put(c.id(), c));
        return byId;
    }

    Map<String, Property> properties(CompanyDatabase db, java.util.Collection<String> ids) {
        Map<String, Property> byId = new LinkedHashMap<>();
        db.jdbc().sql("SELECT * FROM properties WHERE id IN (:ids)").param("ids", ids)
                .query((rs, i) -> property(db, rs)).list().forEach(p -> byId.put(p.id(), p));
        return byId;
    }

    List<Property> properties(CompanyDatabase db, String clientId) {
        return db.jdbc().sql("SELECT * FROM properties WHERE client_id = :client ORDER BY created_at, id")
                .param("client", clientId).query((rs, i) -> property(db, rs)).list();
    }

    Optional<Property> property(CompanyDatabase db, String clientId, String id) {
        return db.jdbc().sql("SELECT * FROM properties WHERE id = :id AND client_id = :client")
                .param("id", id).param("client", clientId).query((rs, i) -> property(db, rs)).optional();
    }

    private Client client(CompanyDatabase db, ResultSet rs) throws SQLException {
        String id = rs.getString("id");
        return new Client(id, open(db, "clients", "name", id, rs.getString("name")),
                open(db, "clients", "email", id, rs.getString("email")),
                open(db, "clients", "phone", id, rs.getString("phone")),
                open(db, "clients", "notes", id, rs.getString("notes")),
                tags(rs.getString("tags")), rs.getBoolean("archived"), rs.getLong("version"),
                Instant.ofEpochMilli(rs.getLong("created_at")), Instant.ofEpochMilli(rs.getLong("updated_at")),
                rs.getBoolean("reminders_off"));
    }

    private Property property(CompanyDatabase db, ResultSet rs) throws SQLException {
        String id = rs.getString("id");
        return new Property(id, rs.getString("client_id"), rs.getString("label"),
                open(db, "properties", "street", id, rs.getString("street")),
                open(db, "properties", "city", id, rs.getString("city")),
                rs.getString("region"),
                open(db, "properties", "postal_code", id, rs.getString("postal_code")),
                rs.getString("country"),
                decimal(open(db, "properties", "latitude", id, rs.getString("latitude"))),
                decimal(open(db, "properties", "longitude", id, rs.getString("longitude"))),
                rs.getLong("version"), Instant.ofEpochMilli(rs.getLong("created_at")),
                Instant.ofEpochMilli(rs.getLong("updated_at")));
    }

    private String open(CompanyDatabase db, String table, String column, String id, String stored) {
        return stored == null ? null : protection.open(db.tenant(), table, column, id, stored);
    }

    String tagsJson(List<String> tags) {
        return json.writeValueAsString(tags);
    }

    List<String> tags(String stored) {
        return stored == null || stored.isBlank() ? List.of() : json.readValue(stored, TAGS);
    }

    private static BigDecimal decimal(String text) {
        return text == null ? null : new BigDecimal(text);
    }

}
