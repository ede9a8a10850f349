package org.fieldstone.notifications.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.fieldstone.identity.Team;
import org.fieldstone.identity.User;
import org.fieldstone.jobs.Scheduled;
import org.fieldstone.jobs.VisitCalendar;
import org.fieldstone.jobs.VisitStatus;
import org.fieldstone.notifications.NotificationKind;
import org.fieldstone.notifications.Recipient;
import org.fieldstone.shared.Actor;
import org.fieldstone.shared.Channel;
import org.fieldstone.shared.Page;
import org.fieldstone.shared.TenantId;
import org.fieldstone.tenancy.Companies;
import org.fieldstone.tenancy.Company;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Appointment reminders: every {@code fieldstone.notifications.reminders.interval} (15 min by default) each active
 * company's scheduled visits starting within {@code fieldstone.notifications.reminders.lead-time} (24 h) get a
 * {@link NotificationKind#VISIT_REMINDER} for their client, keyed by the visit and its start — so a run that meets
 * the visit again queues nothing, and a visit moved to another time gets a new reminder (the old one, if still
 * queued, is skipped {@code visit-moved} when the move is heard). Inserted a hundred to a statement. Off with
 * {@code fieldstone.notifications.reminders.enabled=false} (tests call {@link #runOnce()}).
 */
@Component
public class VisitReminders {

    private static final Logger log = LoggerFactory.getLogger(VisitReminders.class);

    private final Companies companies;
    private final VisitCalendar calendar;
    private final Team team;
    private final NotificationService notifications;
    private final Clock clock;
    private final boolean enabled;
    private final Duration lead;

    VisitReminders(Companies companies, VisitCalendar calendar, Team team, NotificationService notifications, Clock clock,
                   @Value("${fieldstone.notifications.reminders.enabled:true}") boolean enabled,
                   @Value("${fieldstone.notifications.reminders.lead-time:PT24H}") Duration lead) {
        this.companies = companies;
        this.calendar = calendar;
        this.team = team;
        this.notifications = notifications;
        this.clock = clock;
        this.enabled = enabled;
        this.lead = lead;
    }

    /** The idempotency key's event part of a visit's reminder for one start. */
    static String keyOf(String visitId, Instant startsAt) {
        return "reminder:" + visitId + ":" + startsAt.toEpochMilli();
    }

    @org.springframework.scheduling.annotation.Scheduled(fixedDelayString = "${fieldstone.notifications.reminders.interval:PT15M}", initialDelayString = "PT1M")
    void scheduled() {
        if (enabled) {
            runOnce();
        }
    }

    /** One run over every active company; answers how many reminders it queued. */
    public int runOnce() {
        int queued = 0;
        for (Company company : companies.list()) {
            if (!company.isActive()) {
                continue;
            }
            try {
                queued += remind(company.id());
            } catch (RuntimeException e) {
                log.error("Appointment reminders failed for company {}", company.slug(), e);
            }
        }
        return queued;
    }

    /** Queues the reminders of one company's visits starting within the lead time; answers how many are new. */
    public int remind(TenantId tenant) {
        if (notifications.clientChannels(tenant, NotificationKind.VISIT_REMINDER).isEmpty()) {
            return 0;
        }
        Actor system = Actor.system(tenant, Channel.SYSTEM);
        Instant now = clock.instant();
        ZoneId zone = companies.timeZone(tenant);
        List<Scheduled> visits = calendar.schedule(system, now, now.plus(lead), Optional.empty(), Optional.empty());
        Map<String, String> names = new HashMap<>();
        Map<String, String> common = notifications.common(tenant);
        List<NotificationService.Draft> drafts = new ArrayList<>();
        for (Scheduled s : visits) {
            if (s.visit().status() != VisitStatus.SCHEDULED || s.job().clientId() == null) {
                continue;
            }
            if (names.isEmpty() && !s.visit().assignees().isEmpty()) {
                names.putAll(teamNames(system));
            }
            Map<String, String> values = new HashMap<>(common);
            values.put("client.name", s.job().clientName() == null ? "" : s.job().clientName());
            values.put("job.number", s.job().number());
            values.put("job.title", s.job().title() == null ? "" : s.job().title());
            values.put("visit.start", EventNotices.WHEN.format(s.visit().startsAt().atZone(zone)));
            values.put("visit.end", EventNotices.WHEN.format(s.visit().endsAt().atZone(zone)));
            values.put("technician.name", s.visit().assignees().isEmpty() ? ""
                    : names.getOrDefault(s.visit().assignees().getFirst().toString(), ""));
            drafts.add(new NotificationService.Draft(keyOf(s.visit().id(), s.visit().startsAt()),
                    NotificationKind.VISIT_REMINDER, Recipient.client(s.job().clientId()), s.job().clientId(),
                    s.job().id(), "visit:" + s.visit().id(), values));
        }
        return notifications.queue(tenant, drafts).size();
    }

    private Map<String, String> teamNames(Actor system) {
        Map<String, String> names = new HashMap<>();
        for (int page = 0; ; page++) {
            Page<User> found = team.list(system, Page.request(page, Page.MAX_SIZE));
            found.items().forEach(u -> names.put(u.id().toString(), u.name()));
            if (found.items().isEmpty() || (long) (page + 1) * found.size() >= found.total()) {
                return names;
            }
        }
    }
}
