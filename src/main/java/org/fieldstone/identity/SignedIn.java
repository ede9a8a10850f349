package org.fieldstone.identity;

import java.io.Serial;
import java.io.Serializable;
import java.util.Optional;
import java.util.Set;
import org.fieldstone.shared.Actor;
import org.fieldstone.shared.Channel;
import org.fieldstone.shared.Permission;
import org.fieldstone.shared.Role;
import org.fieldstone.shared.TenantId;
import org.fieldstone.shared.UserId;

/**
 * The authenticated principal of a request: a user of one company, through a session, an API key or an OAuth access
 * token ({@code delegation}: the app acting for the user, and the scopes it was granted).
 * Built afresh on every request from the company database, so a role change or deactivation counts at once.
 * {@code companyCountry} (ISO 3166-1 alpha-2) is the company's own country, e.g. for showing phone numbers.
 * A platform operator under a support grant is one too: channel {@link Channel#SUPPORT}, {@code userId} the operator
 * account's id (no user of the company), {@code name} e.g. {@code Support: ops@example.test}.
 */
public record SignedIn(TenantId tenant, String companySlug, String companyName, String companyCountry, UserId userId, String email,
                       String name, Role role, Optional<String> apiKeyId, Optional<String> sessionId,
                       Channel channel, String ip, String userAgent, Optional<Delegation> delegation) implements Serializable {

    @Serial
    private static final long serialVersionUID = 2L;

    /** A user signed in by a session or an API key: nobody else acts for them. */
    public SignedIn(TenantId tenant, String companySlug, String companyName, String companyCountry, UserId userId, String email,
                    String name, Role role, Optional<String> apiKeyId, Optional<String> sessionId,
                    Channel channel, String ip, String userAgent) {
        this(tenant, companySlug, companyName, companyCountry, userId, email, name, role, apiKeyId, sessionId, channel, ip,
                userAgent, Optional.empty());
    }

    /**
     * An app acting for the user with an OAuth access token.
     *
     * @param grantId    the grant the token was issued from (what Connected apps lists and revokes)
     * @param clientId   the app's client_id
     * @param clientName the app's name, as the audit trail shows it
     * @param scopes     what the user granted it: the actor's ceiling
     * @param resource   the token's audience (RFC 8707)
     */
    public record Delegation(String grantId, String clientId, String clientName, Set<Permission> scopes, String resource)
            implements Serializable {
        @Serial
        private static final long serialVersionUID = 1L;

        public Delegation {
            scopes = Set.copyOf(scopes);
        }
    }

    /**
     * The acting user; through an OAuth token narrowed to its scopes ({@link Actor#withScopes}), with the app in the
     * audit trail ({@code <user> via <app>}, actor type {@code oauth_client}, the grant in place of an API key id).
     */
    public Actor actor() {
        if (channel == Channel.SUPPORT) {
            return new Actor(tenant, Optional.of(userId), name, role, Optional.empty(), channel, ip, userAgent)
                    .withScopes(supportCeiling(role));
        }
        if (delegation.isEmpty()) {
            return new Actor(tenant, Optional.of(userId), name, role, apiKeyId, channel, ip, userAgent);
        }
        Delegation d = delegation.get();
        return new Actor(tenant, Optional.of(userId), name + " via " + d.clientName(), role,
                Optional.of(OAUTH_GRANT_PREFIX + d.grantId()), channel, ip, userAgent).withScopes(d.scopes());
    }

    /**
     * What a platform operator may do in a company under a support grant ({@link SupportAccess}): a read-only grant acts as
     * {@link Role#READ_ONLY}, a read-write grant as {@link Role#ADMIN}, and neither holds the powers that stay the owner's
     * team's: managing the team and its roles, API keys (and nothing an owner alone may do: support grants, security,
     * export, deletion, billing, the audit log). A ceiling, so no company policy widens it.
     */
    public static Set<Permission> supportCeiling(Role role) {
        java.util.EnumSet<Permission> ceiling = java.util.EnumSet.copyOf(role.atMost(Role.ADMIN).permissions());
        ceiling.removeAll(java.util.EnumSet.of(Permission.TEAM_MANAGE, Permission.APIKEYS_OWN));
        return ceiling;
    }

    /** How an actor's {@code apiKeyId} names the OAuth grant it acts through. */
    public static final String OAUTH_GRANT_PREFIX = "oauth:";
}
