package org.fieldstone.identity;

import java.util.Optional;

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
}
