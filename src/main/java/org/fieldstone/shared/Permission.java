package org.fieldstone.shared;

/** A named capability; roles are fixed sets of these (SPEC §1). Checked in the service layer. */
public enum Permission {
    CLIENTS_READ("clients:read"),
    CLIENTS_WRITE("clients:write"),
    JOBS_READ("jobs:read"),
    JOBS_WRITE("jobs:write"),
    JOBS_ASSIGN("jobs:assign"),
    INVENTORY_MANAGE("inventory:manage"),
    REPORTS_VIEW("reports:view"),
    TEAM_VIEW("team:view"),
    TEAM_MANAGE("team:manage"),
    BILLING_MANAGE("billing:manage"),
    /** Exporting all of the company's data (a JSON document): owners only. */
    COMPANY_EXPORT("company:export"),
    /** Deleting the company, whose keys and database are destroyed after a grace period: owners only. */
    COMPANY_DELETE("company:delete"),
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
