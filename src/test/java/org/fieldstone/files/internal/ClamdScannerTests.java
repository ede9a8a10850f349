package org.fieldstone.files.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.fieldstone.support.TestClamd;
import org.junit.jupiter.api.Test;

/** The INSTREAM client against a real clamd (the test JVM's, {@link TestClamd}) and against nobody listening. */
class ClamdScannerTests {

    @Test
    void eicarIsFoundAndOrdinaryBytesAreClean() {
        TestClamd.ensureRunning();
        ClamdScanner scanner = new ClamdScanner(TestClamd.address(), Duration.ofSeconds(2), Duration.ofSeconds(10));
        assertThat(scanner.ping()).isTrue();
        assertThat(scanner.scan(new ByteArrayInputStream(TestClamd.EICAR.getBytes(StandardCharsets.US_ASCII))))
                .isEqualTo(new MalwareScanner.Found("Eicar-Test-Signature.UNOFFICIAL"));
        byte[] big = new byte[300_000];
        for (int i = 0; i < big.length; i++) {
            big[i] = (byte) (i * 31);
        }
        assertThat(scanner.scan(new ByteArrayInputStream(big))).isEqualTo(new MalwareScanner.Clean());
    }

    @Test
    void nobodyListeningIsUnavailableNeverClean() {
        ClamdScanner scanner = new ClamdScanner("127.0.0.1:" + freePort(), Duration.ofMillis(500),
                Duration.ofSeconds(1));
        assertThat(scanner.ping()).isFalse();
        assertThat(scanner.scan(new ByteArrayInputStream(new byte[10]))).isInstanceOf(MalwareScanner.Unavailable.class);
    }

    @Test
    void readsClamdsAnswers() {
        assertThat(ClamdScanner.verdict("stream: OK")).isEqualTo(new MalwareScanner.Clean());
        assertThat(ClamdScanner.verdict("stream: Win.Test.EICAR_HDB-1 FOUND"))
                .isEqualTo(new MalwareScanner.Found("Win.Test.EICAR_HDB-1"));
        assertThat(ClamdScanner.verdict("INSTREAM size limit exceeded. ERROR")).isInstanceOf(MalwareScanner.Unavailable.class);
        assertThat(ClamdScanner.verdict("")).isInstanceOf(MalwareScanner.Unavailable.class);
        assertThat(ClamdScanner.verdict(null)).isInstanceOf(MalwareScanner.Unavailable.class);
    }

    private static int freePort() {
        try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
            return s.getLocalPort();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
