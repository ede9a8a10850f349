package org.fieldstone.identity;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.fieldstone.shared.Actor;
import org.fieldstone.shared.Message;
import org.fieldstone.shared.UserId;

/**
 * Two-step verification of dashboard sign-ins (TOTP, RFC 6238: 30-second steps, 6 digits, ±1 step, each code
 * accepted once), one-time recovery codes, and the company policy that requires it of everyone. API keys are a
 * separate credential and are not asked for a code; creating one needs a session that passed this step when the
 * user has it on or the company requires it ({@link #requireSatisfied}). Every change is audited; secrets and
 * codes never are.
 */
public interface MultiFactor {

    /** The cookie that carries the half-signed-in state between the password and the second step. */
    String CHALLENGE_COOKIE = "__Host-fs_mfa";

    /** Where the actor's own two-step verification stands. */
    Status status(Actor actor);

    // enrolment from "My account"

    /**
     * Starts enrolment for the signed-in user, or shows the one this session started again: a new secret bound to
     * this session, not in force until confirmed.
     *
     * @throws org.fieldstone.shared.Conflict when it is on already
     */
    Enrolment startEnrolment(SignedIn me);

    /**
     * Confirms enrolment with a code from the app. From now on sign-ins need a code; every session of the user ends
     * and a new one, which passed the second step, is opened in their place.
     *
     * @throws org.fieldstone.shared.InvalidInput when the code does not match
     */
    Enrolled confirmEnrolment(SignedIn me, String code);

    /** Replaces the recovery codes after checking a current code or the password ({@code proof}); returns the new ones. */
    List<String> regenerateRecoveryCodes(SignedIn me, String proof);

    /**
     * Turns it off after checking a current code or the password, and ends the user's other sessions — all of them
     * when the company requires two-step verification, since the user must enrol again before anything else.
     *
     * @return whether the current session goes on
     */
    boolean disable(SignedIn me, String proof);

    /** Someone who manages the team turns it off for a member who lost their device; every session of the member ends. */
    void reset(Actor actor, UserId member);

    // what a session proved

    /** Whether this dashboard session proved the second factor (at sign-in or by enrolling in it); never for an API key. */
    boolean passed(SignedIn me);

    /**
     * Whether the session passed the second step, or its user has no second factor and the company does not require
     * one: what creating credentials such as API keys asks of a session.
     */
    boolean satisfied(SignedIn me);

    /** Refuses with {@link org.fieldstone.shared.Forbidden} unless {@link #satisfied}. */
    default void requireSatisfied(SignedIn me) {
        if (!satisfied(me)) {
            throw new org.fieldstone.shared.Forbidden(
                    Message.of("identity.refused.mfa-session"));
        }
    }

    // the company policy

    /** Whether the actor's company requires two-step verification of everyone. */
    boolean required(Actor actor);

    /**
     * Sets the policy ({@code security:manage}, owners only; versioned and audited as a company setting). Switching
     * it on needs the owner's own two-step verification and ends every session that did not pass the second step.
     */
    void setRequired(Actor actor, boolean required);

    // the second step of signing in

    /** The pending sign-in a challenge cookie stands for, at that company's address; empty when expired or unknown. */
    Optional<Pending> pending(String companySlug, String challenge);

    /**
     * Completes a sign-in with a code or an unused recovery code, throttled per account and per address like
     * passwords. Opens a new session (a new id) and spends the challenge.
     *
     * @return the new session's cookie value
     * @throws org.fieldstone.shared.Unauthenticated when the code is wrong or the challenge expired
     * @throws org.fieldstone.shared.TooManyRequests when throttled
     */
    String completeSignIn(String companySlug, String challenge, String code, String ip, String userAgent);

    /** Enrolment during a sign-in that the company policy held back; bound to that challenge. */
    Enrolment startEnrolmentAtSignIn(String companySlug, String challenge);

    /** Confirms that enrolment and completes the sign-in: a new session and the recovery codes. */
    Enrolled confirmEnrolmentAtSignIn(String companySlug, String challenge, String code, String ip, String userAgent);

    /**
     * @param enabled           whether sign-ins need a code
     * @param enabledAt         since when, if enabled
     * @param recoveryCodesLeft unused recovery codes
     * @param requiredByCompany whether the company requires it of everyone
     */
    record Status(boolean enabled, Instant enabledAt, int recoveryCodesLeft, boolean requiredByCompany) {
    }

    /**
     * An enrolment waiting for its first code.
     *
     * @param secret the Base32 secret to type into an app that cannot scan
     * @param uri    the {@code otpauth://} URI for the QR code
     */
    record Enrolment(String secret, String uri) {
    }

    /** Enrolment done: the new session's cookie and the recovery codes, shown this once. */
    record Enrolled(String sessionCookie, List<String> recoveryCodes) {
    }

    /** A sign-in between the password and the second step. */
    record Pending(String userName, Purpose purpose) {
    }

    enum Purpose {
        /** Enter a code (or a recovery code). */
        CODE,
        /** The company requires two-step verification and the user has to set it up first. */
        ENROL
    }
}
