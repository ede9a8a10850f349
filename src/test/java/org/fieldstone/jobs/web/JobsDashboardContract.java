package org.fieldstone.jobs.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.fieldstone.clients.Client;
import org.fieldstone.clients.Clients;
import org.fieldstone.clients.NewClient;
import org.fieldstone.clients.NewProperty;
import org.fieldstone.clients.Property;
import org.fieldstone.identity.User;
import org.fieldstone.jobs.ChecklistTemplate;
import org.fieldstone.jobs.Job;
import org.fieldstone.jobs.JobChanges;
import org.fieldstone.jobs.JobQuery;
import org.fieldstone.jobs.Jobs;
import org.fieldstone.jobs.Visits;
import org.fieldstone.jobs.ChecklistTemplates;
import org.fieldstone.jobs.JobSettings;
import org.fieldstone.jobs.NewJob;
import org.fieldstone.jobs.NewVisit;
import org.fieldstone.jobs.Visit;
import org.fieldstone.jobs.VisitChanges;
import org.fieldstone.jobs.WorkSettings;
import org.fieldstone.shared.Change;
import org.fieldstone.shared.Page;
import org.fieldstone.shared.Role;
import org.fieldstone.shared.UserId;
import org.fieldstone.support.Fixtures;
import org.fieldstone.support.Fixtures.TestCompany;
import org.fieldstone.support.Https;
import org.fieldstone.support.Https.Response;
import org.fieldstone.support.TestClock;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;

/**
 * The jobs, schedule and My day pages over real HTTPS, as a browser submits them: creating a job with field
 * messages first, the job page, a refused lifecycle step with its reason, a stale edit, who sees which work
 * (a technician's own only, when the company says so), the read-only role, and the home page's numbers.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class JobsDashboardContract {

    static final Pattern JOB_ID = Pattern.compile("/jobs/([0-9a-f-]{36})\\?notice=created$");
    static final Pattern VERSION = Pattern.compile("name=\"version\" value=\"(\\d+)\"");
    static final ZoneId ZURICH = ZoneId.of("Europe/Zurich");

    @Autowired Fixtures fixtures;
    @Autowired Clients clients;
    @Autowired Jobs jobs;
    @Autowired Visits jobVisits;
    @Autowired ChecklistTemplates checklists;
    @Autowired JobSettings workSettings;
    @Autowired TestClock clock;
    @Value("${server.port}") int port;

    TestCompany c;
    Client client;
    Property property;
    String base;

    @BeforeAll
    void company() {
        c = fixtures.companyWithEveryRole("jobs-web");
        base = "/c/" + c.slug();
        client = clients.create(c.system(), new NewClient("Harbour Bakery", null, "044 668 18 00", null, null),
                new NewProperty("Shop", "Quai 7", "Zürich", null, "8002", null, null, null));
        property = clients.properties(c.system(), client.id()).getFirst();
    }

    @Test
    void createsAJobThroughTheFormAfterShowingFieldMessagesAndStoringNothing() {
        Https admin = signIn(Role.ADMIN);
        Response form = admin.get(base + "/jobs/new");
        assertThat(form.status()).isEqualTo(200);
        assertThat(form.body()).contains("Harbour Bakery").contains("name=\"visitStart\"").contains("name=\"assignees\"");
        Response properties = admin.get(base + "/jobs/properties?clientId=" + client.id());
        assertThat(properties.body()).contains("value=\"" + property.id() + "\"").contains("Quai 7");

        long before = jobs.list(c.system(), JobQuery.ALL, Page.request(0, 1)).total();
        Response invalid = admin.post(base + "/jobs", form("clientId", "", "propertyId", "", "title", "",
                "description", "Leaking tap", "priority", "HIGH", "tags", "plumbing"));
        assertThat(invalid.status()).isEqualTo(400);
        assertThat(invalid.body()).contains("id=\"job-clientId-error\"").contains("id=\"job-title-error\"")
                .contains("Give the job a title").contains(">Leaking tap</textarea>").contains("value=\"plumbing\"");
        assertThat(jobs.list(c.system(), JobQuery.ALL, Page.request(0, 1)).total()).isEqualTo(before);

        String start = local(now().plusDays(1).withHour(9).withMinute(0));
        String end = local(now().plusDays(1).withHour(10).withMinute(30));
        Response created = admin.post(base + "/jobs", form("clientId", client.id(), "propertyId", property.id(),
                "title", "Fix the tap", "description", "Leaking tap", "priority", "HIGH", "tags", "plumbing, urgent",
                "assignees", c.users.get(Role.USER).id().toString(), "crewId", "", "checklistTemplateId", "",
                "visitStart", start, "visitEnd", end, "repeat", "none"));
        assertThat(created.status()).as(created.body()).isEqualTo(302);
        Matcher m = JOB_ID.matcher(created.header("Location"));
        assertThat(m.find()).as(created.header("Location")).isTrue();
        Job job = jobs.get(c.system(), m.group(1));
        assertThat(job.title()).isEqualTo("Fix the tap");
        assertThat(job.tags()).containsExactly("plumbing", "urgent");
        assertThat(job.assignees()).containsExactly(c.users.get(Role.USER).id());
        assertThat(jobVisits.visits(c.system(), job.id())).singleElement()
                .satisfies(v -> assertThat(v.startsAt().atZone(ZURICH).getHour()).isEqualTo(9));

        Response page = admin.get(base + "/jobs/" + job.id() + "?notice=created");
        assertThat(page.body()).contains("The job was created.").contains(job.number()).contains("Harbour Bakery")
                .contains("USER person").contains("09:00–10:30");
    }

    @Test
    void aWeeklyRecurrenceFromThePickerSchedulesItsVisits() {
        Https admin = signIn(Role.ADMIN);
        admin.get(base + "/jobs/new");
        OffsetDateTime monday = now().plusWeeks(1).with(java.time.DayOfWeek.MONDAY).withHour(8).withMinute(0);
        Response created = admin.post(base + "/jobs", form("clientId", client.id(), "propertyId", property.id(),
                "title", "Weekly clean", "priority", "NORMAL", "visitStart", local(monday),
                "visitEnd", local(monday.plusHours(1)), "repeat", "weekly", "interval", "1", "byDay", "MO", "count", "3"));
        assertThat(created.status()).as(created.body()).isEqualTo(302);
        Matcher m = JOB_ID.matcher(created.header("Location"));
        assertThat(m.find()).isTrue();
        Job job = jobs.get(c.system(), m.group(1));
        // a series whose every visit is generated has ended, so the job shows no rule any more: its visits say it
        assertThat(jobVisits.visits(c.system(), job.id())).hasSize(3).allSatisfy(v -> {
            assertThat(v.startsAt().atZone(ZURICH).getDayOfWeek()).isEqualTo(java.time.DayOfWeek.MONDAY);
            assertThat(v.startsAt().atZone(ZURICH).getHour()).isEqualTo(8);
            assertThat(v.isRecurring()).isTrue();
        });
    }

    @Test
    void theJobPageShowsChecklistNotesAndVisitsAndSaysWhyItCannotBeCompleted() {
        ChecklistTemplate template = checklists.createTemplate(c.system(), "Boiler service " + System.nanoTime(),
                List.of(new ChecklistTemplate.Item("Check the flue", true), new ChecklistTemplate.Item("Sweep up", false)));
        Job job = jobs.create(c.system(), new NewJob(client.id(), property.id(), "Boiler service", null, null, null,
                null, null, List.of(c.users.get(Role.USER).id()), template.id(), null, null,
                new NewVisit(iso(now().plusHours(1)), iso(now().plusHours(2)), null)));
        jobs.addNote(c.system(), job.id(), "Key under the mat");

        Https admin = signIn(Role.ADMIN);
        Response page = admin.get(base + "/jobs/" + job.id());
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.body()).contains("Check the flue").contains("Sweep up").contains(">required<")
                .contains("Key under the mat").contains("class=\"visit").contains("id=\"complete-job\"");

        Response refused = admin.post(base + "/jobs/" + job.id() + "/complete", form("version", version(page)));
        assertThat(refused.status()).isEqualTo(409);
        assertThat(refused.body()).contains("id=\"refusal\"").contains("Tick the required checklist items first")
                .contains("<li>Check the flue</li>");
        assertThat(jobs.get(c.system(), job.id()).status().name()).isEqualTo("SCHEDULED");

        String item = jobs.get(c.system(), job.id()).checklist().getFirst().id();
        Response ticked = admin.post(base + "/jobs/" + job.id() + "/checklist/" + item, form("done", "true"));
        assertThat(ticked.status()).isEqualTo(302);
        Response noted = admin.post(base + "/jobs/" + job.id() + "/notes", form("body", "Flue checked"));
        assertThat(noted.status()).isEqualTo(302);
        Response again = admin.get(base + "/jobs/" + job.id());
        Response completed = admin.post(base + "/jobs/" + job.id() + "/complete", form("version", version(again)));
        assertThat(completed.status()).isEqualTo(302);
        assertThat(jobs.get(c.system(), job.id()).status().name()).isEqualTo("COMPLETED");
        assertThat(admin.get(base + "/jobs/" + job.id()).body()).contains("Flue checked").contains("id=\"reopen-job\"");
    }

    @Test
    void aStaleEditShowsTheOtherChangeAndSavesNothing() {
        Job job = jobs.create(c.system(), NewJob.of(client.id(), property.id(), "Paint the door", "Blue"));
        Https admin = signIn(Role.ADMIN);
        Response edit = admin.get(base + "/jobs/" + job.id() + "/edit");
        assertThat(edit.body()).contains("value=\"Paint the door\"");
        jobs.update(c.system(), job.id(), job.version(), new JobChanges(Change.to("Paint the front door"), null, null,
                null, null, null, null));

        Response conflict = admin.post(base + "/jobs/" + job.id(), form("version", version(edit), "title", "Paint the door red",
                "description", "Red", "priority", "NORMAL", "tags", ""));
        assertThat(conflict.status()).isEqualTo(409);
        assertThat(conflict.body()).contains("Someone else changed this job").contains("id=\"job-title-theirs\"")
                .contains("Paint the front door").contains("value=\"Paint the door red\"");
        assertThat(jobs.get(c.system(), job.id()).title()).isEqualTo("Paint the front door");

        Response saved = admin.post(base + "/jobs/" + job.id(), form("version", version(conflict), "title", "Paint the door red",
                "description", "Red", "priority", "NORMAL", "tags", ""));
        assertThat(saved.status()).isEqualTo(302);
        assertThat(jobs.get(c.system(), job.id()).title()).isEqualTo("Paint the door red");
    }

    @Test
    void aTechnicianSeesOnlyTheirOwnWorkWhileAnAdminSeesAll() {
        User tech = c.users.get(Role.USER);
        User other = c.addUser(Role.USER);
        Job mine = jobs.create(c.system(), new NewJob(client.id(), property.id(), "Mine to fix", null, null, null, null,
                null, List.of(tech.id()), null, null, null, new NewVisit(iso(now()), iso(now().plusHours(1)), null)));
        Job theirs = jobs.create(c.system(), new NewJob(client.id(), property.id(), "Someone else's", null, null, null,
                null, null, List.of(other.id()), null, null, null, new NewVisit(iso(now()), iso(now().plusHours(1)), null)));

        Https user = signIn(tech.email().value());
        String list = user.get(base + "/jobs").body();
        assertThat(list).contains("Mine to fix").doesNotContain("Someone else&#39;s");
        assertThat(user.get(base + "/jobs/" + theirs.id()).status()).isEqualTo(404);
        assertThat(user.get(base + "/jobs/" + mine.id()).status()).isEqualTo(200);
        String calendar = user.get(base + "/schedule").body();
        assertThat(calendar).contains("Mine to fix").doesNotContain("Someone else&#39;s");
        String week = user.get(base + "/schedule?view=week").body();
        assertThat(week).contains("Mine to fix").doesNotContain("Someone else&#39;s");
        Response myDay = user.get(base + "/my-day");
        assertThat(myDay.status()).isEqualTo(200);
        assertThat(myDay.body()).contains("Mine to fix").doesNotContain("Someone else&#39;s")
                .contains("On my way").contains("tel:+41446681800").contains("openstreetmap.org/search?query=");
        assertThat(user.get(base + "/schedule/visits/" + jobVisits.visits(c.system(), mine.id()).getFirst().id() + "/form")
                .status()).isEqualTo(403);

        Https admin = signIn(Role.ADMIN);
        assertThat(admin.get(base + "/jobs").body()).contains("Mine to fix").contains("Someone else&#39;s");
        String adminCalendar = admin.get(base + "/schedule").body();
        assertThat(adminCalendar).contains("Mine to fix").contains("Someone else&#39;s").contains(other.name());
    }

    @Test
    void aTechnicianGoesOnTheWayStartsAndFinishesFromMyDayAndAStaleTapSaysSo() {
        User tech = c.addUser(Role.USER);
        Job job = jobs.create(c.system(), new NewJob(client.id(), property.id(), "Replace the filter", null, null, null,
                null, null, List.of(tech.id()), null, null, null, new NewVisit(iso(now()), iso(now().plusHours(1)), null)));
        String visit = jobVisits.visits(c.system(), job.id()).getFirst().id();
        Https user = signIn(tech.email().value());
        Response day = user.get(base + "/my-day");
        assertThat(day.body()).contains("id=\"stop-" + visit + "\"");
        String loaded = version(day);
        Response enRoute = user.post(base + "/my-day", form("step", "en-route", "visit", visit, "version", loaded));
        assertThat(enRoute.status()).isEqualTo(302);
        assertThat(enRoute.header("Location")).endsWith(base + "/my-day#stop-" + visit);
        // a stale tap is said on the page at My day's own address (the form posts there)
        Response stale = user.post(base + "/my-day", form("step", "start", "visit", visit, "version", loaded));
        assertThat(stale.status()).isEqualTo(409);
        assertThat(stale.body()).contains("changed meanwhile").contains("id=\"stop-" + visit + "\"");
        Response started = user.post(base + "/my-day", form("step", "start", "visit", visit, "version", version(user.get(base + "/my-day"))));
        assertThat(started.status()).isEqualTo(302);
        Response finished = user.post(base + "/my-day", form("step", "finish", "visit", visit, "version", version(user.get(base + "/my-day"))));
        assertThat(finished.status()).isEqualTo(302);
        assertThat(user.get(base + "/my-day").body()).contains("Time on site");
        assertThat(jobs.get(c.system(), job.id()).status().name()).isEqualTo("COMPLETED");
    }

    @Test
    void myDaysFormsPostToItsOwnAddressAndARefusedFinishIsSaidAtTheStop() {
        User tech = c.addUser(Role.USER);
        ChecklistTemplate template = checklists.createTemplate(c.system(), "Refused finish " + System.nanoTime(),
                List.of(new ChecklistTemplate.Item("Check the flue", true)));
        Job job = jobs.create(c.system(), new NewJob(client.id(), property.id(), "Flue to check", null, null, null,
                null, null, List.of(tech.id()), template.id(), null, null, new NewVisit(iso(now()), iso(now().plusHours(1)), null)));
        String visit = jobVisits.visits(c.system(), job.id()).getFirst().id();
        Https user = signIn(tech.email().value());
        Response page = user.get(base + "/my-day");
        // every form of My day posts to the page's own address (a reload after a refusal is never a 405)
        Matcher stopForms = Pattern.compile("action=\"([^\"]*)\" method=\"post\"").matcher(
                page.body().substring(page.body().indexOf("id=\"stop-" + visit + "\""), page.body().indexOf("/checklist/")));
        int count = 0;
        while (stopForms.find()) {
            assertThat(stopForms.group(1)).isEqualTo(base + "/my-day#stop-" + visit);
            count++;
        }
        assertThat(count).as("On my way and Start").isEqualTo(2);
        Response started = user.post(base + "/my-day", form("step", "start", "visit", visit, "version", version(page)));
        assertThat(started.header("Location")).endsWith(base + "/my-day#stop-" + visit);

        // without JavaScript: shown on the page, at My day's address
        Response refused = user.post(base + "/my-day", form("step", "finish", "visit", visit, "version", version(user.get(base + "/my-day"))));
        assertThat(refused.status()).isEqualTo(409);
        assertThat(refused.body()).contains("<html").contains("Tick the required checklist items first");
        assertThat(refused.body().indexOf("Tick the required checklist items first"))
                .isGreaterThan(refused.body().indexOf("id=\"stop-" + visit + "\""));
        Response reloaded = user.get(base + "/my-day");
        assertThat(reloaded.status()).isEqualTo(200);
        assertThat(reloaded.body()).doesNotContain("Tick the required checklist items first");

        // with htmx: the stop alone, with the reason, swapped in place
        Response inPlace = htmxPost(user, reloaded, base + "/my-day", form("step", "finish", "visit", visit, "version", version(reloaded)));
        assertThat(inPlace.status()).isEqualTo(409);
        assertThat(inPlace.body()).doesNotContain("<html").startsWith("<li class=\"stop\" id=\"stop-" + visit + "\"")
                .contains("Tick the required checklist items first");
        Response note = htmxPost(user, reloaded, base + "/my-day", form("step", "note", "visit", visit, "job", job.id(), "body", "Flue blocked"));
        assertThat(note.status()).isEqualTo(200);
        assertThat(note.body()).doesNotContain("<html").contains("id=\"stop-" + visit + "\"").contains("Flue blocked");
        Response plainNote = user.post(base + "/my-day", form("step", "note", "visit", visit, "job", job.id(), "body", "Key left"));
        assertThat(plainNote.status()).isEqualTo(302);
        assertThat(plainNote.header("Location")).endsWith(base + "/my-day#stop-" + visit);
        Response emptyNote = user.post(base + "/my-day", form("step", "note", "visit", visit, "job", job.id(), "body", " "));
        assertThat(emptyNote.status()).isEqualTo(400);
        assertThat(emptyNote.body()).contains("<html");
        assertThat(jobVisits.visit(c.system(), visit).status().name()).isEqualTo("IN_PROGRESS");
        assertThat(emptyNote.setCookies()).noneMatch(h -> h.startsWith("JSESSIONID"));
    }

    @Test
    void theScheduleDayViewNamesItsDateAndStepsADayBackAndOn() {
        Https admin = signIn(Role.ADMIN);
        String day = admin.get(base + "/schedule?date=2026-12-10").body();
        assertThat(day).contains("<time datetime=\"2026-12-10\">Thursday 10 December 2026</time>").doesNotContain("&lt;title");
        String previous = href(day, "previous");
        String next = href(day, "next");
        assertThat(previous).contains("date=2026-12-09");
        assertThat(next).contains("date=2026-12-11");
        assertThat(admin.get(previous).body()).contains("Wednesday 9 December 2026");
        assertThat(admin.get(next).body()).contains("Friday 11 December 2026");
        assertThat(admin.get(base + "/schedule?view=week&date=2026-12-10").body()).contains("Mon 7 Dec – Sun 13 Dec 2026");
    }

    @Test
    void theVisitFormHasAnAddressThatReloads() {
        Job job = jobs.create(c.system(), new NewJob(client.id(), property.id(), "Reload me", null, null, null,
                null, null, List.of(), null, null, null, new NewVisit(iso(now().plusDays(1)), iso(now().plusDays(1).plusHours(1)), null)));
        String visit = jobVisits.visits(c.system(), job.id()).getFirst().id();
        Https admin = signIn(Role.ADMIN);
        // a refused save without JS renders under the form's POST address; a reload there is a GET of the form
        Response form = admin.get(base + "/schedule/visits/" + visit + "/form");
        Response refused = admin.post(base + "/schedule/visits/" + visit, form("version", version(form), "start", "not a time", "end", ""));
        assertThat(refused.status()).isEqualTo(400);
        Response reload = admin.get(base + "/schedule/visits/" + visit);
        assertThat(reload.status()).isEqualTo(200);
        assertThat(reload.body()).contains("id=\"visit-form\"").contains("Reload me");
    }

    static String href(String page, String id) {
        Matcher m = Pattern.compile("id=\"" + id + "\" href=\"([^\"]+)\"").matcher(page);
        assertThat(m.find()).as(id).isTrue();
        return m.group(1).replace("&amp;", "&");
    }

    /** Posts as htmx does from {@code page}: the HX-Request header and the page's CSRF token. */
    static Response htmxPost(Https client, Response page, String path, Map<String, String> form) {
        Matcher token = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"").matcher(page.body());
        assertThat(token.find()).as("a CSRF token").isTrue();
        Map<String, String> fields = new LinkedHashMap<>(form);
        fields.put("_csrf", token.group(1));
        String body = fields.entrySet().stream().map(e -> java.net.URLEncoder.encode(e.getKey(), java.nio.charset.StandardCharsets.UTF_8)
                + "=" + java.net.URLEncoder.encode(e.getValue(), java.nio.charset.StandardCharsets.UTF_8))
                .collect(java.util.stream.Collectors.joining("&"));
        return client.send(java.net.http.HttpRequest.newBuilder(client.uri(path))
                .header("Content-Type", "application/x-www-form-urlencoded").header("HX-Request", "true")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString(body)));
    }

    @Test
    void theReadOnlyRoleSeesNoFormsAndAForgedPostIsRefused() {
        Job job = jobs.create(c.system(), NewJob.of(client.id(), property.id(), "Look but do not touch", null));
        Https reader = signIn(Role.READ_ONLY);
        Response page = reader.get(base + "/jobs/" + job.id());
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.body()).contains("Look but do not touch").doesNotContain("id=\"edit-job\"")
                .doesNotContain("id=\"add-note\"").doesNotContain("id=\"cancel-job\"").doesNotContain("id=\"save-line-items\"");
        assertThat(reader.get(base + "/jobs").body()).doesNotContain("id=\"new-job\"");
        Response forged = reader.post(base + "/jobs/" + job.id() + "/notes", form("body", "sneaky"));
        assertThat(forged.status()).isEqualTo(403);
        Response forgedCancel = reader.post(base + "/jobs/" + job.id() + "/cancel", form("version", "1"));
        assertThat(forgedCancel.status()).isEqualTo(403);
        assertThat(jobs.notes(c.system(), job.id())).isEmpty();
        assertThat(jobs.get(c.system(), job.id()).status().name()).isEqualTo("DRAFT");
    }

    @Test
    void theHomePageCountsTodaysVisitsUnscheduledLateAndToBeInvoicedJobs() {
        TestCompany home = fixtures.companyWithEveryRole("jobs-home");
        Client cl = clients.create(home.system(), new NewClient("Corner Shop", null, null, null, null),
                new NewProperty("Shop", "Main St 1", "Bern", null, "3000", null, null, null));
        String prop = clients.properties(home.system(), cl.id()).getFirst().id();
        UserId tech = home.users.get(Role.USER).id();
        jobs.create(home.system(), NewJob.of(cl.id(), prop, "Unscheduled one", null));
        jobs.create(home.system(), NewJob.of(cl.id(), prop, "Unscheduled two", null));
        jobs.create(home.system(), new NewJob(cl.id(), prop, "Today for the tech", null, null, null, null, null,
                List.of(tech), null, null, null, new NewVisit(iso(now()), iso(now().plusHours(1)), null)));
        Job late = jobs.create(home.system(), new NewJob(cl.id(), prop, "Late one", null, null, null, null, null,
                List.of(), null, null, null, new NewVisit(iso(now().minusDays(2)), iso(now().minusDays(2).plusHours(1)), null)));
        Job done = jobs.create(home.system(), new NewJob(cl.id(), prop, "Done one", null, null, null, null, null,
                List.of(), null, null, null, new NewVisit(iso(now().minusDays(3)), iso(now().minusDays(3).plusHours(1)), null)));
        jobs.complete(home.system(), done.id(), jobs.get(home.system(), done.id()).version());

        Https owner = new Https(port);
        assertThat(owner.signIn(home.slug(), home.ownerEmail(), Fixtures.PASSWORD).status()).isEqualTo(302);
        String page = owner.get("/c/" + home.slug() + "/").body();
        assertThat(card(page, "card-unscheduled")).isEqualTo("2");
        assertThat(card(page, "card-late")).isEqualTo("1");
        assertThat(card(page, "card-invoicing")).isEqualTo("1");
        assertThat(card(page, "card-today")).isEqualTo("1");
        assertThat(page).contains("Today for the tech").contains("flag=UNSCHEDULED").contains("flag=REQUIRES_INVOICING");
        assertThat(owner.get("/c/" + home.slug() + "/jobs?flag=LATE").body()).contains("Late one").doesNotContain("Done one");
        assertThat(late.number()).isNotBlank();

        Https user = new Https(port);
        assertThat(user.signIn(home.slug(), home.users.get(Role.USER).email().value(), Fixtures.PASSWORD).status()).isEqualTo(302);
        String userPage = user.get("/c/" + home.slug() + "/").body();
        assertThat(userPage).contains("Your visits today");
        assertThat(card(userPage, "card-today")).isEqualTo("1");
        // the technician sees only their own work: no unscheduled job is theirs
        assertThat(card(userPage, "card-unscheduled")).isEqualTo("0");
    }

    @Test
    void theVisitFormMovesAVisitShowsWarningsAndRefusesAStaleVersion() {
        User tech = c.addUser(Role.USER);
        OffsetDateTime tomorrow = now().plusDays(1).withHour(10).withMinute(0);
        Job busy = jobs.create(c.system(), new NewJob(client.id(), property.id(), "Already booked", null, null, null,
                null, null, List.of(tech.id()), null, null, null, new NewVisit(iso(tomorrow), iso(tomorrow.plusHours(2)), null)));
        Job job = jobs.create(c.system(), new NewJob(client.id(), property.id(), "To be moved", null, null, null,
                null, null, List.of(tech.id()), null, null, null,
                new NewVisit(iso(tomorrow.plusHours(4)), iso(tomorrow.plusHours(5)), null)));
        Visit visit = jobVisits.visits(c.system(), job.id()).getFirst();
        assertThat(busy.number()).isNotBlank();

        Https admin = signIn(Role.ADMIN);
        Response form = admin.send(java.net.http.HttpRequest.newBuilder(admin.uri(base + "/schedule/visits/" + visit.id() + "/form"))
                .header("HX-Request", "true").GET());
        assertThat(form.status()).isEqualTo(200);
        assertThat(form.body()).doesNotContain("<html").contains("id=\"visit-form\"").contains("To be moved")
                .contains("value=\"" + local(tomorrow.plusHours(4)) + "\"");
        String loaded = version(form);

        // moved onto the other visit: saved, with the double booking said
        Response moved = admin.post(base + "/schedule/visits/" + visit.id(), form("version", loaded,
                "start", local(tomorrow.plusMinutes(30)), "end", local(tomorrow.plusMinutes(90)),
                "assignees", tech.id().toString(), "scope", "THIS"));
        assertThat(moved.status()).isEqualTo(200);
        assertThat(moved.body()).contains("The visit was saved.").contains("id=\"visit-warnings\"");
        assertThat(jobVisits.visit(c.system(), visit.id()).startsAt()).isEqualTo(tomorrow.plusMinutes(30).toInstant());
        String calendar = admin.get(base + "/schedule?date=" + tomorrow.toLocalDate()).body();
        assertThat(calendar).contains("visit-card conflict");

        // a second save from the form as first loaded meets the change
        Response stale = admin.post(base + "/schedule/visits/" + visit.id(), form("version", loaded,
                "start", local(tomorrow.plusHours(6)), "end", local(tomorrow.plusHours(7)),
                "assignees", tech.id().toString(), "scope", "THIS"));
        assertThat(stale.status()).isEqualTo(409);
        assertThat(stale.body()).contains("Someone else changed this visit");
        assertThat(jobVisits.visit(c.system(), visit.id()).startsAt()).isEqualTo(tomorrow.plusMinutes(30).toInstant());
        assertThat(version(stale)).isEqualTo(String.valueOf(jobVisits.visit(c.system(), visit.id()).version()));
    }

    @Test
    void settingsScheduleTurnsVisibilityOffAndKeepsChecklistTemplates() {
        TestCompany own = fixtures.companyWithEveryRole("jobs-settings");
        Https owner = new Https(port);
        assertThat(owner.signIn(own.slug(), own.ownerEmail(), Fixtures.PASSWORD).status()).isEqualTo(302);
        String path = "/c/" + own.slug() + "/settings/schedule";
        assertThat(owner.get(path).body()).contains("id=\"ownWorkOnly\" name=\"ownWorkOnly\" value=\"true\" checked");
        Map<String, String> settings = form("days", "MONDAY", "dayStart", "06:30", "dayEnd", "17:00");
        Response saved = owner.post(path, settings);
        assertThat(saved.status()).isEqualTo(302);
        WorkSettings now = workSettings.settings(own.system());
        assertThat(now.techniciansSeeOnlyOwnWork()).isFalse();
        assertThat(now.dayStart()).isEqualTo(java.time.LocalTime.of(6, 30));
        assertThat(now.workingDays()).containsExactly(java.time.DayOfWeek.MONDAY);

        owner.get(path);
        Response created = owner.post(path + "/templates", form("name", "Gas safety", "itemText", "Check for leaks",
                "itemRequired", "0"));
        assertThat(created.status()).isEqualTo(302);
        assertThat(checklists.templates(own.system())).singleElement().satisfies(t -> {
            assertThat(t.name()).isEqualTo("Gas safety");
            assertThat(t.items()).containsExactly(new ChecklistTemplate.Item("Check for leaks", true));
        });

        Https user = new Https(port);
        assertThat(user.signIn(own.slug(), own.users.get(Role.USER).email().value(), Fixtures.PASSWORD).status()).isEqualTo(302);
        assertThat(user.get(path).status()).isEqualTo(403);
        assertThat(user.post(path, form("days", "TUESDAY", "dayStart", "08:00", "dayEnd", "12:00")).status()).isEqualTo(403);
        assertThat(workSettings.settings(own.system()).dayStart()).isEqualTo(java.time.LocalTime.of(6, 30));
    }

    Https signIn(Role role) {
        return signIn(role == Role.OWNER ? c.ownerEmail() : c.users.get(role).email().value());
    }

    Https signIn(String email) {
        Https h = new Https(port);
        assertThat(h.signIn(c.slug(), email, Fixtures.PASSWORD).status()).isEqualTo(302);
        return h;
    }

    OffsetDateTime now() {
        return clock.instant().atZone(ZURICH).toOffsetDateTime().truncatedTo(ChronoUnit.MINUTES);
    }

    static String iso(OffsetDateTime t) {
        return t.toString();
    }

    static String local(OffsetDateTime t) {
        return t.atZoneSameInstant(ZURICH).toLocalDateTime().truncatedTo(ChronoUnit.MINUTES).toString();
    }

    static String card(String page, String id) {
        Matcher m = Pattern.compile("id=\"" + id + "\">.*?<p class=\"count\"><a [^>]*>(\\d+)</a>", Pattern.DOTALL).matcher(page);
        assertThat(m.find()).as(id).isTrue();
        return m.group(1);
    }

    static String version(Response r) {
        Matcher m = VERSION.matcher(r.body());
        assertThat(m.find()).as("a version field").isTrue();
        return m.group(1);
    }

    static Map<String, String> form(String... kv) {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put(kv[i], kv[i + 1]);
        }
        return m;
    }
}
