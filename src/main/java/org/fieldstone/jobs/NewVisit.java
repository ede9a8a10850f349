package org.fieldstone.jobs;

import java.util.List;
import org.fieldstone.shared.UserId;

/**
 * A visit as entered: start and end as ISO date-times, either with an offset ({@code 2026-03-29T09:00+02:00}) or
 * local to the company's time zone ({@code 2026-03-29T09:00}); a local time that a daylight-saving change skips
 * moves forward by the gap, one that occurs twice takes the earlier. No assignees: the job's.
 */
public record NewVisit(String start, String end, List<UserId> assignees) {

    public NewVisit {
        assignees = assignees == null ? null : List.copyOf(assignees);
    }
}
