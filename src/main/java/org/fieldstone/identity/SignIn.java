package org.fieldstone.identity;

/** Password login for the dashboard, followed by a second step when the user or the company has MFA on. */
public interface SignIn {

    /**
     * Checks email and password for the company at {@code slug}, throttled per account and per address.
     * On success either a new session is opened (a new id, whatever the client had before), or — when the user
     * has two-step verification on, or the company requires it — a short-lived challenge for the second step is
     * issued instead, which grants nothing else ({@link MultiFactor}).
     *
     * @throws org.fieldstone.shared.Unauthenticated with the same message whether the email exists or not
     * @throws org.fieldstone.shared.TooManyRequests when throttled
     * @throws org.fieldstone.shared.NotFound when no active company has that address
     */
    Outcome signIn(String slug, String email, char[] password, String ip, String userAgent);

    /** What a correct password leads to. */
    sealed interface Outcome {
    }

    /** Signed in: the new session's cookie value. */
    record SessionOpened(String cookie) implements Outcome {
    }

    /** A code is needed: the challenge cookie's value ({@link MultiFactor#CHALLENGE_COOKIE}). */
    record CodeRequired(String challenge) implements Outcome {
    }

    /** The company requires two-step verification and the user has none: enrolment first, through the challenge. */
    record EnrolmentRequired(String challenge) implements Outcome {
    }
}
