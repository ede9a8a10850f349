package org.fieldstone.identity;

import java.util.Optional;
import org.fieldstone.shared.Actor;

/**
 * Dashboard sessions, stored in the company database. The cookie value names the company and carries a
 * random secret of which only a hash is stored.
 */
public interface Sessions {

    String COOKIE = "__Host-fs_session";

    /** Resolves a cookie for a request to {@code companySlug}; empty if it is not good there (any more). */
    Optional<SignedIn> resolve(String cookieValue, String companySlug, String ip, String userAgent);

    /** Ends the session server-side; recorded as a sign-out when {@code signOut} (not when a sign-in replaces it). */
    void close(String cookieValue, boolean signOut, String ip, String userAgent);

    /** The actor's own active sessions, most recently used first. */
    java.util.List<ActiveSession> listOwn(Actor actor);

    /** Ends one of the actor's own sessions; another user's session id is not found. */
    void revokeOwn(Actor actor, String sessionId);

    /** Ends all the actor's sessions but {@code keep} (the one making the request); returns how many. */
    int revokeOthers(Actor actor, java.util.Optional<String> keep);

    /** Ends every session of a team member ({@code team:manage}, not above one's own role); returns how many. */
    int endAllOf(Actor actor, org.fieldstone.shared.UserId member);

    /**
     * A session as its owner sees it. {@code id} is the stored hash of the cookie's secret — it identifies the
     * session but cannot be used to sign in.
     */
    record ActiveSession(String id, String device, String ip, java.time.Instant createdAt, java.time.Instant lastSeenAt) {
    }
}
