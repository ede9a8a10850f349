package org.fieldstone.identity.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.fieldstone.audit.AuditEntry;
import org.fieldstone.audit.AuditQuery;
import org.fieldstone.audit.AuditRecord;
import org.fieldstone.audit.AuditTrail;
import org.fieldstone.identity.Operators;
import org.fieldstone.identity.Operators.SignedInOperator;
import org.fieldstone.identity.SignedIn;
import org.fieldstone.identity.SupportAccess;
import org.fieldstone.shared.Actor;
import org.fieldstone.shared.Channel;
import org.fieldstone.shared.Forbidden;
import org.fieldstone.shared.InvalidInput;
import org.fieldstone.shared.Message;
import org.fieldstone.shared.NotFound;
import org.fieldstone.shared.Page;
import org.fieldstone.shared.Permission;
import org.fieldstone.shared.TenantId;
import org.fieldstone.shared.UserId;
import org.fieldstone.tenancy.Companies;
import org.fieldstone.tenancy.Company;
import org.fieldstone.tenancy.CompanyDatabase;
import org.fieldstone.tenancy.CompanyDatabases;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Support grants in the company's database ({@code support_grants}), written here and audited in the same transaction;
 * a copy of each grant's reach goes to the control plane's directory so the operator's home can list it. The grant in
 * the company's database is what every request checks ({@link #resolve}): revoked or expired, it lets nobody in.
 */
@Component
class SupportGrants implements SupportAccess {

    static final String ENTITY = "support_grant";
    private static final String SUPPORT_PREFIX = "Support: ";

    private final Companies companies;
    private final CompanyDatabases databases;
    private final AuditTrail audit;
    private final OperatorAccounts operators;
    private final Clock clock;

    SupportGrants(Companies companies, CompanyDatabases databases, AuditTrail audit, OperatorAccounts operators, Clock clock) {
        this.companies = companies;
        this.databases = databases;
        this.audit = audit;
        this.operators = operators;
        this.clock = clock;
    }

    @Override
    public Grant grant(Actor owner, String operatorEmail, Duration length, Access access) {
        requireOwner(owner);
        Operators.Operator operator = operators.findByEmail(operatorEmail)
                .orElseThrow(() -> new InvalidInput("operator", Message.of("identity.refused.support-operator")));
        if (length == null || length.compareTo(SHORTEST) < 0 || length.compareTo(LONGEST) > 0) {
            throw new InvalidInput("hours", Message.of("identity.refused.support-length",
                    SHORTEST.toHours(), LONGEST.toHours()));
        }
        CompanyDatabase db = databases.of(owner.tenant());
        String id = UUID.randomUUID().toString();
        long now = clock.millis();
        long until = now + length.toMillis();
        String by = by(owner);
        db.inTransaction(() -> {
            db.jdbc().sql("""
                    INSERT INTO support_grants (id, operator_id, operator_email, access, valid_from, valid_until, granted_by)
                    VALUES (:id, :operator, :email, :access, :from, :until, :by)
                    """)
                    .param("id", id).param("operator", operator.id()).param("email", operator.email())
                    .param("access", access.name()).param("from", now).param("until", until).param("by", by)
                    .update();
            audit.append(db.jdbc(), AuditRecord.of(owner, ENTITY, id, "support.granted",
                    new AuditRecord.Change("operator", null, operator.email()),
                    new AuditRecord.Change("access", null, access.code()),
                    new AuditRecord.Change("until", null, Instant.ofEpochMilli(until).toString())));
            // the directory lives in the control plane: written last, so a failure here undoes the grant
            operators.recordGrant(id, owner.tenant().compact(), operator.id(), access.name(), until);
        });
        return find(db.jdbc(), id).orElseThrow();
    }

    @Override
    public List<Grant> list(Actor owner) {
        requireOwner(owner);
        return databases.of(owner.tenant()).jdbc().sql(SELECT + " ORDER BY valid_from DESC")
                .query((rs, i) -> row(rs)).list();
    }

    @Override
    public void revoke(Actor owner, String grantId) {
        requireOwner(owner);
        CompanyDatabase db = databases.of(owner.tenant());
        long now = clock.millis();
        db.inTransaction(() -> {
            int ended = db.jdbc().sql("""
                    UPDATE support_grants SET revoked_at = :now, revoked_by = :by
                    WHERE id = :id AND revoked_at IS NULL AND valid_until > :now
                    """)
                    .param("now", now).param("by", by(owner)).param("id", grantId == null ? "" : grantId).update();
            if (ended == 0) {
                throw new NotFound(Message.of("identity.thing.support-grant"));
            }
            audit.append(db.jdbc(), AuditRecord.of(owner, ENTITY, grantId, "support.revoked"));
            operators.recordRevocation(grantId, now);
        });
    }

    @Override
    public List<AuditEntry> activity(Actor owner, int limit) {
        requireOwner(owner);
        CompanyDatabase db = databases.of(owner.tenant());
        Set<String> operatorIds = new LinkedHashSet<>(db.jdbc().sql("SELECT DISTINCT operator_id FROM support_grants")
                .query(String.class).list());
        List<AuditEntry> entries = new ArrayList<>();
        for (String operatorId : operatorIds) {
            audit.find(owner.tenant(), db.jdbc(), new AuditQuery(null, null, operatorId, null, null, null),
                            new Page.PageRequest(0, limit)).items().stream()
                    .filter(e -> Channel.SUPPORT.code().equals(e.channel()))
                    .forEach(entries::add);
        }
        return entries.stream().sorted(Comparator.comparingLong(AuditEntry::seq).reversed()).limit(limit).toList();
    }

    @Override
    public List<GrantedCompany> grantedTo(SignedInOperator operator) {
        List<GrantedCompany> granted = new ArrayList<>();
        for (String[] entry : operators.grantsInForce(operator.id())) {
            Optional<Company> company = companies.find(TenantId.parse(entry[1])).filter(Company::isActive);
            company.flatMap(c -> inForce(databases.of(c.id()).jdbc(), operator.id())
                            .map(g -> new GrantedCompany(c.slug(), c.name(), g.access(), g.until())))
                    .filter(g -> granted.stream().noneMatch(other -> other.slug().equals(g.slug())))
                    .ifPresent(granted::add);
        }
        return granted;
    }

    @Override
    public void enter(SignedInOperator operator, String companySlug, String ip, String userAgent) {
        Company company = companies.findBySlug(companySlug).filter(Company::isActive)
                .orElseThrow(() -> new NotFound(Message.of("identity.thing.company")));
        CompanyDatabase db = databases.of(company.id());
        Grant grant = inForce(db.jdbc(), operator.id())
                .orElseThrow(() -> new NotFound(Message.of("identity.thing.company")));
        SignedIn support = supportActor(company, operator, grant, ip, userAgent);
        db.inTransaction(() -> audit.append(db.jdbc(), AuditRecord.of(support.actor(), ENTITY, grant.id(), "support.entered",
                new AuditRecord.Change("access", null, grant.access().code()))));
        operators.enter(operator.sessionId(), company.id().compact());
    }

    @Override
    public void leave(SignedInOperator operator) {
        operators.enter(operator.sessionId(), null);
    }

    @Override
    public Optional<SignedIn> resolve(String operatorCookie, String companySlug, String ip, String userAgent) {
        Optional<SignedInOperator> operator = operators.resolve(operatorCookie);
        if (operator.isEmpty() || operator.get().enteredCompany().isEmpty()) {
            return Optional.empty();
        }
        Optional<Company> company = companies.findBySlug(companySlug).filter(Company::isActive)
                .filter(c -> c.id().compact().equals(operator.get().enteredCompany().get()));
        if (company.isEmpty()) {
            return Optional.empty();
        }
        return inForce(databases.of(company.get().id()).jdbc(), operator.get().id())
                .map(g -> supportActor(company.get(), operator.get(), g, ip, userAgent));
    }

    private static SignedIn supportActor(Company company, SignedInOperator operator, Grant grant, String ip, String userAgent) {
        return new SignedIn(company.id(), company.slug(), company.name(), company.country(),
                new UserId(UUID.fromString(operator.id())), operator.email(), SUPPORT_PREFIX + operator.email(),
                grant.access().role(), Optional.empty(), Optional.empty(), Channel.SUPPORT, ip, userAgent);
    }

    /** The widest grant to this operator in force now, if any. */
    private Optional<Grant> inForce(JdbcClient db, String operatorId) {
        long now = clock.millis();
        return db.sql(SELECT + """
                         WHERE operator_id = :operator AND revoked_at IS NULL AND valid_from <= :now AND valid_until > :now
                         ORDER BY access DESC, valid_until DESC
                        """)
                .param("operator", operatorId).param("now", now)
                .query((rs, i) -> row(rs)).list().stream().findFirst();
    }

    private Optional<Grant> find(JdbcClient db, String id) {
        return db.sql(SELECT + " WHERE id = :id").param("id", id).query((rs, i) -> row(rs)).optional();
    }

    private Grant row(java.sql.ResultSet rs) throws java.sql.SQLException {
        long now = clock.millis();
        long from = rs.getLong("valid_from");
        long until = rs.getLong("valid_until");
        Long revoked = rs.getObject("revoked_at") == null ? null : rs.getLong("revoked_at");
        State state = revoked != null ? State.REVOKED : until <= now ? State.EXPIRED : from > now ? State.SCHEDULED : State.ACTIVE;
        return new Grant(rs.getString("id"), rs.getString("operator_id"), rs.getString("operator_email"),
                Access.valueOf(rs.getString("access")), Instant.ofEpochMilli(from), Instant.ofEpochMilli(until),
                rs.getString("granted_by"), revoked == null ? null : Instant.ofEpochMilli(revoked), rs.getString("revoked_by"),
                state);
    }

    /** Owners only, and never someone who is inside the company under a grant themselves. */
    private static void requireOwner(Actor actor) {
        actor.require(Permission.SECURITY_MANAGE);
        if (actor.channel() == Channel.SUPPORT) {
            throw new Forbidden(Message.of("shared.refused.permission", Permission.SECURITY_MANAGE.code()));
        }
    }

    private static String by(Actor actor) {
        return actor.userId().map(UserId::toString).orElse(actor.channel().code());
    }

    private static final String SELECT = """
            SELECT id, operator_id, operator_email, access, valid_from, valid_until, granted_by, revoked_at, revoked_by
            FROM support_grants""";
}
