package org.fieldstone.shared;

import java.util.EnumSet;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Who is acting, for which company, through which channel and from where. Every service method that
 * reads or writes company data takes one; its permissions are checked there, not only in the web layer.
 *
 * @param tenant      the company whose database the action touches
 * @param userId      the acting user, empty for the system or the operator's CLI
 * @param displayName a name for the audit trail
 * @param role        the effective role (for an API key: no higher than its user's)
 * @param apiKeyId    the API key used, if any
 * @param channel     web, api, cli …
 * @param ip          the client address, if known
 * @param userAgent   the client software, if known
 * @param permissions what the actor may do: its role's permissions, as the company's policy adjusted them where a
 *                    company decides (who may handle money, {@link #withPermissions}); never more than the owner's
 */
public record Actor(TenantId tenant, Optional<UserId> userId, String displayName, Role role,
                    Optional<String> apiKeyId, Channel channel, String ip, String userAgent, Set<Permission> permissions) {

    public Actor {
        Objects.requireNonNull(tenant, "tenant");
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(apiKeyId, "apiKeyId");
        Objects.requireNonNull(channel, "channel");
        permissions = permissions.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(permissions));
    }

    /** An actor with exactly its role's permissions. */
    public Actor(TenantId tenant, Optional<UserId> userId, String displayName, Role role, Optional<String> apiKeyId,
                 Channel channel, String ip, String userAgent) {
        this(tenant, userId, displayName, role, apiKeyId, channel, ip, userAgent, role.permissions());
    }

    /**
     * This actor with the permissions a company's policy gives its role (e.g. users who may not send quotes, or may
     * record payments): the role stays what it is.
     */
    public Actor withPermissions(Set<Permission> adjusted) {
        return new Actor(tenant, userId, displayName, role, apiKeyId, channel, ip, userAgent, adjusted);
    }

    /** The platform acting on a company with full rights: provisioning, the operator's CLI, scheduled work. */
    public static Actor system(TenantId tenant, Channel channel) {
        return new Actor(tenant, Optional.empty(), channel == Channel.CLI ? "cli" : "system", Role.OWNER,
                Optional.empty(), channel, null, null);
    }

    /**
     * A company's customer on the customer portal: reads the document of their portal session and makes the customer's
     * decisions on it (approve, decline, request changes, pay). The portal's session scope is the guard that keeps it to
     * that one document; these permissions only let the services be called as the customer.
     *
     * @param displayName how the trail names them, e.g. {@code customer Ada Lovelace}
     */
    public static Actor customer(TenantId tenant, String displayName, String ip, String userAgent) {
        return new Actor(tenant, Optional.empty(), displayName, Role.READ_ONLY, Optional.empty(), Channel.PORTAL, ip,
                userAgent, EnumSet.of(Permission.CLIENTS_READ, Permission.QUOTES_READ, Permission.QUOTES_WRITE,
                        Permission.INVOICES_READ));
    }

    public boolean can(Permission permission) {
        return permissions.contains(permission);
    }

    /** Refuses with {@link Forbidden} unless this actor holds {@code permission}. */
    public void require(Permission permission) {
        if (!can(permission)) {
            throw new Forbidden(Message.of("shared.refused.permission", permission.code()));
        }
    }

    public boolean is(UserId user) {
        return userId.map(user::equals).orElse(false);
    }
}
