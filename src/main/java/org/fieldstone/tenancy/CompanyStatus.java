package org.fieldstone.tenancy;

/** Lifecycle of a company in the control plane. Only ACTIVE companies are served. */
public enum CompanyStatus {
    /** Being created; invisible until provisioning finished. */
    PROVISIONING,
    ACTIVE,
    /** Every request is refused; data is kept. */
    SUSPENDED,
    /**
     * Deleted by its owner or the operator: refused everywhere like a suspended company, its address kept, until
     * its keys and database are destroyed after the grace period ({@link Company#deleteAfter()}). Until then it
     * can be restored.
     */
    DELETED,
    /** Its keys and database are being destroyed: it can no longer be restored. */
    DESTROYING;

    /** The status as a word in a sentence ("is suspended", "is being destroyed"): {@code tenancy.state.*}. */
    public org.fieldstone.shared.Message word() {
        return org.fieldstone.shared.Message.of("tenancy.state." + name());
    }
}
