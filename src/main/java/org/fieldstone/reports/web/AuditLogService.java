package org.fieldstone.reports.web;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.fieldstone.audit.AuditEntry;
import org.fieldstone.audit.AuditQuery;
import org.fieldstone.audit.AuditRecord;
import org.fieldstone.audit.AuditRecord.Change;
import org.fieldstone.audit.AuditTrail;
import org.fieldstone.audit.RecordNames;
import org.fieldstone.reports.AuditLog;
import org.fieldstone.shared.Actor;
import org.fieldstone.shared.Forbidden;
import org.fieldstone.shared.Message;
import org.fieldstone.shared.Page;
import org.fieldstone.shared.Permission;
import org.fieldstone.shared.Role;
import org.fieldstone.tenancy.CompanyDatabase;
import org.fieldstone.tenancy.CompanyDatabases;
import org.fieldstone.tenancy.CompanySetting;
import org.fieldstone.tenancy.CompanySettings;
import org.springframework.stereotype.Service;
import tools.jackson.core.JsonGenerator;
import tools.jackson.databind.json.JsonMapper;

@Service
class AuditLogService implements AuditLog {

    /** The setting "admins may view the audit log", a security policy only owners set. */
    static final CompanySetting<Boolean> ADMINS_MAY_VIEW = CompanySetting.flag("audit.admins-may-view",
            Permission.SECURITY_MANAGE, false);

    private final CompanyDatabases databases;
    private final AuditTrail audit;
    private final CompanySettings settings;
    private final JsonMapper json = JsonMapper.builder().build();

    private final java.util.Map<String, RecordNames> names = new java.util.HashMap<>();

    AuditLogService(CompanyDatabases databases, AuditTrail audit, CompanySettings settings, List<RecordNames> names) {
        this.databases = databases;
        this.audit = audit;
        this.settings = settings;
        for (RecordNames n : names) {
            n.entityTypes().forEach(type -> this.names.put(type, n));
        }
    }

    @Override
    public List<String> entityTypes(Actor actor) {
        requireView(actor);
        return audit.entityTypes(databases.of(actor.tenant()).jdbc());
    }

    @Override
    public List<String> actions(Actor actor, String entityType) {
        requireView(actor);
        return entityType == null || entityType.isBlank() ? List.of()
                : audit.actions(databases.of(actor.tenant()).jdbc(), entityType.strip());
    }

    @Override
    public java.util.Map<String, String> recordNames(Actor actor, List<AuditEntry> entries) {
        requireView(actor);
        java.util.Map<String, java.util.Set<String>> ids = new java.util.TreeMap<>();
        for (AuditEntry e : entries) {
            if (e.entityId() != null && names.containsKey(e.entityType())) {
                ids.computeIfAbsent(e.entityType(), t -> new java.util.LinkedHashSet<>()).add(e.entityId());
            }
        }
        java.util.Map<String, String> named = new java.util.HashMap<>();
        ids.forEach((type, of) -> names.get(type).names(actor, type, of)
                .forEach((id, name) -> named.put(type + "/" + id, name)));
        return named;
    }

    @Override
    public Page<AuditEntry> find(Actor actor, AuditQuery query, Page.PageRequest page) {
        requireView(actor);
        return audit.find(actor.tenant(), databases.of(actor.tenant()).jdbc(), query, page);
    }

    @Override
    public void export(Actor actor, AuditQuery query, Format format, Writer out) throws IOException {
        requireView(actor);
        CompanyDatabase db = databases.of(actor.tenant());
        AtomicLong count = new AtomicLong();
        try {
            if (format == Format.CSV) {
                out.write(AuditCsv.HEADER);
                audit.forEach(actor.tenant(), db.jdbc(), query, e -> {
                    write(out, AuditCsv.row(e, json));
                    count.incrementAndGet();
                });
            } else {
                try (JsonGenerator g = json.createGenerator(out)) {
                    g.writeStartArray();
                    audit.forEach(actor.tenant(), db.jdbc(), query, e -> {
                        json.writeValue(g, AuditEventJson.of(e));
                        count.incrementAndGet();
                    });
                    g.writeEndArray();
                }
            }
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
        db.inTransaction(() -> audit.append(db.jdbc(), AuditRecord.of(actor, "audit_log", null, "audit.exported",
                new Change("format", null, format.name().toLowerCase()), new Change("entries", null, Long.toString(count.get())),
                new Change("filter", null, describe(query)))));
    }

    @Override
    public boolean mayView(Actor actor) {
        return actor.can(Permission.AUDIT_VIEW) || (actor.role() == Role.ADMIN && adminsMayView(actor));
    }

    @Override
    public boolean adminsMayView(Actor actor) {
        return settings.get(databases.of(actor.tenant()), ADMINS_MAY_VIEW);
    }

    @Override
    public void allowAdmins(Actor actor, boolean allowed) {
        settings.set(actor, ADMINS_MAY_VIEW, allowed);
    }

    private void requireView(Actor actor) {
        if (!mayView(actor)) {
            throw new Forbidden(actor.role() == Role.ADMIN
                    ? Message.of("reports.refused.view-admin") : Message.of("reports.refused.view"));
        }
    }

    private static void write(Writer out, String text) {
        try {
            out.write(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String describe(AuditQuery q) {
        StringBuilder s = new StringBuilder();
        append(s, "entityType", q.entityType());
        append(s, "entityId", q.entityId());
        append(s, "actorId", q.actorId());
        append(s, "action", q.action());
        append(s, "from", q.from() == null ? null : q.from().toString());
        append(s, "to", q.to() == null ? null : q.to().toString());
        return s.isEmpty() ? "all" : s.toString();
    }

    private static void append(StringBuilder s, String name, String value) {
        if (value != null && !value.isBlank()) {
            s.append(s.isEmpty() ? "" : " ").append(name).append('=').append(value);
        }
    }
}
