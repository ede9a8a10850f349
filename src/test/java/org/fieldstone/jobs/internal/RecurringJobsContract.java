package org.fieldstone.jobs.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import org.fieldstone.clients.Clients;
import org.fieldstone.clients.NewClient;
import org.fieldstone.clients.NewProperty;
import org.fieldstone.clients.Property;
import org.fieldstone.identity.User;
import org.fieldstone.jobs.Job;
import org.fieldstone.jobs.JobStatus;
import org.fieldstone.jobs.Jobs;
import org.fieldstone.jobs.Visits;
import org.fieldstone.jobs.NewJob;
import org.fieldstone.jobs.NewVisit;
import org.fieldstone.jobs.Visit;
import org.fieldstone.jobs.VisitChanges;
import org.fieldstone.shared.Actor;
import org.fieldstone.shared.Change;
import org.fieldstone.shared.InvalidInput;
import org.fieldstone.shared.Role;
import org.fieldstone.support.Fixtures;
import org.fieldstone.support.Fixtures.TestCompany;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Recurring jobs on either engine: visits generated from the rule over the horizon in the company's wall-clock time
 * across daylight-saving changes (Europe/Zurich: 2027-03-28 and 2027-10-31), idempotently; deleted occurrences stay
 * deleted; "this visit" and "this and following" edits behave as in calendar apps.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class RecurringJobsContract {

    private static final ZoneId ZURICH = ZoneId.of("Europe/Zurich");

    @Autowired Jobs jobs;
    @Autowired Visits jobVisits;
    @Autowired Clients clients;
    @Autowired Fixtures fixtures;

    TestCompany c;
    Actor admin;
    User tech;
    String clientId;
    String propertyId;

    @BeforeAll
    void company() {
        c = fixtures.company("recurring");
        admin = c.system();
        tech = c.addUser(Role.USER);
        var client = clients.create(admin, new NewClient("Rita Recurring", null, null, null, List.of()),
                new NewProperty(null, "Seestrasse 1", "Zürich", null, "8002", "CH", null, null));
        clientId = client.id();
        propertyId = clients.properties(admin, clientId).stream().map(Property::id).findFirst().orElseThrow();
    }

    private Job recurring(String rule, String firstStart, String firstEnd) {
        return jobs.create(admin, new NewJob(clientId, propertyId, "Weekly boiler check", null, null, List.of(), List.of(),
                null, List.of(tech.id()), null, List.of(), rule, new NewVisit(firstStart, firstEnd, null)));
    }

    private static Instant at(String local) {
        return ZonedDateTime.of(LocalDateTime.parse(local), ZURICH).toInstant();
    }

    private List<LocalDateTime> localStarts(String jobId) {
        return jobVisits.visits(admin, jobId).stream().map(v -> LocalDateTime.ofInstant(v.startsAt(), ZURICH)).toList();
    }

    @Test
    void aWeeklyNineOClockVisitStaysAtNineAcrossBothDaylightSavingChanges() {
        Job job = recurring("FREQ=WEEKLY;BYDAY=MO", "2027-03-15T09:00", "2027-03-15T10:00");
        jobVisits.generateVisits(admin, at("2027-03-15T08:00"));
        jobVisits.generateVisits(admin, at("2027-10-18T08:00"));
        List<Visit> visits = jobVisits.visits(admin, job.id());
        assertThat(visits).extracting(v -> LocalDateTime.ofInstant(v.startsAt(), ZURICH).toLocalTime().toString())
                .containsOnly("09:00");
        // the same local time is a different UTC time on either side of each change
        assertThat(visits).extracting(Visit::startsAt).contains(
                Instant.parse("2027-03-22T08:00:00Z"), Instant.parse("2027-03-29T07:00:00Z"),
                Instant.parse("2027-10-25T07:00:00Z"), Instant.parse("2027-11-01T08:00:00Z"));
        assertThat(visits).allSatisfy(v -> assertThat(java.time.Duration.between(v.startsAt(), v.endsAt())).hasMinutes(60));
        assertThat(job.status()).isEqualTo(JobStatus.SCHEDULED);
        assertThat(job.recurrence()).isEqualTo("FREQ=WEEKLY;BYDAY=MO");
    }

    @Test
    void generatingTwiceCreatesNothingTwice() {
        Job job = recurring("FREQ=DAILY;INTERVAL=2", "2027-04-01T08:00", "2027-04-01T09:30");
        Instant now = at("2027-04-01T07:00");
        int first = jobVisits.generateVisits(admin, now);
        int before = jobVisits.visits(admin, job.id()).size();
        int second = jobVisits.generateVisits(admin, now);
        assertThat(jobVisits.visits(admin, job.id())).hasSize(before);
        assertThat(second).isZero();
        assertThat(first).isGreaterThanOrEqualTo(0);
        // 90 days ahead of 2027-04-01 07:00, every other day: 45 occurrences
        assertThat(before).isEqualTo(45);
        assertThat(localStarts(job.id())).doesNotHaveDuplicates();
    }

    @Test
    void aCountedSeriesEndsAndItsJobIsNoLongerGenerating() {
        Job job = recurring("FREQ=WEEKLY;BYDAY=TU,TH;COUNT=5", "2027-05-04T13:00", "2027-05-04T14:00");
        jobVisits.generateVisits(admin, at("2027-05-04T07:00"));
        jobVisits.generateVisits(admin, at("2027-05-20T07:00"));
        assertThat(localStarts(job.id())).containsExactly(LocalDateTime.parse("2027-05-04T13:00"),
                LocalDateTime.parse("2027-05-06T13:00"), LocalDateTime.parse("2027-05-11T13:00"),
                LocalDateTime.parse("2027-05-13T13:00"), LocalDateTime.parse("2027-05-18T13:00"));
        assertThat(jobs.get(admin, job.id()).recurrence()).as("the series is complete").isNull();
    }

    @Test
    void aDeletedOccurrenceIsNotGeneratedAgain() {
        Job job = recurring("FREQ=WEEKLY;BYDAY=WE", "2027-06-02T10:00", "2027-06-02T11:00");
        Instant now = at("2027-06-01T07:00");
        jobVisits.generateVisits(admin, now);
        Visit second = jobVisits.visits(admin, job.id()).get(1);
        jobVisits.deleteVisit(admin, second.id(), second.version());
        jobVisits.generateVisits(admin, now);
        assertThat(localStarts(job.id())).doesNotContain(LocalDateTime.parse("2027-06-09T10:00"))
                .contains(LocalDateTime.parse("2027-06-02T10:00"), LocalDateTime.parse("2027-06-16T10:00"));
    }

    @Test
    void thisVisitMovesOnlyThatVisitAndLaterSeriesEditsLeaveItAlone() {
        Job job = recurring("FREQ=WEEKLY;BYDAY=FR", "2027-07-02T09:00", "2027-07-02T10:00");
        jobVisits.generateVisits(admin, at("2027-07-01T07:00"));
        List<Visit> visits = jobVisits.visits(admin, job.id());
        Visit second = visits.get(1);
        jobVisits.updateVisit(admin, second.id(), second.version(),
                new VisitChanges(Change.to("2027-07-09T14:00"), Change.to("2027-07-09T15:00"), null), VisitChanges.Scope.THIS);
        assertThat(localStarts(job.id())).contains(LocalDateTime.parse("2027-07-02T09:00"),
                LocalDateTime.parse("2027-07-09T14:00"), LocalDateTime.parse("2027-07-16T09:00"));
        assertThat(jobVisits.visit(admin, second.id()).detached()).isTrue();

        // now "this and following" from the first visit: the detached one keeps its own time
        Visit first = jobVisits.visit(admin, visits.getFirst().id());
        jobVisits.updateVisit(admin, first.id(), first.version(),
                new VisitChanges(Change.to("2027-07-02T11:00"), Change.to("2027-07-02T12:00"), null),
                VisitChanges.Scope.THIS_AND_FOLLOWING);
        jobVisits.generateVisits(admin, at("2027-07-01T07:00"));
        List<LocalDateTime> starts = localStarts(job.id());
        assertThat(starts).contains(LocalDateTime.parse("2027-07-02T11:00"), LocalDateTime.parse("2027-07-09T14:00"),
                LocalDateTime.parse("2027-07-16T11:00")).doesNotContain(LocalDateTime.parse("2027-07-16T09:00"));
        assertThat(jobVisits.visit(admin, first.id()).id()).as("the edited visit keeps its id").isEqualTo(first.id());
    }

    @Test
    void thisAndFollowingSplitsTheSeriesWhereItIsEditedAndKeepsTheCount() {
        Job job = recurring("FREQ=WEEKLY;BYDAY=MO;COUNT=6", "2027-08-02T08:00", "2027-08-02T09:00");
        jobVisits.generateVisits(admin, at("2027-08-01T07:00"));
        Visit third = jobVisits.visits(admin, job.id()).get(2);
        // from the third on: Tuesdays at 10:00
        jobVisits.updateVisit(admin, third.id(), third.version(),
                new VisitChanges(Change.to("2027-08-17T10:00"), Change.to("2027-08-17T11:00"), null),
                VisitChanges.Scope.THIS_AND_FOLLOWING);
        jobVisits.generateVisits(admin, at("2027-08-01T07:00"));
        assertThat(localStarts(job.id())).containsExactly(LocalDateTime.parse("2027-08-02T08:00"),
                LocalDateTime.parse("2027-08-09T08:00"), LocalDateTime.parse("2027-08-17T10:00"),
                LocalDateTime.parse("2027-08-24T10:00"), LocalDateTime.parse("2027-08-31T10:00"),
                LocalDateTime.parse("2027-09-07T10:00"));
    }

    @Test
    void aRuleOutsideTheSubsetIsRefusedAndNothingIsStored() {
        long before = jobs.list(admin, org.fieldstone.jobs.JobQuery.ALL, new org.fieldstone.shared.Page.PageRequest(0, 1)).total();
        assertThatThrownBy(() -> recurring("FREQ=HOURLY", "2027-03-15T09:00", "2027-03-15T10:00"))
                .isInstanceOf(InvalidInput.class)
                .satisfies(e -> assertThat(((InvalidInput) e).asFieldErrors()).containsKey("recurrence"));
        assertThatThrownBy(() -> recurring("FREQ=WEEKLY", null, null)).isInstanceOf(InvalidInput.class);
        assertThat(jobs.list(admin, org.fieldstone.jobs.JobQuery.ALL, new org.fieldstone.shared.Page.PageRequest(0, 1)).total())
                .isEqualTo(before);
    }
}
