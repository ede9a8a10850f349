package org.fieldstone.jobs.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.fieldstone.jobs.ChecklistItem;
import org.fieldstone.jobs.JobEvents;
import org.fieldstone.jobs.JobStatus;
import org.fieldstone.jobs.Visit;
import org.fieldstone.jobs.VisitStatus;
import org.fieldstone.shared.Conflict;
import org.fieldstone.shared.Message;
import org.fieldstone.shared.NotFound;
import org.fieldstone.shared.TenantId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The job's lifecycle without Spring or a database: each verb's legal and illegal transitions and what it writes. */
class JobAggregateTests {

    static final TenantId TENANT = TenantId.random();
    static final Instant NOW = Instant.parse("2026-12-07T10:15:30Z");

    static JobAggregate job(JobStatus status, List<ChecklistItem> checklist, List<Visit> visits, boolean series) {
        return new JobAggregate(TENANT, "job-1", "J-0007", status, 4, checklist, visits, series);
    }

    static JobAggregate job(JobStatus status, Visit... visits) {
        return job(status, List.of(), List.of(visits), false);
    }

    static Visit visit(String id, VisitStatus status) {
        return new Visit(id, "job-1", NOW.minusSeconds(7200), NOW.minusSeconds(3600), List.of(), status, null, null, null,
                null, null, false, 3, NOW, NOW);
    }

    static ChecklistItem item(String id, String text, boolean required, boolean done) {
        return new ChecklistItem(id, 0, text, required, done, Optional.empty(), null, 2);
    }

    @Test
    void completingWritesTheJobAtTheCallersVersionCancelsItsOpenVisitsEndsItsSeriesAndTellsOthers() {
        JobAggregate job = job(JobStatus.IN_PROGRESS, visit("v1", VisitStatus.COMPLETED), visit("v2", VisitStatus.SCHEDULED));
        JobAggregate.Outcome outcome = job.complete(4, NOW);
        assertThat(outcome.writes()).extracting(JobAggregate.Write::action).containsExactly("completed", "cancelled");
        JobAggregate.Write jobWrite = outcome.writes().getFirst();
        assertThat(jobWrite.type()).isEqualTo(JobTables.JOBS);
        assertThat(jobWrite.expectedVersion()).isEqualTo(4);
        assertThat(jobWrite.changes()).isEqualTo(Map.of("status", "COMPLETED", "completed_at", NOW.toEpochMilli()));
        assertThat(outcome.writes().get(1).key().id()).isEqualTo("v2");
        assertThat(outcome.writes().get(1).expectedVersion()).as("the visit's own version").isEqualTo(3);
        assertThat(outcome.endsSeries()).isTrue();
        assertThat(outcome.events()).containsExactly(new JobEvents.JobCompleted(TENANT, "job-1", "J-0007", NOW));
    }

    @ParameterizedTest
    @EnumSource(value = JobStatus.class, names = {"DRAFT", "COMPLETED", "CANCELLED", "INVOICED"})
    void onlyAScheduledOrStartedJobIsCompleted(JobStatus status) {
        assertThatThrownBy(() -> job(status).complete(4, NOW)).isInstanceOf(Conflict.class)
                .hasMessageContaining("cannot be completed; only a job that is scheduled or in progress can.");
    }

    /** Resolved above from messages.properties without Spring; what the web resolves in the request's locale is this. */
    @Test
    void aRefusalCarriesItsCodeAndTheStatusAsAWordOfItsOwn() {
        assertThatThrownBy(() -> job(JobStatus.CANCELLED).complete(4, NOW)).isInstanceOf(Conflict.class)
                .extracting(e -> ((Conflict) e).message())
                .isEqualTo(Message.of("jobs.refused.complete", Message.of("jobs.state.CANCELLED")));
        assertThatThrownBy(() -> job(JobStatus.CANCELLED).complete(4, NOW))
                .hasMessage("A job that is cancelled cannot be completed; only a job that is scheduled or in progress can.");
        assertThatThrownBy(() -> job(JobStatus.SCHEDULED, visit("v1", VisitStatus.EN_ROUTE)).enRoute("v1", 3, "u", NOW))
                .hasMessage("This visit is en route, so it cannot set on the way; only a visit that is scheduled can.");
    }

    @Test
    void completionIsRefusedWhileARequiredItemIsUntickedAndNamesThem() {
        JobAggregate job = job(JobStatus.SCHEDULED, List.of(item("c1", "Check pressure", true, false),
                item("c2", "Photo", false, false), item("c3", "Bleed radiators", true, true)), List.of(), false);
        assertThatThrownBy(() -> job.complete(4, NOW)).isInstanceOf(Conflict.class)
                .hasMessage("Tick the required checklist items first: Check pressure.");
    }

    @Test
    void cancellingClosesOpenVisitsAndReopeningSchedulesAgainOnlyWhenAVisitIsStillOpen() {
        JobAggregate.Outcome cancelled = job(JobStatus.SCHEDULED, visit("v1", VisitStatus.EN_ROUTE)).cancel(4);
        assertThat(cancelled.writes()).extracting(w -> w.changes().get("status")).containsExactly("CANCELLED", "CANCELLED");
        assertThat(cancelled.events()).isEmpty();
        assertThatThrownBy(() -> job(JobStatus.COMPLETED).cancel(4)).isInstanceOf(Conflict.class);

        assertThat(job(JobStatus.CANCELLED, visit("v1", VisitStatus.SCHEDULED)).reopen(4).writes().getFirst().changes())
                .containsEntry("status", "SCHEDULED").containsEntry("completed_at", null);
        assertThat(job(JobStatus.COMPLETED, visit("v1", VisitStatus.COMPLETED)).reopen(4).writes().getFirst().changes())
                .containsEntry("status", "DRAFT");
        assertThatThrownBy(() -> job(JobStatus.IN_PROGRESS).reopen(4)).isInstanceOf(Conflict.class)
                .hasMessageContaining("cannot be reopened");
    }

    @Test
    void onlyACompletedJobIsMarkedInvoicedAndAnInvoicedJobChangesNoMore() {
        assertThat(job(JobStatus.COMPLETED).markInvoiced(4).writes().getFirst().changes()).isEqualTo(Map.of("status", "INVOICED"));
        assertThatThrownBy(() -> job(JobStatus.IN_PROGRESS).markInvoiced(4)).isInstanceOf(Conflict.class)
                .hasMessageContaining("cannot be invoiced; only a job that is completed can.");
        JobAggregate invoiced = job(JobStatus.INVOICED, List.of(item("c1", "Check", false, false)), List.of(), false);
        assertThatThrownBy(() -> invoiced.tick("c1", true, "u", NOW)).isInstanceOf(Conflict.class)
                .hasMessage("This job is invoiced: reopen it to change its checklist.");
        assertThatThrownBy(invoiced::visitAdded).isInstanceOf(Conflict.class)
                .hasMessage("This job is invoiced: reopen it to schedule a visit.");
    }

    @Test
    void tickingWritesTheItemAtItsOwnVersionAndTickingTwiceWritesNothing() {
        JobAggregate job = job(JobStatus.IN_PROGRESS, List.of(item("c1", "Check", true, false), item("c2", "Done", false, true)),
                List.of(), false);
        JobAggregate.Write tick = job.tick("c1", true, "user-9", NOW).writes().getFirst();
        assertThat(tick.type()).isEqualTo(JobTables.CHECKLIST_ITEMS);
        assertThat(tick.expectedVersion()).isEqualTo(2);
        assertThat(tick.changes()).containsEntry("done", true).containsEntry("done_by", "user-9");
        assertThat(job.tick("c2", true, "user-9", NOW).writes()).isEmpty();
        assertThatThrownBy(() -> job.tick("nope", true, "u", NOW)).isInstanceOf(NotFound.class);
    }

    @Test
    void aVisitGoesOnTheWayStartsAndFinishesAndItsLastFinishCompletesTheJob() {
        JobAggregate scheduled = job(JobStatus.SCHEDULED, visit("v1", VisitStatus.SCHEDULED));
        JobAggregate.Outcome onTheWay = scheduled.enRoute("v1", 3, "user-9", NOW);
        assertThat(onTheWay.events()).containsExactly(new JobEvents.TechnicianEnRoute(TENANT, "job-1", "v1", "user-9", NOW));
        assertThat(scheduled.startVisit("v1", 3, NOW).writes()).extracting(JobAggregate.Write::action)
                .containsExactly("started", "started");
        assertThatThrownBy(() -> scheduled.finishVisit("v1", 3, NOW)).isInstanceOf(Conflict.class)
                .hasMessageContaining("This visit is scheduled, so it cannot finish");

        JobAggregate.Outcome lastFinish = job(JobStatus.IN_PROGRESS, visit("v1", VisitStatus.IN_PROGRESS),
                visit("v2", VisitStatus.CANCELLED)).finishVisit("v1", 3, NOW);
        assertThat(lastFinish.writes()).extracting(JobAggregate.Write::action).containsExactly("finished", "completed");
        assertThat(lastFinish.events()).hasSize(1).first().isInstanceOf(JobEvents.JobCompleted.class);

        JobAggregate.Outcome notLast = job(JobStatus.IN_PROGRESS, visit("v1", VisitStatus.IN_PROGRESS),
                visit("v2", VisitStatus.SCHEDULED)).finishVisit("v1", 3, NOW);
        assertThat(notLast.writes()).extracting(JobAggregate.Write::action).containsExactly("finished");
        JobAggregate.Outcome withSeries = job(JobStatus.IN_PROGRESS, List.of(), List.of(visit("v1", VisitStatus.IN_PROGRESS)), true)
                .finishVisit("v1", 3, NOW);
        assertThat(withSeries.events()).as("a running series brings more visits").isEmpty();
    }

    @Test
    void aClosedJobsVisitsDoNotMoveAndAnUnknownVisitIsNotFound() {
        JobAggregate cancelled = job(JobStatus.CANCELLED, visit("v1", VisitStatus.SCHEDULED));
        assertThatThrownBy(() -> cancelled.startVisit("v1", 3, NOW)).isInstanceOf(Conflict.class)
                .hasMessage("This visit's job is cancelled: reopen the job first.");
        assertThatThrownBy(() -> cancelled.startVisit("v9", 3, NOW)).isInstanceOf(NotFound.class);
        assertThatThrownBy(() -> job(JobStatus.SCHEDULED, visit("v1", VisitStatus.COMPLETED)).cancelVisit("v1", 3))
                .isInstanceOf(Conflict.class).hasMessageContaining("cannot cancel");
    }

    @Test
    void theClientConfirmsAnOpenVisitOnceAndNeverAFinishedOrCancelledOne() {
        JobAggregate.Outcome confirmed = job(JobStatus.SCHEDULED, visit("v1", VisitStatus.SCHEDULED)).confirmByClient("v1", NOW);
        assertThat(confirmed.writes()).hasSize(1);
        assertThat(confirmed.writes().getFirst().action()).isEqualTo("confirmed_by_client");
        assertThat(confirmed.writes().getFirst().expectedVersion()).isEqualTo(3);
        assertThat(confirmed.writes().getFirst().changes()).isEqualTo(Map.of("confirmed_by_client_at", NOW.toEpochMilli()));
        Visit already = new Visit("v1", "job-1", NOW, NOW.plusSeconds(3600), List.of(), VisitStatus.SCHEDULED, null, null,
                null, null, null, false, 4, NOW, NOW, NOW.minusSeconds(60));
        assertThat(job(JobStatus.SCHEDULED, already).confirmByClient("v1", NOW).writes()).as("idempotent").isEmpty();
        for (VisitStatus closed : List.of(VisitStatus.COMPLETED, VisitStatus.CANCELLED)) {
            assertThatThrownBy(() -> job(JobStatus.IN_PROGRESS, visit("v1", closed)).confirmByClient("v1", NOW))
                    .isInstanceOf(Conflict.class);
        }
        assertThatThrownBy(() -> job(JobStatus.CANCELLED, visit("v1", VisitStatus.SCHEDULED)).confirmByClient("v1", NOW))
                .isInstanceOf(Conflict.class);
    }

    @Test
    void aVisitCancelledOnItsOwnTellsWhoWasComingAndWhen() {
        Visit visit = new Visit("v1", "job-1", NOW, NOW.plusSeconds(3600),
                List.of(new org.fieldstone.shared.UserId(java.util.UUID.fromString("00000000-0000-0000-0000-000000000009"))),
                VisitStatus.SCHEDULED, null, null, null, null, null, false, 3, NOW, NOW);
        JobAggregate.Outcome cancelled = job(JobStatus.SCHEDULED, visit).cancelVisit("v1", 3);
        assertThat(cancelled.events()).containsExactly(new JobEvents.VisitCancelled(TENANT, "job-1", "v1", NOW,
                NOW.plusSeconds(3600), List.of("00000000-0000-0000-0000-000000000009")));
    }
}
