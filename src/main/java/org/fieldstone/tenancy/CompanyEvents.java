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

    /** Marked deleted: refused everywhere from now on; its keys and database are destroyed after {@code deleteAfter}. */
    public record CompanyDeleted(TenantId tenant, String slug, java.time.Instant deleteAfter) {
    }

    /** A deletion undone within the grace period. */
    public record CompanyRestored(TenantId tenant, String slug) {
    }

    /** Its keys and database are destroyed: nothing of its data can be read any more. */
    public record CompanyDestroyed(TenantId tenant, String slug) {
    }
}
