package org.fieldstone.ops.cli;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.fieldstone.FieldstoneApplication;
import org.fieldstone.clients.Clients;
import org.fieldstone.clients.NewClient;
import org.fieldstone.ops.Cli;
import org.fieldstone.support.Fixtures;
import org.fieldstone.support.Fixtures.TestCompany;
import org.fieldstone.support.SqliteApplicationTest;
import org.fieldstone.support.TestClock;
import org.fieldstone.support.TestMail;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;

/**
 * {@code fieldstone incident …} in-process against the running test server's data, like {@link CliContract}: the
 * lifecycle of an incident with its refusals, and a data breach whose window covers company A's audited changes but
 * not company B's — A is affected and only A's owner is emailed, once, and {@code show} says who was notified when.
 * On SQLite only: the tables are the status page's, proven on both engines by the status page's contract.
 */
@SqliteApplicationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class IncidentCommandsTests {

    private static final List<String> MAIL_PROPERTIES = List.of("spring.mail.host", "spring.mail.port", "fieldstone.mail.from");

    @Autowired Fixtures fixtures;
    @Autowired Clients clients;
    @Autowired TestClock clock;
    @Value("${fieldstone.data-dir}") Path dataDir;
    @Value("${fieldstone.keys.master-key-file}") Path masterKeyFile;

    /** The CLI reads the platform's mail server from its environment, as in production (here: system properties). */
    @BeforeAll
    void platformMailForTheCli() {
        System.setProperty("spring.mail.host", "127.0.0.1");
        System.setProperty("spring.mail.port", String.valueOf(TestMail.platform().getSmtp().getPort()));
        System.setProperty("fieldstone.mail.from", "fieldstone@platform.test");
    }

    @AfterAll
    void clearMail() {
        MAIL_PROPERTIES.forEach(System::clearProperty);
    }

    @Test
    void opensUpdatesResolvesListsAndShowsAnIncidentAndRefusesWhatMakesNoSense() {
        String title = "Portal slow " + fixtures.uniqueSlug("i");
        Result opened = cli("incident", "open", "--title", title, "--components", "portal,api", "--state", "degraded",
                "--message", "Looking into it.");
        assertThat(opened.exit()).as(opened.toString()).isZero();
        Matcher m = Pattern.compile("^incident (\\d+) opened \\(degraded: api,portal\\); \\d+ subscribers emailed$")
                .matcher(opened.out().strip());
        assertThat(m.matches()).as(opened.out()).isTrue();
        String id = m.group(1);

        Result updated = cli("incident", "update", id, "--message", "Now down.", "--state", "major_outage");
        assertThat(updated.exit()).as(updated.toString()).isZero();
        assertThat(updated.out()).startsWith("incident " + id + " updated (major_outage)");

        assertThat(cli("incident", "resolve", id, "--message", "Back.").exit()).isZero();
        Result again = cli("incident", "update", id, "--message", "More?");
        assertThat(again.exit()).isEqualTo(2);
        assertThat(again.err()).contains("is resolved");
        assertThat(cli("incident", "resolve", id).exit()).isEqualTo(2);

        Result list = cli("incident", "list");
        assertThat(list.exit()).isZero();
        assertThat(list.outLines()).anyMatch(l -> l.startsWith(id + "\tresolved\t") && l.endsWith(title));

        Result show = cli("incident", "show", id);
        assertThat(show.exit()).as(show.toString()).isZero();
        assertThat(show.out()).contains("incident " + id + ": " + title).contains("opened (degraded): Looking into it.")
                .contains("updated (major_outage): Now down.").contains("resolved (operational): Back.")
                .doesNotContain("data breach");

        Result unknownComponent = cli("incident", "open", "--title", "x", "--components", "database");
        assertThat(unknownComponent.exit()).isEqualTo(2);
        assertThat(unknownComponent.err()).contains("database").contains("dashboard, api, portal");
        assertThat(unknownComponent.out()).isEmpty();
        assertThat(cli("incident", "show", "999999999").exit()).isEqualTo(2);
        assertThat(cli("incident", "show", "abc").exit()).isEqualTo(2);
        assertThat(cli("incident", "open", "--title", "x", "--components", "api", "--from", "2030-01-01T00:00:00Z").exit())
                .as("a window without --breach").isEqualTo(2);
        assertThat(cli("incident", "open", "--title", "x", "--components", "api", "--breach", "--from", "yesterday",
                "--to", "2030-01-01T00:00:00Z").exit()).isEqualTo(2);
    }

    @Test
    void aBreachAffectsTheCompaniesWhoseAuditTrailShowsTheWindowAndEmailsOnlyTheirOwnersOnce() throws Exception {
        TestCompany b = fixtures.company("breach-b");
        clients.create(b.system(), new NewClient("Outside The Window Ltd", "b@breach.example", null, null, List.of()), null);
        clock.advance(Duration.ofHours(1));
        Instant from = clock.instant();
        TestCompany a = fixtures.company("breach-a");
        clients.create(a.system(), new NewClient("Inside The Window Ltd", "a@breach.example", null, null, List.of()), null);
        Instant to = clock.instant().plusSeconds(1);
        clock.advance(Duration.ofHours(1));
        clients.create(b.system(), new NewClient("After The Window Ltd", "b2@breach.example", null, null, List.of()), null);

        Result opened = cli("incident", "open", "--title", "Leaked session tokens", "--components", "dashboard",
                "--state", "major_outage", "--breach", "--from", from.toString(), "--to", to.toString());
        assertThat(opened.exit()).as(opened.toString()).isZero();
        Matcher m = Pattern.compile("incident (\\d+): data breach, (\\d+) companies affected").matcher(opened.out());
        assertThat(m.find()).as(opened.out()).isTrue();
        String id = m.group(1);
        assertThat(opened.err()).contains(a.slug() + ": ").contains(b.slug() + ": not affected");

        Result show = cli("incident", "show", id);
        assertThat(show.exit()).as(show.toString()).isZero();
        assertThat(show.out()).contains("  " + a.slug() + " (" + a.company.name() + "): ").doesNotContain("  " + b.slug() + " (")
                .contains("client").contains("notified owners: 0").containsPattern("deadline: (7[01]|72) h \\d+ min left");

        Result notified = cli("incident", "notify", id);
        assertThat(notified.exit()).as(notified.toString()).isZero();
        assertThat(notified.out()).contains(a.slug() + "\t" + a.ownerEmail() + "\t");
        List<MimeMessage> toA = TestMail.awaitFor(TestMail.platform(), a.ownerEmail(), 1, Duration.ofSeconds(10));
        assertThat(toA).hasSize(1);
        assertThat(toA.getFirst().getSubject()).contains(a.company.name());
        String text = String.valueOf(toA.getFirst().getContent());
        assertThat(text).contains("Leaked session tokens").contains(from.toString().substring(0, 16))
                .contains("client").contains("Whom to contact: security@").doesNotContain("Inside The Window Ltd");
        assertThat(TestMail.messagesFor(TestMail.platform(), b.ownerEmail())).isEmpty();

        Result second = cli("incident", "notify", id);
        assertThat(second.out()).contains("0 owners notified now; ");
        assertThat(TestMail.messagesFor(TestMail.platform(), a.ownerEmail())).hasSize(1);

        Result after = cli("incident", "show", id);
        assertThat(after.out()).containsPattern("  " + Pattern.quote(a.slug()) + " " + Pattern.quote(a.ownerEmail()) + " at \\d{4}-")
                .contains("deadline: met (notified ");
    }

    private Result cli(String... args) {
        List<String> all = new ArrayList<>(Arrays.asList(args));
        all.addAll(List.of("--data-dir", dataDir.toString(), "--master-key-file", masterKeyFile.toString()));
        var out = new ByteArrayOutputStream();
        var err = new ByteArrayOutputStream();
        int exit;
        try (var o = new PrintStream(out, true, StandardCharsets.UTF_8); var e = new PrintStream(err, true, StandardCharsets.UTF_8)) {
            exit = Cli.run(FieldstoneApplication.class, all.toArray(String[]::new), new ByteArrayInputStream(new byte[0]), o, e);
        }
        return new Result(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    record Result(int exit, String out, String err) {
        List<String> outLines() {
            return out.lines().toList();
        }
    }
}
