package org.fieldstone.schedule;

import java.time.Instant;
import java.util.Optional;
import org.fieldstone.shared.Actor;

/**
 * Private calendar feeds (opt-in per user, revocable): an iCalendar document of the user's own visits with only
 * their times, job number and title, and address — no client contact data. The feed's link carries a secret token
 * (a deliberate exception to "no tokens in URLs": calendar apps cannot send headers); only its SHA-256 hash is stored.
 */
public interface CalendarFeeds {

    /** When the actor's current link was made, if they have one. */
    Optional<Instant> subscribedSince(Actor actor);

    /**
     * Makes a new link for the actor, replacing (and so revoking) any earlier one; returns its token, which is shown
     * this once and never stored.
     */
    String subscribe(Actor actor);

    /** Revokes the actor's link: it answers 404 from now on. */
    void revoke(Actor actor);

    /** The feed of the user whose token this is, if the company is active and the user still is. */
    Optional<String> render(String companySlug, String token);
}
