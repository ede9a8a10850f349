package org.fieldstone.shared;

import static org.fieldstone.shared.Permission.*;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

/**
 * The four roles of a company, highest first. They form a chain: each holds every permission of the roles
 * below it (read-only ⊂ user ⊂ admin ⊂ owner), so "no higher than" is always defined — which is how API
 * keys are kept no higher than their user, and nobody grants a role above their own.
 */
public enum Role {
    OWNER(Grants.OWNER),
    ADMIN(Grants.ADMIN),
    USER(Grants.USER),
    READ_ONLY(Grants.READ_ONLY);

    /** Built cumulatively, so the chain is structural rather than a matter of care. */
    private static final class Grants {
        static final Set<Permission> READ_ONLY = EnumSet.of(CLIENTS_READ, JOBS_READ, QUOTES_READ, INVOICES_READ,
                REPORTS_VIEW, TEAM_VIEW, APIKEYS_OWN);
        static final Set<Permission> USER = with(READ_ONLY, CLIENTS_WRITE, JOBS_WRITE, QUOTES_WRITE);
        static final Set<Permission> ADMIN = with(USER, JOBS_ASSIGN, INVENTORY_MANAGE, TEAM_MANAGE, SETTINGS_MANAGE,
                INVOICES_WRITE, PAYMENTS_RECORD, PRICING_MANAGE);
        static final Set<Permission> OWNER = EnumSet.allOf(Permission.class);

        private static Set<Permission> with(Set<Permission> base, Permission... more) {
            EnumSet<Permission> all = EnumSet.copyOf(base);
            all.addAll(java.util.List.of(more));
            return all;
        }
    }

    private final Set<Permission> permissions;

    Role(Set<Permission> permissions) {
        this.permissions = Set.copyOf(permissions);
    }

    public Set<Permission> permissions() {
        return permissions;
    }

    public boolean allows(Permission permission) {
        return permissions.contains(permission);
    }

    /** True when this role holds every permission of {@code other}. */
    public boolean covers(Role other) {
        return permissions.containsAll(other.permissions);
    }

    /** The lower of two roles: a key whose user's role was lowered after it was made acts with the lower. */
    public Role atMost(Role ceiling) {
        return ceiling.covers(this) ? this : ceiling;
    }

    /** Parses a role name case-insensitively; unknown names are bad input. */
    public static Role parse(String text) {
        if (text == null || text.isBlank()) {
            throw new InvalidInput("role", Message.of("shared.refused.role-required"));
        }
        try {
            return valueOf(text.trim().toUpperCase(Locale.ROOT).replace('-', '_'));
        } catch (IllegalArgumentException e) {
            throw new InvalidInput("role", Message.of("shared.refused.role", text.trim()));
        }
    }
}
