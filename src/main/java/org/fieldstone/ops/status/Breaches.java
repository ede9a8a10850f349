package org.fieldstone.ops.status;

import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;
import org.fieldstone.audit.AuditQuery;
import org.fieldstone.audit.AuditTrail;
import org.fieldstone.identity.Team;
import org.fieldstone.identity.User;
import org.fieldstone.messaging.PlatformEmails;
import org.fieldstone.shared.Actor;
import org.fieldstone.shared.Channel;
import org.fieldstone.shared.Conflict;
import org.fieldstone.shared.InvalidInput;
import org.fieldstone.shared.Message;
import org.fieldstone.shared.Page;
import org.fieldstone.shared.Role;
import org.fieldstone.tenancy.Companies;
import org.fieldstone.tenancy.Company;
import org.fieldstone.tenancy.CompanyDatabases;
import org.fieldstone.tenancy.CompanyStatus;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * An incident marked as a data breach (seeds 000/001): the affected companies are those whose audit trail shows
 * records read or changed in the breach's window (optionally by one actor or from one address), read through the
 * audit module's query API; their owners are emailed a notification drafted from the incident, and who was notified
 * when is recorded, against the 72-hour deadline ({@link BreachDeadline}).
 */
@Component
public class Breaches {

    private final IncidentRecords records;
    private final Incidents incidents;
    private final Companies companies;
    private final CompanyDatabases databases;
    private final AuditTrail audit;
    private final Team team;
    private final PlatformEmails emails;
    private final Clock clock;
    private final String contact;

    Breaches(IncidentRecords records, Incidents incidents, Companies companies, CompanyDatabases databases,
             AuditTrail audit, Team team, PlatformEmails emails, Clock clock,
             @Value("${fieldstone.security.contact:}") String contact,
             @Value("${fieldstone.public-url:https://localhost:${server.port:8443}}") String base) {
        this.records = records;
        this.incidents = incidents;
        this.companies = companies;
        this.databases = databases;
        this.audit = audit;
        this.team = team;
        this.emails = emails;
        this.clock = clock;
        this.contact = SecurityTxt.contact(contact, base);
    }

    /**
     * Marks the incident a breach of the window {@code [from, to)} and (re)computes its affected companies, one
     * company at a time ({@code progress} hears each). The deadline runs from the first time it was marked.
     */
    public List<AffectedCompany> record(long id, Instant from, Instant to, String actor, String ip, Consumer<String> progress) {
        if (from == null || to == null || !from.isBefore(to)) {
            throw new InvalidInput("from", Message.of("status.refused.window"));
        }
        incidents.get(id);
        records.markBreach(id, new Incident.Breach(from, to, blank(actor), blank(ip), clock.instant()));
        List<AffectedCompany> affected = new ArrayList<>();
        for (Company company : companies.list()) {
            if (company.status() == CompanyStatus.PROVISIONING || company.status() == CompanyStatus.DESTROYING) {
                continue;
            }
            AffectedCompany a = scan(company, from, to, blank(actor), blank(ip));
            progress.accept(company.slug() + ": " + (a == null ? "not affected"
                    : a.entries() + " audit entries on " + a.records() + " records"));
            if (a != null) {
                affected.add(a);
            }
        }
        records.replaceAffected(id, affected);
        return records.affected(id);
    }

    /** Null when the company's trail shows nothing in the window (by that actor / from that address). */
    AffectedCompany scan(Company company, Instant from, Instant to, String actor, String ip) {
        long[] entries = {0};
        Set<String> recordsTouched = new HashSet<>();
        Set<String> types = new TreeSet<>();
        audit.forEach(company.id(), databases.of(company.id()).jdbc(),
                new AuditQuery(null, null, null, null, from, to), e -> {
                    if (actor != null && !actor.equalsIgnoreCase(e.actorId()) && !actor.equalsIgnoreCase(e.actorName())) {
                        return;
                    }
                    if (ip != null && !ip.equals(e.ip())) {
                        return;
                    }
                    entries[0]++;
                    recordsTouched.add(e.entityType() + "/" + e.entityId());
                    types.add(e.entityType());
                });
        return entries[0] == 0 ? null : new AffectedCompany(company.id().toString(), company.slug(), company.name(),
                entries[0], recordsTouched.size(), List.copyOf(types));
    }

    public List<AffectedCompany> affected(long id) {
        return records.affected(id);
    }

    public List<BreachNotice> notices(long id) {
        return records.notices(id);
    }

    /**
     * Emails every active owner of every affected company who was not yet notified of this breach; records each
     * notice. Answers the notices sent now (a second run sends only what the first could not).
     */
    public List<BreachNotice> notifyOwners(long id, Consumer<String> progress) {
        Incident incident = incidents.get(id);
        if (incident.breach() == null) {
            throw new Conflict(Message.of("status.refused.not-breach", id));
        }
        if (!emails.configured()) {
            throw new Conflict(Message.of("status.refused.no-mail"));
        }
        Set<String> done = new HashSet<>();
        for (BreachNotice n : records.notices(id)) {
            done.add(n.companyId() + " " + n.email());
        }
        List<BreachNotice> sent = new ArrayList<>();
        for (AffectedCompany a : records.affected(id)) {
            var company = companies.find(org.fieldstone.shared.TenantId.parse(a.companyId()));
            if (company.isEmpty()) {
                progress.accept(a.slug() + ": company no longer exists, nobody to notify");
                continue;
            }
            for (User owner : owners(company.get())) {
                String email = owner.email().value();
                if (!done.add(a.companyId() + " " + email)) {
                    continue;
                }
                String messageId = emails.send(email, Message.of("status.email.breach.subject", a.name()).english(),
                        draft(incident, a));
                Instant at = clock.instant();
                records.recordNotice(id, a.companyId(), email, at, messageId);
                sent.add(new BreachNotice(a.companyId(), a.slug(), email, at));
                progress.accept(a.slug() + ": notified " + email);
            }
        }
        return sent;
    }

    /** The notification an owner receives: what happened, when, what data, what we do, whom to contact. */
    String draft(Incident incident, AffectedCompany company) {
        Incident.Breach b = incident.breach();
        StringBuilder updates = new StringBuilder();
        for (Incident.Update u : incident.updates()) {
            updates.append("- ").append(time(u.at())).append(": ").append(u.message()).append('\n');
        }
        return Message.of("status.email.breach.body", company.name(), incident.title(), time(b.from()), time(b.to()),
                company.entries(), company.records(), String.join(", ", company.entityTypes()), updates.toString().strip(),
                contact).english();
    }

    private List<User> owners(Company company) {
        Actor operator = Actor.system(company.id(), Channel.CLI);
        List<User> owners = new ArrayList<>();
        int page = 0;
        while (true) {
            Page<User> users = team.list(operator, new Page.PageRequest(page, 100));
            users.items().stream().filter(u -> u.role() == Role.OWNER && u.active()).forEach(owners::add);
            if (users.items().size() < 100) {
                return owners;
            }
            page++;
        }
    }

    private static String time(Instant at) {
        return DateTimeFormatter.ISO_INSTANT.format(at.truncatedTo(java.time.temporal.ChronoUnit.MINUTES));
    }

    private static String blank(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
