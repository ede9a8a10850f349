package org.fieldstone.jobs.web;

import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import org.fieldstone.clients.ClientHistory;
import org.fieldstone.jobs.Job;
import org.fieldstone.jobs.JobQuery;
import org.fieldstone.jobs.Jobs;
import org.fieldstone.jobs.Visit;
import org.fieldstone.jobs.Visits;
import org.fieldstone.pricing.Pricing;
import org.fieldstone.shared.Actor;
import org.fieldstone.shared.Money;
import org.fieldstone.shared.Page;
import org.fieldstone.shared.Permission;
import org.springframework.stereotype.Component;

/**
 * The client's jobs and their visits on the client page. The job list applies the jobs visibility rules, so a
 * technician who sees only their own jobs sees only those (and their visits) here too. Visits are those of the
 * client's most recent jobs: enough for a page that shows the last few.
 */
@Component
class JobClientHistory implements ClientHistory {

    /** How many of the client's most recent jobs the visits section looks into. */
    static final int VISIT_JOBS = 10;

    private final Jobs jobs;
    private final Visits visits;
    private final Pricing pricing;

    JobClientHistory(Jobs jobs, Visits visits, Pricing pricing) {
        this.jobs = jobs;
        this.visits = visits;
        this.pricing = pricing;
    }

    @Override
    public List<Section> sections(Actor actor, String clientId, int limit, ZoneId zone, Locale locale) {
        if (!actor.can(Permission.JOBS_READ)) {
            return List.of();
        }
        JobQuery query = new JobQuery(null, clientId, null, null, null, null);
        Page<Job> recent = jobs.list(actor, query, Page.request(0, Math.max(limit, VISIT_JOBS)));
        String currency = pricing.settings(actor).currency();
        List<Row> jobRows = recent.items().stream().limit(limit).map(j -> new Row(j.number(), j.title(),
                "jobs.status." + j.status().name(), j.status().name().toLowerCase(Locale.ROOT),
                j.createdAt().atZone(zone).toLocalDate(),
                Money.of(j.netTotal(), currency).format(locale), "jobs/" + j.id())).toList();

        List<Row> visitRows = new ArrayList<>();
        List<VisitOfJob> found = new ArrayList<>();
        for (Job j : recent.items().stream().limit(VISIT_JOBS).toList()) {
            for (Visit v : visits.visits(actor, j.id())) {
                found.add(new VisitOfJob(v, j));
            }
        }
        found.sort(Comparator.comparing((VisitOfJob f) -> f.visit().startsAt()).reversed());
        for (VisitOfJob f : found.subList(0, Math.min(limit, found.size()))) {
            visitRows.add(new Row(f.job().number(), f.job().title(), "visits.status." + f.visit().status().name(),
                    f.visit().status().name().toLowerCase(Locale.ROOT), f.visit().startsAt().atZone(zone).toLocalDate(),
                    null, "jobs/" + f.job().id()));
        }
        return List.of(
                new Section(10, "client-jobs", "clients.history.jobs", jobRows, recent.total(), "jobs?client=" + clientId,
                        actor.can(Permission.JOBS_WRITE) ? "jobs/new?clientId=" + clientId : null, "clients.new-job"),
                new Section(20, "client-visits", "clients.history.visits", visitRows, found.size(), null, null, null));
    }

    private record VisitOfJob(Visit visit, Job job) {
    }
}
