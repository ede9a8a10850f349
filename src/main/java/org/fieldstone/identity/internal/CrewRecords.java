package org.fieldstone.identity.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.fieldstone.identity.Crew;
import org.fieldstone.shared.UserId;
import org.fieldstone.tenancy.CompanyDatabase;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.stereotype.Component;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads the company database's {@code crews} table (writes go through the
 * {@link org.fieldstone.tenancy.RecordStore}). Members are stored as a JSON array of user ids.
 */
@Component
class CrewRecords {

    private static final TypeReference<List<String>> IDS = new TypeReference<>() {
    };
    static final Comparator<Crew> BY_NAME = Comparator.comparing((Crew c) -> c.name().toLowerCase(Locale.ROOT))
            .thenComparing(Crew::id);

    private final JsonMapper json = JsonMapper.builder().build();

    /** Every crew of the company, by name (a company has few: they are sorted here, not by the engine's collation). */
    List<Crew> all(CompanyDatabase db) {
        return db.jdbc().sql("SELECT * FROM crews").query((rs, i) -> crew(rs)).list().stream().sorted(BY_NAME).toList();
    }

    Optional<Crew> find(CompanyDatabase db, String id) {
        return db.jdbc().sql("SELECT * FROM crews WHERE id = :id").param("id", id).query((rs, i) -> crew(rs)).optional();
    }

    /**
     * The ids of the crews {@code user} is a member of. The stored arrays hold canonical UUIDs, which contain no
     * LIKE wildcard, so the engine narrows the rows and each candidate's array is then read to be exact.
     */
    Set<String> idsOf(CompanyDatabase db, UserId user) {
        String id = user.toString();
        return db.jdbc().sql("SELECT id, members FROM crews WHERE members LIKE :quoted")
                .param("quoted", "%\"" + id + "\"%")
                .query((rs, i) -> Map.entry(rs.getString("id"), members(rs.getString("members"))))
                .list().stream().filter(crew -> crew.getValue().contains(id)).map(Map.Entry::getKey)
                .collect(Collectors.toUnmodifiableSet());
    }

    /** Every crew in the order they were created, one at a time. */
    void forEach(CompanyDatabase db, Consumer<Crew> each) {
        db.jdbc().sql("SELECT * FROM crews ORDER BY created_at, id")
                .query((RowCallbackHandler) rs -> each.accept(crew(rs)));
    }

    /** The stored form of a crew's members. */
    String membersJson(List<UserId> members) {
        return json.writeValueAsString(members.stream().map(UserId::toString).toList());
    }

    private Crew crew(ResultSet rs) throws SQLException {
        return new Crew(rs.getString("id"), rs.getString("name"),
                members(rs.getString("members")).stream().map(m -> new UserId(UUID.fromString(m))).toList(),
                rs.getLong("version"), Instant.ofEpochMilli(rs.getLong("created_at")),
                Instant.ofEpochMilli(rs.getLong("updated_at")));
    }

    private List<String> members(String stored) {
        return stored == null || stored.isBlank() ? List.of() : json.readValue(stored, IDS);
    }
}
