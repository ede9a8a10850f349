package org.fieldstone.jobs.internal;

import static org.fieldstone.jobs.internal.JobTables.DETACHED;
import static org.fieldstone.jobs.internal.JobTables.DURATION_MIN;
import static org.fieldstone.jobs.internal.JobTables.ENDED;
import static org.fieldstone.jobs.internal.JobTables.ENDS_AT;
import static org.fieldstone.jobs.internal.JobTables.EXCEPTIONS;
import static org.fieldstone.jobs.internal.JobTables.FIRST_START;
import static org.fieldstone.jobs.internal.JobTables.JOB_ID;
import static org.fieldstone.jobs.internal.JobTables.OCCURRENCE;
import static org.fieldstone.jobs.internal.JobTables.RRULE;
import static org.fieldstone.jobs.internal.JobTables.SERIES;
import static org.fieldstone.jobs.internal.JobTables.SERIES_ASSIGNEES;
import static org.fieldstone.jobs.internal.JobTables.SERIES_ID;
import static org.fieldstone.jobs.internal.JobTables.STARTS_AT;
import static org.fieldstone.jobs.internal.JobTables.VISITS;
import static org.fieldstone.jobs.internal.JobTables.VISIT_ASSIGNEES;
import static org.fieldstone.jobs.internal.JobTables.VISIT_STATUS;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.fieldstone.jobs.JobEvents;
import org.fieldstone.jobs.NewVisit;
import org.fieldstone.jobs.Visit;
import org.fieldstone.jobs.VisitStatus;
import org.fieldstone.shared.DomainEvent;
import org.fieldstone.shared.Actor;
import org.fieldstone.shared.Conflict;
import org.fieldstone.shared.InvalidInput;
import org.fieldstone.shared.Message;
import org.fieldstone.shared.UserId;
import org.fieldstone.shared.VersionConflict;
import org.fieldstone.tenancy.Changes;
import org.fieldstone.tenancy.CompanyDatabase;
import org.fieldstone.tenancy.DomainEvents;
import org.fieldstone.tenancy.RecordKey;
import org.fieldstone.tenancy.RecordStore;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Recurring visits. A series (a row of {@code visit_series}) holds a rule, the local start of its first occurrence and
 * a duration; its visits are generated over a rolling horizon, each carrying the occurrence it stands for, so that
 * generating again — on this node or another — creates nothing twice (a unique index guards it). Times are kept as
 * local wall-clock in the company's zone: a weekly 09:00 visit stays at 09:00 across daylight-saving changes.
 * Editing "this and following" ends the series before the edited occurrence and continues with a changed one.
 */
@Component
class VisitSeries {

    private final RecordStore store;
    private final DomainEvents domainEvents;
    private final JobRecords records;
    private final Duration horizon;

    VisitSeries(RecordStore store, JobRecords records, DomainEvents domainEvents,
                @Value("${fieldstone.schedule.recurrence-horizon:P90D}") Duration horizon) {
        this.store = store;
        this.domainEvents = domainEvents;
        this.records = records;
        this.horizon = horizon;
    }

    /** A checked rule with its first occurrence, before anything is stored. */
    record Plan(RecurrenceRule rule, LocalDateTime first, Duration duration) {
    }

    /** A stored series. */
    record Series(String id, String jobId, RecurrenceRule rule, LocalDateTime first, Duration duration,
                  List<UserId> assignees, Set<String> exceptions, boolean ended, long version) {
    }

    Plan plan(JobInput input, String rrule, NewVisit firstVisit, ZoneId zone) {
        RecurrenceRule rule = null;
        try {
            rule = RecurrenceRule.parse(rrule);
        } catch (InvalidInput e) {
            e.fieldMessages().forEach(input::add);
        }
        if (firstVisit == null) {
            input.add("firstVisit", Message.of("jobs.refused.series-first-visit"));
            return null;
        }
        LocalDateTime start = local(input, "firstVisit.start", firstVisit.start(), zone);
        LocalDateTime end = local(input, "firstVisit.end", firstVisit.end(), zone);
        if (rule == null || start == null || end == null) {
            return null;
        }
        Duration duration = Duration.between(start, end);
        if (duration.isNegative() || duration.isZero() || duration.compareTo(Duration.ofDays(1)) > 0) {
            input.add("firstVisit.end", Message.of("jobs.refused.series-visit-length"));
            return null;
        }
        return new Plan(rule, start, duration);
    }

    /** Stores a new series of a job and generates its first visits; returns the events to publish. */
    List<DomainEvent> start(Actor actor, CompanyDatabase db, String jobId, Plan plan, List<UserId> assignees, ZoneId zone,
                       Instant now) {
        String id = store.insert(actor, newSeries(jobId, plan.rule(), plan.first(), plan.duration(), assignees)).id();
        return generate(actor, db, find(db, id).orElseThrow(), zone, now);
    }

    /**
     * Generates the missing visits of every running series up to the horizon, each series in its own transaction
     * (a series another node generated meanwhile is skipped and caught up with next time), and publishes their
     * events in it; returns them.
     */
    List<DomainEvent> generate(Actor actor, CompanyDatabase db, ZoneId zone, Instant now) {
        List<DomainEvent> events = new ArrayList<>();
        List<String> running = db.jdbc().sql("SELECT id FROM visit_series WHERE ended = FALSE ORDER BY created_at, id")
                .query(String.class).list();
        for (String id : running) {
            try {
                events.addAll(db.inTransaction(() -> {
                    List<DomainEvent> made = find(db, id).filter(s -> !s.ended())
                            .map(s -> generate(actor, db, s, zone, now)).orElse(List.of());
                    made.forEach(e -> domainEvents.publish(db, e));
                    return made;
                }));
            } catch (Conflict | VersionConflict meanwhile) {
                // generated or changed concurrently: the next run continues from what is stored
            }
        }
        return events;
    }

    private List<DomainEvent> generate(Actor actor, CompanyDatabase db, Series series, ZoneId zone, Instant now) {
        // from the start of today, so a series created today also gets today's earlier occurrences
        Instant from = LocalDate.ofInstant(now, zone).atStartOfDay(zone).toInstant();
        Instant until = now.plus(horizon);
        Set<String> existing = new HashSet<>(db.jdbc().sql("SELECT occurrence FROM visits WHERE series_id = :s")
                .param("s", series.id()).query(String.class).list());
        String jobStatus = (String) records.jobRow(db, series.jobId()).orElseThrow().get("status");
        List<DomainEvent> events = new ArrayList<>();
        if (!List.of("DRAFT", "SCHEDULED", "IN_PROGRESS").contains(jobStatus)) {
            return events;
        }
        for (LocalDateTime occurrence : series.rule().occurrences(series.first(), zone, from, until)) {
            String key = occurrence.toString();
            if (existing.contains(key) || series.exceptions().contains(key)) {
                continue;
            }
            Instant start = ZonedDateTime.of(occurrence, zone).toInstant();
            Instant end = ZonedDateTime.of(occurrence.plus(series.duration()), zone).toInstant();
            String visitId = store.insert(actor, Changes.of(VISITS)
                    .set(JOB_ID, series.jobId())
                    .set(STARTS_AT, start.toEpochMilli())
                    .set(ENDS_AT, end.toEpochMilli())
                    .set(VISIT_ASSIGNEES, records.json(series.assignees().stream().map(UserId::toString).toList()))
                    .set(VISIT_STATUS, VisitStatus.SCHEDULED.name())
                    .set(SERIES_ID, series.id())
                    .set(OCCURRENCE, key)
                    .set(DETACHED, false)).id();
            events.add(new JobEvents.VisitScheduled(actor.tenant(), series.jobId(), visitId, start, end,
                    series.assignees().stream().map(UserId::toString).toList()));
        }
        if (series.rule().occurrences(series.first(), zone, until, until.plus(Duration.ofDays(3660))).isEmpty()) {
            // nothing comes after the horizon: the series is complete once these are generated
            store.change(actor, RecordKey.of(series.id(), series.jobId()), series.version(), Changes.of(SERIES).set(ENDED, true),
                    "ended");
        }
        return events;
    }

    /**
     * "This and following": the series ends before the visit's occurrence, and a new series continues from the
     * visit as changed (its rule shifted with it). The visit keeps its id and moves to the new series; the old
     * series' later visits that nobody worked on or edited on their own give way to the new series' ones.
     */
    List<DomainEvent> changeFollowing(Actor actor, CompanyDatabase db, Visit visit, long expectedVersion, Instant start,
                                 Instant end, List<UserId> assignees, ZoneId zone, Instant now) {
        if (visit.version() != expectedVersion) {
            throw new VersionConflict(Message.of("jobs.thing.visit"), visit.version());
        }
        Series old = find(db, visit.seriesId()).orElseThrow();
        LocalDateTime at = LocalDateTime.parse(visit.occurrence());
        LocalDateTime newFirst = LocalDateTime.ofInstant(start, zone);
        Duration duration = Duration.between(start, end);
        if (duration.compareTo(Duration.ofDays(1)) > 0) {
            throw new InvalidInput("end", Message.of("jobs.refused.series-visit-day"));
        }
        Optional<RecurrenceRule> cut = old.rule().endingBefore(old.first(), zone, at);
        RecurrenceRule continued = old.rule().continuing(old.first(), at, newFirst);
        Changes ending = Changes.of(SERIES);
        cut.ifPresentOrElse(rule -> ending.set(RRULE, rule.text()), () -> ending.set(ENDED, true));
        store.change(actor, RecordKey.of(old.id(), old.jobId()), old.version(), ending, "split");
        for (Visit later : records.visitsOf(db, visit.jobId())) {
            if (old.id().equals(later.seriesId()) && !later.id().equals(visit.id()) && !later.detached()
                    && later.status() == VisitStatus.SCHEDULED && later.enRouteAt() == null
                    && LocalDateTime.parse(later.occurrence()).isAfter(at)) {
                store.delete(actor, VISITS, RecordKey.of(later.id(), later.jobId()), later.version());
            }
        }
        String newSeries = store.insert(actor, newSeries(visit.jobId(), continued, newFirst, duration, assignees)).id();
        Changes moved = Changes.of(VISITS)
                .set(SERIES_ID, newSeries)
                .set(OCCURRENCE, newFirst.toString())
                .set(STARTS_AT, start.toEpochMilli())
                .set(ENDS_AT, end.toEpochMilli())
                .set(VISIT_ASSIGNEES, records.json(assignees.stream().map(UserId::toString).toList()));
        store.change(actor, RecordKey.of(visit.id(), visit.jobId()), expectedVersion, moved, "rescheduled");
        List<DomainEvent> events = new ArrayList<>();
        events.add(new JobEvents.VisitRescheduled(actor.tenant(), visit.jobId(), visit.id(), start, end,
                assignees.stream().map(UserId::toString).toList()));
        events.addAll(generate(actor, db, find(db, newSeries).orElseThrow(), zone, now));
        return events;
    }

    /** A deleted occurrence is not generated again (like EXDATE). */
    void skip(Actor actor, CompanyDatabase db, Visit visit) {
        Series s = find(db, visit.seriesId()).orElseThrow();
        List<String> exceptions = new ArrayList<>(s.exceptions());
        exceptions.add(visit.occurrence());
        store.update(actor, RecordKey.of(s.id(), s.jobId()), s.version(),
                Changes.of(SERIES).set(EXCEPTIONS, records.json(exceptions)));
    }

    void endAll(Actor actor, CompanyDatabase db, String jobId) {
        for (Series s : ofJob(db, jobId)) {
            if (!s.ended()) {
                store.change(actor, RecordKey.of(s.id(), jobId), s.version(), Changes.of(SERIES).set(ENDED, true), "ended");
            }
        }
    }

    /** A new, running series of a job, with no exceptions yet. */
    private Changes newSeries(String jobId, RecurrenceRule rule, LocalDateTime first, Duration duration,
                              List<UserId> assignees) {
        return Changes.of(SERIES)
                .set(JOB_ID, jobId)
                .set(RRULE, rule.text())
                .set(FIRST_START, first.toString())
                .set(DURATION_MIN, duration.toMinutes())
                .set(SERIES_ASSIGNEES, records.json(assignees.stream().map(UserId::toString).toList()))
                .set(EXCEPTIONS, "[]")
                .set(ENDED, false);
    }

    void deleteAll(Actor actor, CompanyDatabase db, String jobId) {
        for (Series s : ofJob(db, jobId)) {
            store.delete(actor, SERIES, RecordKey.of(s.id(), jobId), s.version());
        }
    }

    boolean hasActive(CompanyDatabase db, String jobId) {
        return db.jdbc().sql("SELECT COUNT(*) FROM visit_series WHERE job_id = :job AND ended = FALSE").param("job", jobId)
                .query(Long.class).single() > 0;
    }

    private List<Series> ofJob(CompanyDatabase db, String jobId) {
        return db.jdbc().sql("SELECT * FROM visit_series WHERE job_id = :job ORDER BY created_at, id").param("job", jobId)
                .query((rs, i) -> series(rs)).list();
    }

    private Optional<Series> find(CompanyDatabase db, String id) {
        return db.jdbc().sql("SELECT * FROM visit_series WHERE id = :id").param("id", id).query((rs, i) -> series(rs)).optional();
    }

    private Series series(java.sql.ResultSet rs) throws java.sql.SQLException {
        return new Series(rs.getString("id"), rs.getString("job_id"), RecurrenceRule.parse(rs.getString("rrule")),
                LocalDateTime.parse(rs.getString("first_start")), Duration.ofMinutes(rs.getLong("duration_min")),
                JobRecords.userIds(rs.getString("assignees")), Set.copyOf(records.strings(rs.getString("exceptions"))),
                rs.getBoolean("ended"), rs.getLong("version"));
    }

    private static LocalDateTime local(JobInput input, String field, String text, ZoneId zone) {
        try {
            Instant instant = VisitTimes.parse(field, text, zone);
            try {
                OffsetDateTime.parse(text.strip());
                return LocalDateTime.ofInstant(instant, zone);
            } catch (DateTimeParseException local) {
                return LocalDateTime.parse(text.strip());
            }
        } catch (InvalidInput e) {
            e.fieldMessages().forEach(input::add);
            return null;
        }
    }

}
