package org.fieldstone.identity;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.fieldstone.shared.Actor;
import org.fieldstone.shared.Role;
import org.fieldstone.shared.UserId;

/**
 * API keys: made by a user for themselves, shown once, stored as a hash, bound to one company and user,
 * never above the user's role, optionally expiring, revocable.
 */
public interface ApiKeys {

    /** Creates a key for the actor's own user. */
    CreatedKey create(Actor actor, String name, Optional<Role> role, Optional<Integer> expiresInDays);

    /** Creates a key for {@code owner} (the operator's CLI). */
    CreatedKey createFor(Actor actor, UserId owner, String name, Optional<Role> role, Optional<Integer> expiresInDays);

    List<ApiKey> listOwn(Actor actor);

    void revoke(Actor actor, String keyId);

    /** Resolves a presented key; empty when unknown, revoked, expired, or its user or company is not active. */
    Optional<SignedIn> authenticate(String presented, String ip, String userAgent);

    record ApiKey(String id, UserId userId, String name, String hint, Role role, Instant createdAt,
                  Instant expiresAt, Instant revokedAt, Instant lastUsedAt, String lastUsedIp) {

        public boolean usable(Instant now) {
            return revokedAt == null && (expiresAt == null || expiresAt.isAfter(now));
        }
    }

    /** {@code secret} is the whole key, shown to its owner this once. */
    record CreatedKey(ApiKey key, String secret) {
    }
}
