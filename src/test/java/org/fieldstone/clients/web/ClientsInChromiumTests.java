package org.fieldstone.clients.web;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import org.fieldstone.clients.Client;
import org.fieldstone.clients.Clients;
import org.fieldstone.clients.NewClient;
import org.fieldstone.clients.NewProperty;
import org.fieldstone.support.BrowserSession;
import org.fieldstone.support.Fixtures;
import org.fieldstone.support.TestGeocoder;
import org.fieldstone.support.SqliteApplicationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;

/**
 * Clients in a real browser (Debian's chromium through Playwright): create a client with two properties,
 * edit it, and find the change in its history and in Reports → Audit log — on a phone-sized screen too, with no console errors and no
 * Content-Security-Policy violations.
 */
@SqliteApplicationTest
class ClientsInChromiumTests {

    static final Path SCREENSHOTS = Path.of("target/screenshots");

    @Autowired Fixtures fixtures;
    @Autowired Clients clients;
    @Value("${server.port}") int port;

    @Test
    void createsAClientWithTwoPropertiesEditsItAndSeesTheChangeInItsHistory() throws Exception {
        var c = fixtures.company("browser-clients");
        String slug = c.slug();
        String base = "https://localhost:" + port;

        try (BrowserSession chromium = BrowserSession.launch(port)) {
            BrowserSession.Window window = chromium.open(390, 844);
            Page page = window.page();
            List<String> problems = window.problems();

            window.signIn(slug, c.ownerEmail(), Fixtures.PASSWORD);
            assertThat(page).hasURL(base + "/c/" + slug + "/");

            // Clients, through the phone's bottom bar
            Locator nav = page.locator("nav.bottombar");
            nav.getByRole(AriaRole.LINK, new Locator.GetByRoleOptions().setName("Clients").setExact(true)).click();
            assertThat(page).hasURL(base + "/c/" + slug + "/clients");
            assertThat(page.locator("h1")).hasText("Clients");
            assertThat(page.locator("main")).containsText("No clients yet.");

            // a new client with its first property
            page.locator("#new-client").click();
            assertThat(page.locator("h1")).hasText("New client");
            page.locator("#client-name").fill("Harbour Bakery");
            page.locator("#client-email").fill("orders@harbour.example");
            page.locator("#client-phone").fill("044 668 18 00");
            page.locator("#client-tags").fill("bakery, weekly");
            page.locator("#first-label").fill("Shop");
            page.locator("#first-street").fill("Quai 7");
            page.locator("#first-postalCode").fill("8002");
            page.locator("#first-city").fill("Zürich");
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Create client")).click();
            assertThat(page).hasURL(Pattern.compile("/c/" + slug + "/clients/[0-9a-f-]{36}\\?notice=created$"));
            assertThat(page.locator("h1")).hasText("Harbour Bakery");
            assertThat(page.locator("p.notice")).hasText("The client was created.");
            assertThat(page.locator("#client-phone")).hasText("044 668 18 00");
            assertThat(page.locator("li.property")).hasCount(1);

            // a second property, inline, found on the map by the operator's geocoder (a fake on loopback) first
            TestGeocoder.platform().knows("Mühleweg 3", "47.5001", "8.7302");
            page.locator("#add-property summary").click();
            page.locator("#new-property-label").fill("Bakehouse");
            page.locator("#new-property-street").fill("Mühleweg 3");
            page.locator("#new-property-city").fill("Winterthur");
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Find on map")).click();
            assertThat(page.locator("#new-property-located")).containsText("Found on the map");
            assertThat(page.locator("#new-property-latitude")).hasValue("47.5001");
            assertThat(page.locator("#new-property-longitude")).hasValue("8.7302");
            assertThat(page.locator("#new-property-street")).hasValue("Mühleweg 3");
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Add property")).click();
            assertThat(page.locator("p.notice")).hasText("The property was added.");
            assertThat(page.locator("li.property")).hasCount(2);
            assertThat(page.locator("#properties")).containsText("Winterthur");
            assertThat(page.locator("#properties")).containsText("47.5001, 8.7302");

            // edit the client
            page.locator("#edit-client").click();
            assertThat(page.locator("h1")).hasText("Edit Harbour Bakery");
            assertThat(page.locator("#client-name")).hasValue("Harbour Bakery");
            page.locator("#client-name").fill("Harbour Bakery & Café");
            page.locator("#client-notes").fill("Deliveries before 6.");
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Save changes")).click();
            assertThat(page.locator("p.notice")).hasText("Your changes were saved.");
            assertThat(page.locator("h1")).hasText("Harbour Bakery & Café");

            // the change is in the client's history, newest first, with before and after
            Locator newest = page.locator("ol.history > li").first();
            assertThat(newest).containsText("changed the client");
            assertThat(newest).containsText("Owner of " + slug);
            Locator nameChange = newest.locator("ul.changes > li").filter(new Locator.FilterOptions().setHasText("Name:"));
            assertThat(nameChange.locator(".before")).hasText("Harbour Bakery");
            assertThat(nameChange.locator(".after")).hasText("Harbour Bakery & Café");
            assertThat(newest.locator("ul.changes > li").filter(new Locator.FilterOptions().setHasText("Notes:"))
                    .locator(".after")).hasText("Deliveries before 6.");
            assertThat(page.locator("ol.history")).containsText("added the property Bakehouse");
            assertThat(page.locator("ol.history")).containsText("created the client");

            // phone-sized: nothing wider than the screen
            int overflow = ((Number) page.evaluate(
                    "document.documentElement.scrollWidth - document.documentElement.clientWidth")).intValue();
            assertThat(overflow).as("horizontal overflow of the client page at 390px, in px").isLessThanOrEqualTo(0);
            Files.createDirectories(SCREENSHOTS);
            page.screenshot(new Page.ScreenshotOptions().setPath(SCREENSHOTS.resolve("client.png")).setFullPage(true));

            // the list finds it by city, on the phone too
            nav.getByRole(AriaRole.LINK, new Locator.GetByRoleOptions().setName("Clients").setExact(true)).click();
            page.locator("#client-search").fill("winterthur");
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Search").setExact(true)).click();
            // wait for the answer: the list before the search looks the same (one client)
            assertThat(page).hasURL(Pattern.compile("/clients\\?q=winterthur$"));
            assertThat(page.locator("#clients tbody tr")).hasCount(1);
            assertThat(page.locator("#clients")).containsText("Harbour Bakery & Café");
            int listOverflow = ((Number) page.evaluate(
                    "document.documentElement.scrollWidth - document.documentElement.clientWidth")).intValue();
            assertThat(listOverflow).as("horizontal overflow of the clients list at 390px, in px").isLessThanOrEqualTo(0);
            page.screenshot(new Page.ScreenshotOptions().setPath(SCREENSHOTS.resolve("clients.png")).setFullPage(true));

            // and in Settings → Audit log, filtered to clients, with before and after
            nav.locator("details.more > summary").click();
            nav.getByRole(AriaRole.LINK, new Locator.GetByRoleOptions().setName("Settings").setExact(true)).click();
            page.locator("main").getByRole(AriaRole.LINK, new Locator.GetByRoleOptions().setName("Audit log").setExact(true)).click();
            assertThat(page.locator("h1")).hasText("Audit log");
            // the record type is chosen, then one of the actions the trail holds for it
            page.locator("#entityType").selectOption("client");
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Filter").setExact(true)).click();
            assertThat(page).hasURL(Pattern.compile("/reports/audit-log\\?.*entityType=client"));
            page.locator("#action").selectOption("client.updated");
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Filter").setExact(true)).click();
            assertThat(page).hasURL(Pattern.compile("/reports/audit-log\\?.*action=client\\.updated"));
            Locator entry = page.locator("table.audit > tbody > tr").first();
            assertThat(entry).containsText("client.updated");
            assertThat(entry).containsText("Owner of " + slug);
            entry.locator("summary").click();
            Locator nameRow = entry.locator("table.changes tbody tr").filter(new Locator.FilterOptions().setHasText("name"));
            assertThat(nameRow.locator("td.before")).hasText("Harbour Bakery");
            assertThat(nameRow.locator("td.after")).hasText("Harbour Bakery & Café");
            page.screenshot(new Page.ScreenshotOptions().setPath(SCREENSHOTS.resolve("audit-log.png")).setFullPage(true));

            assertThat(problems).as("console errors, CSP violations, failed requests and uncaught errors").isEmpty();
        }
    }

    @Test
    void aClientWithAVeryLongUnbrokenNameFitsAPhoneOnTheListItsPageAndItsForm() {
        var c = fixtures.company("browser-long-name");
        String name = "Z" + "a".repeat(199);
        Client client = clients.create(c.system(), new NewClient(name, "x".repeat(60) + "@example.com", "044 668 18 00",
                "n".repeat(300), List.of("t".repeat(40))), new NewProperty("L".repeat(100), "S".repeat(150), "Zürich",
                null, "8002", null, null, null));
        String base = "/c/" + c.slug() + "/clients";

        try (BrowserSession chromium = BrowserSession.launch(port)) {
            BrowserSession.Window window = chromium.open(390, 844);
            Page page = window.page();
            window.signIn(c.slug(), c.ownerEmail(), Fixtures.PASSWORD);
            for (String path : List.of(base, base + "/" + client.id(), base + "/" + client.id() + "/edit")) {
                page.navigate("https://localhost:" + port + path);
                assertThat(page.locator("main")).containsText(name);
                int overflow = ((Number) page.evaluate(
                        "document.documentElement.scrollWidth - document.documentElement.clientWidth")).intValue();
                Object widest = page.evaluate("""
                        () => [...document.querySelectorAll('main *')]
                            .filter(e => e.getBoundingClientRect().right > document.documentElement.clientWidth)
                            .map(e => e.tagName + '.' + e.className + '#' + e.id).slice(-3)""");
                assertThat(overflow).as("horizontal overflow of %s at 390px, in px (%s)", path, widest).isLessThanOrEqualTo(0);
            }
            assertThat(window.problems()).as("console errors, CSP violations and uncaught errors").isEmpty();
        }
    }
}
