package org.fieldstone.tenancy;

/** Lifecycle of a company in the control plane. Only ACTIVE companies are served. */
public enum CompanyStatus {
    /** Being created; invisible until provisioning finished. */
    PROVISIONING,
    ACTIVE,
    /** Every request is refused; data is kept. */
    SUSPENDED
}
