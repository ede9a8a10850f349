package org.fieldstone.jobs;

import java.util.List;
import org.fieldstone.shared.Change;
import org.fieldstone.shared.UserId;

/** A partial change of a job: absent fields stay, null ones are cleared (title, priority cannot be). */
public record JobChanges(Change<String> title, Change<String> description, Change<String> priority,
                         Change<List<String>> tags, Change<List<LineItem>> lineItems, Change<String> crewId,
                         Change<List<UserId>> assignees) {

    public JobChanges {
        title = title == null ? Change.keep() : title;
        description = description == null ? Change.keep() : description;
        priority = priority == null ? Change.keep() : priority;
        tags = tags == null ? Change.keep() : tags;
        lineItems = lineItems == null ? Change.keep() : lineItems;
        crewId = crewId == null ? Change.keep() : crewId;
        assignees = assignees == null ? Change.keep() : assignees;
    }

    public static JobChanges none() {
        return new JobChanges(null, null, null, null, null, null, null);
    }
}
