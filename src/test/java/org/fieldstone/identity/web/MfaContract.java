package org.fieldstone.identity.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.read.ListAppender;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.fieldstone.audit.AuditEntry;
import org.fieldstone.audit.AuditRecord;
import org.fieldstone.audit.AuditTrail;
import org.fieldstone.identity.ApiKeys;
import org.fieldstone.identity.MultiFactor;
import org.fieldstone.identity.Sessions;
import org.fieldstone.identity.SignedIn;
import org.fieldstone.identity.User;
import org.fieldstone.shared.Actor;
import org.fieldstone.shared.Channel;
import org.fieldstone.shared.Conflict;
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
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;

/**
 * Two-step verification (SPEC §3.7, seed 001) over real HTTPS: enrolment with a QR code and a confirming code,
 * the second sign-in step (±1 step, each code once, throttled like passwords), recovery codes, turning it off,
 * the half-signed-in state that reaches nothing else, the company policy, API keys, and no secret in the audit
 * trail or the logs. Codes are computed from the secret shown on the page, as an authenticator app would.
 */
abstract class MfaContract {

    @Autowired Fixtures fixtures;
    @Autowired TestClock clock;
    @Autowired MultiFactor mfa;
    @Autowired ApiKeys apiKeys;
    @Autowired AuditTrail audit;
    @Autowired CompanyDatabases databases;
    @Value("${server.port}") int port;

    TestCompany c;

    @BeforeEach
    void company() {
        c = fixtures.company("mfa");
    }

    // enrolment

    @Test
    void enrolmentShowsAQrCodeAndTheSecretAndTurnsOnOnlyWithAValidCode() {
        Https browser = signedIn(c.ownerEmail());
        Response page = browser.get(path("/account/mfa"));
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.body()).contains("<img class=\"qr\" id=\"mfa-qr\" src=\"data:image/svg+xml;base64,");
        String secret = Authenticator.secretOn(page.body());
        assertThat(secret).matches("[A-Z2-7]{32}");
        // the page shows the same secret again while this enrolment is pending (a reload does not change the QR code)
        assertThat(Authenticator.secretOn(browser.get(path("/account/mfa")).body())).isEqualTo(secret);

        String wrong = Authenticator.code(secret, clock.instant().minus(Duration.ofMinutes(5)));
        Response refused = browser.post(path("/account/mfa"), Map.of("code", wrong));
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.body()).contains("does not match");
        assertThat(status().enabled()).isFalse();

        String before = browser.cookie(Sessions.COOKIE);
        Response done = browser.post(path("/account/mfa"), Map.of("code", Authenticator.code(secret, clock.instant())));
        assertThat(done.status()).isEqualTo(200);
        assertThat(Authenticator.recoveryCodesOn(done.body())).hasSize(10).doesNotHaveDuplicates();
        assertThat(status().enabled()).isTrue();
        assertThat(status().recoveryCodesLeft()).isEqualTo(10);
        // a new session id for the session that now proved the second factor; the old id is dead
        assertThat(browser.cookie(Sessions.COOKIE)).isNotEqualTo(before);
        assertThat(withSession(before).get(path("/account")).status()).isEqualTo(302);
        Response account = browser.get(path("/account"));
        assertThat(account.status()).isEqualTo(200);
        assertThat(account.body()).contains("On since").contains("10 unused recovery codes left");
        assertThat(actions()).contains("mfa.enrolled");
        // enrolled already: a second enrolment is refused until it is turned off
        assertThat(browser.get(path("/account/mfa")).status()).isEqualTo(302);
    }

    @Test
    void enrollingEndsTheSessionsThatOnlyKnewThePassword() {
        Https laptop = signedIn(c.ownerEmail());
        enrol(c.ownerEmail());
        assertThat(laptop.get(path("/")).status()).isEqualTo(302);
    }

    // the second step

    @Test
    void signingInAsksForACodeOnASeparatePageAndOnlyThenOpensASessionWithANewId() {
        Enrolled owner = enrol(c.ownerEmail());
        Https browser = new Https(port);
        Response password = browser.signIn(c.slug(), c.ownerEmail(), Fixtures.PASSWORD);
        assertThat(password.status()).isEqualTo(302);
        assertThat(password.header("Location")).endsWith(path("/login/mfa"));
        assertThat(browser.cookie(Sessions.COOKIE)).isNull();
        String challengeCookie = password.setCookies().stream().filter(s -> s.startsWith(MultiFactor.CHALLENGE_COOKIE + "="))
                .findFirst().orElseThrow();
        assertThat(challengeCookie).startsWith("__Host-").contains("Path=/", "Secure", "HttpOnly", "SameSite=Lax")
                .doesNotContain("Domain");
        String challenge = browser.cookie(MultiFactor.CHALLENGE_COOKIE);

        Response form = browser.get(path("/login/mfa"));
        assertThat(form.status()).isEqualTo(200);
        assertThat(form.body()).contains("autocomplete=\"one-time-code\"");
        Response done = browser.post(path("/login/mfa"), Map.of("code", Authenticator.code(owner.secret(), clock.instant())));
        assertThat(done.status()).isEqualTo(302);
        assertThat(done.header("Location")).endsWith(path("/"));
        String session = browser.cookie(Sessions.COOKIE);
        assertThat(session).isNotNull().isNotEqualTo(challenge);
        assertThat(browser.cookie(MultiFactor.CHALLENGE_COOKIE)).isNull();
        assertThat(browser.get(path("/")).status()).isEqualTo(200);
        // the challenge is spent
        Https replay = new Https(port);
        replay.setCookie(MultiFactor.CHALLENGE_COOKIE, challenge);
        assertThat(replay.get(path("/login/mfa")).header("Location")).endsWith(path("/login?notice=signInExpired"));
        var login = entries().stream().filter(e -> e.action().equals("login.succeeded")).findFirst().orElseThrow();
        assertThat(login.changes()).extracting(AuditRecord.Change::after).containsExactly("totp");
    }

    @Test
    void aCodeIsAcceptedOnlyOnce() {
        Enrolled owner = enrol(c.ownerEmail());
        String code = Authenticator.code(owner.secret(), clock.instant());
        assertThat(secondStep(new Https(port), c.ownerEmail(), code).status()).isEqualTo(302);
        Response replayed = secondStep(new Https(port), c.ownerEmail(), code);
        assertThat(replayed.status()).isEqualTo(401);
        assertThat(replayed.body()).contains("That code is not correct");
        nextStep();
        assertThat(secondStep(new Https(port), c.ownerEmail(), Authenticator.code(owner.secret(), clock.instant())).status())
                .isEqualTo(302);
    }

    @Test
    void codesOneStepOffAreAcceptedButNotTwoStepsOff() {
        Enrolled owner = enrol(c.ownerEmail());
        clock.advance(Duration.ofSeconds(60));
        // one step behind (a phone clock that is slow) and, later, one ahead (fast) are accepted
        assertThat(secondStep(new Https(port), c.ownerEmail(), codeAt(owner, -30)).status()).isEqualTo(302);
        clock.advance(Duration.ofSeconds(120));
        assertThat(secondStep(new Https(port), c.ownerEmail(), codeAt(owner, -60)).status()).isEqualTo(401);
        assertThat(secondStep(new Https(port), c.ownerEmail(), codeAt(owner, 60)).status()).isEqualTo(401);
        assertThat(secondStep(new Https(port), c.ownerEmail(), codeAt(owner, 30)).status()).isEqualTo(302);
        // after a code of the next step, the current step's code is older than the last accepted one: refused
        assertThat(secondStep(new Https(port), c.ownerEmail(), codeAt(owner, 0)).status()).isEqualTo(401);
    }

    @Test
    void wrongCodesAreThrottledLikePasswordsAndAPasswordDoesNotResetTheCount() {
        Enrolled owner = enrol(c.ownerEmail());
        String wrong = wrongCode(owner);
        Https browser = new Https(port);
        for (int i = 0; i < 3; i++) {
            assertThat(secondStep(browser, c.ownerEmail(), wrong).status()).isEqualTo(401);
        }
        // signing in with the password again (a new challenge) keeps counting the wrong codes
        assertThat(secondStep(browser, c.ownerEmail(), wrong).status()).isEqualTo(401);
        Response fifth = secondStep(browser, c.ownerEmail(), wrong);
        assertThat(fifth.status()).isEqualTo(429);
        Response locked = browser.post(path("/login/mfa"), Map.of("code", Authenticator.code(owner.secret(), clock.instant())));
        assertThat(locked.status()).isEqualTo(429);
        assertThat(locked.body()).contains("Too many failed attempts");
        assertThat(locked.header("Retry-After")).isNotNull();
        assertThat(browser.cookie(Sessions.COOKIE)).isNull();
        assertThat(actions()).contains("mfa.failed", "mfa.locked");
        assertThat(actions().stream().filter("mfa.failed"::equals).count()).isEqualTo(5);

        clock.advance(Duration.ofMinutes(2));
        assertThat(secondStep(browser, c.ownerEmail(), Authenticator.code(owner.secret(), clock.instant())).status())
                .isEqualTo(302);
    }

    @Test
    void aRecoveryCodeSignsInOnceAndOnlyOnce() {
        Enrolled owner = enrol(c.ownerEmail());
        String recovery = owner.recoveryCodes().get(3);
        // typed in capitals with spaces instead of dashes still counts
        Response used = secondStep(new Https(port), c.ownerEmail(), recovery.toUpperCase(Locale.ROOT).replace('-', ' '));
        assertThat(used.status()).isEqualTo(302);
        assertThat(secondStep(new Https(port), c.ownerEmail(), recovery).status()).isEqualTo(401);
        assertThat(status().recoveryCodesLeft()).isEqualTo(9);
        assertThat(actions()).contains("mfa.recovery_code_used");
        var login = entries().stream().filter(e -> e.action().equals("login.succeeded")).findFirst().orElseThrow();
        assertThat(login.changes()).extracting(AuditRecord.Change::after).containsExactly("recovery_code");
    }

    @Test
    void newRecoveryCodesNeedACurrentCodeOrThePasswordAndReplaceTheOldOnes() {
        Enrolled owner = enrol(c.ownerEmail());
        Https browser = owner.browser();
        browser.get(path("/account"));
        Response none = browser.post(path("/account/mfa/recovery-codes"), Map.of("proof", ""));
        assertThat(none.status()).isEqualTo(400);
        Response wrong = browser.post(path("/account/mfa/recovery-codes"), Map.of("proof", "not my password at all"));
        assertThat(wrong.status()).isEqualTo(400);
        assertThat(wrong.body()).contains("neither a current code");
        Response wrongCode = browser.post(path("/account/mfa/recovery-codes"), Map.of("proof", wrongCode(owner)));
        assertThat(wrongCode.status()).isEqualTo(400);
        assertThat(actions()).doesNotContain("mfa.recovery_codes_regenerated");

        Response byPassword = browser.post(path("/account/mfa/recovery-codes"), Map.of("proof", Fixtures.PASSWORD));
        assertThat(byPassword.status()).isEqualTo(200);
        List<String> second = Authenticator.recoveryCodesOn(byPassword.body());
        assertThat(second).hasSize(10).doesNotContainAnyElementsOf(owner.recoveryCodes());
        browser.get(path("/account"));
        Response byCode = browser.post(path("/account/mfa/recovery-codes"),
                Map.of("proof", Authenticator.code(owner.secret(), clock.instant())));
        assertThat(byCode.status()).isEqualTo(200);
        List<String> third = Authenticator.recoveryCodesOn(byCode.body());
        assertThat(third).hasSize(10).doesNotContainAnyElementsOf(second);
        assertThat(actions().stream().filter("mfa.recovery_codes_regenerated"::equals).count()).isEqualTo(2);

        assertThat(secondStep(new Https(port), c.ownerEmail(), owner.recoveryCodes().get(0)).status()).isEqualTo(401);
        assertThat(secondStep(new Https(port), c.ownerEmail(), second.get(0)).status()).isEqualTo(401);
        assertThat(secondStep(new Https(port), c.ownerEmail(), third.get(0)).status()).isEqualTo(302);
    }

    @Test
    void turningItOffNeedsACodeOrThePasswordAndEndsEveryOtherSession() {
        User admin = c.addUser(Role.ADMIN);
        Enrolled enrolled = enrol(admin.email().value());
        Https phone = new Https(port);
        assertThat(secondStep(phone, admin.email().value(), Authenticator.code(enrolled.secret(), clock.instant())).status())
                .isEqualTo(302);
        Https browser = enrolled.browser();
        browser.get(path("/account"));

        Response wrong = browser.post(path("/account/mfa/disable"), Map.of("proof", "guessing a password here"));
        assertThat(wrong.status()).isEqualTo(400);
        assertThat(phone.get(path("/")).status()).isEqualTo(200);

        Response off = browser.post(path("/account/mfa/disable"), Map.of("proof", Fixtures.PASSWORD));
        assertThat(off.status()).isEqualTo(302);
        assertThat(off.header("Location")).endsWith(path("/account?notice=mfaDisabled"));
        assertThat(browser.get(path("/account")).status()).isEqualTo(200);
        assertThat(phone.get(path("/")).status()).isEqualTo(302);
        assertThat(actions()).contains("mfa.disabled");
        // the password alone signs in again
        Response password = new Https(port).signIn(c.slug(), admin.email().value(), Fixtures.PASSWORD);
        assertThat(password.header("Location")).endsWith(path("/"));
    }

    @Test
    void turningItOffWithACurrentCodeWorksToo() {
        Enrolled owner = enrol(c.ownerEmail());
        owner.browser().get(path("/account"));
        Response off = owner.browser().post(path("/account/mfa/disable"),
                Map.of("proof", Authenticator.code(owner.secret(), clock.instant())));
        assertThat(off.status()).isEqualTo(302);
        assertThat(status().enabled()).isFalse();
        assertThat(status().recoveryCodesLeft()).isZero();
    }

    @Test
    void anAdminResetsAMembersLostDeviceButNotAnOwners() {
        User tech = c.addUser(Role.USER);
        Enrolled techEnrolled = enrol(tech.email().value());
        enrol(c.ownerEmail());
        User admin = c.addUser(Role.ADMIN);
        Https adminBrowser = signedIn(admin.email().value());
        adminBrowser.get(path("/team"));
        assertThat(adminBrowser.post(path("/team/" + c.owner().id() + "/reset-mfa"), Map.of()).status()).isEqualTo(403);
        assertThat(adminBrowser.post(path("/team/" + tech.id() + "/reset-mfa"), Map.of()).status()).isEqualTo(302);
        assertThat(techEnrolled.browser().get(path("/")).status()).isEqualTo(302);
        assertThat(new Https(port).signIn(c.slug(), tech.email().value(), Fixtures.PASSWORD).header("Location")).endsWith(path("/"));
        assertThat(actions()).contains("mfa.reset");
    }

    // the half-signed-in state

    @Test
    void theHalfSignedInStateReachesNoOtherPageOrApi() {
        Enrolled owner = enrol(c.ownerEmail());
        Https pending = new Https(port);
        pending.signIn(c.slug(), c.ownerEmail(), Fixtures.PASSWORD);
        String challenge = pending.cookie(MultiFactor.CHALLENGE_COOKIE);
        assertThat(challenge).isNotNull();
        for (String page : List.of("/", "/team", "/account", "/account/api-keys", "/account/mfa", "/clients",
                "/settings/security", "/reports/audit-log")) {
            Response r = pending.get(path(page));
            assertThat(r.status()).as(page).isEqualTo(302);
            assertThat(r.header("Location")).as(page).endsWith(path("/login"));
        }
        pending.get(path("/login/mfa"));
        long keys = apiKeys.listOwn(ownerActor()).size();
        assertThat(pending.post(path("/account/api-keys"), Map.of("name", "sneaky")).status()).isEqualTo(302);
        assertThat(apiKeys.listOwn(ownerActor())).hasSize((int) keys);
        // the challenge is no session cookie, no API key, and worthless at another company's address
        Https asSession = withSession(challenge);
        assertThat(asSession.get(path("/")).status()).isEqualTo(302);
        assertThat(new Https(port).get("/api/v1/me", challenge).status()).isEqualTo(401);
        assertThat(pending.get("/api/v1/me").status()).isEqualTo(401);
        TestCompany other = fixtures.company("mfa-other");
        assertThat(pending.get("/c/" + other.slug() + "/login/mfa").header("Location"))
                .endsWith("/c/" + other.slug() + "/login?notice=signInExpired");
        // a code challenge does not open the enrolment page either
        assertThat(pending.get(path("/login/mfa/enrol")).header("Location")).endsWith(path("/login?notice=signInExpired"));
        // and it expires
        clock.advance(Duration.ofMinutes(6));
        Response late = pending.post(path("/login/mfa"), Map.of("code", Authenticator.code(owner.secret(), clock.instant())));
        assertThat(late.status()).isEqualTo(302);
        assertThat(late.header("Location")).endsWith(path("/login?notice=signInExpired"));
        assertThat(pending.cookie(Sessions.COOKIE)).isNull();
    }

    // the company policy

    @Test
    void onlyAnOwnerWhoUsesItThemselvesCanRequireIt() {
        User admin = c.addUser(Role.ADMIN);
        Https adminBrowser = signedIn(admin.email().value());
        assertThat(adminBrowser.get(path("/settings/security")).status()).isEqualTo(403);
        adminBrowser.get(path("/account"));
        assertThat(adminBrowser.post(path("/settings/security"), Map.of("requireMfa", "true")).status()).isEqualTo(403);
        assertThat(mfa.required(c.system())).isFalse();
        assertThatThrownBy(() -> mfa.setRequired(actorOf(admin), true)).isInstanceOf(Forbidden.class);

        Https owner = signedIn(c.ownerEmail());
        assertThat(owner.get(path("/settings/security")).status()).isEqualTo(200);
        Response notYet = owner.post(path("/settings/security"), Map.of("requireMfa", "true"));
        assertThat(notYet.status()).isEqualTo(409);
        assertThat(notYet.body()).contains("for your own account first");
        assertThatThrownBy(() -> mfa.setRequired(ownerActor(), true)).isInstanceOf(Conflict.class);
        assertThat(mfa.required(c.system())).isFalse();
    }

    @Test
    void requiringItEndsTheSessionsOfMembersWithoutItAndIsVersionedAndAudited() {
        User tech = c.addUser(Role.USER);
        User admin = c.addUser(Role.ADMIN);
        Https techBrowser = signedIn(tech.email().value());
        Enrolled adminEnrolled = enrol(admin.email().value());
        Enrolled owner = enrol(c.ownerEmail());

        owner.browser().get(path("/settings/security"));
        Response on = owner.browser().post(path("/settings/security"), Map.of("requireMfa", "true"));
        assertThat(on.status()).isEqualTo(302);
        assertThat(on.header("Location")).endsWith(path("/settings/security?notice=mfaRequiredOn"));
        assertThat(mfa.required(c.system())).isTrue();
        assertThat(techBrowser.get(path("/")).status()).isEqualTo(302);
        assertThat(adminEnrolled.browser().get(path("/")).status()).isEqualTo(200);
        assertThat(owner.browser().get(path("/settings/security")).body()).contains("every member signs in with a password and a code");

        var policy = entries().stream().filter(e -> e.action().equals("mfa.policy_changed")).findFirst().orElseThrow();
        assertThat(policy.actorId()).isEqualTo(c.owner().id().toString());
        assertThat(policy.changes()).contains(new AuditRecord.Change("mfa_required", "false", "true"),
                new AuditRecord.Change("sessions_ended", null, "1"));
        var setting = entries().stream().filter(e -> e.entityType().equals("setting")).findFirst().orElseThrow();
        assertThat(setting.entityId()).isEqualTo("identity.mfa-required");
        assertThat(setting.changes()).contains(new AuditRecord.Change("value", null, "true"));
        long version = databases.of(c.company.id()).jdbc().sql("SELECT version FROM company_settings WHERE id = 'identity.mfa-required'")
                .query(Long.class).single();
        assertThat(version).isEqualTo(1);

        owner.browser().get(path("/settings/security"));
        assertThat(owner.browser().post(path("/settings/security"), Map.of("requireMfa", "false")).status()).isEqualTo(302);
        assertThat(mfa.required(c.system())).isFalse();
        assertThat(databases.of(c.company.id()).jdbc().sql("SELECT version FROM company_settings WHERE id = 'identity.mfa-required'")
                .query(Long.class).single()).isEqualTo(2);
    }

    @Test
    void whenRequiredAMemberWithoutItMustSetItUpAtSignInAndCanDoNothingElseMeanwhile() {
        requireMfa();
        User tech = c.addUser(Role.USER);
        Https browser = new Https(port);
        Response password = browser.signIn(c.slug(), tech.email().value(), Fixtures.PASSWORD);
        assertThat(password.status()).isEqualTo(302);
        assertThat(password.header("Location")).endsWith(path("/login/mfa/enrol"));
        assertThat(browser.cookie(Sessions.COOKIE)).isNull();
        for (String page : List.of("/", "/account", "/account/mfa", "/account/api-keys", "/team")) {
            assertThat(browser.get(path(page)).header("Location")).as(page).endsWith(path("/login"));
        }
        assertThat(browser.get(path("/login/mfa")).header("Location")).endsWith(path("/login/mfa/enrol"));

        Response page = browser.get(path("/login/mfa/enrol"));
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.body()).contains("requires two-step verification").contains("data:image/svg+xml;base64,");
        String secret = Authenticator.secretOn(page.body());
        Response wrong = browser.post(path("/login/mfa/enrol"),
                Map.of("code", Authenticator.code(secret, clock.instant().minus(Duration.ofMinutes(3)))));
        assertThat(wrong.status()).isEqualTo(400);
        assertThat(browser.cookie(Sessions.COOKIE)).isNull();
        assertThat(Authenticator.secretOn(wrong.body())).isEqualTo(secret);

        Response done = browser.post(path("/login/mfa/enrol"), Map.of("code", Authenticator.code(secret, clock.instant())));
        assertThat(done.status()).isEqualTo(200);
        assertThat(Authenticator.recoveryCodesOn(done.body())).hasSize(10);
        assertThat(browser.cookie(Sessions.COOKIE)).isNotNull();
        assertThat(browser.cookie(MultiFactor.CHALLENGE_COOKIE)).isNull();
        assertThat(browser.get(path("/")).status()).isEqualTo(200);
        nextStep();
        assertThat(secondStep(new Https(port), tech.email().value(), Authenticator.code(secret, clock.instant())).status())
                .isEqualTo(302);
    }

    @Test
    void whenRequiredTurningItOffSignsOutEverywhereUntilItIsSetUpAgain() {
        Enrolled owner = requireMfa();
        owner.browser().get(path("/account"));
        Response off = owner.browser().post(path("/account/mfa/disable"), Map.of("proof", Fixtures.PASSWORD));
        assertThat(off.header("Location")).endsWith(path("/login?notice=mfaDisabledSignIn"));
        assertThat(owner.browser().get(path("/")).status()).isEqualTo(302);
        assertThat(new Https(port).signIn(c.slug(), c.ownerEmail(), Fixtures.PASSWORD).header("Location"))
                .endsWith(path("/login/mfa/enrol"));
    }

    // API keys

    @Test
    void apiKeysNeedASessionThatPassedTheSecondStepWhenItIsOnOrRequired() {
        User tech = c.addUser(Role.USER);
        Https techBrowser = signedIn(tech.email().value());
        SignedIn techWithoutMfa = principal(tech, techBrowser);
        assertThat(mfa.satisfied(techWithoutMfa)).isTrue();
        assertThat(mfa.passed(techWithoutMfa)).isFalse();

        Enrolled owner = requireMfa();
        // the tech's password-only session ended with the policy: it creates nothing
        techBrowser.get(path("/login"));
        assertThat(techBrowser.post(path("/account/api-keys"), Map.of("name", "from an old session")).status()).isEqualTo(302);
        assertThat(apiKeys.listOwn(actorOf(tech))).isEmpty();
        // whatever session a principal names, one that did not pass the second step is refused in the service
        assertThat(mfa.satisfied(techWithoutMfa)).isFalse();
        assertThatThrownBy(() -> mfa.requireSatisfied(techWithoutMfa)).isInstanceOf(Forbidden.class);

        // a session that passed it creates a key, and the key works without any code
        owner.browser().get(path("/account/api-keys"));
        Response created = owner.browser().post(path("/account/api-keys"), Map.of("name", "after mfa"));
        assertThat(created.status()).isEqualTo(200);
        String key = java.util.regex.Pattern.compile("id=\"new-key-value\" value=\"(fsk_[^\"]+)\"|value=\"(fsk_[^\"]+)\"")
                .matcher(created.body()).results().map(r -> r.group(1) != null ? r.group(1) : r.group(2)).findFirst().orElseThrow();
        Response me = new Https(port).get("/api/v1/me", key);
        assertThat(me.status()).isEqualTo(200);
        assertThat(me.body()).contains(c.ownerEmail());
        assertThat(mfa.passed(principal(c.owner(), owner.browser()))).isTrue();
    }

    // secrets stay secret

    @Test
    void neitherTheSecretNorAnyCodeReachesTheAuditTrailTheLogsOrTheDatabaseInTheClear() {
        ListAppender<ILoggingEvent> logs = captureLogs();
        List<String> secrets = new ArrayList<>();
        try {
            Enrolled owner = enrol(c.ownerEmail());
            secrets.add(owner.secret());
            secrets.addAll(owner.recoveryCodes());
            secrets.addAll(owner.recoveryCodes().stream().map(r -> r.replace("-", "")).toList());
            String wrong = wrongCode(owner);
            Https browser = new Https(port);
            secondStep(browser, c.ownerEmail(), wrong);
            secrets.add(browser.cookie(MultiFactor.CHALLENGE_COOKIE).substring(33));
            String code = Authenticator.code(owner.secret(), clock.instant());
            browser.post(path("/login/mfa"), Map.of("code", code));
            secrets.add(code);
            nextStep();
            secondStep(new Https(port), c.ownerEmail(), owner.recoveryCodes().get(0));
            owner.browser().get(path("/account"));
            String proof = Authenticator.code(owner.secret(), clock.instant());
            Response regenerated = owner.browser().post(path("/account/mfa/recovery-codes"), Map.of("proof", proof));
            secrets.add(proof);
            secrets.addAll(Authenticator.recoveryCodesOn(regenerated.body()));
            owner.browser().get(path("/account"));
            owner.browser().post(path("/account/mfa/disable"), Map.of("proof", Fixtures.PASSWORD));
        } finally {
            stopCapturing(logs);
        }
        assertThat(actions()).contains("mfa.enrolled", "mfa.failed", "login.succeeded", "mfa.recovery_code_used",
                "mfa.recovery_codes_regenerated", "mfa.disabled");

        var jdbc = databases.of(c.company.id()).jdbc();
        String trail = String.join("\n", jdbc.sql("SELECT changes FROM audit_log").query(String.class).list())
                + entries().stream().map(AuditEntry::toString).reduce("", String::concat);
        String stored = String.join("\n", jdbc.sql("SELECT code_hash FROM recovery_codes").query(String.class).list())
                + jdbc.sql("SELECT token_hash FROM sign_in_challenges").query(String.class).list();
        String logged = String.join("\n", logs.list.stream().map(e -> e.getFormattedMessage()
                + (e.getThrowableProxy() == null ? "" : ThrowableProxyUtil.asString(e.getThrowableProxy()))).toList());
        assertThat(logs.list).as("log events captured at DEBUG").isNotEmpty();
        for (String secret : secrets) {
            assertThat(trail).as("audit trail").doesNotContain(secret);
            assertThat(stored).as("stored hashes").doesNotContain(secret);
            assertThat(logged).as("logs").doesNotContain(secret);
        }
        assertThat(trail + logged).doesNotContain(Fixtures.PASSWORD);
    }

    // helpers

    record Enrolled(Https browser, String secret, List<String> recoveryCodes) {
    }

    String path(String rest) {
        return "/c/" + c.slug() + rest;
    }

    Https signedIn(String email) {
        Https browser = new Https(port);
        Response r = browser.signIn(c.slug(), email, Fixtures.PASSWORD);
        assertThat(r.header("Location")).as("signed in with the password alone").endsWith(path("/"));
        return browser;
    }

    Https withSession(String cookie) {
        Https b = new Https(port);
        b.setCookie(Sessions.COOKIE, cookie);
        return b;
    }

    /** Signs in with the password, enrols from My account, and moves the clock to the next step. */
    Enrolled enrol(String email) {
        Https browser = signedIn(email);
        String secret = Authenticator.secretOn(browser.get(path("/account/mfa")).body());
        Response done = browser.post(path("/account/mfa"), Map.of("code", Authenticator.code(secret, clock.instant())));
        assertThat(done.status()).as(done.body()).isEqualTo(200);
        List<String> codes = Authenticator.recoveryCodesOn(done.body());
        assertThat(codes).hasSize(10);
        nextStep();
        return new Enrolled(browser, secret, codes);
    }

    /** The owner enrols and turns the policy on. */
    Enrolled requireMfa() {
        Enrolled owner = enrol(c.ownerEmail());
        mfa.setRequired(ownerActor(), true);
        return owner;
    }

    /** Signs in with the password, then submits {@code code} on the second-step page. */
    Response secondStep(Https browser, String email, String code) {
        Response password = browser.signIn(c.slug(), email, Fixtures.PASSWORD);
        assertThat(password.header("Location")).endsWith(path("/login/mfa"));
        browser.get(path("/login/mfa"));
        return browser.post(path("/login/mfa"), Map.of("code", code));
    }

    String codeAt(Enrolled enrolled, int secondsFromNow) {
        return Authenticator.code(enrolled.secret(), clock.instant().plusSeconds(secondsFromNow));
    }

    /** Six digits that are not the code of any step near now. */
    String wrongCode(Enrolled enrolled) {
        List<String> near = new ArrayList<>();
        for (int s = -3; s <= 3; s++) {
            near.add(codeAt(enrolled, s * 30));
        }
        for (int n = 0; ; n++) {
            String candidate = String.format("%06d", (123456 + n * 7919) % 1_000_000);
            if (!near.contains(candidate)) {
                return candidate;
            }
        }
    }

    void nextStep() {
        clock.advance(Duration.ofSeconds(30));
    }

    MultiFactor.Status status() {
        return mfa.status(ownerActor());
    }

    Actor ownerActor() {
        return actorOf(c.owner());
    }

    Actor actorOf(User user) {
        return new Actor(c.company.id(), Optional.of(user.id()), user.name(), user.role(), Optional.empty(), Channel.WEB,
                "127.0.0.1", "test");
    }

    /** The principal of a browser's session, as the dashboard builds it. */
    SignedIn principal(User user, Https browser) {
        String cookie = browser.cookie(Sessions.COOKIE);
        return new SignedIn(c.company.id(), c.slug(), c.company.name(), c.company.country(), user.id(), user.email().value(), user.name(),
                user.role(), Optional.empty(), Optional.of(DashboardSessionContract.Secrets256.idOf(cookie)), Channel.WEB,
                "127.0.0.1", "test");
    }

    List<AuditEntry> entries() {
        return audit.list(c.company.id(), databases.of(c.company.id()).jdbc(), new Page.PageRequest(0, 500)).items();
    }

    List<String> actions() {
        return entries().stream().map(AuditEntry::action).toList();
    }

    private static final List<String> VERBOSE = List.of("org.fieldstone", "org.springframework.web", "org.springframework.security");

    /** Everything Fieldstone, Spring MVC and Spring Security log at DEBUG, collected in memory. */
    static ListAppender<ILoggingEvent> captureLogs() {
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        ListAppender<ILoggingEvent> appender = new ListAppender<>();
        appender.setContext(context);
        appender.start();
        Logger root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        root.addAppender(appender);
        VERBOSE.forEach(name -> context.getLogger(name).setLevel(Level.DEBUG));
        return appender;
    }

    static void stopCapturing(ListAppender<ILoggingEvent> appender) {
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME).detachAppender(appender);
        VERBOSE.forEach(name -> context.getLogger(name).setLevel(name.equals("org.fieldstone") ? Level.WARN : null));
        appender.stop();
    }
}
