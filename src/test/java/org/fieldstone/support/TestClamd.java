package org.fieldstone.support;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * ClamAV's {@code clamd} for the tests, one per test JVM, on a free loopback port fixed when first asked for
 * ({@link #address()}, which {@link Engines} gives every context as {@code fieldstone.files.clamd-address}) and
 * started on first {@link #ensureRunning()}: Debian's {@code /usr/sbin/clamd} (package {@code clamav-daemon}) with a
 * configuration and a signature database written into a temporary directory — one signature, the EICAR test file's
 * MD5 ({@code test.hdb}), since no signature download is possible here. {@code StreamMaxLength} matches the
 * application's {@code fieldstone.files.max-size-ceiling} (100M). A test may {@link #stop()} it and start it again.
 * A missing clamd fails the test (never skips it): install {@code clamav-daemon}.
 */
public final class TestClamd {

    /** The 68-byte EICAR anti-virus test file, which every scanner reports. */
    public static final String EICAR = "X5O!P%@AP[4\\PZX54(P^)7CC)7}$EICAR-STANDARD-ANTIVIRUS-TEST-FILE!$H+H*";
    static final Path CLAMD = Path.of(System.getProperty("fieldstone.test.clamd", "/usr/sbin/clamd"));

    private static TestClamd instance;

    private final int port;
    private Path dir;
    private Process process;

    private TestClamd(int port) {
        this.port = port;
    }

    private static synchronized TestClamd instance() {
        if (instance == null) {
            instance = new TestClamd(Engines.freePort());
            Runtime.getRuntime().addShutdownHook(new Thread(() -> instance.stop()));
        }
        return instance;
    }

    /** {@code 127.0.0.1:<port>}: where the test clamd listens (once started). */
    public static String address() {
        return "127.0.0.1:" + instance().port;
    }

    /** Starts clamd unless it answers already, and waits (at most 60 s) until it answers {@code PING}. */
    public static synchronized void ensureRunning() {
        instance().start();
    }

    /** Stops clamd (uploads then wait in quarantine); {@link #ensureRunning()} starts it again on the same port. */
    public static synchronized void stopForTest() {
        instance().stop();
    }

    private void start() {
        if (process != null && process.isAlive() && ping(port)) {
            return;
        }
        if (!Files.isExecutable(CLAMD)) {
            throw new AssertionError("clamd is not installed at " + CLAMD + ": install the Debian package clamav-daemon"
                    + " (the files tests need a real scanner and are never skipped)");
        }
        try {
            if (dir == null) {
                dir = Files.createTempDirectory("fieldstone-clamd-");
                Path db = Files.createDirectories(dir.resolve("db"));
                Files.writeString(db.resolve("test.hdb"), "44d88612fea8a8f36de82e1278abb02f:68:Eicar-Test-Signature\n");
                Files.writeString(dir.resolve("clamd.conf"), """
                        DatabaseDirectory %s
                        TCPSocket %d
                        TCPAddr 127.0.0.1
                        Foreground yes
                        LogFile %s
                        PidFile %s
                        User root
                        StreamMaxLength 100M
                        MaxFileSize 100M
                        MaxScanSize 200M
                        """.formatted(db, port, dir.resolve("clamd.log"), dir.resolve("clamd.pid")));
            }
            process = new ProcessBuilder(CLAMD.toString(), "--config-file=" + dir.resolve("clamd.conf"))
                    .redirectErrorStream(true).redirectOutput(dir.resolve("clamd.out").toFile()).start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        long until = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < until) {
            if (!process.isAlive()) {
                throw new AssertionError("clamd exited with " + process.exitValue() + ": " + log());
            }
            if (ping(port)) {
                return;
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        throw new AssertionError("clamd did not answer PING within 60 s: " + log());
    }

    private void stop() {
        if (process != null) {
            process.destroy();
            try {
                if (!process.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)) {
                    process.destroyForcibly().waitFor();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            process = null;
        }
    }

    private String log() {
        try {
            Path out = dir.resolve("clamd.out");
            Path log = dir.resolve("clamd.log");
            return (Files.exists(out) ? Files.readString(out) : "") + (Files.exists(log) ? Files.readString(log) : "");
        } catch (IOException e) {
            return e.toString();
        }
    }

    static boolean ping(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 500);
            socket.setSoTimeout(2000);
            socket.getOutputStream().write("zPING\0".getBytes(StandardCharsets.US_ASCII));
            InputStream in = socket.getInputStream();
            ByteArrayOutputStream reply = new ByteArrayOutputStream();
            int b;
            while ((b = in.read()) > 0) {
                reply.write(b);
            }
            return reply.toString(StandardCharsets.US_ASCII).equals("PONG");
        } catch (IOException e) {
            return false;
        }
    }
}
