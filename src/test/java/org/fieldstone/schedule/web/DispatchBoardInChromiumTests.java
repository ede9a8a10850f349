package org.fieldstone.schedule.web;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import org.fieldstone.audit.AuditEntry;
import org.fieldstone.clients.Clients;
import org.fieldstone.clients.NewClient;
import org.fieldstone.clients.NewProperty;
import org.fieldstone.identity.User;
import org.fieldstone.jobs.Job;
import org.fieldstone.jobs.Jobs;
import org.fieldstone.jobs.NewJob;
import org.fieldstone.jobs.NewVisit;
import org.fieldstone.jobs.Visit;
import org.fieldstone.jobs.Visits;
import org.fieldstone.shared.Role;
import org.fieldstone.support.ApiClient;
import org.fieldstone.support.BrowserSession;
import org.fieldstone.support.Fixtures;
import org.fieldstone.support.SqliteApplicationTest;
import org.fieldstone.support.TestClock;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;

/**
 * The dispatch board in a real browser: cards drawn to scale (a 90-minute visit is 1.5 times as tall as a 60-minute
 * one), a visit dragged with the mouse to another technician and another hour is saved (a reload shows it there) and
 * audited, a drop onto an occupied slot says the double booking, a job dragged from the unscheduled panel gets its
 * visit, and the current time is a line across the lanes. No console errors, no CSP violations.
 */
@SqliteApplicationTest
class DispatchBoardInChromiumTests {

    static final ZoneId ZURICH = ZoneId.of("Europe/Zurich");
    static final double PX_PER_MINUTE = 1.25;

    @Autowired Fixtures fixtures;
    @Autowired Clients clients;
    @Autowired Jobs jobs;
    @Autowired Visits visits;
    @Autowired TestClock clock;
    @Autowired ApiClient api;
    @Value("${server.port}") int port;

    @Test
    void aDispatcherDragsVisitsAcrossTheBoardAndSeesThemSavedWarnedAndAudited() throws Exception {
        var c = fixtures.company("browser-board");
        User dispatcher = c.addUser(Role.ADMIN);
        User anna = c.addUser(Role.USER);
        User bob = c.addUser(Role.USER);
        var client = clients.create(c.system(), new NewClient("Harbour Bakery", null, null, null, null),
                new NewProperty("Shop", "Quai 7", "Zürich", null, "8002", null, null, null));
        String property = clients.properties(c.system(), client.id()).getFirst().id();
        LocalDate day = LocalDate.ofInstant(clock.instant(), ZURICH).plusDays(1);
        Job longOne = job(c, client.id(), property, "Long one", anna, day.atTime(9, 0).atZone(ZURICH), 90);
        Job shortOne = job(c, client.id(), property, "Short one", bob, day.atTime(9, 0).atZone(ZURICH), 60);
        job(c, client.id(), property, "Blocker", anna, day.atTime(14, 0).atZone(ZURICH), 60);
        Job unplanned = jobs.create(c.system(), NewJob.of(client.id(), property, "Unplanned", null));
        Visit moving = visits.visits(c.system(), shortOne.id()).getFirst();
        String board = "https://localhost:" + port + "/c/" + c.slug() + "/schedule?date=" + day;

        try (BrowserSession chromium = BrowserSession.launch(port)) {
            BrowserSession.Window window = chromium.open(1366, 1000);
            Page page = window.page();
            List<String> problems = window.problems();
            window.signIn(c.slug(), dispatcher.email().value(), Fixtures.PASSWORD);
            page.navigate(board);
            Locator table = page.locator("table.board.board-js");
            assertThat(table).hasCount(1);
            int axisStart = Integer.parseInt(table.getAttribute("data-axis-start"));

            // drawn to scale
            Locator longCard = card(page, visits.visits(c.system(), longOne.id()).getFirst().id());
            Locator shortCard = card(page, moving.id());
            double longHeight = longCard.boundingBox().height;
            double shortHeight = shortCard.boundingBox().height;
            assertThat(Math.abs(longHeight - 1.5 * shortHeight)).as(longHeight + " against " + shortHeight).isLessThanOrEqualTo(1.0);
            assertThat(Math.abs(shortHeight - 60 * PX_PER_MINUTE)).isLessThanOrEqualTo(1.0);
            Locator annaLane = lane(page, anna);
            assertThat(Math.abs(longCard.boundingBox().y - annaLane.boundingBox().y - (540 - axisStart) * PX_PER_MINUTE))
                    .as("09:00 on the axis").isLessThanOrEqualTo(1.0);

            // Bob's 09:00 visit to Anna at 12:00
            drag(shortCard, annaLane, 720 - axisStart);
            assertThat(page.locator("#board-status")).containsText("Moved " + shortOne.number() + " to");
            assertThat(lane(page, anna).locator("[data-visit='" + moving.id() + "']")).hasAttribute("data-start-minute", "720");
            Visit moved = visits.visit(c.system(), moving.id());
            assertThat(moved.startsAt()).isEqualTo(day.atTime(12, 0).atZone(ZURICH).toInstant());
            assertThat(moved.endsAt()).isEqualTo(day.atTime(13, 0).atZone(ZURICH).toInstant());
            assertThat(moved.assignees()).containsExactly(anna.id());
            AuditEntry entry = api.auditEntries(c, "visit", moving.id()).getFirst();
            assertThat(entry.actorId()).isEqualTo(dispatcher.id().toString());
            page.reload();
            assertThat(lane(page, anna).locator("[data-visit='" + moving.id() + "']")).hasAttribute("data-start-minute", "720");
            assertThat(lane(page, bob).locator("[data-visit='" + moving.id() + "']")).hasCount(0);

            // onto Anna's 14:00 visit: saved, and the double booking is said on the card and in the live region
            drag(card(page, moving.id()), lane(page, anna), 14 * 60 + 15 - axisStart);
            assertThat(page.locator("#board-warnings")).isVisible();
            assertThat(page.locator("#board-warnings")).containsText("is also booked");
            assertThat(card(page, moving.id())).hasClass(java.util.regex.Pattern.compile("conflict"));
            assertThat(visits.visit(c.system(), moving.id()).startsAt()).isEqualTo(day.atTime(14, 15).atZone(ZURICH).toInstant());

            // a job from the unscheduled panel onto Bob's lane at 08:00
            Locator unplannedItem = page.locator("li.unscheduled-job[data-job='" + unplanned.id() + "']");
            assertThat(unplannedItem).isVisible();
            drag(unplannedItem, lane(page, bob), 480 - axisStart);
            assertThat(page.locator("#board-status")).containsText("Booked " + unplanned.number());
            assertThat(page.locator("li.unscheduled-job[data-job='" + unplanned.id() + "']")).hasCount(0);
            Visit booked = visits.visits(c.system(), unplanned.id()).getFirst();
            assertThat(booked.assignees()).containsExactly(bob.id());
            assertThat(booked.startsAt()).isEqualTo(day.atTime(8, 0).atZone(ZURICH).toInstant());
            assertThat(lane(page, bob).locator("[data-visit='" + booked.id() + "']")).hasAttribute("data-minutes", "60");

            java.nio.file.Files.createDirectories(java.nio.file.Path.of("target/screenshots"));
            page.screenshot(new Page.ScreenshotOptions().setPath(java.nio.file.Path.of("target/screenshots/dispatch-board.png")));

            // the keyboard way stays: a card still opens the visit form
            card(page, booked.id()).click();
            assertThat(page.locator("#visit-form")).isVisible();
            page.keyboard().press("Escape");

            // today: the current time is a line across every lane (a visit around now keeps it on the axis)
            Instant now = clock.instant();
            ZonedDateTime local = now.atZone(ZURICH);
            ZonedDateTime from = local.minusMinutes(30).toLocalDate().equals(local.toLocalDate()) ? local.minusMinutes(30)
                    : local.toLocalDate().atStartOfDay(ZURICH);
            job(c, client.id(), property, "Right now", anna, from, 45);
            page.navigate("https://localhost:" + port + "/c/" + c.slug() + "/schedule");
            assertThat(page.locator("table.board.board-js")).hasCount(1);
            assertThat(page.locator(".board-now")).hasCount(page.locator(".board-lane").count());

            assertThat(problems).as("console errors, CSP violations, failed requests").isEmpty();
        }
    }

    /** Drags with the mouse, grabbing 5 px below the source's top, to {@code minutes} below the lane's top. */
    static void drag(Locator source, Locator lane, int minutes) {
        source.dragTo(lane, new Locator.DragToOptions().setSourcePosition(10, 5)
                .setTargetPosition(20, minutes * PX_PER_MINUTE + 5));
    }

    static Locator card(Page page, String visitId) {
        return page.locator("table.board a.visit-card[data-visit='" + visitId + "']");
    }

    static Locator lane(Page page, User user) {
        return page.locator(".board-lane[data-user='" + user.id() + "']");
    }

    Job job(Fixtures.TestCompany c, String client, String property, String title, User who, ZonedDateTime start, int minutes) {
        return jobs.create(c.system(), new NewJob(client, property, title, null, null, null, null, null, List.of(who.id()),
                null, null, null, new NewVisit(start.toOffsetDateTime().toString(), start.plusMinutes(minutes).toOffsetDateTime().toString(), null)));
    }
}
