package org.fieldstone.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.fieldstone.clients.Client;
import org.fieldstone.clients.Clients;
import org.fieldstone.clients.NewClient;
import org.fieldstone.clients.NewProperty;
import org.fieldstone.identity.User;
import org.fieldstone.jobs.Job;
import org.fieldstone.jobs.Jobs;
import org.fieldstone.jobs.NewJob;
import org.fieldstone.jobs.NewVisit;
import org.fieldstone.quotes.web.MoneyApiTestSupport;
import org.fieldstone.shared.Actor;
import org.fieldstone.shared.Channel;
import org.fieldstone.shared.Permission;
import org.fieldstone.shared.Role;
import org.fieldstone.support.Fixtures;
import org.fieldstone.support.Fixtures.TestCompany;
import org.fieldstone.support.Https;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.ApplicationContext;
import org.springframework.ui.ExtendedModelMap;
import org.springframework.web.util.HtmlUtils;
import tools.jackson.databind.JsonNode;

/**
 * The home page's cards over real HTTPS: each lists its records by number, title and client, linked, with "and N
 * more" beyond the first five; another company's records never appear; a technician sees their own next visit first
 * (time, client, address, a link to My day); a role that may not read invoices gets no invoice card.
 */
abstract class HomeDashboardContract extends MoneyApiTestSupport {

    static final ZoneId ZURICH = ZoneId.of("Europe/Zurich");

    @Autowired Clients clients;
    @Autowired Jobs jobs;
    @Autowired ApplicationContext context;
    @Value("${server.port}") int port;

    @Override
    protected String prefix() {
        return "home-cards";
    }

    @Test
    void theOfficeSeesTheRecordsOfEachCardAndAndNMoreBeyondTheFirstFew() {
        TestCompany c = fixtures.companyWithEveryRole("home-office");
        String key = c.keys.get(Role.OWNER);
        Client client = clients.create(c.system(), new NewClient("Harbour Bakery", null, null, null, null),
                new NewProperty("Shop", "Quai 3", "Bern", null, "3000", null, null, null));
        String property = clients.properties(c.system(), client.id()).getFirst().id();
        int drafts = HomeController.FIRST_FEW + 2;
        java.util.Map<String, Job> created = new java.util.HashMap<>();
        for (int i = 1; i <= drafts; i++) {
            Job j = jobs.create(c.system(), NewJob.of(client.id(), property, "Unscheduled no. " + i, null));
            created.put(j.id(), j);
        }
        String[] other = clientWithProperty(key, "Quote Client Ltd");
        JsonNode draftQuote = created(api.post(QUOTES, key, """
                {"clientId": "%s", "propertyId": "%s", "title": "Roof repair offer",
                 "lineItems": [{"description": "x", "unitPrice": 42000}]}""".formatted(other[0], other[1])));
        JsonNode quote = act(QUOTES, "send", key, draftQuote, null);
        JsonNode draftInvoice = created(api.post(INVOICES, key, """
                {"clientId": "%s", "title": "Boiler repair bill", "paymentTermsDays": 10,
                 "lineItems": [{"description": "W", "unitPrice": 12345}]}""".formatted(other[0])));
        LocalDate longAgo = LocalDate.ofInstant(clock.instant(), ZURICH).minusDays(40);
        JsonNode invoice = act(INVOICES, "send", key, draftInvoice, "{\"issuedOn\": \"" + longAgo + "\"}");
        assertThat(invoice.get("overdue").asBoolean()).as(invoice.toString()).isTrue();

        // another company's overdue invoice and awaiting quote stay there
        TestCompany elsewhere = fixtures.companyWithEveryRole("home-elsewhere");
        String theirKey = elsewhere.keys.get(Role.OWNER);
        String[] theirClient = clientWithProperty(theirKey, "Their Client");
        JsonNode theirs = created(api.post(INVOICES, theirKey, """
                {"clientId": "%s", "title": "Their overdue bill", "paymentTermsDays": 10,
                 "lineItems": [{"description": "W", "unitPrice": 999}]}""".formatted(theirClient[0])));
        act(INVOICES, "send", theirKey, theirs, "{\"issuedOn\": \"" + longAgo + "\"}");

        Https owner = new Https(port);
        assertThat(owner.signIn(c.slug(), c.ownerEmail(), Fixtures.PASSWORD).status()).isEqualTo(302);
        String page = owner.get("/c/" + c.slug() + "/").body();
        String base = "/c/" + c.slug();

        String unscheduled = card(page, "card-unscheduled");
        assertThat(count(unscheduled)).isEqualTo(drafts);
        assertThat(records(unscheduled)).hasSize(HomeController.FIRST_FEW);
        assertThat(unscheduled).contains("and 2 more").contains(base + "/jobs?flag=UNSCHEDULED");
        Pattern jobLink = Pattern.compile("href=\"" + base + "/jobs/([0-9a-f-]{36})\">([^<]+)</a>");
        for (String r : records(unscheduled)) {
            Matcher m = jobLink.matcher(r);
            assertThat(m.find()).as(r).isTrue();
            Job shown = created.get(m.group(1));
            assertThat(shown).as(r).isNotNull();
            assertThat(m.group(2)).isEqualTo(shown.number());
            assertThat(r).contains(shown.title()).contains("Harbour Bakery");
        }

        String quotes = card(page, "card-quotes-awaiting");
        assertThat(records(quotes)).singleElement().satisfies(r -> assertThat(r)
                .contains("href=\"" + base + "/quotes/" + quote.get("id").asString() + "\"")
                .contains(quote.get("number").asString()).contains("Roof repair offer").contains("Quote Client Ltd")
                .contains("420"));
        assertThat(quotes).doesNotContain("and 0 more").doesNotContain("more-link");

        String overdue = card(page, "card-invoices-overdue");
        assertThat(records(overdue)).singleElement().satisfies(r -> assertThat(r)
                .contains("href=\"" + base + "/invoices/" + invoice.get("id").asString() + "\"")
                .contains(invoice.get("number").asString()).contains("Boiler repair bill").contains("Quote Client Ltd")
                .contains("123.45"));
        assertThat(page).doesNotContain("Their overdue bill").doesNotContain("Their Client");

        // nothing late, nothing to invoice: said so, not an empty list
        assertThat(card(page, "card-late")).contains("Nothing here.").doesNotContain("class=\"record\"");
        assertThat(card(page, "card-invoicing")).contains("Nothing here.");
        // the owner has no visit of their own: no next-visit card
        assertThat(page).doesNotContain("id=\"card-next-visit\"");
    }

    @Test
    void aTechnicianSeesTheirOwnNextVisitFirstWithClientAddressAndALinkToMyDay() {
        TestCompany c = fixtures.companyWithEveryRole("home-tech");
        User tech = c.users.get(Role.USER);
        User admin = c.users.get(Role.ADMIN);
        Client client = clients.create(c.system(), new NewClient("Corner Shop", null, null, null, null),
                new NewProperty("Shop", "Main St 1", "Bern", null, "3000", null, null, null));
        String property = clients.properties(c.system(), client.id()).getFirst().id();
        OffsetDateTime tomorrow = now().plusDays(1).withHour(10).withMinute(0);
        Job someoneElses = visit(c, client, property, "Someone else's early visit", tomorrow.minusHours(2), admin);
        Job later = visit(c, client, property, "Later visit", tomorrow.plusDays(2), tech);
        Job next = visit(c, client, property, "Next visit of mine", tomorrow, tech);

        Https browser = new Https(port);
        assertThat(browser.signIn(c.slug(), tech.email().value(), Fixtures.PASSWORD).status()).isEqualTo(302);
        String page = browser.get("/c/" + c.slug() + "/").body();
        int nextCard = page.indexOf("id=\"card-next-visit\"");
        assertThat(nextCard).as(page).isPositive();
        assertThat(nextCard).isLessThan(page.indexOf("id=\"card-today\""));
        String card = card(page, "card-next-visit");
        assertThat(card).contains("10:00").contains(next.number()).contains("Next visit of mine").contains("Corner Shop")
                .contains("Main St 1").contains("href=\"/c/" + c.slug() + "/my-day\"")
                .contains("href=\"/c/" + c.slug() + "/jobs/" + next.id() + "\"")
                .doesNotContain(later.number()).doesNotContain(someoneElses.number());

        // a reader has no day of their own: no next-visit card, the office's cards only
        Https reader = new Https(port);
        assertThat(reader.signIn(c.slug(), c.users.get(Role.READ_ONLY).email().value(), Fixtures.PASSWORD).status())
                .isEqualTo(302);
        String readerPage = reader.get("/c/" + c.slug() + "/").body();
        assertThat(readerPage).doesNotContain("id=\"card-next-visit\"").contains("id=\"card-unscheduled\"");

        // a technician with nothing planned is told so
        User idle = c.addUser(Role.USER);
        Https idleBrowser = new Https(port);
        assertThat(idleBrowser.signIn(c.slug(), idle.email().value(), Fixtures.PASSWORD).status()).isEqualTo(302);
        assertThat(card(idleBrowser.get("/c/" + c.slug() + "/").body(), "card-next-visit"))
                .contains("No visits planned");
    }

    @Test
    void aRoleWithoutInvoiceReadGetsNoInvoiceCardAndNoAmounts() {
        TestCompany c = fixtures.companyWithEveryRole("home-noinv");
        User reader = c.users.get(Role.READ_ONLY);
        EnumSet<Permission> less = EnumSet.copyOf(Role.READ_ONLY.permissions());
        less.remove(Permission.INVOICES_READ);
        Actor withoutInvoices = new Actor(c.company.id(), Optional.of(reader.id()), reader.name(), Role.READ_ONLY,
                Optional.empty(), Channel.WEB, null, null).withPermissions(less);
        ExtendedModelMap model = new ExtendedModelMap();
        String view = context.getBean(HomeController.class).home(withoutInvoices, c.slug(), model);
        assertThat(view).isEqualTo("home");
        assertThat(model).doesNotContainKeys("overdue", "overdueCount", "overdueAmounts").containsKeys("awaiting", "today");

        Actor full = new Actor(c.company.id(), Optional.of(reader.id()), reader.name(), Role.READ_ONLY,
                Optional.empty(), Channel.WEB, null, null);
        ExtendedModelMap fullModel = new ExtendedModelMap();
        context.getBean(HomeController.class).home(full, c.slug(), fullModel);
        assertThat(fullModel).containsKeys("overdue", "overdueCount");
    }

    private Job visit(TestCompany c, Client client, String property, String title, OffsetDateTime start, User who) {
        return jobs.create(c.system(), new NewJob(client.id(), property, title, null, null, null, null, null,
                List.of(who.id()), null, null, null, new NewVisit(start.toString(), start.plusHours(1).toString(), null)));
    }

    private OffsetDateTime now() {
        return clock.instant().atZone(ZURICH).toOffsetDateTime().truncatedTo(ChronoUnit.MINUTES);
    }

    /** The HTML of one card, from its opening tag to the end of its section. */
    static String card(String page, String id) {
        Matcher m = Pattern.compile("id=\"" + id + "\"[^>]*>(.*?)</section>", Pattern.DOTALL).matcher(page);
        assertThat(m.find()).as("card %s in %s", id, page).isTrue();
        return HtmlUtils.htmlUnescape(m.group(1)).replace("&#39;", "'");
    }

    static long count(String card) {
        Matcher m = Pattern.compile("<p class=\"count\"><a [^>]*>(\\d+)</a>").matcher(card);
        assertThat(m.find()).as(card).isTrue();
        return Long.parseLong(m.group(1));
    }

    static List<String> records(String card) {
        Matcher m = Pattern.compile("<li class=\"record\">(.*?)</li>", Pattern.DOTALL).matcher(card);
        List<String> found = new java.util.ArrayList<>();
        while (m.find()) {
            found.add(m.group(1));
        }
        return found;
    }
}
