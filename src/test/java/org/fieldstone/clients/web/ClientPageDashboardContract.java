package org.fieldstone.clients.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.fieldstone.clients.Client;
import org.fieldstone.clients.ClientHistory;
import org.fieldstone.clients.Clients;
import org.fieldstone.clients.NewClient;
import org.fieldstone.clients.NewProperty;
import org.fieldstone.clients.Property;
import org.fieldstone.invoices.InvoiceQuery;
import org.fieldstone.invoices.Invoices;
import org.fieldstone.invoices.NewInvoice;
import org.fieldstone.jobs.Job;
import org.fieldstone.jobs.JobQuery;
import org.fieldstone.jobs.Jobs;
import org.fieldstone.jobs.NewJob;
import org.fieldstone.pricing.LineInput;
import org.fieldstone.quotes.NewQuote;
import org.fieldstone.quotes.QuoteQuery;
import org.fieldstone.quotes.Quotes;
import org.fieldstone.shared.Actor;
import org.fieldstone.shared.Change;
import org.fieldstone.shared.Permission;
import org.fieldstone.shared.Page;
import org.fieldstone.shared.Role;
import org.fieldstone.support.Fixtures;
import org.fieldstone.support.Fixtures.TestCompany;
import org.fieldstone.support.Https;
import org.fieldstone.support.Https.Response;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;

/**
 * The client page as the place a client's work is found (their jobs, visits, quotes and invoices, each from the
 * module that owns it, as the actor may read them), "New job / New quote for this client", and the client picker of
 * the job, quote and invoice forms: its suggestions come from the own company only, a handful at a time, and the forms
 * never take another company's client.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class ClientPageDashboardContract {

    @Autowired Fixtures fixtures;
    @Autowired Clients clients;
    @Autowired Jobs jobs;
    @Autowired Quotes quotes;
    @Autowired Invoices invoices;
    @Autowired List<ClientHistory> histories;
    @Value("${server.port}") int port;

    TestCompany c;
    TestCompany other;
    Client mine;
    Property mineProperty;
    Client neighbour;
    Client foreign;
    String base;

    @BeforeAll
    void companies() {
        c = fixtures.companyWithEveryRole("client-page");
        other = fixtures.company("client-page-other");
        base = "/c/" + c.slug();
        mine = clients.create(c.system(), new NewClient("Quarry Lane Dental", null, null, null, null),
                new NewProperty("Surgery", "Quarry Lane 3", "Zürich", null, "8001", null, null, null));
        mineProperty = clients.properties(c.system(), mine.id()).getFirst();
        neighbour = clients.create(c.system(), new NewClient("Quarry Lane Florist", null, null, null, null),
                new NewProperty("Shop", "Quarry Lane 5", "Zürich", null, "8001", null, null, null));
        foreign = clients.create(other.system(), new NewClient("Quarry Lane Foreign", null, null, null, null),
                new NewProperty("Far", "Elsewhere 1", "Basel", null, "4001", null, null, null));
    }

    @Test
    void theClientPageListsOnlyThisClientsJobsQuotesAndInvoicesWithLinksToTheFilteredLists() {
        String neighbourProperty = clients.properties(c.system(), neighbour.id()).getFirst().id();
        Job job = jobs.create(c.system(), NewJob.of(mine.id(), mineProperty.id(), "Dental chair repair", null));
        jobs.create(c.system(), NewJob.of(neighbour.id(), neighbourProperty, "Florist fridge repair", null));
        var quote = quotes.create(c.system(), new NewQuote(mine.id(), mineProperty.id(), "Dental lighting quote",
                List.of(line("Lamps")), null, null, null, null, null));
        quotes.create(c.system(), new NewQuote(neighbour.id(), neighbourProperty, "Florist shelving quote",
                List.of(line("Shelves")), null, null, null, null, null));
        var invoice = invoices.create(c.system(), new NewInvoice(mine.id(), mineProperty.id(), "Dental call-out invoice",
                List.of(line("Call-out")), null, null, null, null, null));
        invoices.create(c.system(), new NewInvoice(neighbour.id(), neighbourProperty, "Florist call-out invoice",
                List.of(line("Call-out")), null, null, null, null, null));

        Https owner = signIn(c.ownerEmail());
        Response page = owner.get(base + "/clients/" + mine.id());
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.body()).contains("id=\"client-jobs\"").contains("id=\"client-visits\"")
                .contains("id=\"client-quotes\"").contains("id=\"client-invoices\"")
                .contains("Dental chair repair").contains(job.number()).contains("href=\"" + base + "/jobs/" + job.id() + "\"")
                .contains("Dental lighting quote").contains("href=\"" + base + "/quotes/" + quote.id() + "\"")
                .contains("Dental call-out invoice").contains("href=\"" + base + "/invoices/" + invoice.id() + "\"")
                .doesNotContain("Florist fridge repair").doesNotContain("Florist shelving quote")
                .doesNotContain("Florist call-out invoice")
                .contains("href=\"" + base + "/jobs?client=" + mine.id() + "\"")
                .contains("href=\"" + base + "/jobs/new?clientId=" + mine.id() + "\"")
                .contains("href=\"" + base + "/quotes/new?clientId=" + mine.id() + "\"");
        // the sections come in the page's order: jobs, visits, quotes, invoices
        String body = page.body();
        assertThat(body.indexOf("id=\"client-jobs\"")).isLessThan(body.indexOf("id=\"client-visits\""));
        assertThat(body.indexOf("id=\"client-visits\"")).isLessThan(body.indexOf("id=\"client-quotes\""));
        assertThat(body.indexOf("id=\"client-quotes\"")).isLessThan(body.indexOf("id=\"client-invoices\""));

        // the lists behind "All N" are filtered to the client, and refuse a client of another company
        assertThat(owner.get(base + "/jobs?client=" + mine.id()).body()).contains("Dental chair repair")
                .doesNotContain("Florist fridge repair").contains("Quarry Lane Dental");
        assertThat(owner.get(base + "/quotes?client=" + mine.id()).body()).contains("Dental lighting quote")
                .doesNotContain("Florist shelving quote");
        assertThat(owner.get(base + "/invoices?client=" + mine.id()).body()).contains("Dental call-out invoice")
                .doesNotContain("Florist call-out invoice");
        for (String list : List.of("/jobs", "/quotes", "/invoices")) {
            Response refused = owner.get(base + list + "?client=" + foreign.id());
            assertThat(refused.status()).as(list).isEqualTo(404);
            assertThat(refused.body()).doesNotContain("Quarry Lane Foreign");
        }

        // a technician (the USER role) sees no job they may not see (this one is nobody's), and no "New invoice"
        // (the company gives its users no invoices:write)
        Https technician = signIn(c.users.get(Role.USER).email().value());
        Response theirs = technician.get(base + "/clients/" + mine.id());
        assertThat(theirs.status()).isEqualTo(200);
        assertThat(theirs.body()).doesNotContain("/invoices/new?clientId=").doesNotContain("Dental chair repair")
                .contains("/jobs/new?clientId=" + mine.id()).contains("id=\"client-quotes\"");
        // without invoices:read (an actor narrowed to reading clients and jobs) there is no invoices section at all
        Actor narrowed = c.system().withPermissions(java.util.EnumSet.of(Permission.CLIENTS_READ, Permission.JOBS_READ));
        List<String> sections = histories.stream().flatMap(h -> h.sections(narrowed, mine.id(), 5,
                java.time.ZoneId.of("Europe/Zurich"), java.util.Locale.ENGLISH).stream()).map(ClientHistory.Section::id).toList();
        assertThat(sections).contains("client-jobs").doesNotContain("client-invoices").doesNotContain("client-quotes");
        // the read-only role may create nothing
        Https reader = signIn(c.users.get(Role.READ_ONLY).email().value());
        assertThat(reader.get(base + "/clients/" + mine.id()).body()).contains("Dental chair repair")
                .doesNotContain("id=\"client-new\"").doesNotContain("/jobs/new?clientId=");
    }

    @Test
    void newJobAndNewQuoteForThisClientPreselectTheClientAndItsOnlyPropertyButNeverAnotherCompanysClient() {
        Https owner = signIn(c.ownerEmail());
        Response jobForm = owner.get(base + "/jobs/new?clientId=" + mine.id());
        assertThat(jobForm.status()).isEqualTo(200);
        assertThat(jobForm.body()).contains("id=\"job-clientId\" value=\"" + mine.id() + "\"")
                .contains("value=\"Quarry Lane Dental\"").contains("value=\"" + mineProperty.id() + "\" selected");
        Response quoteForm = owner.get(base + "/quotes/new?clientId=" + mine.id());
        assertThat(quoteForm.body()).contains("id=\"quote-clientId\" value=\"" + mine.id() + "\"")
                .contains("value=\"" + mineProperty.id() + "\" selected");
        Response invoiceForm = owner.get(base + "/invoices/new?clientId=" + mine.id());
        assertThat(invoiceForm.body()).contains("id=\"invoice-clientId\" value=\"" + mine.id() + "\"");

        for (String form : List.of("/jobs/new", "/quotes/new", "/invoices/new")) {
            Response ignored = owner.get(base + form + "?clientId=" + foreign.id());
            assertThat(ignored.status()).as(form).isEqualTo(200);
            assertThat(ignored.body()).as(form).doesNotContain(foreign.id()).doesNotContain("Quarry Lane Foreign")
                    .doesNotContain("Elsewhere 1");
        }
        // the job form saves with the preselected client and property
        Response created = owner.post(base + "/jobs", form("clientId", mine.id(), "clientQuery", "Quarry Lane Dental",
                "propertyId", mineProperty.id(), "title", "Preselected job", "description", "", "priority", "NORMAL",
                "tags", "", "repeat", "none"));
        assertThat(created.status()).as(created.body()).isEqualTo(302);
        assertThat(jobs.list(c.system(), new JobQuery(null, mine.id(), null, null, null, null), Page.request(0, 50))
                .items()).anyMatch(j -> j.title().equals("Preselected job") && j.propertyId().equals(mineProperty.id()));
    }

    @Test
    void thePickerSuggestsAHandfulOfTheOwnCompanysClientsAndOnlyToThoseSignedIn() {
        for (int i = 0; i < 12; i++) {
            clients.create(c.system(), new NewClient("Picker Many " + i, null, null, null, null), null);
        }
        clients.create(other.system(), new NewClient("Picker Many Foreign", null, null, null, null), null);
        Https owner = signIn(c.ownerEmail());
        Response found = owner.get(base + "/clients/picker?q=Picker+Many");
        assertThat(found.status()).isEqualTo(200);
        assertThat(found.body()).doesNotContain("<html").doesNotContain("Picker Many Foreign").contains("Picker Many 0")
                .contains("More match");
        assertThat(count(found.body(), "class=\"client-option\"")).isEqualTo(Clients.PICKER_SIZE);

        Response quarry = owner.get(base + "/clients/picker?clientQuery=quarry");
        assertThat(quarry.body()).contains("data-id=\"" + mine.id() + "\"").contains("data-id=\"" + neighbour.id() + "\"")
                .doesNotContain(foreign.id()).doesNotContain("More match");
        assertThat(owner.get(base + "/clients/picker?q=" + "x".repeat(5000)).status()).isEqualTo(200);

        Response anonymous = new Https(port).get(base + "/clients/picker?q=quarry");
        assertThat(anonymous.status()).isIn(302, 401, 403);
        assertThat(anonymous.body()).doesNotContain("Quarry Lane Dental");
        // another company's people get nothing of this company
        Https stranger = new Https(port);
        assertThat(stranger.signIn(other.slug(), other.ownerEmail(), Fixtures.PASSWORD).status()).isEqualTo(302);
        Response crossed = stranger.get(base + "/clients/picker?q=quarry");
        assertThat(crossed.status()).isIn(302, 403, 404);
        assertThat(crossed.body()).doesNotContain("Quarry Lane Dental");
    }

    @Test
    void theFormsRefuseAnotherCompanysClientAndTakeTheOneClientTypedWithoutJavaScript() {
        Https owner = signIn(c.ownerEmail());
        long jobsBefore = jobs.list(c.system(), JobQuery.ALL, Page.request(0, 1)).total();
        assertThat(owner.get(base + "/jobs/new").status()).isEqualTo(200);
        Response job = owner.post(base + "/jobs", form("clientId", foreign.id(), "clientQuery", "Quarry Lane Foreign",
                "propertyId", "", "title", "Stolen job", "description", "", "priority", "NORMAL", "tags", "",
                "repeat", "none"));
        assertThat(job.status()).isEqualTo(400);
        assertThat(job.body()).contains("id=\"job-clientId-error\"").doesNotContain("value=\"" + foreign.id() + "\"");
        // typed, not chosen: another company's name matches nothing here
        Response typed = owner.post(base + "/jobs", form("clientId", "", "clientQuery", "Quarry Lane Foreign",
                "propertyId", "", "title", "Stolen job", "description", "", "priority", "NORMAL", "tags", "",
                "repeat", "none"));
        assertThat(typed.status()).isEqualTo(400);
        assertThat(typed.body()).contains("id=\"job-clientId-error\"").contains("value=\"Quarry Lane Foreign\"");
        assertThat(jobs.list(c.system(), JobQuery.ALL, Page.request(0, 1)).total()).isEqualTo(jobsBefore);

        long quotesBefore = quotes.count(c.system(), QuoteQuery.ALL);
        assertThat(owner.get(base + "/quotes/new").status()).isEqualTo(200);
        Response quote = owner.post(base + "/quotes/new", form("clientId", foreign.id(), "propertyId", "",
                "title", "Stolen quote"));
        assertThat(quote.status()).as(quote.body()).isEqualTo(400);
        assertThat(quote.body()).contains("id=\"quote-clientId-error\"");
        assertThat(quotes.count(c.system(), QuoteQuery.ALL)).isEqualTo(quotesBefore);

        long invoicesBefore = invoices.count(c.system(), InvoiceQuery.ALL);
        assertThat(owner.get(base + "/invoices/new").status()).isEqualTo(200);
        Response invoice = owner.post(base + "/invoices/new", form("clientId", foreign.id(), "propertyId", "",
                "title", "Stolen invoice"));
        assertThat(invoice.status()).isEqualTo(400);
        assertThat(invoice.body()).contains("id=\"invoice-clientId-error\"");
        assertThat(invoices.count(c.system(), InvoiceQuery.ALL)).isEqualTo(invoicesBefore);

        // without JavaScript the text typed is submitted: the one client it names is taken
        assertThat(owner.get(base + "/jobs/new").status()).isEqualTo(200);
        Response plain = owner.post(base + "/jobs", form("clientId", "", "clientQuery", "quarry lane dental",
                "propertyId", mineProperty.id(), "title", "Typed job", "description", "", "priority", "NORMAL",
                "tags", "", "repeat", "none"));
        assertThat(plain.status()).as(plain.body()).isEqualTo(302);
        assertThat(jobs.list(c.system(), new JobQuery(null, mine.id(), null, null, null, null), Page.request(0, 50))
                .items()).anyMatch(j -> j.title().equals("Typed job"));
    }

    static LineInput line(String description) {
        return new LineInput(null, null, description, BigDecimal.ONE, 10_000L, null, Change.keep(), false, null);
    }

    Https signIn(String email) {
        Https h = new Https(port);
        assertThat(h.signIn(c.slug(), email, Fixtures.PASSWORD).status()).isEqualTo(302);
        return h;
    }

    static int count(String text, String part) {
        Matcher m = Pattern.compile(Pattern.quote(part)).matcher(text);
        int n = 0;
        while (m.find()) {
            n++;
        }
        return n;
    }

    static Map<String, String> form(String... kv) {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put(kv[i], kv[i + 1]);
        }
        return m;
    }
}
