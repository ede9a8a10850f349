package org.fieldstone.identity.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.fieldstone.identity.Sessions;
import org.fieldstone.identity.Team;
import org.fieldstone.identity.User;
import org.fieldstone.shared.Actor;
import org.fieldstone.shared.Channel;
import org.fieldstone.shared.EmailAddress;
import org.fieldstone.shared.Page;
import org.fieldstone.shared.Role;
import org.fieldstone.support.Fixtures;
import org.fieldstone.support.Fixtures.TestCompany;
import org.fieldstone.support.Https;
import org.fieldstone.support.Https.Response;
import org.fieldstone.support.TestClock;
import org.fieldstone.tenancy.Companies;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.web.util.HtmlUtils;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;

/**
 * Dashboard sign-in and sessions (SPEC §3.7) over real HTTPS: cookie attributes, fixation, idle and
 * absolute expiry, logout, deactivation, CSRF, throttling, and a session that is useless at another
 * company's address.
 */
abstract class DashboardSessionContract {

    static final String WRONG = "Email or password is incorrect.";

    @Autowired Fixtures fixtures;
    @Autowired Team team;
    @Autowired Companies companies;
    @Autowired TestClock clock;
    @Value("${server.port}") int port;

    TestCompany c;
    Https browser;

    @BeforeEach
    void company() {
        c = fixtures.company("web");
        browser = new Https(port);
    }

    @Test
    void signingInSetsAHostPrefixedSecureHttpOnlyLaxCookieAndLandsOnTheHomePage() {
        Response r = browser.signIn(c.slug(), c.ownerEmail(), Fixtures.PASSWORD);
        assertThat(r.status()).isEqualTo(302);
        assertThat(r.header("Location")).endsWith("/c/" + c.slug() + "/");
        String cookie = r.setCookies().stream().filter(s -> s.startsWith(Sessions.COOKIE + "=")).findFirst().orElseThrow();
        assertThat(cookie).contains("Path=/", "Secure", "HttpOnly", "SameSite=Lax").doesNotContain("Domain");
        assertThat(cookie).startsWith("__Host-");

        Response home = browser.get("/c/" + c.slug() + "/");
        assertThat(home.status()).isEqualTo(200);
        assertThat(home.body()).contains("Owner of " + c.slug());
        assertThat(home.setCookies()).noneMatch(h -> h.startsWith("JSESSIONID"));
    }

    @Test
    void signingInAlwaysIssuesANewSessionId() {
        browser.signIn(c.slug(), c.ownerEmail(), Fixtures.PASSWORD);
        String first = browser.cookie(Sessions.COOKIE);
        // an attacker-planted or older session id is never adopted
        browser.signIn(c.slug(), c.ownerEmail(), Fixtures.PASSWORD);
        String second = browser.cookie(Sessions.COOKIE);
        assertThat(second).isNotEqualTo(first);

        Https planted = new Https(port);
        planted.setCookie(Sessions.COOKIE, c.company.id().compact() + "." + "A".repeat(43));
        planted.signIn(c.slug(), c.ownerEmail(), Fixtures.PASSWORD);
        assertThat(planted.cookie(Sessions.COOKIE)).doesNotEndWith("A".repeat(43));
    }

    @Test
    void aSessionEndsAfterThirtyIdleMinutesButActivityKeepsItAlive() {
        browser.signIn(c.slug(), c.ownerEmail(), Fixtures.PASSWORD);
        clock.advance(Duration.ofMinutes(20));
        assertThat(browser.get("/c/" + c.slug() + "/team").status()).isEqualTo(200);
        clock.advance(Duration.ofMinutes(20));
        assertThat(browser.get("/c/" + c.slug() + "/team").status()).isEqualTo(200);
        clock.advance(Duration.ofMinutes(31));
        Response expired = browser.get("/c/" + c.slug() + "/team");
        assertThat(expired.status()).isEqualTo(302);
        assertThat(expired.header("Location")).endsWith("/c/" + c.slug() + "/login");
    }

    @Test
    void aSessionEndsAfterTwelveHoursHoweverActive() {
        browser.signIn(c.slug(), c.ownerEmail(), Fixtures.PASSWORD);
        for (int i = 0; i < 28; i++) {
            clock.advance(Duration.ofMinutes(25));
            assertThat(browser.get("/c/" + c.slug() + "/").status()).as("after %d minutes", (i + 1) * 25).isEqualTo(200);
        }
        clock.advance(Duration.ofMinutes(25));
        assertThat(browser.get("/c/" + c.slug() + "/").status()).isEqualTo(302);
    }

    @Test
    void signingOutEndsTheSessionOnTheServer() {
        browser.signIn(c.slug(), c.ownerEmail(), Fixtures.PASSWORD);
        String stolen = browser.cookie(Sessions.COOKIE);
        browser.get("/c/" + c.slug() + "/");
        Response out = browser.post("/c/" + c.slug() + "/logout", Map.of());
        assertThat(out.status()).isEqualTo(302);
        assertThat(out.header("Location")).endsWith("/c/" + c.slug() + "/login?notice=signedOut");

        Https replay = new Https(port);
        replay.setCookie(Sessions.COOKIE, stolen);
        assertThat(replay.get("/c/" + c.slug() + "/").status()).isEqualTo(302);
    }

    @Test
    void aDeactivatedUserIsSignedOutAtOnceAndCannotSignInAgain() {
        User tech = c.addUser(Role.USER);
        browser.signIn(c.slug(), tech.email().value(), Fixtures.PASSWORD);
        assertThat(browser.get("/c/" + c.slug() + "/").status()).isEqualTo(200);

        team.setActive(c.system(), tech.id(), false);
        assertThat(browser.get("/c/" + c.slug() + "/").status()).isEqualTo(302);
        Response again = new Https(port).signIn(c.slug(), tech.email().value(), Fixtures.PASSWORD);
        assertThat(again.status()).isEqualTo(401);
        assertThat(again.body()).contains(WRONG);
    }

    @Test
    void stateChangingRequestsWithoutTheCsrfTokenAreRefusedAndChangeNothing() {
        browser.signIn(c.slug(), c.ownerEmail(), Fixtures.PASSWORD);
        long before = team.list(c.system(), new Page.PageRequest(0, 1)).total();
        Response missing = browser.postRaw("/c/" + c.slug() + "/team",
                Map.of("email", "csrf@x.example", "name", "CSRF", "role", "ADMIN"));
        assertThat(missing.status()).isEqualTo(403);
        Response forged = browser.postRaw("/c/" + c.slug() + "/team",
                Map.of("email", "csrf@x.example", "name", "CSRF", "role", "ADMIN", "_csrf", "forged-token"));
        assertThat(forged.status()).isEqualTo(403);
        assertThat(team.list(c.system(), new Page.PageRequest(0, 1)).total()).isEqualTo(before);

        browser.get("/c/" + c.slug() + "/team");
        assertThat(browser.post("/c/" + c.slug() + "/team",
                Map.of("email", "csrf@x.example", "name", "CSRF", "role", "ADMIN")).status()).isEqualTo(200);
        assertThat(team.list(c.system(), new Page.PageRequest(0, 1)).total()).isEqualTo(before + 1);
    }

    @Test
    void theSameMessageWhetherTheEmailExistsOrNot() {
        Response wrongPassword = browser.signIn(c.slug(), c.ownerEmail(), "not the right password");
        Response noSuchUser = new Https(port).signIn(c.slug(), "nobody@" + c.slug() + ".example", "not the right password");
        assertThat(wrongPassword.status()).isEqualTo(401);
        assertThat(noSuchUser.status()).isEqualTo(401);
        assertThat(wrongPassword.body()).contains(WRONG);
        assertThat(noSuchUser.body()).contains(WRONG);
        assertThat(alert(wrongPassword)).isEqualTo(alert(noSuchUser)).isEqualTo(WRONG);
    }

    @Test
    void repeatedFailuresLockTheAccountForAWhileExistingOrNot() {
        for (int i = 0; i < 5; i++) {
            browser.signIn(c.slug(), c.ownerEmail(), "wrong password " + i);
        }
        Response locked = browser.signIn(c.slug(), c.ownerEmail(), Fixtures.PASSWORD);
        assertThat(locked.status()).isEqualTo(429);
        assertThat(locked.body()).contains("Too many failed attempts");
        assertThat(locked.header("Retry-After")).isNotNull();

        String ghost = "ghost@" + c.slug() + ".example";
        for (int i = 0; i < 5; i++) {
            browser.signIn(c.slug(), ghost, "wrong password " + i);
        }
        assertThat(browser.signIn(c.slug(), ghost, "wrong password x").status()).isEqualTo(429);

        clock.advance(Duration.ofMinutes(2));
        assertThat(browser.signIn(c.slug(), c.ownerEmail(), Fixtures.PASSWORD).status()).isEqualTo(302);
    }

    @Test
    void aSessionOfOneCompanyIsUselessAtAnotherCompanysAddress() {
        TestCompany other = fixtures.company("web-other");
        browser.signIn(c.slug(), c.ownerEmail(), Fixtures.PASSWORD);
        assertThat(browser.get("/c/" + c.slug() + "/team").status()).isEqualTo(200);
        Response elsewhere = browser.get("/c/" + other.slug() + "/team");
        assertThat(elsewhere.status()).isEqualTo(302);
        assertThat(elsewhere.header("Location")).endsWith("/c/" + other.slug() + "/login");
        assertThat(browser.get("/c/" + other.slug() + "/").status()).isEqualTo(302);
    }

    @Test
    void changingThePasswordEndsEveryOtherSession() {
        User user = c.addUser(Role.ADMIN);
        Https laptop = new Https(port);
        laptop.signIn(c.slug(), user.email().value(), Fixtures.PASSWORD);
        browser.signIn(c.slug(), user.email().value(), Fixtures.PASSWORD);
        browser.get("/c/" + c.slug() + "/account");

        Response wrongCurrent = browser.post("/c/" + c.slug() + "/account/password", Map.of("currentPassword", "nope nope nope",
                "newPassword", "a brand new long passphrase", "confirmPassword", "a brand new long passphrase"));
        assertThat(wrongCurrent.status()).isEqualTo(400);
        assertThat(wrongCurrent.body()).contains("current password is not correct");

        Response changed = browser.post("/c/" + c.slug() + "/account/password", Map.of("currentPassword", Fixtures.PASSWORD,
                "newPassword", "a brand new long passphrase", "confirmPassword", "a brand new long passphrase"));
        assertThat(changed.status()).isEqualTo(302);
        assertThat(browser.get("/c/" + c.slug() + "/account").status()).isEqualTo(200);
        assertThat(laptop.get("/c/" + c.slug() + "/account").status()).isEqualTo(302);
        assertThat(new Https(port).signIn(c.slug(), user.email().value(), "a brand new long passphrase").status()).isEqualTo(302);
    }

    @Test
    void aSuspendedCompanyIsRefusedEverywhere() {
        browser.signIn(c.slug(), c.ownerEmail(), Fixtures.PASSWORD);
        companies.suspend(c.slug(), Actor.system(c.company.id(), Channel.CLI));
        try {
            assertThat(browser.get("/c/" + c.slug() + "/").status()).isEqualTo(302);
            assertThat(browser.get("/c/" + c.slug() + "/login").status()).isEqualTo(404);
            // the login form of a suspended company is not served, so a sign-in has no CSRF token either
            assertThat(new Https(port).signIn(c.slug(), c.ownerEmail(), Fixtures.PASSWORD).status()).isIn(403, 404);
        } finally {
            companies.resume(c.slug(), Actor.system(c.company.id(), Channel.CLI));
        }
        assertThat(new Https(port).signIn(c.slug(), c.ownerEmail(), Fixtures.PASSWORD).status()).isEqualTo(302);
    }

    @Test
    void anInvitationLinkSetsAPasswordOnceAndOnlyOnce() {
        Team.Invitation invitation = team.invite(c.system(), new EmailAddress("new@" + c.slug() + ".example"), "Nina New", Role.USER);
        String link = "/c/" + c.slug() + "/invite/" + invitation.token();
        Response form = browser.get(link);
        assertThat(form.status()).isEqualTo(200);
        assertThat(form.body()).contains("password");

        Response common = browser.post(link, Map.of("password", "password1234", "confirm", "password1234"));
        assertThat(common.status()).isEqualTo(400);
        assertThat(common.body()).contains("commonly used");
        Response mismatch = browser.post(link, Map.of("password", "river stone 48 blue", "confirm", "river stone 48 bleu"));
        assertThat(mismatch.status()).isEqualTo(400);

        Response set = browser.post(link, Map.of("password", "river stone 48 blue", "confirm", "river stone 48 blue"));
        assertThat(set.status()).isEqualTo(302);
        assertThat(set.header("Location")).contains("notice=passwordSet");
        assertThat(browser.get(link).status()).isEqualTo(404);
        assertThat(new Https(port).post(link, Map.of("password", "attacker chosen 1234", "confirm", "attacker chosen 1234"))
                .status()).isIn(403, 404);
        assertThat(new Https(port).signIn(c.slug(), "new@" + c.slug() + ".example", "river stone 48 blue").status()).isEqualTo(302);
    }

    @Test
    void onlyOwnersAndAdminsManageTheTeamInTheDashboard() {
        User reader = c.addUser(Role.READ_ONLY);
        User tech = c.addUser(Role.USER);
        Https readerBrowser = new Https(port);
        readerBrowser.signIn(c.slug(), reader.email().value(), Fixtures.PASSWORD);
        Response page = readerBrowser.get("/c/" + c.slug() + "/team");
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.body()).doesNotContain("/deactivate");
        // names and roles, but nobody's email address: that is for whoever manages the team
        assertThat(page.body()).contains(HtmlUtils.htmlEscape(tech.name())).doesNotContain(tech.email().value())
                .doesNotContain(c.ownerEmail());
        Response refused = readerBrowser.post("/c/" + c.slug() + "/team/" + tech.id() + "/deactivate", Map.of());
        assertThat(refused.status()).isEqualTo(403);
        assertThat(team.get(c.system(), tech.id()).active()).isTrue();

        Https techBrowser = new Https(port);
        techBrowser.signIn(c.slug(), tech.email().value(), Fixtures.PASSWORD);
        Response techView = techBrowser.get("/c/" + c.slug() + "/team");
        assertThat(techView.status()).isEqualTo(200);
        assertThat(techView.body()).doesNotContain("/role\"").doesNotContain("Add a team member")
                .doesNotContain(reader.email().value()).doesNotContain(c.ownerEmail());
        assertThat(techBrowser.post("/c/" + c.slug() + "/team/" + reader.id() + "/role", Map.of("role", "OWNER")).status())
                .isEqualTo(403);
        assertThat(team.get(c.system(), reader.id()).role()).isEqualTo(Role.READ_ONLY);

        browser.signIn(c.slug(), c.ownerEmail(), Fixtures.PASSWORD);
        assertThat(browser.get("/c/" + c.slug() + "/team").body()).contains(tech.email().value())
                .contains(reader.email().value());
        Response done = browser.post("/c/" + c.slug() + "/team/" + tech.id() + "/role", Map.of("role", "ADMIN"));
        assertThat(done.status()).isEqualTo(302);
        assertThat(team.get(c.system(), tech.id()).role()).isEqualTo(Role.ADMIN);
    }

    @Test
    void teamChangesAreAudited() {
        User tech = c.addUser(Role.USER);
        team.changeRole(c.system(), tech.id(), Role.READ_ONLY);
        team.setActive(c.system(), tech.id(), false);
        var owner = new Actor(c.company.id(), Optional.of(c.owner().id()), "o", Role.OWNER, Optional.empty(), Channel.WEB, null, null);
        var actions = auditActions(owner);
        assertThat(actions).contains("user.created", "user.role_changed", "user.deactivated");
    }

    @Test
    void signInsAreAuditedWithWhoWhenAndWhere() {
        new Https(port).signIn(c.slug(), c.ownerEmail(), "not the right password");
        new Https(port).signIn(c.slug(), c.ownerEmail(), Fixtures.PASSWORD);
        var entries = audit.list(c.company.id(), databases.of(c.company.id()).jdbc(), new Page.PageRequest(0, 50)).items();
        var failed = entries.stream().filter(e -> e.action().equals("login.failed")).findFirst().orElseThrow();
        assertThat(failed.ip()).isEqualTo("127.0.0.1");
        assertThat(failed.channel()).isEqualTo("web");
        assertThat(failed.entityId()).isEqualTo(c.owner().id().toString());
        assertThat(failed.changes()).extracting(org.fieldstone.audit.AuditRecord.Change::after).contains(c.ownerEmail());
        var succeeded = entries.stream().filter(e -> e.action().equals("login.succeeded")).findFirst().orElseThrow();
        assertThat(succeeded.actorId()).isEqualTo(c.owner().id().toString());
        assertThat(succeeded.ip()).isEqualTo("127.0.0.1");
        assertThat(succeeded.at()).isBeforeOrEqualTo(clock.instant());
        assertThat(succeeded.userAgent()).isNotBlank();
    }

    @Test
    void whateverIsTypedIntoTheEmailFieldIsNotKeptInTheAuditTrail() {
        new Https(port).signIn(c.slug(), "MySecretPassw0rd!isHere", "whatever it is 123");
        var failed = audit.list(c.company.id(), databases.of(c.company.id()).jdbc(), new Page.PageRequest(0, 50)).items().stream()
                .filter(e -> e.action().equals("login.failed")).toList();
        assertThat(failed).isNotEmpty();
        assertThat(failed).allSatisfy(e -> {
            assertThat(e.entityId()).isNull();
            assertThat(e.changes()).isEmpty();
        });
    }

    @Test
    void signingInEndsTheSessionTheBrowserHeldBefore() {
        browser.signIn(c.slug(), c.ownerEmail(), Fixtures.PASSWORD);
        String before = browser.cookie(Sessions.COOKIE);
        String csrfBefore = browser.cookie("__Host-fs_csrf");
        browser.signIn(c.slug(), c.ownerEmail(), Fixtures.PASSWORD);
        Https old = new Https(port);
        old.setCookie(Sessions.COOKIE, before);
        assertThat(old.get("/c/" + c.slug() + "/").status()).isEqualTo(302);
        assertThat(browser.get("/c/" + c.slug() + "/").status()).isEqualTo(200);
        assertThat(browser.cookie("__Host-fs_csrf")).isNotEqualTo(csrfBefore);
    }

    @Test
    void signInAndSignOutNeedTheCsrfTokenToo() {
        Https fresh = new Https(port);
        assertThat(fresh.postRaw("/c/" + c.slug() + "/login", Map.of("email", c.ownerEmail(), "password", Fixtures.PASSWORD))
                .status()).isEqualTo(403);
        assertThat(fresh.cookie(Sessions.COOKIE)).isNull();
        browser.signIn(c.slug(), c.ownerEmail(), Fixtures.PASSWORD);
        assertThat(browser.postRaw("/c/" + c.slug() + "/logout", Map.of()).status()).isEqualTo(403);
        assertThat(browser.get("/c/" + c.slug() + "/").status()).isEqualTo(200);
    }

    @Test
    void htmxRequestsCarryTheTokenInAHeader() {
        browser.signIn(c.slug(), c.ownerEmail(), Fixtures.PASSWORD);
        Response page = browser.get("/c/" + c.slug() + "/team");
        var m = java.util.regex.Pattern.compile("name=\"csrf-token\" content=\"([^\"]+)\"").matcher(page.body());
        var h = java.util.regex.Pattern.compile("name=\"csrf-header\" content=\"([^\"]+)\"").matcher(page.body());
        assertThat(m.find() && h.find()).isTrue();
        long before = team.list(c.system(), new Page.PageRequest(0, 1)).total();
        Response withHeader = browser.send(java.net.http.HttpRequest.newBuilder(browser.uri("/c/" + c.slug() + "/team"))
                .header("Content-Type", "application/x-www-form-urlencoded").header("HX-Request", "true")
                .header(h.group(1), m.group(1))
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString("email=htmx%40x.example&name=H&role=USER")));
        assertThat(withHeader.status()).isEqualTo(200);
        Response without = browser.send(java.net.http.HttpRequest.newBuilder(browser.uri("/c/" + c.slug() + "/team"))
                .header("Content-Type", "application/x-www-form-urlencoded").header("HX-Request", "true")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString("email=htmx2%40x.example&name=H&role=USER")));
        assertThat(without.status()).isEqualTo(403);
        assertThat(team.list(c.system(), new Page.PageRequest(0, 1)).total()).isEqualTo(before + 1);
    }

    @Test
    void credentialsAreStoredOnlyAsHashes() {
        browser.signIn(c.slug(), c.ownerEmail(), Fixtures.PASSWORD);
        String secret = browser.cookie(Sessions.COOKIE).substring(33);
        String key = c.apiKey(c.owner(), Optional.empty());
        var invitation = team.invite(c.system(), new EmailAddress("hash@" + c.slug() + ".example"), "H", Role.USER);
        var jdbc = databases.of(c.company.id()).jdbc();
        String everything = String.join("\n",
                jdbc.sql("SELECT id_hash FROM sessions").query(String.class).list())
                + jdbc.sql("SELECT key_hash || hint || name FROM api_keys").query(String.class).list()
                + jdbc.sql("SELECT token_hash FROM invitations").query(String.class).list()
                + jdbc.sql("SELECT COALESCE(password_hash, '') FROM users").query(String.class).list()
                + jdbc.sql("SELECT changes FROM audit_log").query(String.class).list();
        assertThat(everything).doesNotContain(secret).doesNotContain(key.substring(4 + 33))
                .doesNotContain(invitation.token()).doesNotContain(Fixtures.PASSWORD);
        // the stored hashes are secrets of the write path: never in an audit entry's before or after values
        String trail = String.join("\n", jdbc.sql("SELECT changes FROM audit_log").query(String.class).list());
        assertThat(trail).doesNotContain("key_hash").doesNotContain("password_hash");
        jdbc.sql("SELECT key_hash FROM api_keys").query(String.class).list().forEach(h -> assertThat(trail).doesNotContain(h));
        jdbc.sql("SELECT password_hash FROM users WHERE password_hash IS NOT NULL").query(String.class).list()
                .forEach(h -> assertThat(trail).doesNotContain(h));
    }

    @Test
    void aUserSeesTheirSessionsAndSignsOutOneOrAllOthers() {
        User user = c.addUser(Role.USER);
        Https phone = new Https(port);
        Https laptop = new Https(port);
        phone.signIn(c.slug(), user.email().value(), Fixtures.PASSWORD);
        laptop.signIn(c.slug(), user.email().value(), Fixtures.PASSWORD);
        browser.signIn(c.slug(), user.email().value(), Fixtures.PASSWORD);

        Response page = browser.get("/c/" + c.slug() + "/account");
        assertThat(page.status()).isEqualTo(200);
        var ids = java.util.regex.Pattern.compile("data-session=\"([0-9a-f]{64})\"").matcher(page.body()).results()
                .map(r -> r.group(1)).toList();
        assertThat(ids).hasSize(3);
        assertThat(page.body()).contains("(this device)").contains("Java HTTP client");
        String phoneId = Secrets256.idOf(phone.cookie(Sessions.COOKIE));
        assertThat(ids).contains(phoneId);

        assertThat(browser.post("/c/" + c.slug() + "/account/sessions/" + phoneId + "/revoke", Map.of()).status()).isEqualTo(302);
        assertThat(phone.get("/c/" + c.slug() + "/").status()).isEqualTo(302);
        assertThat(laptop.get("/c/" + c.slug() + "/").status()).isEqualTo(200);

        browser.get("/c/" + c.slug() + "/account");
        assertThat(browser.post("/c/" + c.slug() + "/account/sessions/revoke-others", Map.of()).status()).isEqualTo(302);
        assertThat(laptop.get("/c/" + c.slug() + "/").status()).isEqualTo(302);
        assertThat(browser.get("/c/" + c.slug() + "/account").status()).isEqualTo(200);
    }

    @Test
    void aUserCannotEndSomeoneElsesSession() {
        User other = c.addUser(Role.ADMIN);
        Https victim = new Https(port);
        victim.signIn(c.slug(), other.email().value(), Fixtures.PASSWORD);
        User user = c.addUser(Role.USER);
        browser.signIn(c.slug(), user.email().value(), Fixtures.PASSWORD);
        browser.get("/c/" + c.slug() + "/account");
        String victimId = Secrets256.idOf(victim.cookie(Sessions.COOKIE));
        assertThat(browser.post("/c/" + c.slug() + "/account/sessions/" + victimId + "/revoke", Map.of()).status()).isEqualTo(404);
        assertThat(victim.get("/c/" + c.slug() + "/").status()).isEqualTo(200);
    }

    @Test
    void anAdminEndsEverySessionOfAMemberButNotOfAnOwner() {
        User tech = c.addUser(Role.USER);
        Https techPhone = new Https(port);
        techPhone.signIn(c.slug(), tech.email().value(), Fixtures.PASSWORD);
        Https ownerLaptop = new Https(port);
        ownerLaptop.signIn(c.slug(), c.ownerEmail(), Fixtures.PASSWORD);
        User admin = c.addUser(Role.ADMIN);
        browser.signIn(c.slug(), admin.email().value(), Fixtures.PASSWORD);
        browser.get("/c/" + c.slug() + "/team");

        assertThat(browser.post("/c/" + c.slug() + "/team/" + tech.id() + "/end-sessions", Map.of()).status()).isEqualTo(302);
        assertThat(techPhone.get("/c/" + c.slug() + "/").status()).isEqualTo(302);
        assertThat(browser.post("/c/" + c.slug() + "/team/" + c.owner().id() + "/end-sessions", Map.of()).status()).isEqualTo(403);
        assertThat(ownerLaptop.get("/c/" + c.slug() + "/").status()).isEqualTo(200);
        var actions = audit.list(c.company.id(), databases.of(c.company.id()).jdbc(), new Page.PageRequest(0, 20)).items().stream()
                .map(org.fieldstone.audit.AuditEntry::action).toList();
        assertThat(actions).contains("sessions.ended");
    }

    /** The stored id of a session: SHA-256 (hex) of the cookie's secret part. */
    static final class Secrets256 {
        static String idOf(String cookie) {
            try {
                byte[] d = java.security.MessageDigest.getInstance("SHA-256")
                        .digest(cookie.substring(33).getBytes(java.nio.charset.StandardCharsets.UTF_8));
                return java.util.HexFormat.of().formatHex(d);
            } catch (java.security.NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    @Test
    void errorPagesLeakNothing() {
        Response missing = browser.get("/no/such/page");
        assertThat(missing.status()).isEqualTo(404);
        assertThat(missing.body()).doesNotContainIgnoringCase("exception").doesNotContain("org.fieldstone").doesNotContain("at ");
        Response unknownCompany = browser.get("/c/no-such-company-here/login");
        assertThat(unknownCompany.status()).isEqualTo(404);
        assertThat(unknownCompany.body()).doesNotContainIgnoringCase("exception");
    }

    private static String alert(Response r) {
        var m = java.util.regex.Pattern.compile("<p class=\"error\" role=\"alert\">([^<]*)</p>").matcher(r.body());
        return m.find() ? m.group(1) : null;
    }

    @Autowired org.fieldstone.audit.AuditTrail audit;
    @Autowired org.fieldstone.tenancy.CompanyDatabases databases;

    private java.util.List<String> auditActions(Actor actor) {
        return audit.list(actor.tenant(), databases.of(actor.tenant()).jdbc(), new Page.PageRequest(0, 200)).items().stream()
                .map(org.fieldstone.audit.AuditEntry::action).toList();
    }
}
