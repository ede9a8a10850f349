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
 *                    company decides (who may handle money, {@link #withPermissions}); never more than the owner's,
 *                    and never outside {@code scopes}
 * @param scopes      the ceiling a delegated credential sets (an OAuth access token's scopes): empty for a session, an
 *                    API key or the system. Kept through {@link #withPermissions}, so no policy widens a token's grant
 */
public record Actor(TenantId tenant, Optional<UserId> userId, String displayName, Role role,
                    Optional<String> apiKeyId, Channel channel, String ip, String userAgent, Set<Permission> permissions,
                    Optional<Set<Permission>> scopes) {

    public Actor {
        Objects.requireNonNull(tenant, "tenant");
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(apiKeyId, "apiKeyId");
        Objects.requireNonNull(channel, "channel");
        Objects.requireNonNull(scopes, "scopes");
        scopes = scopes.map(s -> s.isEmpty() ? Set.<Permission>of() : Set.copyOf(EnumSet.copyOf(s)));
        EnumSet<Permission> held = permissions.isEmpty() ? EnumSet.noneOf(Permission.class) : EnumSet.copyOf(permissions);
        scopes.ifPresent(held::retainAll);
        permissions = Set.copyOf(held);
    }

    /** An actor with these permissions and no delegated ceiling. */
    public Actor(TenantId tenant, Optional<UserId> userId, String displayName, Role role, Optional<String> apiKeyId,
                 Channel channel, String ip, String userAgent, Set<Permission> permissions) {
        this(tenant, userId, displayName, role, apiKeyId, channel, ip, userAgent, permissions, Optional.empty());
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
        return new Actor(tenant, userId, displayName, role, apiKeyId, channel, ip, userAgent, adjusted, scopes);
    }

    /**
     * This actor narrowed to {@code granted} (an OAuth token's scopes): what it may do from now on is what it could do
     * and was granted, whatever a later policy adjustment adds. Narrowing twice keeps the intersection.
     */
    public Actor withScopes(Set<Permission> granted) {
        EnumSet<Permission> ceiling = granted.isEmpty() ? EnumSet.noneOf(Permission.class) : EnumSet.copyOf(granted);
        scopes.ifPresent(ceiling::retainAll);
        return new Actor(tenant, userId, displayName, role, apiKeyId, channel, ip, userAgent, permissions,
                Optional.of(ceiling));
    }

    /** The same actor acting through another channel (the assistant or MCP on behalf of a signed-in user). */
    public Actor through(Channel other) {
        return new Actor(tenant, userId, displayName, role, apiKeyId, other, ip, userAgent, permissions, scopes);
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
