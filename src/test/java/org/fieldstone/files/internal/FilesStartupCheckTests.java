package org.fieldstone.files.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.fieldstone.support.CapturedLogs;
import org.fieldstone.support.TestClamd;
import org.junit.jupiter.api.Test;

/** At start-up the operator is told clearly whether uploads can be scanned or will wait in quarantine. */
class FilesStartupCheckTests {

    @Test
    void aSilentClamdIsReportedAsUploadsWaitingInQuarantine() throws Exception {
        int port;
        try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
            port = s.getLocalPort();
        }
        var check = new FilesConfiguration.StartupCheck(
                new ClamdScanner("127.0.0.1:" + port, Duration.ofMillis(500), Duration.ofSeconds(1)),
                new LocalFileStore(Path.of("target/files-startup-check")));
        AtomicBoolean answered = new AtomicBoolean(true);
        List<String> logs = CapturedLogs.during(() -> answered.set(check.report()));
        assertThat(answered).isFalse();
        assertThat(logs).anyMatch(l -> l.contains(
                "uploads will wait in quarantine (scanning…) until clamd at 127.0.0.1:" + port + " answers"));
    }

    @Test
    void anAnsweringClamdIsReportedWithTheStore() {
        TestClamd.ensureRunning();
        var check = new FilesConfiguration.StartupCheck(
                new ClamdScanner(TestClamd.address(), Duration.ofSeconds(2), Duration.ofSeconds(5)),
                new LocalFileStore(Path.of("target/files-startup-check")));
        AtomicBoolean answered = new AtomicBoolean();
        List<String> logs = CapturedLogs.during(() -> answered.set(check.report()));
        assertThat(answered).isTrue();
        assertThat(logs).anyMatch(l -> l.contains("clamd at " + TestClamd.address() + " answers")
                && l.contains("local file store"));
    }
}
