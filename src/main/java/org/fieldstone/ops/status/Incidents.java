package org.fieldstone.ops.status;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.fieldstone.shared.InvalidInput;
import org.fieldstone.shared.Message;
import org.fieldstone.shared.NotFound;
import org.springframework.stereotype.Component;

/**
 * Incidents of the status page: opened, updated and resolved by the operator (CLI); every change is recorded as an
 * update, raises the affected components' worst state of the day, and is emailed to the confirmed subscribers.
 */
@Component
public class Incidents {

    private final IncidentRecords records;
    private final StatusSubscribers subscribers;
    private final Clock clock;

    Incidents(IncidentRecords records, StatusSubscribers subscribers, Clock clock) {
        this.records = records;
        this.subscribers = subscribers;
        this.clock = clock;
    }

    /** What a change did: the incident as it is now, and how many subscribers were emailed. */
    public record Changed(Incident incident, int subscribersEmailed) {
    }

    public Changed open(String title, Set<StatusComponent> components, ComponentState state, String message) {
        Incident.checkTitle(title);
        Incident.checkMessage(message);
        if (components == null || components.isEmpty()) {
            throw new InvalidInput("components", Message.of("status.refused.components", StatusComponent.allKeys()));
        }
        if (state == ComponentState.OPERATIONAL) {
            throw new InvalidInput("state", Message.of("status.refused.operational"));
        }
        Instant now = clock.instant();
        long id = records.insert(title.strip(), EnumSet.copyOf(components), state, now);
        records.addUpdate(id, now, Incident.Kind.OPENED, state,
                blank(message) ? Message.of("status.update.opened").english() : message.strip());
        recordDays(components, state, now);
        return announce(get(id));
    }

    public Changed update(long id, String message, ComponentState state) {
        Incident incident = get(id);
        incident.requireOpen();
        if (blank(message)) {
            throw new InvalidInput("message", Message.of("status.refused.message"));
        }
        Incident.checkMessage(message);
        ComponentState now = state == null ? incident.state() : state;
        if (now == ComponentState.OPERATIONAL) {
            throw new InvalidInput("state", Message.of("status.refused.operational"));
        }
        Instant at = clock.instant();
        records.setState(id, now);
        records.addUpdate(id, at, Incident.Kind.UPDATED, now, message.strip());
        recordDays(incident.components(), now, at);
        return announce(get(id));
    }

    public Changed resolve(long id, String message) {
        Incident incident = get(id);
        incident.requireOpen();
        Incident.checkMessage(message);
        Instant at = clock.instant();
        if (!records.resolve(id, at)) {
            get(id).requireOpen(); // resolved meanwhile: refused like a second resolve
        }
        records.addUpdate(id, at, Incident.Kind.RESOLVED, ComponentState.OPERATIONAL,
                blank(message) ? Message.of("status.update.resolved").english() : message.strip());
        return announce(get(id));
    }

    public Incident get(long id) {
        return records.find(id).orElseThrow(() -> new NotFound(Message.of("status.thing.incident", id)));
    }

    /** The newest incidents first, at most {@code limit}. */
    public List<Incident> latest(int limit) {
        return records.latest(limit);
    }

    /** What the status page shows: open incidents and those of the last {@link HistoryBars#DAYS} days, newest first. */
    public List<Incident> forStatusPage() {
        return records.openOrSince(clock.instant().minus(Duration.ofDays(HistoryBars.DAYS)));
    }

    public List<HistoryBars.DayState> recordedDays(LocalDate since) {
        return records.daysSince(since);
    }

    private void recordDays(Set<StatusComponent> components, ComponentState state, Instant at) {
        for (StatusComponent c : components) {
            records.recordDay(c, HistoryBars.day(at), state);
        }
    }

    private Changed announce(Incident incident) {
        return new Changed(incident, subscribers.announce(incident));
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
