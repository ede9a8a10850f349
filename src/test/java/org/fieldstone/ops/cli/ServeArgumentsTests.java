package org.fieldstone.ops.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.fieldstone.ops.Cli;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.logging.LoggingSystem;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * {@code fieldstone [serve] --name=value}: the README's promise that any setting may be passed on the command line.
 * The server started is a bare Spring application (not Fieldstone's) that keeps its context, so the test reads the
 * settings from Spring's own environment; the other commands still refuse an option they do not know.
 */
class ServeArgumentsTests {

    /**
     * The bare server must not set up logging again: that would reset the logging of every test after it in this JVM
     * (levels, and the appenders tests capture logs with).
     */
    @BeforeAll
    static void leaveTheTestsLoggingAlone() {
        System.setProperty(LoggingSystem.SYSTEM_PROPERTY, LoggingSystem.NONE);
    }

    @AfterAll
    static void restoreLoggingSetUp() {
        System.clearProperty(LoggingSystem.SYSTEM_PROPERTY);
    }

    @AfterEach
    void stopServer() {
        if (BareServer.context != null) {
            BareServer.context.close();
            BareServer.context = null;
        }
    }

    @Test
    void serveHandsEverySettingGivenAsNameEqualsValueToSpring() {
        Result r = run("serve", "--spring.main.web-application-type=none", "--fieldstone.data-dir=/x", "--server.port=0",
                "--master-key-file", "/keys/master.key");

        assertThat(r.exit()).as(r.toString()).isEqualTo(Cli.SERVING);
        var environment = BareServer.context.getEnvironment();
        assertThat(environment.getProperty("fieldstone.data-dir")).isEqualTo("/x");
        assertThat(environment.getProperty("server.port")).isEqualTo("0");
        assertThat(environment.getProperty("fieldstone.keys.master-key-file")).isEqualTo("/keys/master.key");
    }

    @Test
    void withNoCommandTheSettingsGoToTheServerToo() {
        Result r = run("--spring.main.web-application-type=none", "--data-dir", "/d", "--fieldstone.http-port=-1");

        assertThat(r.exit()).as(r.toString()).isEqualTo(Cli.SERVING);
        assertThat(BareServer.context.getEnvironment().getProperty("fieldstone.data-dir")).isEqualTo("/d");
        assertThat(BareServer.context.getEnvironment().getProperty("fieldstone.http-port")).isEqualTo("-1");
    }

    @Test
    void otherCommandsRefuseAnOptionTheyDoNotKnowAndNameIt() {
        assertRefused(run("tenant", "list", "--fieldstone.data-dir=/x"), "Unknown option: --fieldstone.data-dir=/x; settings as --name=value are taken only by serve");
        assertRefused(run("--fieldstone.data-dir=/x", "tenant", "list"),
                "Unknown option: --fieldstone.data-dir=/x; settings as --name=value are taken only by serve");
    }

    @Test
    void serveRefusesWhatIsNoSettingAndASettingGivenTwice() {
        assertRefused(run("serve", "--server.port", "0"), "Neither a command nor a setting as --name=value: --server.port");
        assertRefused(run("tenat", "list"), "Neither a command nor a setting as --name=value: tenat");
        assertRefused(run("serve", "--data-dir", "/a", "--fieldstone.data-dir=/b"),
                "The setting fieldstone.data-dir is given twice");
    }

    private static void assertRefused(Result r, String expected) {
        assertThat(r.exit()).as(r.toString()).isEqualTo(2);
        assertThat(r.out()).isEmpty();
        assertThat(r.err().lines().toList()).singleElement().asString().startsWith("fieldstone: ").contains(expected);
        assertThat(BareServer.context).as("nothing started").isNull();
    }

    private static Result run(String... args) {
        var out = new ByteArrayOutputStream();
        var err = new ByteArrayOutputStream();
        int exit;
        try (var o = new PrintStream(out, true, StandardCharsets.UTF_8); var e = new PrintStream(err, true, StandardCharsets.UTF_8)) {
            exit = Cli.run(BareServer.class, args, new ByteArrayInputStream(new byte[0]), o, e);
        }
        return new Result(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    record Result(int exit, String out, String err) {
    }

    /** Stands in for the application: keeps its context for the test to read. */
    @Configuration(proxyBeanMethods = false)
    static class BareServer {
        static ConfigurableApplicationContext context;

        /** A plain marker, not the context itself: as a bean the context would be stopped by itself, endlessly. */
        @Bean
        Object keepContext(ConfigurableApplicationContext started) {
            context = started;
            return new Object();
        }
    }
}
