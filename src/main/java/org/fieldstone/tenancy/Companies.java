package org.fieldstone.tenancy;

import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import org.fieldstone.shared.Actor;
import org.fieldstone.shared.TenantId;

/** The control plane's companies: provisioning, lookup, suspension. */
public interface Companies {

    /**
     * Creates a company and its database, migrates it and runs {@code seed} (e.g. creating the owner)
     * in one transaction on it. All or nothing: if anything fails, the database and the control-plane
     * row are removed again and the exception propagates.
     */
    Company provision(NewCompany company, Consumer<CompanyDatabase> seed);

    Optional<Company> find(TenantId id);

    Optional<Company> findBySlug(String slug);

    List<Company> list();

    /** Refuses every request of the company from now on; audited in the company's trail. */
    Company suspend(String slug, Actor operator);

    Company resume(String slug, Actor operator);
}
