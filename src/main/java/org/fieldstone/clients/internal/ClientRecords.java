package org.fieldstone.clients.internal;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.fieldstone.clients.Client;
import org.fieldstone.clients.Property;
import org.fieldstone.shared.Page;
import org.fieldstone.tenancy.CompanyDatabase;
import org.fieldstone.tenancy.FieldProtection;
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
    private final JsonMapper json = JsonMapper.builder().build();

    ClientRecords(FieldProtection protection) {
        this.protection = protection;
    }

    Optional<Client> client(CompanyDatabase db, String id) {
        return db.jdbc().sql("SELECT * FROM clients WHERE id = :id").param("id", id)
                .query((rs, i) -> client(db, rs)).optional();
    }

    /**
     * A page of clients by name. Until blind indexes replace it, {@code q} is a case-insensitive substring
     * match on the stored name, email, phone and the properties' cities.
     */
    Page<Client> search(CompanyDatabase db, String q, boolean includeArchived, Page.PageRequest page) {
        StringBuilder where = new StringBuilder(" WHERE 1 = 1");
        Map<String, Object> params = new LinkedHashMap<>();
        if (!includeArchived) {
            where.append(" AND c.archived = :archived");
            params.put("archived", false);
        }
        if (q != null && !q.isBlank()) {
            String text = q.strip().toLowerCase(Locale.ROOT);
            params.put("q", "%" + escapeLike(text) + "%");
            // SQLite's LIKE ignores ASCII case by itself and its lower() folds nothing beyond ASCII, so there lower()
            // would only cost (it doubled the scan of the count); PostgreSQL's LIKE is case-sensitive.
            String fold = "sqlite".equals(db.engine()) ? "%s" : "lower(%s)";
            where.append(" AND (" + fold.formatted("c.name") + " LIKE :q ESCAPE '\\' OR " + fold.formatted("c.email")
                    + " LIKE :q ESCAPE '\\' OR c.phone LIKE :q ESCAPE '\\'"
                    // the matching cities once as a set, not a subquery per client
                    + " OR c.id IN (SELECT p.client_id FROM properties p WHERE " + fold.formatted("p.city")
                    + " LIKE :q ESCAPE '\\')");
            String digits = text.replaceAll("\\D", "").replaceFirst("^0+", "");
            if (PHONE_LIKE.matcher(text).matches() && digits.length() >= 3) {
                // "044 668 18 00" finds +41446681800: national prefix and separators aside, the digits match
                where.append(" OR c.phone LIKE :digits");
                params.put("digits", "%" + digits + "%");
            }
            where.append(")");
        }
        long total = db.jdbc().sql("SELECT COUNT(*) FROM clients c" + where).params(params).query(Long.class).single();
        List<Client> items = db.jdbc().sql("SELECT c.* FROM clients c" + where
                        + " ORDER BY lower(c.name), c.id LIMIT :limit OFFSET :offset")
                .params(params).param("limit", page.size()).param("offset", page.offset())
                .query((rs, i) -> client(db, rs)).list();
        return new Page<>(items, page.page(), page.size(), total);
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
                Instant.ofEpochMilli(rs.getLong("created_at")), Instant.ofEpochMilli(rs.getLong("updated_at")));
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

    private List<String> tags(String stored) {
        return stored == null || stored.isBlank() ? List.of() : json.readValue(stored, TAGS);
    }

    private static BigDecimal decimal(String text) {
        return text == null ? null : new BigDecimal(text);
    }

    private static String escapeLike(String text) {
        return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }
}
