package org.fieldstone.jobs;

import org.fieldstone.shared.Versioned;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.fieldstone.shared.UserId;

/**
 * A job (work order) of a client at one of its properties.
 *
 * @param number      the company's human number, e.g. {@code J-0042}: gap-free, never reused
 * @param crewId      the crew it is assigned to, or null
 * @param assignees   the users it is assigned to (its visits have their own)
 * @param recurrence  the rule of its current recurring series (RRULE), or null
 * @param flags       computed from its status and visits at the time of reading
 * @param timeOnSite  the sum of its finished visits' time on site
 * @param quoteId     the approved quote it was converted from, or null
 * @param discount    the discount of the whole job (carried from its quote), or null
 * @param depositDue  the deposit asked for (carried from its quote), or null for none
 */
public record Job(String id, String number, String clientId, String propertyId, String title, String description,
                  Priority priority, List<String> tags, JobStatus status, List<LineItem> lineItems, String crewId,
                  List<UserId> assignees, List<ChecklistItem> checklist, String recurrence, Flags flags,
                  Duration timeOnSite, Instant completedAt, String quoteId, org.fieldstone.pricing.Discount discount,
                  org.fieldstone.shared.Money depositDue, long version, Instant createdAt, Instant updatedAt) implements Versioned {

    public Job {
        tags = List.copyOf(tags);
        lineItems = List.copyOf(lineItems);
        assignees = List.copyOf(assignees);
        checklist = List.copyOf(checklist);
    }

    /** Net total of the line items, in minor units. */
    public long netTotal() {
        return lineItems.stream().mapToLong(LineItem::net).sum();
    }

    /**
     * Computed, never stored. {@code unscheduled}: open with no open visit; {@code late}: a visit's end has passed
     * and it is not finished; {@code requiresInvoicing}: completed and not invoiced yet.
     */
    public record Flags(boolean unscheduled, boolean late, boolean requiresInvoicing) {
    }
}
