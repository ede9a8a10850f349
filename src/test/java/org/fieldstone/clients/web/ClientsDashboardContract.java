package org.fieldstone.clients.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.fieldstone.clients.Client;
import org.fieldstone.clients.Clients;
import org.fieldstone.clients.Property;
import org.fieldstone.shared.Page;
import org.fieldstone.shared.Role;
import org.fieldstone.support.ApiClient;
import org.fieldstone.support.Fixtures;
import org.fieldstone.support.Fixtures.TestCompany;
import org.fieldstone.support.Https;
import org.fieldstone.support.TestGeocoder;
import org.fieldstone.support.Https.Response;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.web.util.HtmlUtils;

/**
 * The clients pages of the dashboard over real HTTPS, as a browser submits them: creating with field
 * errors and then validly, editing, properties inline, archiving, search, the read-only role, and an edit
 * that meets someone else's change made through the API meanwhile.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class ClientsDashboardContract {

    static final Pattern VERSION = Pattern.compile("name=\"version\" value=\"(\\d+)\"");
    static final Pattern CLIENT_ID = Pattern.compile("/clients/([0-9a-f-]{36})\\?notice=created$");

    @Autowired Fixtures fixtures;
    @Autowired ApiClient api;
    @Autowired Clients clients;
    @Value("${server.port}") int port;

    TestCompany c;
    Https browser;
    String base;

    @BeforeAll
    void company() {
        c = fixtures.companyWithEveryRole("clients-web");
        base = "/c/" + c.slug() + "/clients";
    }

    @BeforeEach
    void signIn() {
        browser = new Https(port);
        assertThat(browser.signIn(c.slug(), c.ownerEmail(), Fixtures.PASSWORD).status()).isEqualTo(302);
    }

    @Test
    void createsAClientAfterShowingEveryFieldErrorWithTheTypedValuesKept() {
        assertThat(browser.get(base + "/new").status()).isEqualTo(200);
        Response invalid = browser.post(base, form("name", "", "email", "not-an-email", "phone", "044 668 18 00",
                "notes", "Back door", "tags", "vip", "street", "Seestrasse 5", "latitude", "95", "longitude", "8"));
        assertThat(invalid.status()).isEqualTo(400);
        assertThat(invalid.body()).contains("Enter the client&#39;s name.").contains("Enter a valid email address")
                .contains("between -90 and 90")
                .contains("value=\"not-an-email\"").contains("value=\"044 668 18 00\"").contains("value=\"Seestrasse 5\"")
                .contains(">Back door</textarea>");

        Response created = browser.post(base, form("name", "Grace Hopper", "email", "grace@navy.example",
                "phone", "044 668 18 00", "notes", "Back door", "tags", "vip, navy", "label", "Office",
                "street", "Seestrasse 5", "postalCode", "8002", "city", "Zürich", "country", "", "latitude", "", "longitude", ""));
        assertThat(created.status()).isEqualTo(302);
        Matcher m = CLIENT_ID.matcher(created.header("Location"));
        assertThat(m.find()).as(created.header("Location")).isTrue();
        Client client = clients.get(c.system(), m.group(1));
        assertThat(client.phone()).isEqualTo("+41446681800");
        assertThat(client.tags()).containsExactly("vip", "navy");
        assertThat(clients.properties(c.system(), client.id())).singleElement()
                .satisfies(p -> assertThat(p.country()).isEqualTo("CH"));

        Response page = browser.get(path(created.header("Location")));
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.body()).contains("The client was created.").contains("Grace Hopper").contains("044 668 18 00")
                .contains("Seestrasse 5").contains("created the client");
    }

    @Test
    void aClientNeedsNoPropertyAndAnEmptyCountryMeansTheCompanys() {
        Response form = browser.get(base + "/new");
        assertThat(form.body()).contains("id=\"first-country\" name=\"country\" value=\"\" placeholder=\"CH\"");
        Response created = browser.post(base, form("name", "Just A Name", "email", "", "phone", "", "notes", "", "tags", "",
                "label", "", "street", "", "postalCode", "", "city", "", "region", "", "country", "", "latitude", "",
                "longitude", ""));
        assertThat(created.status()).as(created.body()).isEqualTo(302);
        Matcher m = CLIENT_ID.matcher(created.header("Location"));
        assertThat(m.find()).isTrue();
        assertThat(clients.properties(c.system(), m.group(1))).isEmpty();
    }

    @Test
    void editsAClientAndTheChangeShowsInItsHistory() {
        Client client = clients.create(c.system(), new org.fieldstone.clients.NewClient("Old Name", null, null, null, null), null);
        Response edit = browser.get(base + "/" + client.id() + "/edit");
        assertThat(edit.status()).isEqualTo(200);
        assertThat(edit.body()).contains("value=\"Old Name\"");
        Response saved = browser.post(base + "/" + client.id(), form("version", version(edit), "name", "New Name",
                "email", "", "phone", "", "notes", "", "tags", ""));
        assertThat(saved.status()).isEqualTo(302);
        assertThat(saved.header("Location")).endsWith(base + "/" + client.id() + "?notice=updated");
        assertThat(clients.get(c.system(), client.id()).name()).isEqualTo("New Name");

        String page = browser.get(base + "/" + client.id()).body();
        assertThat(page).contains("changed the client").contains("Old Name").contains("New Name")
                .contains("Owner of " + c.slug());
        Response invalid = browser.post(base + "/" + client.id(), form("version", "2", "name", "x".repeat(201),
                "email", "", "phone", "", "notes", "", "tags", ""));
        assertThat(invalid.status()).isEqualTo(400);
        assertThat(invalid.body()).contains("at most 200 characters");
        assertThat(clients.get(c.system(), client.id()).version()).isEqualTo(2);
    }

    @Test
    void anEditThatMeetsAnotherChangeShowsBothAndSavesOnlyWhenSubmittedAgain() {
        Client client = clients.create(c.system(), new org.fieldstone.clients.NewClient("Shared Client",
                "shared@x.example", null, "original notes", null), null);
        Response edit = browser.get(base + "/" + client.id() + "/edit");
        String loadedAt = version(edit);
        assertThat(loadedAt).isEqualTo("1");

        // meanwhile a colleague changes the client through the API
        Response changed = api.patch("/api/v1/clients/" + client.id(), c.keys.get(Role.ADMIN), "\"1\"",
                "{\"email\":\"colleague@x.example\",\"notes\":\"their notes\"}");
        assertThat(changed.status()).isEqualTo(200);

        Response conflict = browser.post(base + "/" + client.id(), form("version", loadedAt, "name", "Shared Client",
                "email", "mine@x.example", "phone", "", "notes", "my notes", "tags", ""));
        assertThat(conflict.status()).isEqualTo(409);
        String body = conflict.body();
        assertThat(body).contains("Someone else changed this client while you were editing it");
        assertThat(body).contains("value=\"mine@x.example\"").contains(">my notes</textarea>");
        assertThat(theirs(body, "email")).isEqualTo("colleague@x.example");
        assertThat(theirs(body, "notes")).isEqualTo("their notes");
        assertThat(theirs(body, "name")).as("the name is the same on both sides").isNull();
        assertThat(version(conflict)).isEqualTo("2");
        Client unchanged = clients.get(c.system(), client.id());
        assertThat(unchanged.email()).isEqualTo("colleague@x.example");
        assertThat(unchanged.notes()).isEqualTo("their notes");

        Response resubmitted = browser.post(base + "/" + client.id(), form("version", version(conflict), "name", "Shared Client",
                "email", "mine@x.example", "phone", "", "notes", "my notes", "tags", ""));
        assertThat(resubmitted.status()).isEqualTo(302);
        Client after = clients.get(c.system(), client.id());
        assertThat(after.email()).isEqualTo("mine@x.example");
        assertThat(after.notes()).isEqualTo("my notes");
        assertThat(after.version()).isEqualTo(3);
        // both changes are in the history, in order
        String page = browser.get(base + "/" + client.id()).body();
        assertThat(page.indexOf("mine@x.example")).isLessThan(page.lastIndexOf("colleague@x.example"));
    }

    @Test
    void aConflictFlagsOnlyWhatTheOtherPersonChangedAndShowsTheirPhoneAsEveryPageDoes() {
        Client client = clients.create(c.system(), new org.fieldstone.clients.NewClient("Conflict Client",
                "before@x.example", "044 668 18 00", "same notes", List.of("vip")), null);
        Response edit = browser.get(base + "/" + client.id() + "/edit");
        assertThat(edit.body()).as("the phone in the form as it is shown everywhere")
                .contains("id=\"client-phone\" name=\"phone\" value=\"044 668 18 00\"");

        // meanwhile a colleague changes the email and the phone through the API
        assertThat(api.patch("/api/v1/clients/" + client.id(), c.keys.get(Role.ADMIN), "\"1\"",
                "{\"email\":\"after@x.example\",\"phone\":\"+41 44 555 01 01\"}").status()).isEqualTo(200);

        // the user renamed the client and left everything else as loaded (the phone as the form showed it)
        Response conflict = browser.post(base + "/" + client.id(), form("version", version(edit), "name", "Renamed Client",
                "email", "before@x.example", "phone", "044 668 18 00", "notes", "same notes", "tags", "vip"));
        assertThat(conflict.status()).isEqualTo(409);
        String body = conflict.body();
        assertThat(theirs(body, "email")).isEqualTo("after@x.example");
        assertThat(theirs(body, "phone")).isEqualTo("044 555 01 01");
        assertThat(theirs(body, "name")).as("only the user changed the name").isNull();
        assertThat(theirs(body, "notes")).as("nobody changed the notes").isNull();
        assertThat(theirs(body, "tags")).as("nobody changed the tags").isNull();
        assertThat(body).contains("value=\"Renamed Client\"");
    }

    @Test
    void phoneNumbersReadTheSameOnTheListAndTheClientPageNationalOnlyForTheCompanysCountry() {
        String marker = "Ph" + System.nanoTime();
        Client home = clients.create(c.system(), new org.fieldstone.clients.NewClient(marker + " Home", null,
                "+41445550101", null, null), null);
        Client abroad = clients.create(c.system(), new org.fieldstone.clients.NewClient(marker + " Abroad", null,
                "+49 30 1234567", null, null), null);
        String list = browser.get(base + "?q=" + marker).body();
        assertThat(list).contains(">044 555 01 01<", ">+49 30 1234567<").doesNotContain("+41445550101", "+4930");
        assertThat(browser.get(base + "/" + home.id()).body())
                .contains("href=\"tel:+41445550101\">044 555 01 01</a>");
        assertThat(browser.get(base + "/" + abroad.id()).body())
                .contains("href=\"tel:+49301234567\">+49 30 1234567</a>");
    }

    @Test
    void propertiesAreAddedEditedAndDeletedInlineAndAnEmptyOneIsRefused() {
        Client client = clients.create(c.system(), new org.fieldstone.clients.NewClient("Many Sites", null, null, null, null), null);
        String page = base + "/" + client.id();
        browser.get(page);
        Response empty = browser.post(page + "/properties", form("label", "", "street", "", "city", "", "country", "CH"));
        assertThat(empty.status()).isEqualTo(400);
        assertThat(empty.body()).contains("Enter a label or an address.");
        Response added = browser.post(page + "/properties", form("label", "Depot", "street", "Ring 3", "city", "Thun",
                "region", "BE", "postalCode", "3600", "country", "ch", "latitude", "46.75", "longitude", "7.62"));
        assertThat(added.status()).isEqualTo(302);
        Property depot = clients.properties(c.system(), client.id()).getFirst();
        assertThat(depot.country()).isEqualTo("CH");

        browser.get(page);
        Response invalidEdit = browser.post(page + "/properties/" + depot.id(), propertyForm(depot, "1", "longitude", "200"));
        assertThat(invalidEdit.status()).isEqualTo(400);
        assertThat(invalidEdit.body()).contains("between -180 and 180").contains("value=\"200\"");
        Response edited = browser.post(page + "/properties/" + depot.id(), propertyForm(depot, "1", "city", "Spiez"));
        assertThat(edited.status()).isEqualTo(302);
        assertThat(clients.property(c.system(), client.id(), depot.id()).city()).isEqualTo("Spiez");

        // a stale property form is shown again with the saved value beside the user's
        Response stale = browser.post(page + "/properties/" + depot.id(), propertyForm(depot, "1", "city", "Bern"));
        assertThat(stale.status()).isEqualTo(409);
        assertThat(stale.body()).contains("Someone else changed this property").contains("value=\"Bern\"");
        assertThat(clients.property(c.system(), client.id(), depot.id()).city()).isEqualTo("Spiez");
        // a stale form that only renamed the property: only the city (changed meanwhile) is flagged
        Response renamed = browser.post(page + "/properties/" + depot.id(), propertyForm(depot, "1", "label", "Main depot"));
        assertThat(renamed.status()).isEqualTo(409);
        assertThat(renamed.body()).contains("id=\"property-" + depot.id() + "-city-theirs\"")
                .doesNotContain("id=\"property-" + depot.id() + "-label-theirs\"")
                .doesNotContain("id=\"property-" + depot.id() + "-street-theirs\"");

        Response deleted = browser.post(page + "/properties/" + depot.id() + "/delete", form("version", "2"));
        assertThat(deleted.status()).isEqualTo(302);
        assertThat(clients.properties(c.system(), client.id())).isEmpty();
        assertThat(browser.get(page).body()).contains("deleted the property Depot").contains("added the property Depot");
    }

    @Test
    void archivedClientsLeaveTheListUntilShownAndCanBeRestored() {
        String marker = "Arch" + System.nanoTime();
        Client client = clients.create(c.system(), new org.fieldstone.clients.NewClient(marker + " Client", null, null, null, null), null);
        browser.get(base + "/" + client.id());
        assertThat(browser.post(base + "/" + client.id() + "/archive", form("version", "1")).status()).isEqualTo(302);
        assertThat(clients.get(c.system(), client.id()).archived()).isTrue();

        assertThat(browser.get(base + "?q=" + marker).body()).doesNotContain(client.id()).contains("No clients match");
        assertThat(browser.get(base + "?q=" + marker + "&archived=true").body()).contains(client.id()).contains("Archived");
        browser.get(base + "/" + client.id());
        assertThat(browser.post(base + "/" + client.id() + "/restore", form("version", "2")).status()).isEqualTo(302);
        assertThat(browser.get(base + "?q=" + marker.toLowerCase()).body()).contains(client.id());
        assertThat(browser.post(base + "/" + client.id() + "/archive", form("version", "1")).status())
                .as("a stale archive button").isEqualTo(409);
    }

    @Test
    void theListSearchesAndPages() {
        String marker = "Pg" + System.nanoTime();
        for (int i = 0; i < 27; i++) {
            clients.create(c.system(), new org.fieldstone.clients.NewClient(marker + " " + (100 + i), null, null, null, null), null);
        }
        Response first = browser.get(base + "?q=" + marker);
        assertThat(first.status()).isEqualTo(200);
        assertThat(first.body()).contains(marker + " 100").doesNotContain(marker + " 125").contains("Page 1 of 2");
        Response second = browser.get(base + "?q=" + marker + "&page=1");
        assertThat(second.body()).contains(marker + " 125").contains(marker + " 126").doesNotContain(marker + " 100");
    }

    @Test
    void aReadOnlyMemberSeesClientsButNoWayToChangeThemAndIsRefused() {
        Client client = clients.create(c.system(), new org.fieldstone.clients.NewClient("Look Dont Touch", null, null, null, null), null);
        Https reader = new Https(port);
        reader.signIn(c.slug(), c.users.get(Role.READ_ONLY).email().value(), Fixtures.PASSWORD);
        Response list = reader.get(base);
        assertThat(list.status()).isEqualTo(200);
        assertThat(list.body()).doesNotContain("New client").doesNotContain(base + "/new");
        Response page = reader.get(base + "/" + client.id());
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.body()).contains("Look Dont Touch").doesNotContain("/edit\"").doesNotContain("/archive\"")
                .doesNotContain("Add a property");
        assertThat(reader.get(base + "/new").status()).isEqualTo(403);
        assertThat(reader.get(base + "/" + client.id() + "/edit").status()).isEqualTo(403);

        long before = clients.list(c.system(), null, true, new Page.PageRequest(0, 1)).total();
        assertThat(reader.post(base, form("name", "Sneaky")).status()).isEqualTo(403);
        assertThat(reader.post(base + "/" + client.id(), form("version", "1", "name", "Renamed")).status()).isEqualTo(403);
        assertThat(reader.post(base + "/" + client.id() + "/archive", form("version", "1")).status()).isEqualTo(403);
        assertThat(reader.post(base + "/" + client.id() + "/properties", form("street", "Planted 1")).status()).isEqualTo(403);
        assertThat(clients.list(c.system(), null, true, new Page.PageRequest(0, 1)).total()).isEqualTo(before);
        Client unchanged = clients.get(c.system(), client.id());
        assertThat(unchanged.name()).isEqualTo("Look Dont Touch");
        assertThat(unchanged.archived()).isFalse();
        assertThat(clients.properties(c.system(), client.id())).isEmpty();
    }

    @Test
    void anotherCompanysClientIsNotFoundInTheDashboard() {
        TestCompany other = fixtures.company("clients-web-other");
        Client theirs = clients.create(other.system(), new org.fieldstone.clients.NewClient("Elsewhere", null, null, null, null), null);
        assertThat(browser.get(base + "/" + theirs.id()).status()).isEqualTo(404);
        browser.get(base);
        assertThat(browser.post(base + "/" + theirs.id() + "/archive", form("version", "1")).status()).isEqualTo(404);
        assertThat(clients.get(other.system(), theirs.id()).archived()).isFalse();
    }

    @Test
    void everyClientsPageHasTheNavigationLinkAndNoInlineScriptOrStyle() {
        Client client = clients.create(c.system(), new org.fieldstone.clients.NewClient("Strict Page", null, null, null, null), null);
        for (String path : List.of(base, base + "/new", base + "/" + client.id(), base + "/" + client.id() + "/edit")) {
            String body = browser.get(path).body();
            assertThat(body).as(path).contains("href=\"/c/" + c.slug() + "/clients\"")
                    .doesNotContain("style=").doesNotContain("<style").doesNotContain("onclick").doesNotContain("??");
            assertThat(body.split("<script").length - 1).as(path).isEqualTo(2);
        }
    }

    @Test
    void coordinatesEnteredOnThePropertyFormAreSavedAndAuditedAndRefusedOutOfRangeHalfOrInAnotherCompany() {
        Client client = clients.create(c.system(), new org.fieldstone.clients.NewClient("Mapped Sites", null, null, null, null),
                new org.fieldstone.clients.NewProperty("Depot", "Ring 3", "Thun", null, "3600", null, null, null));
        Property depot = clients.properties(c.system(), client.id()).getFirst();
        String page = base + "/" + client.id();
        browser.get(page);

        Map<String, String> valid = propertyForm(depot, "1", "latitude", "46.7580");
        valid.put("longitude", "7.6280");
        assertThat(browser.post(page + "/properties/" + depot.id(), valid).status()).isEqualTo(302);
        Property saved = clients.property(c.system(), client.id(), depot.id());
        assertThat(saved.latitude()).isEqualByComparingTo("46.758");
        assertThat(saved.longitude()).isEqualByComparingTo("7.628");
        assertThat(saved.version()).isEqualTo(2);
        assertThat(clients.history(c.system(), client.id(), 5).getFirst().changes())
                .anySatisfy(ch -> assertThat(ch.field()).isEqualTo("longitude"));
        assertThat(browser.get(page).body()).contains("46.758, 7.628");

        Response outOfRange = browser.post(page + "/properties/" + depot.id(), propertyForm(saved, "2", "latitude", "91"));
        assertThat(outOfRange.status()).isEqualTo(400);
        assertThat(outOfRange.body()).contains("between -90 and 90").contains("value=\"91\"");
        Response half = browser.post(page + "/properties/" + depot.id(), propertyForm(saved, "2", "longitude", ""));
        assertThat(half.status()).isEqualTo(400);
        assertThat(half.body()).contains("id=\"property-" + depot.id() + "-longitude-error\"");
        assertThat(clients.property(c.system(), client.id(), depot.id())).isEqualTo(saved);

        TestCompany other = fixtures.company("clients-web-geo");
        Client theirs = clients.create(other.system(), new org.fieldstone.clients.NewClient("Far Away", null, null, null, null),
                new org.fieldstone.clients.NewProperty("Yard", "Far 1", "Chur", null, "7000", null, null, null));
        Property theirProperty = clients.properties(other.system(), theirs.id()).getFirst();
        assertThat(browser.post(base + "/" + theirs.id() + "/properties/" + theirProperty.id(),
                propertyForm(theirProperty, "1", "latitude", "1")).status()).isEqualTo(404);
        // nor under one's own client
        assertThat(browser.post(page + "/properties/" + theirProperty.id(),
                propertyForm(theirProperty, "1", "latitude", "1")).status()).isEqualTo(404);
        assertThat(clients.property(other.system(), theirs.id(), theirProperty.id()).version()).isEqualTo(1);
    }

    @Test
    void findOnMapFillsInTheCoordinatesTheGeocoderFoundForTheUserToSave() {
        TestGeocoder.platform().knows("Seefeldstrasse 88", "47.3552", "8.5565");
        Client client = clients.create(c.system(), new org.fieldstone.clients.NewClient("Geocoded", null, null, null, null),
                new org.fieldstone.clients.NewProperty("Block", "Seefeldstrasse 88", "Zürich", null, "8008", null, null, null));
        Property block = clients.properties(c.system(), client.id()).getFirst();
        String page = base + "/" + client.id();
        String shown = browser.get(page).body();
        assertThat(shown).contains("Find on map")
                .contains("formaction=\"/c/" + c.slug() + "/clients/" + client.id() + "/properties/" + block.id() + "/locate\"");

        // found: the form comes back with the coordinates, nothing saved yet
        Response found = browser.post(page + "/properties/" + block.id() + "/locate", propertyForm(block, "1", "label", "Block"));
        assertThat(found.status()).isEqualTo(200);
        assertThat(found.body()).contains("Found on the map").contains("value=\"47.3552\"").contains("value=\"8.5565\"");
        assertThat(clients.property(c.system(), client.id(), block.id()).latitude()).isNull();
        assertThat(TestGeocoder.platform().askedFor("Seefeldstrasse 88, 8008 Zürich")).isNotEmpty();
        // the user saves them: through the write path, versioned and audited
        Map<String, String> save = propertyForm(block, "1", "latitude", "47.3552");
        save.put("longitude", "8.5565");
        assertThat(browser.post(page + "/properties/" + block.id(), save).status()).isEqualTo(302);
        Property saved = clients.property(c.system(), client.id(), block.id());
        assertThat(saved.latitude()).isEqualByComparingTo("47.3552");
        assertThat(saved.version()).isEqualTo(2);

        // not found, a broken or a slow answer: a note, no error, nothing stored
        for (String street : List.of("Unknown Way 5", TestGeocoder.BROKEN + " 1", TestGeocoder.SLOW + " 9")) {
            Response missed = browser.post(page + "/properties/locate", form("label", "New", "street", street, "city", "Bern",
                    "postalCode", "3000", "country", "CH", "latitude", "", "longitude", ""));
            assertThat(missed.status()).as(street).isEqualTo(200);
            assertThat(missed.body()).as(street).contains("No location was found for this address")
                    .contains("value=\"" + street + "\"");
        }
        assertThat(clients.properties(c.system(), client.id())).hasSize(1);
        // a reload of the answer goes back to the client page
        assertThat(browser.get(page + "/properties/locate").status()).isEqualTo(302);

        // another company's client or property: not found, and nothing is asked
        TestCompany other = fixtures.company("clients-web-locate");
        Client theirs = clients.create(other.system(), new org.fieldstone.clients.NewClient("Not Yours", null, null, null, null),
                new org.fieldstone.clients.NewProperty("Yard", "Secret Lane 4", "Chur", null, "7000", null, null, null));
        Property theirProperty = clients.properties(other.system(), theirs.id()).getFirst();
        assertThat(browser.post(base + "/" + theirs.id() + "/properties/" + theirProperty.id() + "/locate",
                propertyForm(theirProperty, "1", "label", "Yard")).status()).isEqualTo(404);
        assertThat(browser.post(page + "/properties/" + theirProperty.id() + "/locate",
                propertyForm(theirProperty, "1", "label", "Yard")).status()).isEqualTo(404);
        assertThat(TestGeocoder.platform().askedFor("Secret Lane")).isEmpty();

        // a read-only member has no such button and is refused
        Https reader = new Https(port);
        reader.signIn(c.slug(), c.users.get(Role.READ_ONLY).email().value(), Fixtures.PASSWORD);
        assertThat(reader.get(page).body()).doesNotContain("Find on map");
        assertThat(reader.post(page + "/properties/locate", form("street", "Seefeldstrasse 88")).status()).isEqualTo(403);
    }

    // --- helpers

    Map<String, String> propertyForm(Property p, String version, String field, String value) {
        Map<String, String> f = form("version", version, "label", text(p.label()), "street", text(p.street()),
                "city", text(p.city()), "region", text(p.region()), "postalCode", text(p.postalCode()),
                "country", p.country(), "latitude", p.latitude() == null ? "" : p.latitude().toPlainString(),
                "longitude", p.longitude() == null ? "" : p.longitude().toPlainString());
        f.put(field, value);
        return f;
    }

    static String text(String s) {
        return s == null ? "" : s;
    }

    /** The other person's value shown beside a field of the conflict form. */
    static String theirs(String html, String field) {
        Matcher m = Pattern.compile("id=\"client-" + field + "-theirs\">\\s*<span>[^<]*</span>\\s*<strong>([^<]*)</strong>")
                .matcher(html);
        return m.find() ? HtmlUtils.htmlUnescape(m.group(1)) : null;
    }

    static String version(Response r) {
        Matcher m = VERSION.matcher(r.body());
        assertThat(m.find()).as("a version field in the form").isTrue();
        return m.group(1);
    }

    static Map<String, String> form(String... kv) {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put(kv[i], kv[i + 1]);
        }
        return m;
    }

    static String path(String location) {
        return location.replaceFirst("^https://[^/]+", "");
    }
}
