package org.fieldstone.jobs;

import java.util.List;
import org.fieldstone.shared.UserId;

/**
 * A job as entered. {@code checklistTemplateId} copies a template's items (before {@code checklist}'s own).
 * {@code recurrence} (an RRULE) with {@code firstVisit} makes it a recurring job whose visits are generated.
 */
public record NewJob(String clientId, String propertyId, String title, String description, String priority,
                     List<String> tags, List<LineItem> lineItems, String crewId, List<UserId> assignees,
                     String checklistTemplateId, List<ChecklistTemplate.Item> checklist, String recurrence,
                     NewVisit firstVisit) {

    public NewJob {
        tags = tags == null ? List.of() : List.copyOf(tags);
        lineItems = lineItems == null ? List.of() : List.copyOf(lineItems);
        assignees = assignees == null ? List.of() : List.copyOf(assignees);
        checklist = checklist == null ? List.of() : List.copyOf(checklist);
    }

    /** A one-off job with just the essentials. */
    public static NewJob of(String clientId, String propertyId, String title, String description) {
        return new NewJob(clientId, propertyId, title, description, null, List.of(), List.of(), null, List.of(), null,
                List.of(), null, null);
    }
}
