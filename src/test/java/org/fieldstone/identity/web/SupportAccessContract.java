package org.fieldstone.identity.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.fieldstone.audit.AuditEntry;
import org.fieldstone.audit.AuditTrail;
import org.fieldstone.identity.Operators;
import org.fieldstone.identity.SupportAccess;
import org.fieldstone.identity.SupportAccess.Access;
import org.fieldstone.identity.User;
import org.fieldstone.shared.Actor;
import org.fieldstone.shared.Channel;
import org.fieldstone.shared.Forbidden;
import org.fieldstone.shared.Page;
import org.fieldstone.shared.Role;
import org.fieldstone.support.Authenticator;
import org.fieldstone.support.Fixtures;
import org.fieldstone.support.Fixtures.TestCompany;
import org.fieldstone.support.Https;
import org.fieldstone.support.Https.Response;
import org.fieldstone.support.TestClock;
import org.fieldstone.tenancy.CompanyDatabases;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;

/**
 * Operators see no company's data unless its owner grants support access (issue 17, seed 000), over real HTTPS: the
 * operator's own sign-in (password and TOTP code) and session, the owner's grant in Settings → Security, entering a
 * company under it, and every way around it refused.
 */
abstract class SupportAccessContract {

    @Autowired Fixtures fixtures;
    @Autowired Operators operators;
    @Autowired SupportAccess support;
    @Autowired AuditTrail audit;
    @Autowired CompanyDatabases databases;
    @Autowired TestClock clock;
    @Value("${server.port}") int port;

    TestCompany c;

    @BeforeEach
    void company() {
        c = fixtures.company("support");
    }

    @Test
    void anOperatorSignsInWithPasswordAndCodeOnlyOnceAndSeesCompaniesButNoData() {
        Operator x = operator();
        Https wrongCode = new Https(port);
        wrongCode.get("/operator/sign-in");
        Response refused = wrongCode.post("/operator/sign-in", Map.of("email", x.email, "password", Fixtures.PASSWORD,
                "code", Authenticator.code(x.secret, clock.instant().minus(Duration.ofMinutes(5)))));
        assertThat(refused.status()).isEqualTo(401);
        assertThat(refused.body()).contains("Email, password or code is incorrect.");
        assertThat(wrongCode.cookies()).doesNotContainKey(Operators.COOKIE);

        Https browser = signIn(x);
        String cookie = browser.cookie(Operators.COOKIE);
        assertThat(cookie).isNotBlank();
        Response home = browser.get("/operator");
        assertThat(home.status()).isEqualTo(200);
        assertThat(home.body()).contains(c.slug()).contains("No company has granted you support access.");

        // the same code a second time signs nobody in (replay)
        Https replay = new Https(port);
        replay.get("/operator/sign-in");
        assertThat(replay.post("/operator/sign-in", Map.of("email", x.email, "password", Fixtures.PASSWORD,
                "code", x.lastCode)).status()).isEqualTo(401);

        // without a grant: no company page, no entering, no API; the company does not even say it exists
        assertThat(browser.post("/operator/companies/" + c.slug() + "/enter", Map.of()).status()).isEqualTo(404);
        assertThat(browser.post("/operator/companies/no-such-company/enter", Map.of()).status()).isEqualTo(404);
        Response page = browser.get("/c/" + c.slug() + "/clients");
        assertThat(page.status()).isEqualTo(302);
        assertThat(page.header("Location")).endsWith("/c/" + c.slug() + "/login");
        Https api = new Https(port);
        api.setCookie(Operators.COOKIE, cookie);
        assertThat(api.get("/api/v1/clients").status()).isEqualTo(401);

        // signing out ends the session on the server
        browser.post("/operator/sign-out", Map.of());
        Https stolen = new Https(port);
        stolen.setCookie(Operators.COOKIE, cookie);
        assertThat(stolen.get("/operator").status()).isEqualTo(302);
    }

    @Test
    void underAReadOnlyGrantTheOperatorReadsButWritesAreRefusedAndTheOwnerSeesWhatSupportDid() {
        Operator x = operator();
        Https owner = new Https(port);
        owner.signIn(c.slug(), c.ownerEmail(), Fixtures.PASSWORD);
        owner.get(security());
        Response granted = owner.post(security() + "/support", Map.of("operator", x.email, "hours", "2", "access", "read-only"));
        assertThat(granted.status()).isEqualTo(302);

        Https browser = signIn(x);
        assertThat(browser.get("/operator").body()).contains("Support access granted to me").contains(c.company.name());
        assertThat(browser.get("/c/" + c.slug() + "/clients").status()).as("not yet entered").isEqualTo(302);
        Response entered = browser.post("/operator/companies/" + c.slug() + "/enter", Map.of());
        assertThat(entered.status()).isEqualTo(302);
        assertThat(entered.header("Location")).endsWith("/c/" + c.slug() + "/");

        Response clients = browser.get("/c/" + c.slug() + "/clients");
        assertThat(clients.status()).isEqualTo(200);
        assertThat(clients.body()).contains("Support: " + x.email);
        long before = clientCount();
        assertThat(browser.post("/c/" + c.slug() + "/clients", newClient("Read Only Attempt")).status()).isEqualTo(403);
        assertThat(clientCount()).isEqualTo(before);
        // owner-only pages stay closed
        assertThat(browser.get(security()).status()).isEqualTo(403);
        // signing out of the company leaves it: back to the operator pages, the company closed again
        browser.get("/c/" + c.slug() + "/clients");
        Response left = browser.post("/c/" + c.slug() + "/logout", Map.of());
        assertThat(left.status()).isEqualTo(302);
        assertThat(left.header("Location")).endsWith("/operator");
        assertThat(browser.get("/c/" + c.slug() + "/clients").status()).isEqualTo(302);
        assertThat(browser.get("/operator").status()).isEqualTo(200);

        Response settings = owner.get(security());
        assertThat(settings.body()).contains(x.email).contains("Active").contains("support.entered")
                .contains("Support: " + x.email);
    }

    @Test
    void aReadWriteGrantActsAsAnAuditedSupportAdminWithoutTheTeamKeysOrGrants() {
        Operator x = operator();
        support.grant(ownerActor(), x.email, Duration.ofHours(1), Access.READ_WRITE);
        Https browser = signIn(x);
        browser.post("/operator/companies/" + c.slug() + "/enter", Map.of());
        Response home = browser.get("/c/" + c.slug() + "/");
        assertThat(home.status()).isEqualTo(200);
        assertThat(home.body()).contains("Support: " + x.email);
        browser.get("/c/" + c.slug() + "/clients/new");

        long before = clientCount();
        assertThat(browser.post("/c/" + c.slug() + "/clients", newClient("Written By Support")).status()).isEqualTo(302);
        assertThat(clientCount()).isEqualTo(before + 1);
        AuditEntry written = audit.list(c.company.id(), databases.of(c.company.id()).jdbc(), new Page.PageRequest(0, 1))
                .items().getFirst();
        assertThat(written.entityType()).isEqualTo("client");
        assertThat(written.channel()).isEqualTo("support");
        assertThat(written.actorType()).isEqualTo("support");
        assertThat(written.actorName()).isEqualTo("Support: " + x.email);
        assertThat(written.actorId()).isEqualTo(x.id);

        // no team changes, no API keys, no support grants of its own
        assertThat(browser.post("/c/" + c.slug() + "/team", Map.of("email", "planted@x.example", "name", "Planted",
                "role", "OWNER")).status()).isEqualTo(403);
        assertThat(browser.post("/c/" + c.slug() + "/settings/security/support", Map.of("operator", x.email,
                "hours", "168", "access", "read-write")).status()).isEqualTo(403);
        assertThat(support.list(ownerActor())).hasSize(1);
    }

    @Test
    void revocationAndExpiryEndTheOperatorsAccessAtTheNextRequest() {
        Operator x = operator();
        SupportAccess.Grant revoked = support.grant(ownerActor(), x.email, Duration.ofHours(1), Access.READ_ONLY);
        Https browser = signIn(x);
        browser.post("/operator/companies/" + c.slug() + "/enter", Map.of());
        assertThat(browser.get("/c/" + c.slug() + "/clients").status()).isEqualTo(200);
        support.revoke(ownerActor(), revoked.id());
        assertThat(browser.get("/c/" + c.slug() + "/clients").status()).isEqualTo(302);
        assertThat(browser.post("/operator/companies/" + c.slug() + "/enter", Map.of()).status()).isEqualTo(404);

        support.grant(ownerActor(), x.email, Duration.ofHours(1), Access.READ_ONLY);
        assertThat(browser.post("/operator/companies/" + c.slug() + "/enter", Map.of()).status()).isEqualTo(302);
        // the operator's own session is kept alive meanwhile: only the grant ends
        clock.advance(Duration.ofMinutes(25));
        assertThat(browser.get("/c/" + c.slug() + "/clients").status()).isEqualTo(200);
        clock.advance(Duration.ofMinutes(25));
        assertThat(browser.get("/c/" + c.slug() + "/clients").status()).isEqualTo(200);
        clock.advance(Duration.ofMinutes(11));
        assertThat(browser.get("/c/" + c.slug() + "/clients").status()).isEqualTo(302);
        assertThat(browser.get("/operator").status()).isEqualTo(200);
        assertThat(support.list(ownerActor())).extracting(SupportAccess.Grant::state)
                .containsExactlyInAnyOrder(SupportAccess.State.EXPIRED, SupportAccess.State.REVOKED);
    }

    @Test
    void aGrantForOneOperatorLetsNoOtherOperatorInNorIntoAnotherCompany() {
        Operator x = operator();
        Operator y = operator();
        TestCompany other = fixtures.company("support-other");
        support.grant(ownerActor(), x.email, Duration.ofHours(1), Access.READ_WRITE);

        Https intruder = signIn(y);
        assertThat(intruder.post("/operator/companies/" + c.slug() + "/enter", Map.of()).status()).isEqualTo(404);
        assertThat(intruder.get("/c/" + c.slug() + "/clients").status()).isEqualTo(302);

        Https browser = signIn(x);
        browser.post("/operator/companies/" + c.slug() + "/enter", Map.of());
        assertThat(browser.get("/c/" + c.slug() + "/clients").status()).isEqualTo(200);
        assertThat(browser.get("/c/" + other.slug() + "/clients").status()).isEqualTo(302);
        assertThat(browser.post("/operator/companies/" + other.slug() + "/enter", Map.of()).status()).isEqualTo(404);
    }

    @Test
    void onlyTheOwnerGrantsForOneHourToSevenDaysAndCompanyUsersCannotReachOperatorPages() {
        Operator x = operator();
        User admin = c.addUser(Role.ADMIN);
        Https adminBrowser = new Https(port);
        adminBrowser.signIn(c.slug(), admin.email().value(), Fixtures.PASSWORD);
        adminBrowser.get("/c/" + c.slug() + "/clients");
        assertThat(adminBrowser.post(security() + "/support", Map.of("operator", x.email, "hours", "2",
                "access", "read-only")).status()).isEqualTo(403);
        Actor adminActor = new Actor(c.company.id(), java.util.Optional.of(admin.id()), admin.name(), Role.ADMIN,
                java.util.Optional.empty(), Channel.WEB, null, null);
        assertThatThrownBy(() -> support.grant(adminActor, x.email, Duration.ofHours(2), Access.READ_ONLY))
                .isInstanceOf(Forbidden.class);

        Https owner = new Https(port);
        owner.signIn(c.slug(), c.ownerEmail(), Fixtures.PASSWORD);
        owner.get(security());
        for (String hours : new String[] {"0", "169", "-1", "two"}) {
            Response r = owner.post(security() + "/support", Map.of("operator", x.email, "hours", hours, "access", "read-only"));
            assertThat(r.status()).as(hours).isEqualTo(400);
            assertThat(r.body()).contains("Grant support access for 1 to 168 hours.");
        }
        Response unknown = owner.post(security() + "/support", Map.of("operator", "nobody@example.test", "hours", "2",
                "access", "read-only"));
        assertThat(unknown.status()).isEqualTo(400);
        assertThat(unknown.body()).contains("There is no Fieldstone support person with this email.");
        assertThat(support.list(ownerActor())).isEmpty();

        // a company user's session is nothing on the operator pages
        Response operatorHome = owner.get("/operator");
        assertThat(operatorHome.status()).isEqualTo(302);
        assertThat(operatorHome.header("Location")).endsWith("/operator/sign-in");
    }

    // ---- helpers ------------------------------------------------------------------------------------------

    /** An operator account, its TOTP secret and the last code it used. */
    static final class Operator {
        String id;
        String email;
        String secret;
        String lastCode;
    }

    private Operator operator() {
        Operator o = new Operator();
        o.email = fixtures.uniqueSlug("ops") + "@example.test";
        Operators.Enrolment enrolment = operators.add(o.email, "Support Person", Fixtures.PASSWORD.toCharArray());
        o.id = enrolment.operator().id();
        o.secret = enrolment.secret();
        return o;
    }

    private Https signIn(Operator o) {
        Https browser = new Https(port);
        browser.get("/operator/sign-in");
        o.lastCode = Authenticator.code(o.secret, clock.instant());
        Response r = browser.post("/operator/sign-in", Map.of("email", o.email, "password", Fixtures.PASSWORD,
                "code", o.lastCode));
        assertThat(r.status()).as(r.body()).isEqualTo(302);
        assertThat(r.header("Location")).endsWith("/operator");
        browser.get("/operator");
        return browser;
    }

    private Actor ownerActor() {
        User owner = c.owner();
        return new Actor(c.company.id(), java.util.Optional.of(owner.id()), owner.name(), Role.OWNER,
                java.util.Optional.empty(), Channel.WEB, null, null);
    }

    private String security() {
        return "/c/" + c.slug() + "/settings/security";
    }

    private long clientCount() {
        return databases.of(c.company.id()).jdbc().sql("SELECT COUNT(*) FROM clients").query(Long.class).single();
    }

    private static Map<String, String> newClient(String name) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("name", name);
        for (String field : new String[] {"email", "phone", "notes", "tags", "label", "street", "postalCode", "city",
                "region", "country", "latitude", "longitude"}) {
            form.put(field, "");
        }
        return form;
    }
}
