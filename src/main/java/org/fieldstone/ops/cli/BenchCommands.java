package org.fieldstone.ops.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.fieldstone.clients.Client;
import org.fieldstone.clients.Clients;
import org.fieldstone.clients.NewClient;
import org.fieldstone.clients.NewProperty;
import org.fieldstone.identity.Accounts;
import org.fieldstone.identity.ApiKeys;
import org.fieldstone.identity.Team;
import org.fieldstone.identity.User;
import org.fieldstone.shared.Actor;
import org.fieldstone.shared.Channel;
import org.fieldstone.shared.EmailAddress;
import org.fieldstone.shared.InvalidInput;
import org.fieldstone.tenancy.Company;
import org.fieldstone.tenancy.CompanyDatabase;
import org.fieldstone.tenancy.CompanyDatabases;
import org.fieldstone.tenancy.NewCompany;
import org.springframework.context.ConfigurableApplicationContext;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Benchmark support (bench/run.sh). {@code bench seed} fills an installation with companies and clients through
 * the real paths only — {@link Accounts#createCompany} provisions each company and its owner, {@link ApiKeys}
 * makes the owner's key, {@link Clients#create} writes every client (validated, versioned, audited) — and
 * writes what the load driver needs to a file readable only by its owner (it holds API keys).
 */
@Command(name = "bench", mixinStandardHelpOptions = true, description = "Benchmark support: seed an installation.",
        subcommands = {BenchCommands.Seed.class})
final class BenchCommands {

    private static final String[] FIRST = {"Avery", "Blake", "Casey", "Dakota", "Emerson", "Finley", "Gray",
            "Harper", "Indigo", "Jordan", "Kendall", "Logan", "Morgan", "Noel", "Oakley", "Parker", "Quinn",
            "Riley", "Sawyer", "Taylor", "Umber", "Vesper", "Winter", "Xander", "Yael", "Zion"};
    private static final String[] LAST = {"Abbott", "Brennan", "Castillo", "Dubois", "Eriksen", "Fischer",
            "Garcia", "Hughes", "Ibrahim", "Jensen", "Kowalski", "Lindqvist", "Moreau", "Nakamura", "Okafor",
            "Petrov", "Quispe", "Rossi", "Schmidt", "Tanaka", "Ueda", "Varga", "Weber", "Xu", "Yilmaz", "Zimmer"};
    private static final String[] CITIES = {"Springfield", "Riverton", "Fairview", "Greenville", "Madison",
            "Franklin", "Clinton", "Georgetown", "Salem", "Ashland", "Dover", "Milton"};

    @Command(name = "seed", mixinStandardHelpOptions = true,
            description = "Provision N companies (owner with a random password, an owner API key) with M clients "
                    + "each, through the real write path, and write slug, company id, API key and client ids to FILE.")
    static final class Seed extends CommandLineInterface.Operation {
        @Option(names = "--companies", required = true, paramLabel = "N", description = "How many companies.")
        int companies;
        @Option(names = "--clients-per-company", required = true, paramLabel = "M", description = "Clients per company.")
        int clientsPerCompany;
        @Option(names = "--out", required = true, paramLabel = "FILE", description = "Where to write what the load driver needs.")
        Path out;
        @Option(names = "--threads", defaultValue = "2", paramLabel = "T",
                description = "Companies seeded at once (each has its own database; default: ${DEFAULT-VALUE}).")
        int threads;
        @Option(names = "--batch", defaultValue = "1", paramLabel = "B",
                description = "Clients created per transaction (each still through Clients.create, audited; default: ${DEFAULT-VALUE}).")
        int batch;
        @Option(names = "--slug-prefix", defaultValue = "bench", paramLabel = "P",
                description = "Companies are named P-0001, P-0002 … (default: ${DEFAULT-VALUE}).")
        String slugPrefix;

        @Override
        void validate() {
            if (companies < 1 || companies > 9999) {
                throw new InvalidInput("companies", "--companies must be between 1 and 9999.");
            }
            if (clientsPerCompany < 1 || clientsPerCompany > 1_000_000) {
                throw new InvalidInput("clients-per-company", "--clients-per-company must be between 1 and 1000000.");
            }
            if (threads < 1 || threads > 64) {
                throw new InvalidInput("threads", "--threads must be between 1 and 64.");
            }
            if (batch < 1 || batch > 10_000) {
                throw new InvalidInput("batch", "--batch must be between 1 and 10000.");
            }
            new NewCompany(slugPrefix + "-0001", "check", ZoneId.of("UTC"));
            if (Files.exists(out)) {
                throw new InvalidInput("out", out + " exists already; choose a new file.");
            }
        }

        @Override
        int execute(ConfigurableApplicationContext context, PrintStream stdout) {
            Seeder seeder = new Seeder(context, clientsPerCompany, batch);
            long started = System.nanoTime();
            AtomicInteger done = new AtomicInteger();
            AtomicLong clients = new AtomicLong();
            List<Future<Seeded>> futures = new ArrayList<>();
            try (ExecutorService pool = Executors.newFixedThreadPool(threads)) {
                for (int i = 1; i <= companies; i++) {
                    String slug = String.format("%s-%04d", slugPrefix, i);
                    futures.add(pool.submit(() -> {
                        Seeded s = seeder.company(slug);
                        int n = done.incrementAndGet();
                        long total = clients.addAndGet(s.clients().size());
                        if (n % 10 == 0 || n == companies) {
                            double seconds = (System.nanoTime() - started) / 1e9;
                            err.printf("bench seed: %d/%d companies, %d clients, %.0f clients/s, %.0f s%n",
                                    n, companies, total, total / seconds, seconds);
                        }
                        return s;
                    }));
                }
                List<Seeded> seeded = new ArrayList<>();
                for (Future<Seeded> f : futures) {
                    seeded.add(f.get());
                }
                write(seeded);
            } catch (ExecutionException e) {
                futures.forEach(f -> f.cancel(true));
                throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted");
            }
            double seconds = (System.nanoTime() - started) / 1e9;
            stdout.printf("seeded %d companies with %d clients each in %.1f s (%.0f clients/s) into %s%n", companies,
                    clientsPerCompany, seconds, clients.get() / seconds, out);
            return 0;
        }

        /**
         * One block per company: {@code company <slug> <company id> <API key>}, then {@code client <id> <name>}
         * lines. Written readable by its owner only, then moved into place.
         */
        private void write(List<Seeded> seeded) {
            try {
                Path dir = out.toAbsolutePath().getParent();
                Files.createDirectories(dir);
                Path tmp = Files.createTempFile(dir, ".bench-seed-", ".tmp");
                try {
                    Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-------"));
                } catch (UnsupportedOperationException ignored) {
                    // not a POSIX file system
                }
                try (Writer w = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
                    w.write("# fieldstone bench seed: " + seeded.size() + " companies, " + clientsPerCompany
                            + " clients each. Holds API keys: benchmark data only.\n");
                    for (Seeded s : seeded) {
                        w.write("company\t" + s.company().slug() + "\t" + s.company().id() + "\t" + s.apiKey() + "\n");
                        for (Client c : s.clients()) {
                            w.write("client\t" + c.id() + "\t" + c.name() + "\n");
                        }
                    }
                }
                Files.move(tmp, out, StandardCopyOption.ATOMIC_MOVE);
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot write " + out, e);
            }
        }
    }

    record Seeded(Company company, String apiKey, List<Client> clients) {
    }

    /** Seeds one company at a time; safe to use from several threads (each works on its own company). */
    static final class Seeder {
        private static final SecureRandom RANDOM = new SecureRandom();

        private final Accounts accounts;
        private final Team team;
        private final ApiKeys apiKeys;
        private final Clients clients;
        private final CompanyDatabases databases;
        private final int clientsPerCompany;
        private final int batch;

        Seeder(ConfigurableApplicationContext context, int clientsPerCompany, int batch) {
            this.accounts = context.getBean(Accounts.class);
            this.team = context.getBean(Team.class);
            this.apiKeys = context.getBean(ApiKeys.class);
            this.clients = context.getBean(Clients.class);
            this.databases = context.getBean(CompanyDatabases.class);
            this.clientsPerCompany = clientsPerCompany;
            this.batch = batch;
        }

        Seeded company(String slug) {
            EmailAddress ownerEmail = new EmailAddress("owner@" + slug + ".example");
            char[] password = randomPassword();
            Company company = accounts.createCompany(new NewCompany(slug, "Bench " + slug, ZoneId.of("UTC"), "US"),
                    ownerEmail, "Owner " + slug, password);
            java.util.Arrays.fill(password, '\0');
            Actor cli = Actor.system(company.id(), Channel.CLI);
            User owner = team.findByEmail(cli, ownerEmail).orElseThrow();
            String key = apiKeys.createFor(cli, owner.id(), "bench load driver", Optional.empty(), Optional.empty())
                    .secret();
            CompanyDatabase db = databases.of(company.id());
            List<Client> created = new ArrayList<>(clientsPerCompany);
            for (int from = 0; from < clientsPerCompany; from += batch) {
                int to = Math.min(clientsPerCompany, from + batch);
                int first = from;
                if (batch == 1) {
                    created.add(client(cli, first));
                } else {
                    // several creations in one transaction: each one still goes through Clients.create
                    created.addAll(db.inTransaction(() -> {
                        List<Client> part = new ArrayList<>(to - first);
                        for (int i = first; i < to; i++) {
                            part.add(client(cli, i));
                        }
                        return part;
                    }));
                }
            }
            return new Seeded(company, key, created);
        }

        private Client client(Actor cli, int i) {
            String first = FIRST[i % FIRST.length];
            String last = LAST[(i / FIRST.length) % LAST.length];
            String name = first + " " + last + " " + String.format("%05d", i);
            NewClient client = new NewClient(name,
                    first.toLowerCase() + "." + last.toLowerCase() + "." + i + "@example.com",
                    String.format("+1 650 253 %04d", i % 10_000), i % 3 == 0 ? "Gate code 4711; dog in the yard." : null,
                    i % 2 == 0 ? List.of("residential") : List.of("commercial", "priority"));
            NewProperty property = new NewProperty("Main site", (100 + i) + " Main Street", CITIES[i % CITIES.length],
                    "CA", String.format("9%04d", i % 10_000), null, null, null);
            return clients.create(cli, client, property);
        }

        private static char[] randomPassword() {
            byte[] bytes = new byte[24];
            RANDOM.nextBytes(bytes);
            return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes).toCharArray();
        }
    }
}
