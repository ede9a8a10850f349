package org.fieldstone.identity;

/** Password login for the dashboard. */
public interface SignIn {

    /**
     * Checks email and password for the company at {@code slug}, throttled per account and per address.
     * On success a new session is opened (a new id, whatever the client had before).
     *
     * @return the new session's cookie value
     * @throws org.fieldstone.shared.Unauthenticated with the same message whether the email exists or not
     * @throws org.fieldstone.shared.TooManyRequests when throttled
     * @throws org.fieldstone.shared.NotFound when no active company has that address
     */
    String signIn(String slug, String email, char[] password, String ip, String userAgent);
}
