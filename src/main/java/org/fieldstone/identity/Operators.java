package org.fieldstone.identity;

import java.io.Serial;
import java.io.Serializable;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The platform's operator accounts (support staff), in the control plane. An operator signs in at {@code /operator}
 * with a password and a TOTP code (both always: there is no operator without two-step verification), and sees no
 * company's data unless its owner grants support access ({@link SupportAccess}). Added and removed with the CLI.
 */
public interface Operators {

    /** The operator's session cookie; separate from every company's dashboard session ({@link Sessions#COOKIE}). */
    String COOKIE = "__Host-fs_operator";

    /**
     * Adds an operator (the CLI). The password follows the users' rules; a TOTP secret is made at once.
     *
     * @return the new account and its secret, shown this once for enrolment in an authenticator app
     * @throws org.fieldstone.shared.InvalidInput a bad email, a taken one, or a weak password
     */
    Enrolment add(String email, String name, char[] password);

    /** Every operator, by email. */
    List<Operator> list();

    /** Removes an operator and ends their sessions; false when there is none with this email. */
    boolean remove(String email);

    /** The operator with this email, if any. */
    Optional<Operator> findByEmail(String email);

    /**
     * Signs an operator in with password and current TOTP code (throttled and locked out like users' sign-in).
     *
     * @return the session cookie's value
     * @throws org.fieldstone.shared.Unauthenticated  wrong email, password or code (one message for all)
     * @throws org.fieldstone.shared.TooManyRequests locked out
     */
    String signIn(String email, char[] password, String code, String ip, String userAgent);

    /** The operator of a session cookie, if it is still good (idle and absolute limits as dashboard sessions). */
    Optional<SignedInOperator> resolve(String cookieValue);

    /** Ends a session (sign-out). */
    void signOut(String cookieValue);

    record Operator(String id, String email, String name, Instant createdAt) {
    }

    /** A new operator and the TOTP secret to enrol (Base32 and as an {@code otpauth://} URI). */
    record Enrolment(Operator operator, String secret, String otpauthUri) {
    }

    /**
     * The principal of an operator request.
     *
     * @param sessionId      the stored hash of the session's secret (identifies the session, signs nobody in)
     * @param enteredCompany the company (id, compact form) the operator entered under a grant, if any
     */
    record SignedInOperator(String id, String email, String name, String sessionId, Optional<String> enteredCompany)
            implements Serializable {
        @Serial
        private static final long serialVersionUID = 1L;
    }
}
