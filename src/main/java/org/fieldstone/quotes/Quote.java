package org.fieldstone.quotes;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import org.fieldstone.pricing.Discount;
import org.fieldstone.pricing.DocumentLine;
import org.fieldstone.pricing.Totals;
import org.fieldstone.shared.Money;
import org.fieldstone.shared.Versioned;

/**
 * A quote as read: its current revision, its figures ({@link #totals()}, counting the lines {@link #counted()}) and
 * the deposit it asks for.
 *
 * @param revision     1 for the first; a change after sending makes the next
 * @param expired      sent (or changes requested) and past its expiry date in the company's time zone
 * @param discount     of the whole quote, or null
 * @param deposit      asked for on approval (a percent of the approved total, or an amount), or null
 * @param decisionNote the customer's reason for declining or the changes they asked for, or null
 * @param jobId        the job it was converted into, or null
 * @param revisionHash SHA-256 (hex) of this revision's content (what an approval signs)
 */
public record Quote(String id, String number, int revision, String clientId, String propertyId, String title,
                    QuoteStatus status, boolean expired, String currency, boolean taxInclusive, List<DocumentLine> lines,
                    Discount discount, Discount deposit, String terms, String notes, LocalDate expiresOn,
                    Instant sentAt, Instant decidedAt, String decisionNote, Approval approval, String jobId,
                    Totals totals, Money depositDue, String revisionHash, long version, Instant createdAt,
                    Instant updatedAt) implements Versioned {

    /** The ids of the lines the figures count: chosen ones after approval, else the default choice. */
    public Set<String> counted() {
        return Set.copyOf(totals.lines().stream().filter(Totals.Line::counted).map(Totals.Line::id).toList());
    }
}
