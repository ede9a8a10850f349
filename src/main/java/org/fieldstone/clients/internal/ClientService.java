package org.fieldstone.clients.internal;

import static org.fieldstone.clients.internal.ClientTables.ARCHIVED;
import static org.fieldstone.clients.internal.ClientTables.REMINDERS_OFF;
import static org.fieldstone.clients.internal.ClientTables.CITY;
import static org.fieldstone.clients.internal.ClientTables.CLIENTS;
import static org.fieldstone.clients.internal.ClientTables.CLIENT_ID;
import static org.fieldstone.clients.internal.ClientTables.COUNTRY;
import static org.fieldstone.clients.internal.ClientTables.EMAIL;
import static org.fieldstone.clients.internal.ClientTables.LABEL;
import static org.fieldstone.clients.internal.ClientTables.LATITUDE;
import static org.fieldstone.clients.internal.ClientTables.LONGITUDE;
import static org.fieldstone.clients.internal.ClientTables.NAME;
import static org.fieldstone.clients.internal.ClientTables.NOTES;
import static org.fieldstone.clients.internal.ClientTables.PHONE;
import static org.fieldstone.clients.internal.ClientTables.POSTAL_CODE;
import static org.fieldstone.clients.internal.ClientTables.REGION;
import static org.fieldstone.clients.internal.ClientTables.STREET;
import static org.fieldstone.clients.internal.ClientTables.TAGS;
import static org.fieldstone.clients.internal.ClientTables.PROPERTIES;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.fieldstone.audit.AuditEntry;
import org.fieldstone.audit.AuditQuery;
import org.fieldstone.audit.AuditTrail;
import org.fieldstone.shared.Change;
import org.fieldstone.clients.Client;
import org.fieldstone.clients.ClientChanges;
import org.fieldstone.clients.Clients;
import org.fieldstone.clients.NewClient;
import org.fieldstone.clients.NewProperty;
import org.fieldstone.clients.Property;
import org.fieldstone.clients.PropertyChanges;
import org.fieldstone.shared.Actor;
import org.fieldstone.shared.Message;
import org.fieldstone.shared.NotFound;
import org.fieldstone.shared.Page;
import org.fieldstone.shared.Permission;
import org.fieldstone.tenancy.Companies;
import org.fieldstone.tenancy.Company;
import org.fieldstone.tenancy.Changes;
import org.fieldstone.tenancy.Column;
import org.fieldstone.tenancy.CompanyDatabase;
import org.fieldstone.tenancy.CompanyDatabases;
import org.fieldstone.tenancy.RecordKey;
import org.fieldstone.tenancy.RecordStore;
import org.fieldstone.tenancy.RecordType;
import org.fieldstone.tenancy.Written;
import org.springframework.stereotype.Service;

/** {@link Clients} over the one write path (writes) and {@link ClientRecords} (reads). */
@Service
class ClientService implements Clients {

    /** How many of the latest property deletions are searched for a client's deleted properties. */
    private static final int DELETIONS_SCANNED = 200;

    private final CompanyDatabases databases;
    private final Companies companies;
    private final RecordStore store;
    private final ClientRecords records;
    private final AuditTrail audit;

    ClientService(CompanyDatabases databases, Companies companies, RecordStore store, ClientRecords records,
                  AuditTrail audit) {
        this.databases = databases;
        this.companies = companies;
        this.store = store;
        this.records = records;
        this.audit = audit;
        // libphonenumber initialises itself and reads its metadata on first use: at start-up, not on a request
        PhoneNumbers.warmUp();
    }

    @Override
    public Page<Client> list(Actor actor, String q, boolean includeArchived, Page.PageRequest page) {
        actor.require(Permission.CLIENTS_READ);
        return records.search(databases.of(actor.tenant()), q, country(actor), includeArchived, page);
    }

    @Override
    public List<Client> withPhone(Actor actor, String e164) {
        actor.require(Permission.CLIENTS_READ);
        if (e164 == null || !e164.matches("^\\+[1-9][0-9]{6,14}$")) {
            return List.of();
        }
        return records.withPhone(databases.of(actor.tenant()), e164);
    }

    @Override
    public Client get(Actor actor, String clientId) {
        actor.require(Permission.CLIENTS_READ);
        return find(databases.of(actor.tenant()), clientId);
    }

    @Override
    public Map<String, Client> clientsById(Actor actor, java.util.Collection<String> clientIds) {
        actor.require(Permission.CLIENTS_READ);
        return clientIds.isEmpty() ? Map.of() : records.clients(databases.of(actor.tenant()), clientIds);
    }

    @Override
    public Map<String, Property> propertiesById(Actor actor, java.util.Collection<String> propertyIds) {
        actor.require(Permission.CLIENTS_READ);
        return propertyIds.isEmpty() ? Map.of() : records.properties(databases.of(actor.tenant()), propertyIds);
    }

    @Override
    public Client create(Actor actor, NewClient client, NewProperty firstProperty) {
        actor.require(Permission.CLIENTS_WRITE);
        String country = country(actor);
        ClientInput input = new ClientInput();
        Changes values = Changes.of(CLIENTS)
                .set(NAME, input.name(client.name()))
                .set(EMAIL, input.email(client.email()))
                .set(PHONE, input.phone(client.phone(), country))
                .set(NOTES, input.notes(client.notes()));
        List<String> tags = input.tags(client.tags());
        if (!tags.isEmpty()) {
            values.set(TAGS, records.tagsJson(tags));
        }
        if (client.remindersOff()) {
            values.set(REMINDERS_OFF, true);
        }
        PropertyValues property = firstProperty == null || firstProperty.isBlank()
                ? null : propertyValues(input, firstProperty, country);
        input.throwIfAny();
        CompanyDatabase db = databases.of(actor.tenant());
        // one transaction: the write path's own transactions join it, so the client and its first property
        // are stored (and audited) together or not at all
        Written created = db.inTransaction(() -> {
            Written written = store.insert(actor, values);
            if (property != null) {
                store.insert(actor, property.all().set(CLIENT_ID, written.id()));
            }
            return written;
        });
        return client(created);
    }

    @Override
    public Client update(Actor actor, String clientId, long expectedVersion, ClientChanges changes) {
        actor.require(Permission.CLIENTS_WRITE);
        ClientInput input = new ClientInput();
        Changes set = Changes.of(CLIENTS);
        if (changes.name() instanceof Change.To<String>(String name)) {
            set.set(NAME, input.name(name));
        }
        if (changes.email() instanceof Change.To<String>(String email)) {
            set.set(EMAIL, input.email(email));
        }
        if (changes.phone() instanceof Change.To<String>(String phone)) {
            set.set(PHONE, input.phone(phone, country(actor)));
        }
        if (changes.notes() instanceof Change.To<String>(String notes)) {
            set.set(NOTES, input.notes(notes));
        }
        if (changes.tags() instanceof Change.To<List<String>>(List<String> tags)) {
            set.set(TAGS, records.tagsJson(input.tags(tags)));
        }
        if (changes.remindersOff() instanceof Change.To<Boolean>(Boolean off)) {
            set.set(REMINDERS_OFF, Boolean.TRUE.equals(off));
        }
        input.throwIfAny();
        // the write path loads the row itself (another company's or an unknown id: not found) and returns it as written
        return client(store.update(actor, RecordKey.of(clientId), expectedVersion, set));
    }

    @Override
    public Client archive(Actor actor, String clientId, long expectedVersion) {
        return setArchived(actor, clientId, expectedVersion, true);
    }

    @Override
    public Client restore(Actor actor, String clientId, long expectedVersion) {
        return setArchived(actor, clientId, expectedVersion, false);
    }

    private Client setArchived(Actor actor, String clientId, long expectedVersion, boolean archived) {
        actor.require(Permission.CLIENTS_WRITE);
        return client(store.change(actor, RecordKey.of(clientId), expectedVersion, Changes.of(CLIENTS).set(ARCHIVED, archived),
                archived ? "archived" : "restored"));
    }

    @Override
    public List<Property> properties(Actor actor, String clientId) {
        actor.require(Permission.CLIENTS_READ);
        CompanyDatabase db = databases.of(actor.tenant());
        find(db, clientId);
        return records.properties(db, clientId);
    }

    @Override
    public Property property(Actor actor, String clientId, String propertyId) {
        actor.require(Permission.CLIENTS_READ);
        return findProperty(databases.of(actor.tenant()), clientId, propertyId);
    }

    @Override
    public Property addProperty(Actor actor, String clientId, NewProperty property) {
        actor.require(Permission.CLIENTS_WRITE);
        CompanyDatabase db = databases.of(actor.tenant());
        find(db, clientId);
        ClientInput input = new ClientInput();
        PropertyValues values = propertyValues(input, property, country(actor));
        input.throwIfAny();
        return property(store.insert(actor, values.all().set(CLIENT_ID, clientId)));
    }

    @Override
    public Property updateProperty(Actor actor, String clientId, String propertyId, long expectedVersion,
                                   PropertyChanges changes) {
        actor.require(Permission.CLIENTS_WRITE);
        CompanyDatabase db = databases.of(actor.tenant());
        Property current = findProperty(db, clientId, propertyId);
        String country = country(actor);
        NewProperty merged = new NewProperty(
                value(changes.label(), current.label()), value(changes.street(), current.street()),
                value(changes.city(), current.city()), value(changes.region(), current.region()),
                value(changes.postalCode(), current.postalCode()), value(changes.country(), current.country()),
                value(changes.latitude(), text(current.latitude())), value(changes.longitude(), text(current.longitude())));
        ClientInput input = new ClientInput();
        PropertyValues values = propertyValues(input, merged, country);
        input.throwIfAny();
        // only the fields the change names: the write path compares them with the stored row under its lock
        Changes set = Changes.of(PROPERTIES);
        setIfNamed(set, changes.label(), LABEL, values.label());
        setIfNamed(set, changes.street(), STREET, values.street());
        setIfNamed(set, changes.city(), CITY, values.city());
        setIfNamed(set, changes.region(), REGION, values.region());
        setIfNamed(set, changes.postalCode(), POSTAL_CODE, values.postalCode());
        setIfNamed(set, changes.country(), COUNTRY, values.country());
        setIfNamed(set, changes.latitude(), LATITUDE, values.latitude());
        setIfNamed(set, changes.longitude(), LONGITUDE, values.longitude());
        return property(store.update(actor, RecordKey.of(propertyId, clientId), expectedVersion, set));
    }

    @Override
    public void deleteProperty(Actor actor, String clientId, String propertyId, long expectedVersion) {
        actor.require(Permission.CLIENTS_WRITE);
        store.delete(actor, PROPERTIES, RecordKey.of(propertyId, clientId), expectedVersion);
    }

    @Override
    public List<AuditEntry> history(Actor actor, String clientId, int limit) {
        actor.require(Permission.CLIENTS_READ);
        CompanyDatabase db = databases.of(actor.tenant());
        find(db, clientId);
        Page.PageRequest latest = new Page.PageRequest(0, limit);
        List<AuditEntry> entries = new ArrayList<>(audit.find(actor.tenant(), db.jdbc(), AuditQuery.forEntity(CLIENTS.entityType(), clientId),
                latest).items());
        Set<String> propertyIds = new LinkedHashSet<>();
        records.properties(db, clientId).forEach(p -> propertyIds.add(p.id()));
        // a deleted property's last entry keeps its client: find the client's among the latest deletions
        audit.find(actor.tenant(), db.jdbc(), new AuditQuery(PROPERTIES.entityType(), null, null, PROPERTIES.entityType() + ".deleted",
                        null, null), new Page.PageRequest(0, DELETIONS_SCANNED)).items().stream()
                .filter(e -> e.changes().stream().anyMatch(c -> c.field().equals("client_id") && clientId.equals(c.before())))
                .forEach(e -> propertyIds.add(e.entityId()));
        for (String propertyId : propertyIds) {
            entries.addAll(audit.find(actor.tenant(), db.jdbc(), AuditQuery.forEntity(PROPERTIES.entityType(), propertyId), latest).items());
        }
        return entries.stream().sorted(Comparator.comparingLong(AuditEntry::seq).reversed()).limit(limit).toList();
    }

    /** A property's values as checked; {@link #all} writes every one of them. */
    private record PropertyValues(String label, String street, String city, String region, String postalCode,
                                  String country, String latitude, String longitude) {

        Changes all() {
            return Changes.of(PROPERTIES).set(LABEL, label).set(STREET, street).set(CITY, city).set(REGION, region)
                    .set(POSTAL_CODE, postalCode).set(COUNTRY, country).set(LATITUDE, latitude).set(LONGITUDE, longitude);
        }
    }

    private static void setIfNamed(Changes set, Change<String> change, Column<String> column, String checked) {
        if (change.isSet()) {
            set.set(column, checked);
        }
    }

    private PropertyValues propertyValues(ClientInput input, NewProperty p, String companyCountry) {
        PropertyValues values = new PropertyValues(input.label(p.label()), input.street(p.street()), input.city(p.city()),
                input.region(p.region()), input.postalCode(p.postalCode()), input.country(p.country(), companyCountry),
                input.degrees(p.latitude(), "latitude", 90), input.degrees(p.longitude(), "longitude", 180));
        input.checkProperty(values.label(), values.street(), values.city(), values.postalCode(), values.latitude(),
                values.longitude());
        return values;
    }

    /** A client as the write path left it (its values opened there, or here on first use): no second read. */
    private Client client(Written w) {
        return new Client(w.id(), w.get(NAME), w.get(EMAIL), w.get(PHONE), w.get(NOTES), records.tags(w.get(TAGS)),
                Boolean.TRUE.equals(w.get(ARCHIVED)), w.version(), w.createdAt(), w.updatedAt(),
                Boolean.TRUE.equals(w.get(REMINDERS_OFF)));
    }

    private static Property property(Written w) {
        return new Property(w.id(), w.get(CLIENT_ID), w.get(LABEL), w.get(STREET), w.get(CITY), w.get(REGION),
                w.get(POSTAL_CODE), w.get(COUNTRY), decimal(w.get(LATITUDE)), decimal(w.get(LONGITUDE)), w.version(),
                w.createdAt(), w.updatedAt());
    }

    private static BigDecimal decimal(String text) {
        return text == null ? null : new BigDecimal(text);
    }

    private Client find(CompanyDatabase db, String clientId) {
        return records.client(db, clientId).orElseThrow(() -> new NotFound(Message.of("clients.thing.client")));
    }

    private Property findProperty(CompanyDatabase db, String clientId, String propertyId) {
        return records.property(db, clientId, propertyId).orElseThrow(() -> new NotFound(Message.of("clients.thing.property")));
    }

    private String country(Actor actor) {
        return companies.find(actor.tenant()).map(Company::country).orElseThrow(() -> new NotFound(Message.of("clients.thing.company")));
    }

    private static String value(Change<String> change, String current) {
        return change instanceof Change.To<String>(String value) ? value : current;
    }

    private static String text(BigDecimal value) {
        return value == null ? null : value.toPlainString();
    }
}
