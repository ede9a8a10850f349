package org.fieldstone.identity.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.fieldstone.identity.Crew;
import org.fieldstone.identity.Crews;
import org.fieldstone.identity.User;
import org.fieldstone.shared.Role;
import org.fieldstone.support.Fixtures;
import org.fieldstone.support.Fixtures.TestCompany;
import org.fieldstone.support.Https;
import org.fieldstone.support.Https.Response;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.web.util.HtmlUtils;

/**
 * The crews section of the Team page over real HTTPS, as a browser submits its forms (with their CSRF token):
 * an admin creates, edits and deletes crews, a stale form saves nothing, and members without {@code team:manage}
 * see the crews but no form, and are refused when they post one anyway. Also the rest of the Team page: an
 * invitation for a taken email comes back as a field message, and no column header is empty.
 */
abstract class CrewsDashboardContract {

    @Autowired Fixtures fixtures;
    @Autowired Crews crews;
    @Autowired org.fieldstone.identity.Team teamMembers;
    @Value("${server.port}") int port;

    TestCompany c;
    User admin;
    User ann;
    User bob;
    String team;

    @BeforeEach
    void company() {
        c = fixtures.company("crews-web");
        admin = c.addUser(Role.ADMIN);
        ann = c.addUser(Role.USER);
        bob = c.addUser(Role.READ_ONLY);
        team = "/c/" + c.slug() + "/team";
    }

    @Test
    void anAdminCreatesACrewThroughTheFormAndSeesItWithItsMembers() {
        Https browser = signedIn(admin);
        Response page = browser.get(team);
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.body()).contains("id=\"crews\"", "action=\"" + team + "/crews\"", "No crews yet.");

        Response created = browser.post(team + "/crews", List.of(Map.entry("name", "  Night shift "),
                Map.entry("members", ann.id().toString()), Map.entry("members", bob.id().toString())));
        assertThat(created.status()).isEqualTo(302);
        assertThat(created.header("Location")).endsWith(team + "?crew=created#crews");
        Crew crew = crews.list(c.system()).stream().filter(x -> x.name().equals("Night shift")).findFirst().orElseThrow();
        assertThat(crew.members()).containsExactlyInAnyOrder(ann.id(), bob.id());

        Response shown = browser.get(team + "?crew=created");
        assertThat(shown.body()).contains("The crew was added.", "Night shift", HtmlUtils.htmlEscape(ann.name()))
                .contains("action=\"" + team + "/crews/" + crew.id() + "\"");
    }

    @Test
    void anInvalidCrewFormComesBackWithTheMessagesAndTheTickedMembers() {
        crews.create(c.system(), "Day shift", List.of());
        Https browser = signedIn(admin);
        browser.get(team);
        Response refused = browser.post(team + "/crews", List.of(Map.entry("name", "day SHIFT"),
                Map.entry("members", ann.id().toString())));
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.body()).contains("A crew called day SHIFT exists already.", "value=\"day SHIFT\"");
        assertThat(refused.body()).containsPattern("value=\"" + ann.id() + "\" checked");
        Response forged = browser.post(team + "/crews", List.of(Map.entry("name", "Forged"),
                Map.entry("members", UUID.randomUUID().toString()), Map.entry("members", "not-an-id")));
        assertThat(forged.status()).isEqualTo(400);
        assertThat(crews.list(c.system())).extracting(Crew::name).containsExactly("Day shift");
    }

    @Test
    void anAdminRenamesChangesMembersAndDeletesACrewAndAStaleFormSavesNothing() {
        Crew crew = crews.create(c.system(), "Roofers", List.of(ann.id()));
        Https browser = signedIn(admin);
        browser.get(team);
        Response saved = browser.post(team + "/crews/" + crew.id(), List.of(Map.entry("name", "Roof team"),
                Map.entry("members", bob.id().toString()), Map.entry("version", "1")));
        assertThat(saved.status()).isEqualTo(302);
        Crew now = crews.get(c.system(), crew.id());
        assertThat(now.name()).isEqualTo("Roof team");
        assertThat(now.members()).containsExactly(bob.id());
        assertThat(now.version()).isEqualTo(2);

        // a form loaded at version 1 meets the change above: nothing is saved, the user's values come back
        browser.get(team);
        Response stale = browser.post(team + "/crews/" + crew.id(), List.of(Map.entry("name", "Old name"),
                Map.entry("version", "1")));
        assertThat(stale.status()).isEqualTo(409);
        assertThat(stale.body()).contains("Someone else changed this crew while you were editing it.", "value=\"Old name\"",
                "name=\"version\" value=\"2\"");
        assertThat(crews.get(c.system(), crew.id()).name()).isEqualTo("Roof team");

        Response staleDelete = browser.post(team + "/crews/" + crew.id() + "/delete", Map.of("version", "1"));
        assertThat(staleDelete.status()).isEqualTo(409);
        assertThat(staleDelete.body()).contains("Someone else changed this crew meanwhile, so it was not deleted.");
        assertThat(crews.list(c.system())).hasSize(1);

        Response deleted = browser.post(team + "/crews/" + crew.id() + "/delete", Map.of("version", "2"));
        assertThat(deleted.status()).isEqualTo(302);
        assertThat(crews.list(c.system())).isEmpty();
        assertThat(browser.get(team + "?crew=deleted").body()).contains("The crew was deleted.");
    }

    @Test
    void aUserSeesTheCrewsButNoFormAndTheirPostsAreRefused() {
        Crew crew = crews.create(c.system(), "Plumbers", List.of(ann.id()));
        Https browser = signedIn(ann);
        Response page = browser.get(team);
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.body()).contains("Plumbers").doesNotContain("/team/crews").doesNotContain("Add a crew");

        assertThat(browser.post(team + "/crews", List.of(Map.entry("name", "Mine"))).status()).isEqualTo(403);
        assertThat(browser.post(team + "/crews/" + crew.id(), List.of(Map.entry("name", "Taken over"),
                Map.entry("version", "1"))).status()).isEqualTo(403);
        assertThat(browser.post(team + "/crews/" + crew.id() + "/delete", Map.of("version", "1")).status()).isEqualTo(403);
        assertThat(crews.list(c.system())).singleElement().satisfies(x -> {
            assertThat(x.name()).isEqualTo("Plumbers");
            assertThat(x.version()).isEqualTo(1);
        });
    }

    @Test
    void anInvitationForATakenEmailKeepsTheFormAsTypedWithTheMessageBesideTheEmail() {
        Https browser = signedIn(admin);
        browser.get(team);
        long before = teamMembers.list(c.system(), org.fieldstone.shared.Page.request(0, 1)).total();
        Response refused = browser.post(team, Map.of("email", ann.email().value(), "name", "Ann Again", "role", "READ_ONLY"));
        // the page itself under its own address (a reload is not a 405), the form as typed, the message at the email
        assertThat(refused.status()).isEqualTo(409);
        assertThat(refused.body()).contains("<h1>Team</h1>", "id=\"invite-name\" name=\"name\" value=\"Ann Again\"",
                "value=\"READ_ONLY\" selected");
        assertThat(refused.body()).containsPattern("id=\"invite-email\" name=\"email\" type=\"email\" value=\""
                + java.util.regex.Pattern.quote(HtmlUtils.htmlEscape(ann.email().value())) + "\"[^>]*>\\s*"
                + "<p class=\"field-error\">There is already a team member with the email ");
        assertThat(browser.get(team).status()).isEqualTo(200);
        assertThat(teamMembers.list(c.system(), org.fieldstone.shared.Page.request(0, 1)).total()).isEqualTo(before);
    }

    @Test
    void noTableHeaderOnTeamMyAccountOrApiKeysIsEmpty() {
        Https browser = signedIn(admin);
        for (String page : List.of(team, "/c/" + c.slug() + "/account", "/c/" + c.slug() + "/account/api-keys")) {
            Response shown = browser.get(page);
            assertThat(shown.status()).as(page).isEqualTo(200);
            assertThat(shown.body()).as(page).contains("<th").doesNotContainPattern("<th[^>]*>\\s*</th>");
        }
    }

    @Test
    void aCrewFormWithoutTheCsrfTokenIsRefused() {
        Https browser = signedIn(admin);
        assertThat(browser.postRaw(team + "/crews", Map.of("name", "No token")).status()).isEqualTo(403);
        assertThat(browser.postRaw(team + "/crews", Map.of("name", "Forged token", "_csrf", "forged")).status()).isEqualTo(403);
        assertThat(crews.list(c.system())).isEmpty();
    }

    private Https signedIn(User user) {
        Https browser = new Https(port);
        assertThat(browser.signIn(c.slug(), user.email().value(), Fixtures.PASSWORD).status()).isEqualTo(302);
        return browser;
    }
}
