package org.fieldstone.identity.internal;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import org.fieldstone.identity.Crew;
import org.fieldstone.identity.Crews;
import org.fieldstone.shared.Actor;
import org.fieldstone.shared.Conflict;
import org.fieldstone.shared.InvalidInput;
import org.fieldstone.shared.Message;
import org.fieldstone.shared.NotFound;
import org.fieldstone.shared.Permission;
import org.fieldstone.shared.TenantId;
import org.fieldstone.shared.UserId;
import org.fieldstone.tenancy.Changes;
import org.fieldstone.tenancy.Column;
import org.fieldstone.tenancy.CompanyDatabase;
import org.fieldstone.tenancy.CompanyDatabases;
import org.fieldstone.tenancy.RecordKey;
import org.fieldstone.tenancy.RecordStore;
import org.fieldstone.tenancy.RecordType;
import org.springframework.stereotype.Service;

/** {@link Crews} over the one write path (writes) and {@link CrewRecords} (reads). */
@Service
class CrewService implements Crews {

    static final Column<String> NAME = Column.of("name", String.class);
    /** A JSON array of the members' user ids. */
    static final Column<String> MEMBERS = Column.of("members", String.class);
    static final RecordType CREWS = RecordType.of("crews", "crew", Permission.TEAM_MANAGE, null, NAME, MEMBERS);
    static final int NAME_MAX = 60;
    static final int MEMBERS_MAX = 100;
    private static final Pattern CONTROL = Pattern.compile("\\p{Cntrl}");

    private final CompanyDatabases databases;
    private final RecordStore store;
    private final CrewRecords records;

    CrewService(CompanyDatabases databases, RecordStore store, CrewRecords records) {
        this.databases = databases;
        this.store = store;
        this.records = records;
    }

    @Override
    public List<Crew> list(Actor actor) {
        actor.require(Permission.TEAM_VIEW);
        return records.all(databases.of(actor.tenant()));
    }

    @Override
    public Crew get(Actor actor, String crewId) {
        actor.require(Permission.TEAM_VIEW);
        return find(databases.of(actor.tenant()), crewId);
    }

    @Override
    public Crew create(Actor actor, String name, List<UserId> members) {
        actor.require(Permission.TEAM_MANAGE);
        CompanyDatabase db = databases.of(actor.tenant());
        InvalidInput.Collector problems = new InvalidInput.Collector();
        Changes values = Changes.of(CREWS)
                .set(NAME, name(db, problems, name, null))
                .set(MEMBERS, records.membersJson(members(db, problems, members == null ? List.of() : members)));
        problems.throwIfAny();
        String id = written(name, () -> store.insert(actor, values).id());
        return find(db, id);
    }

    @Override
    public Crew update(Actor actor, String crewId, long expectedVersion, String name, List<UserId> members) {
        actor.require(Permission.TEAM_MANAGE);
        CompanyDatabase db = databases.of(actor.tenant());
        find(db, crewId);
        InvalidInput.Collector problems = new InvalidInput.Collector();
        Changes changes = Changes.of(CREWS);
        if (name != null) {
            changes.set(NAME, name(db, problems, name, crewId));
        }
        if (members != null) {
            changes.set(MEMBERS, records.membersJson(members(db, problems, members)));
        }
        problems.throwIfAny();
        written(name, () -> store.update(actor, RecordKey.of(crewId), expectedVersion, changes));
        return find(db, crewId);
    }

    @Override
    public void delete(Actor actor, String crewId, long expectedVersion) {
        actor.require(Permission.TEAM_MANAGE);
        store.delete(actor, CREWS, RecordKey.of(crewId), expectedVersion);
    }

    @Override
    public Set<String> crewIdsOf(TenantId tenant, UserId user) {
        return records.idsOf(databases.of(tenant), user);
    }

    /** The name to store, trimmed; unique in the company ignoring case (the crew {@code self} aside). */
    private String name(CompanyDatabase db, InvalidInput.Collector problems, String text, String self) {
        String name = text == null ? "" : text.strip();
        if (name.isEmpty()) {
            problems.add("name", Message.of("identity.refused.crew-name-required"));
        } else if (name.codePointCount(0, name.length()) > NAME_MAX) {
            problems.add("name", Message.of("identity.refused.too-long", NAME_MAX));
        } else if (CONTROL.matcher(name).find()) {
            problems.add("name", Message.of("identity.refused.control-characters"));
        } else {
            String folded = name.toLowerCase(Locale.ROOT);
            if (records.all(db).stream().anyMatch(c -> !c.id().equals(self) && c.name().toLowerCase(Locale.ROOT).equals(folded))) {
                problems.add("name", taken(name));
            }
        }
        return name;
    }

    /** Members once each, in a stable order (so the same people given in another order are no change). */
    private List<UserId> members(CompanyDatabase db, InvalidInput.Collector problems, List<UserId> given) {
        Set<UserId> distinct = new LinkedHashSet<>(given);
        distinct.remove(null);
        if (distinct.size() > MEMBERS_MAX) {
            problems.add("members", Message.of("identity.refused.crew-too-many-members", MEMBERS_MAX));
            return List.of();
        }
        Set<UserId> known = Users.existing(db, distinct);
        List<String> unknown = distinct.stream().filter(u -> !known.contains(u)).map(UserId::toString).toList();
        if (!unknown.isEmpty()) {
            problems.add("members", Message.of("identity.refused.crew-member-unknown", String.join(", ", unknown)));
        }
        return distinct.stream().sorted(java.util.Comparator.comparing(UserId::toString)).toList();
    }

    /**
     * Runs a write; a duplicate name that got past the check (another writer saving the same name at the same
     * moment) is refused like one the check found.
     */
    private <T> T written(String name, java.util.function.Supplier<T> write) {
        try {
            return write.get();
        } catch (Conflict e) {
            throw new InvalidInput("name", taken(name));
        } catch (RuntimeException e) {
            if (CompanyDatabase.isDuplicate(e)) {
                throw new InvalidInput("name", taken(name));
            }
            throw e;
        }
    }

    private static Message taken(String name) {
        return Message.of("identity.refused.crew-name-taken", name == null ? "" : name.strip());
    }

    private Crew find(CompanyDatabase db, String crewId) {
        return records.find(db, crewId).orElseThrow(() -> new NotFound(Message.of("identity.thing.crew")));
    }
}
