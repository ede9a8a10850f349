package org.fieldstone.tenancy;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import org.fieldstone.shared.Actor;
import org.fieldstone.shared.Message;
import org.fieldstone.shared.TenantId;

/** The control plane's companies: provisioning, lookup, suspension, deletion and destruction. */
public interface Companies {

    /**
     * Creates a company and its database, migrates it and runs {@code seed} (e.g. creating the owner)
     * in one transaction on it. All or nothing: if anything fails, the database and the control-plane
     * row are removed again and the exception propagates.
     */
    Company provision(NewCompany company, Consumer<CompanyDatabase> seed);

    Optional<Company> find(TenantId id);

    /** The company's time zone: visits are entered and shown in it, and "today" is its day. */
    default java.time.ZoneId timeZone(TenantId id) {
        return find(id).map(Company::timeZone).orElseThrow(() -> new org.fieldstone.shared.NotFound(Message.of("tenancy.thing.company")));
    }

    Optional<Company> findBySlug(String slug);

    List<Company> list();

    /** Companies that were destroyed (tombstones), most recently destroyed first. */
    List<DestroyedCompany> destroyed();

    /** Refuses every request of the company from now on; audited in the company's trail. */
    Company suspend(String slug, Actor operator);

    Company resume(String slug, Actor operator);

    /**
     * Deletes a company (needs {@code company:delete}; an actor of another company finds no such company): from now
     * on it is refused everywhere like a suspended company and its address stays taken; after {@code grace} its
     * keys and then its database are destroyed ({@link #destroyDue}). Recorded in the company's own trail with the
     * date of destruction, while the trail still exists.
     *
     * @param grace 0 (destroyable at once, with {@link #destroy}) to 365 days
     * @throws org.fieldstone.shared.Conflict when the company is deleted already
     */
    Company delete(String slug, Actor actor, Duration grace);

    /**
     * Renames the company (needs {@code company:rename}, owners only) if its name is still {@code expectedName} — the
     * name the form was loaded with — so a rename made meanwhile is not silently overwritten
     * ({@link org.fieldstone.shared.Conflict}). The address (slug) stays. Recorded in the company's own trail.
     *
     * @throws org.fieldstone.shared.InvalidInput as the field {@code name}: blank or longer than 200 characters
     */
    Company rename(Actor actor, String expectedName, String name);

    /** The grace period of a deletion unless one is given ({@code fieldstone.companies.deletion-grace}, 30 days). */
    Duration deletionGrace();

    /**
     * Undoes a deletion before the company is destroyed: it returns to the status it had (active or suspended).
     *
     * @throws org.fieldstone.shared.Conflict when the company is not deleted, or its destruction has begun
     */
    Company restore(String slug, Actor operator);

    /**
     * Destroys a deleted company whose grace period is over: its keyset first (from that moment no copy of its
     * data can be read, wherever it is), then its database; the control plane keeps only a tombstone.
     *
     * @throws org.fieldstone.shared.Conflict when the company is not deleted or its grace period is not over
     */
    DestroyedCompany destroy(String slug);

    /** Destroys every deleted company whose grace period is over (an hourly job); returns them. */
    List<DestroyedCompany> destroyDue();
}
