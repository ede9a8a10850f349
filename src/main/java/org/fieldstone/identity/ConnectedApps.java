package org.fieldstone.identity;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.fieldstone.shared.Actor;

/**
 * Settings → Connected apps (decision 0053): the OAuth clients an admin registers ({@code settings:manage}) and the
 * grants users gave them. Every user sees and revokes their own grants; admins see and revoke everyone's.
 */
public interface ConnectedApps {

    /**
     * Registers a client. {@code redirectUris}: exact URIs, {@code https://…} or {@code http://} on a loopback address
     * (127.0.0.1, [::1], localhost) for native apps, without a fragment. A confidential client gets a secret, shown
     * once in the answer and stored only as its hash; a public client authenticates with PKCE alone.
     */
    Registered register(Actor actor, String name, List<String> redirectUris, boolean confidential);

    List<App> list(Actor actor);

    /** Removes a client: every grant of it is revoked first (its tokens stop working at once). */
    void remove(Actor actor, String id);

    /** Active grants: the actor's own, or everyone's for an admin ({@code settings:manage}). */
    List<Grant> grants(Actor actor);

    /** Revokes a grant and all its tokens at once (audited); another user's grant needs {@code settings:manage}. */
    void revoke(Actor actor, String grantId);

    record App(String id, String clientId, String name, List<String> redirectUris, boolean confidential, Instant createdAt) {
    }

    record Registered(App app, Optional<String> secret) {
    }

    record Grant(String id, String clientId, String clientName, String userId, String userName, Set<String> scopes,
                 String resource, Instant grantedAt, Instant lastUsedAt) {
    }
}
