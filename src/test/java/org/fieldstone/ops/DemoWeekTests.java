package org.fieldstone.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.time.temporal.TemporalAdjusters;
import org.fieldstone.identity.User;
import org.fieldstone.jobs.Job;
import org.fieldstone.jobs.JobQuery;
import org.fieldstone.jobs.JobStatus;
import org.fieldstone.jobs.Jobs;
import org.fieldstone.jobs.VisitCalendar;
import org.fieldstone.jobs.Scheduled;
import org.fieldstone.jobs.VisitStatus;
import org.fieldstone.shared.Actor;
import org.fieldstone.shared.Channel;
import org.fieldstone.shared.Page;
import org.fieldstone.shared.Role;
import org.fieldstone.support.Fixtures;
import org.fieldstone.support.Fixtures.TestCompany;
import org.fieldstone.support.SqliteApplicationTest;
import org.fieldstone.support.TestClock;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The demo company's week, seeded into a fresh company (Europe/Zurich) at the test clock's now, whatever day that
 * is: a dispatcher sees a full working week with its trouble spots, and a technician has a day of their own.
 */
@SqliteApplicationTest
class DemoWeekTests {

    @Autowired DemoWeek demoWeek;
    @Autowired Fixtures fixtures;
    @Autowired Jobs jobs;
    @Autowired org.fieldstone.clients.Clients clients;
    @Autowired VisitCalendar calendar;
    @Autowired TestClock clock;

    @Test
    void fillsTheWorkingWeekWithVisitsAConflictADraftARecurringJobAndATechniciansDay() {
        TestCompany c = fixtures.company("demo-week");
        ZoneId zone = c.company.timeZone();

        DemoWeek.Week week = demoWeek.seed(c.company);

        assertThat(week.monday().getDayOfWeek()).isEqualTo(DayOfWeek.MONDAY);
        assertThat(week.jobs()).hasSizeBetween(25, 40);
        assertThat(week.clients()).hasSizeBetween(12, 20);
        assertThat(week.clients()).as("every demo property is on the map").allSatisfy(client ->
                assertThat(clients.properties(c.system(), client.id())).isNotEmpty()
                        .allMatch(p -> p.latitude() != null && p.longitude() != null));
        Instant from = week.monday().atStartOfDay(zone).toInstant();
        Instant to = week.monday().plusDays(5).atStartOfDay(zone).toInstant();
        List<Scheduled> schedule = calendar.schedule(c.system(), from, to, Optional.empty(), Optional.empty());
        Set<DayOfWeek> days = schedule.stream().map(s -> s.visit().startsAt().atZone(zone).getDayOfWeek())
                .collect(Collectors.toSet());
        assertThat(days).as("visits on the weekdays").hasSizeGreaterThanOrEqualTo(4);
        assertThat(schedule).as("visits of the week").hasSizeGreaterThanOrEqualTo(25);
        assertThat(schedule.stream().flatMap(s -> s.warnings().stream()))
                .as("the double-booking shows").anyMatch(w -> w.code().equals("double-booked"));
        assertThat(schedule).as("no visit is cancelled by the seeding")
                .noneMatch(s -> s.visit().status() == VisitStatus.CANCELLED);
        assertThat(schedule).as("what has ended is finished, but the late one")
                .filteredOn(s -> s.visit().endsAt().isBefore(clock.instant()) && !s.job().title().startsWith("Check pressure"))
                .allMatch(s -> s.visit().status() == VisitStatus.COMPLETED);

        List<Job> all = jobs.list(c.system(), JobQuery.ALL, new Page.PageRequest(0, Page.MAX_SIZE)).items();
        assertThat(jobs.list(c.system(), new JobQuery(null, null, null, null, null, JobQuery.Flag.UNSCHEDULED),
                new Page.PageRequest(0, Page.MAX_SIZE)).items()).as("drafts waiting").isNotEmpty();
        assertThat(all).as("recurring").anyMatch(j -> "FREQ=WEEKLY;BYDAY=TU".equals(j.recurrence()));
        assertThat(all).as("late").anyMatch(j -> j.flags().late());

        User tara = week.technicians().getFirst();
        Actor technician = new Actor(c.company.id(), Optional.of(tara.id()), tara.name(), Role.USER, Optional.empty(),
                Channel.WEB, null, null);
        assertThat(java.util.stream.IntStream.range(0, 5).mapToObj(d -> week.monday().plusDays(d))
                .map((LocalDate d) -> calendar.day(technician, Optional.of(d))))
                .as("Tara's days").allMatch(day -> !day.isEmpty());
    }

    @Test
    void onAWednesdayAfternoonWhatHasEndedIsFinishedWhatRunsIsStartedAndTheBoilerServicesAreCompleted() {
        TestCompany c = fixtures.company("demo-midweek");
        ZoneId zone = c.company.timeZone();
        // last week's Wednesday, so that everything the seeding does lies before the (shared) test clock
        LocalDate wednesday = LocalDate.ofInstant(clock.instant(), zone)
                .with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY)).minusWeeks(1).plusDays(2);
        Instant then = wednesday.atTime(14, 45).atZone(zone).toInstant();

        DemoWeek.Week week = demoWeek.seed(c.company, then);

        assertThat(week.monday()).isEqualTo(wednesday.minusDays(2));
        List<Scheduled> schedule = calendar.schedule(c.system(), week.monday().atStartOfDay(zone).toInstant(),
                week.monday().plusDays(5).atStartOfDay(zone).toInstant(), Optional.empty(), Optional.empty());
        assertThat(schedule).filteredOn(s -> s.visit().endsAt().isBefore(then) && !s.job().title().startsWith("Check pressure"))
                .isNotEmpty().allMatch(s -> s.visit().status() == VisitStatus.COMPLETED && s.visit().finishedAt() != null);
        assertThat(schedule).filteredOn(s -> s.visit().startsAt().isBefore(then) && s.visit().endsAt().isAfter(then))
                .isNotEmpty().allMatch(s -> s.visit().status() == VisitStatus.IN_PROGRESS);
        assertThat(schedule).filteredOn(s -> s.visit().startsAt().isAfter(then))
                .isNotEmpty().allMatch(s -> s.visit().status() == VisitStatus.SCHEDULED);
        assertThat(schedule).filteredOn(s -> s.job().title().startsWith("Check pressure"))
                .as("the late one: Tuesday's last slot, left open")
                .singleElement().matches(s -> s.visit().status() == VisitStatus.SCHEDULED
                        && s.visit().startsAt().atZone(zone).toLocalDate().equals(wednesday.minusDays(1)));
        assertThat(week.jobs()).filteredOn(j -> j.title().equals("Boiler service") && j.status() == JobStatus.COMPLETED)
                .as("Monday's to Wednesday's boiler services, their checklists ticked").hasSize(3)
                .allMatch(j -> j.checklist().stream().allMatch(i -> i.done()));
    }
}
