package org.fieldstone.reports;

import java.util.Optional;
import org.fieldstone.shared.Actor;

/**
 * The money reports: revenue received per month and by client, and what customers owe by how late it is. Reading
 * needs {@code reports:view} and {@code invoices:read}. Amounts of invoices and payments are sealed in the database, so
 * both are added up in Java from the invoices module's answers — the same documents the API shows, never SQL sums —
 * and kept apart per currency, so that amounts of two currencies never add up.
 */
public interface MoneyReports {

    /** Payments less refunds by the month they were paid in {@code year} (default: this year, the company's). */
    Revenue revenue(Actor actor, Optional<Integer> year);

    /** Every open invoice (sent or partly paid) by how many days past due it is today, the company's day. */
    Aging aging(Actor actor);

    boolean mayView(Actor actor);
}
