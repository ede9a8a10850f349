package org.fieldstone.shared;

/** A named capability; roles are fixed sets of these (SPEC §1). Checked in the service layer. */
public enum Permission {
    CLIENTS_READ("clients:read"),
    CLIENTS_WRITE("clients:write"),
    JOBS_READ("jobs:read"),
    JOBS_WRITE("jobs:write"),
    JOBS_ASSIGN("jobs:assign"),
    INVENTORY_MANAGE("inventory:manage"),
    QUOTES_READ("quotes:read"),
    /** Creating, changing, sending quotes and recording a customer's answer: users by default (per company). */
    QUOTES_WRITE("quotes:write"),
    INVOICES_READ("invoices:read"),
    /** Creating, sending and voiding invoices and credit notes: admins by default (per company). */
    INVOICES_WRITE("invoices:write"),
    /** Recording payments and refunds against invoices: admins by default (per company). */
    PAYMENTS_RECORD("payments:record"),
    /** The company's products and services, tax rates, currency and who may handle money. */
    PRICING_MANAGE("pricing:manage"),
    REPORTS_VIEW("reports:view"),
    TEAM_VIEW("team:view"),
    TEAM_MANAGE("team:manage"),
    BILLING_MANAGE("billing:manage"),
    /** Exporting all of the company's data (a JSON document): owners only. */
    COMPANY_EXPORT("company:export"),
    /** Deleting the company, whose keys and database are destroyed after a grace period: owners only. */
    COMPANY_DELETE("company:delete"),
    /** Renaming the company (the name on its documents and pages; its address stays): owners only. */
    COMPANY_RENAME("company:rename"),
    AUDIT_VIEW("audit:view"),
    SETTINGS_MANAGE("settings:manage"),
    /** Company security policy, e.g. requiring two-step verification of everyone: owners only. */
    SECURITY_MANAGE("security:manage"),
    APIKEYS_OWN("apikeys:own");

    private final String code;

    Permission(String code) {
        this.code = code;
    }

    /** The permission's name as documented and shown, e.g. {@code team:manage}. */
    public String code() {
        return code;
    }
}
