package org.fieldstone.shared;

import static org.fieldstone.shared.Permission.*;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

/**
 * The four roles of a company, highest first. Each is a fixed set of permissions; a role "covers"
 * another when it holds every permission of it, which is how API keys are kept no higher than their user.
 */
public enum Role {
    OWNER(EnumSet.allOf(Permission.class)),
    ADMIN(EnumSet.of(CLIENTS_READ, CLIENTS_WRITE, JOBS_READ, JOBS_WRITE, JOBS_ASSIGN, INVENTORY_MANAGE,
            REPORTS_VIEW, TEAM_VIEW, TEAM_MANAGE, SETTINGS_MANAGE, APIKEYS_OWN)),
    USER(EnumSet.of(CLIENTS_READ, CLIENTS_WRITE, JOBS_READ, JOBS_WRITE, APIKEYS_OWN)),
    READ_ONLY(EnumSet.of(CLIENTS_READ, JOBS_READ, REPORTS_VIEW, TEAM_VIEW, APIKEYS_OWN));

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

    /** The lower of two roles, used for a key whose user's role was lowered after it was made. */
    public Role atMost(Role ceiling) {
        return ceiling.covers(this) ? this : ceiling;
    }

    /** Parses a role name case-insensitively; unknown names are bad input. */
    public static Role parse(String text) {
        if (text == null || text.isBlank()) {
            throw new InvalidInput("role", "Choose a role.");
        }
        try {
            return valueOf(text.trim().toUpperCase(Locale.ROOT).replace('-', '_'));
        } catch (IllegalArgumentException e) {
            throw new InvalidInput("role", "Unknown role \"" + text.trim() + "\"; use OWNER, ADMIN, USER or READ_ONLY.");
        }
    }
}
