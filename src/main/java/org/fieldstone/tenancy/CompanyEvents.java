package org.fieldstone.tenancy;

import org.fieldstone.shared.TenantId;

/** Events of a company's lifecycle, published after commit. */
public final class CompanyEvents {

    private CompanyEvents() {
    }

    public record CompanyProvisioned(TenantId tenant, String slug) {
    }

    public record CompanySuspended(TenantId tenant, String slug) {
    }

    public record CompanyResumed(TenantId tenant, String slug) {
    }
}
