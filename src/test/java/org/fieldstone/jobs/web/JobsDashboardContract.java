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
    @Autowired org.fieldstone.support.ApiClient api;
    @Autowired org.fieldstone.pricing.Pricing pricing;
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
        assertThat(form.body()).as("a client picker, not every client of the company")
                .contains("id=\"job-clientQuery\"").contains("role=\"combobox\"").doesNotContain("Harbour Bakery")
                .contains("name=\"visitStart\"").contains("name=\"assignees\"");
        Response properties = admin.get(base + "/jobs/properties?clientId=" + client.id());
        assertThat(properties.body()).contains("value=\"" + property.id() + "\"").contains("Quai 7");

        long before = jobs.list(c.system(), JobQuery.ALL, Page.request(0, 1)).total();
        Response invalid = admin.post(base + "/jobs", form("clientId", "", "propertyId", "", "title", "",
                "description", "Leaking tap", "priority", "HIGH", "tags", "plumbing"));
        assertThat(invalid.status()).isEqualTo(400);
        assertThat(invalid.body()).contains("id=\"job-clientId-error\"").contains("id=\"job-title-error\"")
                .contains("Give the job a title").contains(">Leaking tap</textarea>").contains("value=\"plumbing\"");
        assertThat(jobs.list(c.system(), JobQuery.ALL, Page.request(0, 1)).total()).isEqualTo(before);
        // the repetition's fields show for the chosen repetition only (app.js switches them as the choice changes)
        assertThat(form.body()).contains("id=\"repeat-byDay\"").containsPattern("id=\"repeat-byDay\"\\s+hidden")
                .containsPattern("id=\"repeat-rrule\"\\s+hidden");
        Response weekly = admin.post(base + "/jobs", form("clientId", client.id(), "propertyId", property.id(),
                "title", "", "priority", "NORMAL", "repeat", "weekly"));
        assertThat(weekly.status()).isEqualTo(400);
        assertThat(weekly.body()).doesNotContainPattern("id=\"repeat-byDay\"\\s+hidden")
                .doesNotContainPattern("id=\"repeat-interval\"\\s+hidden")
                .containsPattern("id=\"repeat-monthDay\"\\s+hidden").containsPattern("id=\"repeat-rrule\"\\s+hidden");

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

        // Complete asks first: the confirmation says the open visit goes and that no time on site was recorded
        Response asked = admin.post(base + "/jobs/" + job.id() + "/complete", form("version", version(page)));
        assertThat(asked.status()).isEqualTo(302);
        assertThat(asked.header("Location")).endsWith("/jobs/" + job.id() + "/complete");
        Response confirmation = admin.get(base + "/jobs/" + job.id() + "/complete");
        assertThat(confirmation.status()).isEqualTo(200);
        assertThat(confirmation.body()).contains("id=\"complete-cancels\"").contains("This open visit will be cancelled:")
                .contains("No visit was started: 0 h on site will be billed.").contains("name=\"confirm\" value=\"true\"");
        assertThat(jobs.get(c.system(), job.id()).status().name()).isEqualTo("SCHEDULED");

        // refused: back on the job page by redirect (a reload is a GET of it, never the POST's URL), each item once
        Response refused = admin.post(base + "/jobs/" + job.id() + "/complete",
                form("version", version(confirmation), "confirm", "true"));
        assertThat(refused.status()).isEqualTo(302);
        assertThat(refused.header("Location")).endsWith("/jobs/" + job.id());
        Response shown = admin.get(base + "/jobs/" + job.id());
        assertThat(shown.status()).isEqualTo(200);
        assertThat(shown.body()).contains("id=\"refusal\"").contains("Tick the required checklist items first:")
                .contains("<li>Check the flue</li>");
        assertThat(shown.body().split("Check the flue", -1)).as("named once in the refusal, once in the checklist")
                .hasSize(3);
        assertThat(admin.get(base + "/jobs/" + job.id()).body()).doesNotContain("id=\"refusal\"");
        assertThat(jobs.get(c.system(), job.id()).status().name()).isEqualTo("SCHEDULED");

        String item = jobs.get(c.system(), job.id()).checklist().getFirst().id();
        Response ticked = admin.post(base + "/jobs/" + job.id() + "/checklist/" + item, form("done", "true"));
        assertThat(ticked.status()).isEqualTo(302);
        Response noted = admin.post(base + "/jobs/" + job.id() + "/notes", form("body", "Flue checked"));
        assertThat(noted.status()).isEqualTo(302);
        Response again = admin.get(base + "/jobs/" + job.id() + "/complete");
        Response completed = admin.post(base + "/jobs/" + job.id() + "/complete",
                form("version", version(again), "confirm", "true"));
        assertThat(completed.status()).isEqualTo(302);
        assertThat(completed.header("Location")).endsWith("/jobs/" + job.id() + "?notice=completed");
        assertThat(jobs.get(c.system(), job.id()).status().name()).isEqualTo("COMPLETED");
        assertThat(jobVisits.visits(c.system(), job.id())).singleElement()
                .satisfies(v -> assertThat(v.status().name()).isEqualTo("CANCELLED"));
        assertThat(admin.get(base + "/jobs/" + job.id() + "?notice=completed").body()).contains("Flue checked")
                .contains("id=\"reopen-job\"").contains("The job was completed; its open visit was cancelled.");
    }

    @Test
    void refusedFormsOnTheJobPageRedirectBackToItWithTheirMessages() {
        Job job = jobs.create(c.system(), NewJob.of(client.id(), property.id(), "Refusals", null));
        Https admin = signIn(Role.ADMIN);
        String page = base + "/jobs/" + job.id();
        admin.get(page);

        Response note = admin.post(page + "/notes", form("body", " "));
        assertThat(note.status()).isEqualTo(302);
        assertThat(note.header("Location")).endsWith("/jobs/" + job.id() + "#notes");
        assertThat(admin.get(page).body()).contains("class=\"field-error\"");

        Response visit = admin.post(page + "/visits", form("start", "tomorrow", "end", ""));
        assertThat(visit.status()).isEqualTo(302);
        assertThat(visit.header("Location")).endsWith("/jobs/" + job.id() + "#visits");
        assertThat(admin.get(page).body()).contains("value=\"tomorrow\"");

        ChecklistTemplate fence = checklists.createTemplate(c.system(), "Fence " + System.nanoTime(),
                List.of(new ChecklistTemplate.Item("Measure", true), new ChecklistTemplate.Item("Paint", false)));
        assertThat(admin.get(page).body()).contains("id=\"add-checklist\"").contains(fence.name());
        Response unknown = admin.post(page + "/checklist", form("templateId", java.util.UUID.randomUUID().toString()));
        assertThat(unknown.status()).isEqualTo(302);
        assertThat(admin.get(page).body()).contains("id=\"checklist-error\"");
        Response added = admin.post(page + "/checklist", form("templateId", fence.id()));
        assertThat(added.status()).isEqualTo(302);
        assertThat(added.header("Location")).endsWith("?notice=checklistAdded#checklist");
        assertThat(jobs.get(c.system(), job.id()).checklist()).extracting(i -> i.text()).containsExactly("Measure", "Paint");

        Response stale = admin.post(page + "/cancel", form("version", "999"));
        assertThat(stale.status()).isEqualTo(302);
        assertThat(stale.header("Location")).endsWith("/jobs/" + job.id());
        assertThat(admin.get(page).body()).contains("id=\"stale\"");
        assertThat(jobs.get(c.system(), job.id()).status().name()).isEqualTo("DRAFT");
        // the messages waited in Fieldstone's own memory under the session, not in a servlet container's session
        assertThat(admin.cookies()).doesNotContainKey("JSESSIONID");
        // shown once: a reload is the plain page again
        assertThat(admin.get(page).body()).doesNotContain("id=\"stale\"");
        // another signed-in user never sees someone else's message
        Https other = signIn(Role.OWNER);
        Response refusedForAdmin = admin.post(page + "/cancel", form("version", "999"));
        assertThat(refusedForAdmin.status()).isEqualTo(302);
        assertThat(other.get(page).body()).doesNotContain("id=\"stale\"");
        assertThat(admin.get(page).body()).contains("id=\"stale\"");
    }

    @Test
    void lineItemsReportEveryProblemBesideItsFieldAndAddSeveralLinesInOneSave() {
        Job job = jobs.create(c.system(), NewJob.of(client.id(), property.id(), "Fence repair", null));
        Https admin = signIn(Role.ADMIN);
        String page = base + "/jobs/" + job.id();
        Response shown = admin.get(page);
        assertThat(shown.body().split("name=\"description\"", -1)).as("three blank rows").hasSize(4);

        Response invalid = admin.post(page + "/line-items", List.of(
                Map.entry("version", version(shown)),
                Map.entry("kind", "WORK"), Map.entry("description", "Posts"), Map.entry("quantity", "2"),
                Map.entry("unitPrice", "abc"), Map.entry("taxRate", "0"),
                Map.entry("kind", "PART"), Map.entry("description", "Boards"), Map.entry("quantity", "-2"),
                Map.entry("unitPrice", "4.00"), Map.entry("taxRate", "0"),
                Map.entry("kind", "WORK"), Map.entry("description", ""), Map.entry("quantity", "1"),
                Map.entry("unitPrice", ""), Map.entry("taxRate", "0")));
        assertThat(invalid.status()).isEqualTo(302);
        assertThat(invalid.header("Location")).endsWith("/jobs/" + job.id() + "#line-items");
        String back = admin.get(page).body();
        assertThat(back).contains("id=\"line-0-unitPrice-error\"").contains("Line 1: the price &quot;abc&quot; is not a number")
                .contains("id=\"line-1-quantity-error\"").contains("The quantity is more than 0")
                .doesNotContain("id=\"line-0-quantity-error\"").doesNotContain("id=\"line-1-unitPrice-error\"")
                .contains("value=\"abc\"").contains("value=\"-2\"");
        assertThat(jobs.get(c.system(), job.id()).lineItems()).isEmpty();

        Response saved = admin.post(page + "/line-items", List.of(
                Map.entry("version", version(admin.get(page))),
                Map.entry("kind", "WORK"), Map.entry("description", "Posts"), Map.entry("quantity", "2"),
                Map.entry("unitPrice", "10.00"), Map.entry("taxRate", "0"),
                Map.entry("kind", "PART"), Map.entry("description", "Boards"), Map.entry("quantity", "6"),
                Map.entry("unitPrice", "4.00"), Map.entry("taxRate", "0"),
                Map.entry("kind", "PART"), Map.entry("description", "Screws"), Map.entry("quantity", "1"),
                Map.entry("unitPrice", "3.50"), Map.entry("taxRate", "0")));
        assertThat(saved.status()).isEqualTo(302);
        assertThat(jobs.get(c.system(), job.id()).lineItems()).extracting(l -> l.description())
                .containsExactly("Posts", "Boards", "Screws");
        String withLines = admin.get(page).body();
        assertThat(withLines.split("name=\"description\"", -1)).as("three lines and three blank rows").hasSize(7);
        // a table with headers, the company's currency on every amount
        assertThat(withLines).containsPattern("<th>Unit price \\([A-Z]{3}\\)</th>").containsPattern("<th>Net \\([A-Z]{3}\\)</th>")
                .containsPattern("<td class=\"net\">[A-Z]{3} 20\\.00</td>").containsPattern("id=\"net-total\">[A-Z]{3} 47\\.50<");
    }

    @Test
    void blankLineItemRowsStartWithTheDefaultTaxRatesPercentWhileSavedLinesKeepTheirs() {
        var rate = pricing.createTaxRate(c.system(), "Jobs default 8.1 %", new java.math.BigDecimal("8.10"));
        try {
            pricing.setDefaultTaxRate(c.system(), rate.id());
            Job job = jobs.create(c.system(), NewJob.of(client.id(), property.id(), "Default tax", null));
            Https admin = signIn(Role.ADMIN);
            String page = base + "/jobs/" + job.id();
            Response shown = admin.get(page);
            assertThat(shown.body()).contains("id=\"line-0-taxRate\" value=\"8.1\"");
            assertThat(admin.post(page + "/line-items", List.of(Map.entry("version", version(shown)),
                    Map.entry("kind", "WORK"), Map.entry("description", "Posts"), Map.entry("quantity", "1"),
                    Map.entry("unitPrice", "10.00"), Map.entry("taxRate", "0"))).status()).isEqualTo(302);
            assertThat(jobs.get(c.system(), job.id()).lineItems()).singleElement()
                    .satisfies(l -> assertThat(l.taxRate()).isZero());
            assertThat(admin.get(page).body()).as("the saved line keeps its own rate, the blank rows start with the default")
                    .contains("id=\"line-0-taxRate\" value=\"0\"").contains("id=\"line-1-taxRate\" value=\"8.1\"");
        } finally {
            pricing.setDefaultTaxRate(c.system(), "");
        }
    }

    @Test
    void aDraftIsDeletedAfterAConfirmationAndAuditedWhileAScheduledJobIsNot() {
        Job draft = jobs.create(c.system(), NewJob.of(client.id(), property.id(), "Typo job", null));
        Job scheduled = jobs.create(c.system(), new NewJob(client.id(), property.id(), "Booked job", null, null, null,
                null, null, null, null, null, null, new NewVisit(iso(now().plusDays(2)), iso(now().plusDays(2).plusHours(1)), null)));
        Https admin = signIn(Role.ADMIN);
        assertThat(admin.get(base + "/jobs/" + draft.id()).body()).contains("id=\"delete-job\"");
        assertThat(admin.get(base + "/jobs/" + scheduled.id()).body()).doesNotContain("id=\"delete-job\"");

        Response confirmation = admin.get(base + "/jobs/" + draft.id() + "/delete");
        assertThat(confirmation.status()).isEqualTo(200);
        assertThat(confirmation.body()).contains("id=\"confirm-delete\"").contains(draft.number());
        long audited = api.auditEntriesButEmails(c);
        Response deleted = admin.post(base + "/jobs/" + draft.id() + "/delete", form("version", version(confirmation)));
        assertThat(deleted.status()).isEqualTo(302);
        assertThat(deleted.header("Location")).endsWith("/jobs?deleted=" + draft.number());
        assertThat(admin.get(base + "/jobs?deleted=" + draft.number()).body())
                .contains("Job " + draft.number() + " was deleted.");
        assertThat(admin.get(base + "/jobs/" + draft.id()).status()).isEqualTo(404);
        assertThat(api.auditEntriesButEmails(c)).isGreaterThan(audited);

        long before = api.auditEntriesButEmails(c);
        Response refused = admin.post(base + "/jobs/" + scheduled.id() + "/delete",
                form("version", String.valueOf(jobs.get(c.system(), scheduled.id()).version())));
        assertThat(refused.status()).isEqualTo(302);
        assertThat(refused.header("Location")).endsWith("/jobs/" + scheduled.id());
        assertThat(admin.get(base + "/jobs/" + scheduled.id()).body()).contains("id=\"refusal\"")
                .contains("Only a draft can be deleted here");
        assertThat(jobs.get(c.system(), scheduled.id()).status().name()).isEqualTo("SCHEDULED");
        assertThat(api.auditEntriesButEmails(c)).isEqualTo(before);
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
    void myDayShowsTheClientsPhoneAsTheClientPagesDoButDialsItInFull() {
        User tech = c.addUser(Role.USER);
        Client abroad = clients.create(c.system(), new NewClient("Berlin Branch", null, "+49 30 1234567", null, null),
                new NewProperty("Office", "Unter den Linden 1", "Berlin", null, "10117", "DE", null, null));
        for (Client cl : List.of(client, abroad)) {
            jobs.create(c.system(), new NewJob(cl.id(), clients.properties(c.system(), cl.id()).getFirst().id(),
                    "Call " + cl.name(), null, null, null, null, null, List.of(tech.id()), null, null, null,
                    new NewVisit(iso(now()), iso(now().plusHours(1)), null)));
        }
        // national for the company's own country (CH), international for any other
        String myDay = signIn(tech.email().value()).get(base + "/my-day").body();
        assertThat(myDay).contains("href=\"tel:+41446681800\">Call 044 668 18 00<", "href=\"tel:+49301234567\">Call +49 30 1234567<")
                .doesNotContain(">Call +41");
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

        assertThat(owner.get(path).body()).as("ten rows for a new checklist").contains("id=\"template-item-9\"");
        Response unnamed = owner.post(path + "/templates", form("name", "", "itemText", "Check for leaks"));
        assertThat(unnamed.status()).as("refused back to the settings page, not under the POST's address").isEqualTo(302);
        assertThat(unnamed.header("Location")).endsWith("/settings/schedule#templates");
        assertThat(owner.get(path).body()).contains("Name the checklist in 1 to 100 characters");
        Response created = owner.post(path + "/templates", List.of(Map.entry("name", "Gas safety"),
                Map.entry("itemText", "Check for leaks"), Map.entry("itemText", "Test the pressure"),
                Map.entry("itemText", "Check the flue"), Map.entry("itemText", "Bleed the radiators"),
                Map.entry("itemText", "Sign the certificate"), Map.entry("itemRequired", "0")));
        assertThat(created.status()).isEqualTo(302);
        assertThat(checklists.templates(own.system())).singleElement().satisfies(t -> {
            assertThat(t.name()).isEqualTo("Gas safety");
            assertThat(t.items()).containsExactly(new ChecklistTemplate.Item("Check for leaks", true),
                    new ChecklistTemplate.Item("Test the pressure", false), new ChecklistTemplate.Item("Check the flue", false),
                    new ChecklistTemplate.Item("Bleed the radiators", false),
                    new ChecklistTemplate.Item("Sign the certificate", false));
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
