package org.fieldstone.jobs.web;

import static org.fieldstone.shared.web.FormText.blank;
import static org.fieldstone.shared.web.FormText.blankToNull;
import static org.fieldstone.shared.web.FormText.tagList;
import static org.fieldstone.shared.web.FormText.text;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.fieldstone.jobs.Job;
import org.fieldstone.jobs.JobChanges;
import org.fieldstone.jobs.NewJob;
import org.fieldstone.jobs.NewVisit;
import org.fieldstone.shared.Change;
import org.fieldstone.shared.UserId;
import org.fieldstone.shared.web.FormText.Differences;

/**
 * The job form of the dashboard as submitted: text as typed, tags comma-separated, assignees as user ids, the
 * first visit as {@code datetime-local} values (the company's time zone) and the recurrence either picked
 * ({@code repeat}, {@code interval}, {@code byDay}, {@code monthDay}, {@code until}, {@code count}) or typed as
 * an RRULE. Only these fields are bound.
 */
record JobForm(String clientId, String propertyId, String title, String description, String priority, String tags,
               List<String> assignees, String crewId, String checklistTemplateId, String visitStart, String visitEnd,
               String repeat, String interval, List<String> byDay, String monthDay, String until, String count,
               String rrule, Long version) {

    static final List<String> DAYS = List.of("MO", "TU", "WE", "TH", "FR", "SA", "SU");
    private static final Set<String> REPEATS = Set.of("none", "daily", "weekly", "monthly", "custom");

    JobForm {
        assignees = assignees == null ? List.of() : List.copyOf(assignees);
        byDay = byDay == null ? List.of() : List.copyOf(byDay);
    }

    static JobForm empty() {
        return new JobForm("", "", "", "", "NORMAL", "", List.of(), "", "", "", "", "none", "1", List.of(), "", "", "",
                "", null);
    }

    static JobForm of(Job j) {
        return new JobForm(j.clientId(), j.propertyId(), j.title(), text(j.description()), j.priority().name(),
                String.join(", ", j.tags()), j.assignees().stream().map(UserId::toString).toList(), text(j.crewId()),
                "", "", "", "none", "1", List.of(), "", "", "", text(j.recurrence()), j.version());
    }

    JobForm withClient(String client) {
        return withClient(client, "");
    }

    JobForm withClient(String client, String property) {
        return new JobForm(client, property, title, description, priority, tags, assignees, crewId, checklistTemplateId,
                visitStart, visitEnd, repeat, interval, byDay, monthDay, until, count, rrule, version);
    }

    JobForm atVersion(long newVersion) {
        return new JobForm(clientId, propertyId, title, description, priority, tags, assignees, crewId,
                checklistTemplateId, visitStart, visitEnd, repeat, interval, byDay, monthDay, until, count, rrule,
                newVersion);
    }

    NewJob job(boolean canAssign) {
        NewVisit first = blank(visitStart) && blank(visitEnd) ? null : new NewVisit(visitStart, visitEnd, null);
        return new NewJob(clientId, propertyId, title, description, priority, tagList(tags), List.of(),
                canAssign ? blankToNull(crewId) : null, canAssign ? userIds() : List.of(),
                blankToNull(checklistTemplateId), List.of(), recurrence(), first);
    }

    /** Every field of the edit form; crew and assignees only for whoever may assign. */
    JobChanges changes(boolean canAssign) {
        return new JobChanges(Change.to(title), Change.to(blankToNull(description)), Change.to(priority),
                Change.to(tagList(tags)), null, canAssign ? Change.to(blankToNull(crewId)) : null,
                canAssign ? Change.to(userIds()) : null);
    }

    List<UserId> userIds() {
        return assignees.stream().filter(a -> !blank(a)).map(UserId::parse).toList();
    }

    /**
     * The RRULE the picker describes, or null for a one-off job. {@code until} is a date (that day included).
     */
    String recurrence() {
        String kind = repeat == null || !REPEATS.contains(repeat) ? "none" : repeat;
        if (kind.equals("custom")) {
            return blankToNull(rrule) == null ? null : rrule.strip().toUpperCase(Locale.ROOT);
        }
        if (kind.equals("none")) {
            return null;
        }
        StringBuilder rule = new StringBuilder("FREQ=").append(kind.toUpperCase(Locale.ROOT));
        String every = blank(interval) ? "1" : interval.strip();
        if (!every.equals("1")) {
            rule.append(";INTERVAL=").append(every);
        }
        if (kind.equals("weekly") && !byDay.isEmpty()) {
            rule.append(";BYDAY=").append(String.join(",", byDay.stream().filter(DAYS::contains).toList()));
        }
        if (kind.equals("monthly") && !blank(monthDay)) {
            rule.append(";BYMONTHDAY=").append(monthDay.strip());
        }
        if (!blank(until)) {
            rule.append(";UNTIL=").append(until.strip().replace("-", ""));
        } else if (!blank(count)) {
            rule.append(";COUNT=").append(count.strip());
        }
        return rule.toString();
    }

    /** The other person's values where they differ from what this form submitted: what saving again overwrites. */
    Map<String, String> differencesFrom(Job current) {
        JobForm now = of(current);
        return new Differences().field("title", title, now.title).field("description", description, now.description)
                .field("priority", priority, now.priority)
                .fieldIf(!tagList(tags).equals(current.tags()), "tags", now.tags).map();
    }
}
