package org.fieldstone.schedule.web;

import java.util.Optional;
import org.fieldstone.audit.AuditEntry;
import org.fieldstone.audit.AuditQuery;
import org.fieldstone.audit.AuditTrail;
import org.fieldstone.shared.Actor;
import org.fieldstone.shared.Page;
import org.fieldstone.tenancy.CompanyDatabases;
import org.springframework.stereotype.Component;

/**
 * Who changed a visit last and what, from the audit trail: what a refused (stale) drop on the board tells the
 * dispatcher. Asked only after the visit itself was read for the actor, so it tells nothing they may not see.
 */
@Component
class VisitHistory {

    private final AuditTrail audit;
    private final CompanyDatabases databases;

    VisitHistory(AuditTrail audit, CompanyDatabases databases) {
        this.audit = audit;
        this.databases = databases;
    }

    Optional<AuditEntry> lastChange(Actor actor, String visitId) {
        return audit.find(actor.tenant(), databases.of(actor.tenant()).jdbc(), AuditQuery.forEntity("visit", visitId),
                new Page.PageRequest(0, 1)).items().stream().findFirst();
    }
}
