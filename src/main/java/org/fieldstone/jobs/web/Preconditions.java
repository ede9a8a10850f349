package org.fieldstone.jobs.web;

import java.net.URI;
import java.time.ZoneId;
import org.fieldstone.shared.Actor;
import org.fieldstone.shared.NotFound;
import org.fieldstone.shared.Permission;
import org.fieldstone.shared.api.VersionTags;
import org.fieldstone.tenancy.Companies;
import org.fieldstone.tenancy.Company;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/** What the jobs module's REST controllers check and answer alike. */
final class Preconditions {

    private Preconditions() {
    }

    /** 428 without an If-Match — but only after refusing what would be refused anyway: the role, an unknown id. */
    static long expectedVersion(Actor actor, Permission permission, String ifMatch, Runnable exists) {
        actor.require(permission);
        if (ifMatch == null || ifMatch.isBlank()) {
            exists.run();
        }
        return VersionTags.expectedVersion(ifMatch);
    }

    /** Visits are entered and shown in the company's time zone. */
    static ZoneId zone(Companies companies, Actor actor) {
        return companies.find(actor.tenant()).map(Company::timeZone).orElseThrow(() -> new NotFound("company"));
    }

    /** The new resource's address: the collection it was posted to, plus its id. */
    static URI location(String id) {
        return ServletUriComponentsBuilder.fromCurrentRequestUri().path("/{id}").buildAndExpand(id).toUri();
    }

    /** The address of a resource that lives under another collection, e.g. a visit posted to its job. */
    static URI location(String collection, String id) {
        return ServletUriComponentsBuilder.fromCurrentContextPath().path(collection + "/{id}").buildAndExpand(id).toUri();
    }
}
