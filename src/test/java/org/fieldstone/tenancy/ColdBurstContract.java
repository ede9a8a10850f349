package org.fieldstone.tenancy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLParameters;
import org.fieldstone.FieldstoneApplication;
import org.fieldstone.clients.Clients;
import org.fieldstone.clients.NewClient;
import org.fieldstone.clients.NewProperty;
import org.fieldstone.support.Fixtures;
import org.fieldstone.support.Https;
import org.fieldstone.support.Fixtures.TestCompany;
import org.junit.jupiter.api.Test;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The real jar, started cold on a dozen companies none of which it has opened yet, is hit by 64 requests across
 * them at the same moment: every one is answered within seconds, and the server then stops cleanly on SIGTERM.
 * (A burst like this once pinned every carrier thread behind class initialisation and Flyway's class-path scan:
 * the server answered nothing, and SIGTERM hung too.) Runs after {@code package}, against
 * {@code target/fieldstone.jar}, in a process of its own.
 */
abstract class ColdBurstContract {

    private static final int COMPANIES = 16;
    private static final int REQUESTS = 64;
    private static final Duration ANSWER_WITHIN = Duration.ofSeconds(20);
    private static final Duration STOP_WITHIN = Duration.ofSeconds(30);

    /** Properties that put the application on this engine (besides data directory and key file). */
    abstract Map<String, String> engineProperties();

    @Test
    void answersEveryRequestOfAColdBurstAcrossCompaniesAndStopsOnSigterm() throws Exception {
        Path jar = Path.of("target/fieldstone.jar");
        assertThat(jar).as("the packaged application (run by failsafe after package)").exists();
        Path work = Files.createTempDirectory(Path.of("target"), "cold-burst-");
        Map<String, String> properties = new HashMap<>(engineProperties());
        properties.put("fieldstone.data-dir", work.resolve("data").toString());
        properties.put("fieldstone.keys.master-key-file", work.resolve("keys/master.key").toString());
        properties.put("fieldstone.tls.self-signed-dir", work.resolve("tls").toString());
        properties.put("fieldstone.demo.enabled", "false");
        properties.put("fieldstone.login.max-failures-per-address", "100000");

        List<String> keys = seed(properties);

        int port = freePort();
        properties.put("server.port", Integer.toString(port));
        properties.put("fieldstone.http-port", Integer.toString(freePort()));
        properties.put("management.server.port", Integer.toString(freePort()));
        List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command().orElse("java"));
        command.add("-Xmx768m");
        // the fewest carrier threads a node could have (a 2-core machine without the application's own default):
        // where a stall of the kind above bites soonest
        command.add("-Djdk.virtualThreadScheduler.parallelism=2");
        properties.forEach((k, v) -> command.add("-D" + k + "=" + v));
        command.add("-jar");
        command.add(jar.toAbsolutePath().toString());
        Path log = work.resolve("server.log");
        Process server = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        try {
            HttpClient client = awaitReady(server, port, work.resolve("tls/cert.pem"), log);

            List<CompletableFuture<Answer>> burst = new ArrayList<>();
            String[] paths = {"/api/v1/clients?page=0&size=20", "/api/v1/me", "/api/v1/clients?q=Cold",
                    "/api/v1/schedule/today"};
            for (int i = 0; i < REQUESTS; i++) {
                String key = keys.get(i % keys.size());
                HttpRequest request = HttpRequest.newBuilder(URI.create("https://localhost:" + port + paths[i % paths.length]))
                        .header("Authorization", "Bearer " + key).timeout(ANSWER_WITHIN).GET().build();
                long start = System.nanoTime();
                burst.add(client.sendAsync(request, HttpResponse.BodyHandlers.ofString())
                        .handle((r, e) -> new Answer(request.uri().getPath(), r == null ? -1 : r.statusCode(),
                                e == null ? null : e.toString(), Duration.ofNanos(System.nanoTime() - start))));
            }
            List<Answer> answers = burst.stream().map(CompletableFuture::join).toList();
            Duration slowest = answers.stream().map(Answer::took).max(Duration::compareTo).orElseThrow();
            System.out.println("Cold burst: " + REQUESTS + " requests across " + COMPANIES + " companies, slowest "
                    + slowest.toMillis() + " ms");
            assertThat(answers).as("every request of the cold burst, answered 200 within %s (server log: %s)", ANSWER_WITHIN, log)
                    .allSatisfy(a -> {
                        assertThat(a.failure()).isNull();
                        assertThat(a.status()).isEqualTo(200);
                    });

            server.destroy(); // SIGTERM
            assertThat(server.waitFor(STOP_WITHIN.toSeconds(), TimeUnit.SECONDS))
                    .as("the server stops on SIGTERM within %s (log: %s)", STOP_WITHIN, log).isTrue();
            assertThat(Files.readString(log)).doesNotContain("Exception in thread");
        } finally {
            if (server.isAlive()) {
                // leave a thread dump for the log before giving up on it
                new ProcessBuilder("jcmd", Long.toString(server.pid()), "Thread.print").redirectErrorStream(true)
                        .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start().waitFor(20, TimeUnit.SECONDS);
                server.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        }
    }

    private record Answer(String path, int status, String failure, Duration took) {
    }

    /** Companies with an owner's API key and a few clients each, made through the real services in this JVM. */
    private static List<String> seed(Map<String, String> properties) {
        List<String> args = new ArrayList<>();
        properties.forEach((k, v) -> args.add("--" + k + "=" + v));
        try (ConfigurableApplicationContext context = new SpringApplicationBuilder(FieldstoneApplication.class)
                .web(WebApplicationType.NONE).run(args.toArray(String[]::new))) {
            Fixtures fixtures = context.getBean(Fixtures.class);
            Clients clients = context.getBean(Clients.class);
            List<String> keys = new ArrayList<>();
            for (int i = 0; i < COMPANIES; i++) {
                TestCompany company = fixtures.company("cold");
                keys.add(company.apiKey(company.owner(), Optional.empty()));
                for (int c = 0; c < 3; c++) {
                    clients.create(company.system(), new NewClient("Cold Client " + c, "client" + c + "@cold.example",
                            null, null, List.of()), new NewProperty(null, "Main Street " + c, "Springfield", null, "8000",
                            null, null, null));
                }
            }
            return keys;
        }
    }

    private static HttpClient awaitReady(Process server, int port, Path certificate, Path log) throws Exception {
        long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
        while (System.nanoTime() < deadline) {
            assertThat(server.isAlive()).as("the server is running (log: %s)", log).isTrue();
            if (Files.exists(certificate)) {
                HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                        .sslContext(Https.trusting(certificate)).sslParameters(new SSLParameters(null, new String[] {"TLSv1.3"}))
                        .connectTimeout(Duration.ofSeconds(10)).build();
                try {
                    var r = client.send(HttpRequest.newBuilder(URI.create("https://localhost:" + port
                            + "/actuator/health/readiness")).timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
                    if (r.statusCode() == 200) {
                        // a fresh client: the burst opens its own connections, as new clients do
                        return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                                .sslContext(Https.trusting(certificate)).sslParameters(new SSLParameters(null, new String[] {"TLSv1.3"}))
                                .connectTimeout(Duration.ofSeconds(10)).build();
                    }
                } catch (IOException notYet) {
                    // not listening yet
                }
            }
            Thread.sleep(250);
        }
        throw new AssertionError("The server did not become ready within 3 minutes (log: " + log + ")");
    }

    private static int freePort() throws IOException {
        try (var socket = new java.net.ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
