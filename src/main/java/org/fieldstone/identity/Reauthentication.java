package org.fieldstone.identity;

import org.fieldstone.shared.Actor;

/** Asking a signed-in user for their password again before a step that is hard to undo (deleting the company). */
public interface Reauthentication {

    /**
     * Checks the acting user's current password, throttled like signing in (per account and per address), so that
     * whoever holds a hijacked session cannot guess it. Changes nothing.
     *
     * @throws org.fieldstone.shared.InvalidInput    ({@code currentPassword}) when it is not the user's password
     * @throws org.fieldstone.shared.TooManyRequests when there were too many wrong attempts
     */
    void confirmPassword(Actor actor, char[] password);
}
