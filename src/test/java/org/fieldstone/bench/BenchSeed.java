package org.fieldstone.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.fieldstone.FieldstoneApplication;
import org.fieldstone.clients.Client;
import org.fieldstone.clients.Clients;
import org.fieldstone.clients.NewClient;
import org.fieldstone.clients.NewProperty;
import org.fieldstone.identity.Accounts;
import org.fieldstone.identity.ApiKeys;
import org.fieldstone.identity.Team;
import org.fieldstone.identity.User;
import org.fieldstone.invoices.Invoice;
import org.fieldstone.invoices.Invoices;
import org.fieldstone.invoices.NewInvoice;
import org.fieldstone.jobs.Jobs;
import org.fieldstone.jobs.Visits;
import org.fieldstone.jobs.NewJob;
import org.fieldstone.jobs.NewVisit;
import org.fieldstone.pricing.LineInput;
import org.fieldstone.pricing.Pricing;
import org.fieldstone.quotes.NewQuote;
import org.fieldstone.quotes.Quote;
import org.fieldstone.quotes.Quotes;
import org.fieldstone.shared.Actor;
import org.fieldstone.shared.Change;
import org.fieldstone.shared.Channel;
import org.fieldstone.shared.DomainException;
import org.fieldstone.shared.EmailAddress;
import org.fieldstone.shared.Role;
import org.fieldstone.shared.UserId;
import org.fieldstone.tenancy.Company;
import org.fieldstone.tenancy.CompanyDatabase;
import org.fieldstone.tenancy.CompanyDatabases;
import org.fieldstone.tenancy.NewCompany;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Benchmark data (bench/run.sh), never part of the production jar: a program of the bench jar that the real jar
 * runs ({@code java -Dloader.path=target/fieldstone-bench.jar -Dloader.main=org.fieldstone.bench.BenchSeed -jar
 * target/fieldstone.jar …}, decision 0020). It starts the application without its web server, as the CLI's
 * commands do, and fills the installation with companies, technicians, clients, jobs and visits through the real
 * paths only — {@link Accounts#createCompany} provisions each company and its owner, {@link ApiKeys} makes the
 * owner's and a technician's key, {@link Clients#create} writes every client and {@link Jobs#create} /
 * {@link Jobs#addVisit} every job and visit (validated, versioned, audited) — then writes what the load driver
 * needs to a file readable only by its owner (it holds API keys). Exit 0 done, 1 failed, 2 bad arguments.
 */
@Command(name = "bench-seed", mixinStandardHelpOptions = true,
        description = "Provision N companies (owner with a random password, an owner API key) with M clients, "
                + "technicians, jobs and visits each, through the real write path, and write slug, company id, "
                + "API keys and client ids to FILE.")
public final class BenchSeed {

    private static final String[] FIRST = {"Avery", "Blake", "Casey", "Dakota", "Emerson", "Finley", "Gray",
            "Harper", "Indigo", "Jordan", "Kendall", "Logan", "Morgan", "Noel", "Oakley", "Parker", "Quinn",
            "Riley", "Sawyer", "Taylor", "Umber", "Vesper", "Winter", "Xander", "Yael", "Zion"};
    private static final String[] LAST = {"Abbott", "Brennan", "Castillo", "Dubois", "Eriksen", "Fischer",
            "Garcia", "Hughes", "Ibrahim", "Jensen", "Kowalski", "Lindqvist", "Moreau", "Nakamura", "Okafor",
            "Petrov", "Quispe", "Rossi", "Schmidt", "Tanaka", "Ueda", "Varga", "Weber", "Xu", "Yilmaz", "Zimmer"};
    private static final String[] JOB_TITLES = {"Boiler service", "Leaking tap", "Blocked drain", "Radiator bleeding",
            "Water heater descaling", "Heat pump check", "Thermostat replacement", "Pipe repair"};
    private static final String[] CITIES = {"Springfield", "Riverton", "Fairview", "Greenville", "Madison",
            "Franklin", "Clinton", "Georgetown", "Salem", "Ashland", "Dover", "Milton"};

    // where the data is: the same options as the fieldstone CLI's (whose Settings are private to ops.cli)
    @Option(names = "--data-dir", paramLabel = "DIR", description = "Data directory of the embedded default (default: ./data).")
    Path dataDir;
    @Option(names = "--master-key-file", paramLabel = "FILE",
            description = "The master key file (default: ~/.fieldstone/master.key, or fieldstone.keys.master-key-file).")
    Path masterKeyFile;
    @Option(names = "--db-url", paramLabel = "URL", description = "PostgreSQL control-plane URL, e.g. jdbc:postgresql://localhost:5432/fieldstone.")
    String dbUrl;
    @Option(names = "--db-username", paramLabel = "NAME", description = "PostgreSQL user.")
    String dbUsername;
    @Option(names = "--db-password-file", paramLabel = "FILE", description = "File holding the PostgreSQL password.")
    Path dbPasswordFile;

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
    @Option(names = "--technicians-per-company", defaultValue = "10", paramLabel = "T",
            description = "Technicians (USER) per company; the first gets an API key (default: ${DEFAULT-VALUE}).")
    int techniciansPerCompany;
    @Option(names = "--jobs-per-company", defaultValue = "2000", paramLabel = "J",
            description = "Jobs per company, for random clients (default: ${DEFAULT-VALUE}).")
    int jobsPerCompany;
    @Option(names = "--visits-per-company", defaultValue = "5000", paramLabel = "V",
            description = "Visits per company, spread over the jobs and over a year around now, in working hours "
                    + "but about one in twenty, assigned to the technicians; about one in ten double-books "
                    + "(default: ${DEFAULT-VALUE}).")
    int visitsPerCompany;
    @Option(names = "--quotes-per-company", defaultValue = "50", paramLabel = "Q",
            description = "Sent quotes per company, for clients spread over it, 3 to 5 taxed lines each (default: ${DEFAULT-VALUE}).")
    int quotesPerCompany;
    @Option(names = "--invoices-per-company", defaultValue = "50", paramLabel = "I",
            description = "Sent invoices per company, for clients spread over it, 3 to 5 taxed lines each and a total over "
                    + "1,000,000.00, so that payments of 1.00 never settle one (default: ${DEFAULT-VALUE}).")
    int invoicesPerCompany;
    @Option(names = "--movements-per-company", defaultValue = "0", paramLabel = "M",
            description = "Stock movements per company (0: no inventory; the stock benchmark's shape is 100000): the "
                    + "company gets --items-per-company items, a warehouse and a van per technician, and a ledger of "
                    + "receipts into the warehouse, transfers to the vans and count adjustments in which stock never "
                    + "goes negative (default: ${DEFAULT-VALUE}).")
    int movementsPerCompany;
    @Option(names = "--items-per-company", defaultValue = "50", paramLabel = "I",
            description = "Items (products with a SKU) per company when it has movements (default: ${DEFAULT-VALUE}).")
    int itemsPerCompany;
    @Option(names = "--visits-this-week", paramLabel = "",
            description = "Place the visits in this week (Monday to Sunday) instead of a year around now: the calendar "
                    + "week view's shape for the dashboard pages' benchmark.")
    boolean visitsThisWeek;
    @Option(names = "--demo-data",
            description = "Also seed the demo company's week of work and money (clients, jobs, visits, quotes, invoices, "
                    + "payments) into every company, as the first start seeds the demo company.")
    boolean demoData;
    @Option(names = "--visits-within-hours", defaultValue = "0", paramLabel = "H",
            description = "Place the visits (one a job while there are jobs) evenly from an hour from now to H - 1 hours "
                    + "from now, each an hour long, assigned to the technicians in turn (double-bookings allowed): the "
                    + "reminder fan-out's shape (--mix fanout; the reminders' lead time is 24 h). 0: a year around now.")
    int visitsWithinHours;
    @Option(names = "--connect-telegram",
            description = "Connect every company's Telegram bot through Settings → Telegram (getMe and setWebhook go to "
                    + "fieldstone.telegram.api-url: bench/run.sh's fake) and make a link code for the first technician: "
                    + "a telegram <webhook secret> <link code> line, for the driver's --mix telegram.")
    boolean connectTelegram;
    @Option(names = "--connect-twilio",
            description = "Connect every company's Twilio account through Settings → SMS (an account SID, a random auth "
                    + "token, a sender): a twilio <account SID> <auth token> line, for the driver's --mix twilio.")
    boolean connectTwilio;
    @Option(names = "--slug-prefix", defaultValue = "bench", paramLabel = "P",
            description = "Companies are named P-0001, P-0002 … (default: ${DEFAULT-VALUE}).")
    String slugPrefix;

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    /**
     * Checks the arguments before anything starts (bad ones: one line on stderr, exit 2), then starts the
     * application without its web server on the data the options name and seeds it.
     */
    static int run(String[] args, PrintStream stdout, PrintStream stderr) {
        BenchSeed seed = new BenchSeed();
        CommandLine cli = new CommandLine(seed);
        cli.setOut(new PrintWriter(stdout, true));
        cli.setErr(new PrintWriter(stderr, true));
        try {
            if (CommandLine.printHelpIfRequested(cli.parseArgs(args))) {
                return 0;
            }
            seed.validate();
        } catch (CommandLine.ParameterException | DomainException | BadArgument e) {
            stderr.println("bench seed: " + e.getMessage().lines().findFirst().orElse("bad arguments"));
            return 2;
        }
        try (ConfigurableApplicationContext context = seed.start()) {
            return seed.seed(context, stdout, stderr);
        } catch (DomainException e) {
            stderr.println("bench seed: " + e.getMessage());
            return 2;
        } catch (RuntimeException e) {
            stderr.println("bench seed: failed: " + rootMessage(e));
            return 1;
        }
    }

    /**
     * An argument out of range, refused before the application starts. Not a {@code DomainException}: those carry
     * codes of the application's {@code messages.properties}, and the bench tool's words are not the product's.
     */
    static final class BadArgument extends RuntimeException {
        BadArgument(String message) {
            super(message, null, false, false);
        }
    }

    /** Throws {@link BadArgument} for arguments out of range, before the application starts. */
    void validate() {
        if (companies < 1 || companies > 9999) {
            throw new BadArgument("--companies must be between 1 and 9999.");
        }
        if (clientsPerCompany < 1 || clientsPerCompany > 1_000_000) {
            throw new BadArgument("--clients-per-company must be between 1 and 1000000.");
        }
        if (techniciansPerCompany < 1 || techniciansPerCompany > 1000) {
            throw new BadArgument("--technicians-per-company must be between 1 and 1000.");
        }
        if (jobsPerCompany < 0 || jobsPerCompany > 1_000_000) {
            throw new BadArgument("--jobs-per-company must be between 0 and 1000000.");
        }
        if (visitsPerCompany < 0 || visitsPerCompany > 1_000_000 || (visitsPerCompany > 0 && jobsPerCompany == 0)) {
            throw new BadArgument("--visits-per-company must be between 0 and 1000000, and visits need jobs.");
        }
        if (quotesPerCompany < 0 || quotesPerCompany > 1_000_000) {
            throw new BadArgument("--quotes-per-company must be between 0 and 1000000.");
        }
        if (invoicesPerCompany < 0 || invoicesPerCompany > 1_000_000) {
            throw new BadArgument("--invoices-per-company must be between 0 and 1000000.");
        }
        if (movementsPerCompany < 0 || movementsPerCompany > 10_000_000) {
            throw new BadArgument("--movements-per-company must be between 0 and 10000000.");
        }
        if (itemsPerCompany < 1 || itemsPerCompany > 100_000) {
            throw new BadArgument("--items-per-company must be between 1 and 100000.");
        }
        if (threads < 1 || threads > 64) {
            throw new BadArgument("--threads must be between 1 and 64.");
        }
        if (batch < 1 || batch > 10_000) {
            throw new BadArgument("--batch must be between 1 and 10000.");
        }
        new NewCompany(slugPrefix + "-0001", "check", ZoneId.of("UTC"));
        if (Files.exists(out)) {
            throw new BadArgument(out + " exists already; choose a new file.");
        }
        if (dbUrl != null && !dbUrl.startsWith("jdbc:postgresql://")) {
            throw new BadArgument("--db-url must start with jdbc:postgresql://");
        }
    }

    /** The application as a CLI command runs it: no web server, no background jobs, and quiet on stderr. */
    private ConfigurableApplicationContext start() {
        Map<String, Object> props = new LinkedHashMap<>();
        if (dataDir != null) {
            props.put("fieldstone.data-dir", dataDir);
        }
        if (masterKeyFile != null) {
            props.put("fieldstone.keys.master-key-file", masterKeyFile);
        }
        if (dbUrl != null) {
            props.put("fieldstone.database.url", dbUrl);
        }
        if (dbUsername != null) {
            props.put("fieldstone.database.username", dbUsername);
        }
        if (dbPasswordFile != null) {
            try {
                props.put("fieldstone.database.password", Files.readString(dbPasswordFile).strip());
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot read " + dbPasswordFile, e);
            }
        }
        props.put("fieldstone.demo.enabled", "false");
        props.put("fieldstone.keys.rotation.enabled", "false");
        props.put("fieldstone.companies.destruction.enabled", "false");
        props.put("fieldstone.schedule.recurrence.enabled", "false");
        props.put("fieldstone.log.console-target", "System.err");
        props.put("logging.level.root", "WARN");
        props.put("logging.level.org.fieldstone", "WARN");
        // as command-line properties, which win over application.properties (builder defaults would not)
        String[] args = props.entrySet().stream().map(e -> "--" + e.getKey() + "=" + e.getValue()).toArray(String[]::new);
        return new SpringApplicationBuilder(FieldstoneApplication.class)
                .web(WebApplicationType.NONE)
                .logStartupInfo(false)
                .run(args);
    }

    /**
     * Seeds with the facades of {@code beans} — the context {@link #run} started, or a test's running application —
     * prints the totals on {@code stdout} and the progress on {@code stderr}, and writes the file. Returns 0.
     */
    int seed(BeanFactory beans, PrintStream stdout, PrintStream stderr) {
        Progress progress = new Progress(companies, stderr);
        Seeder seeder = new Seeder(beans, new Shape(clientsPerCompany, techniciansPerCompany, jobsPerCompany,
                visitsPerCompany, quotesPerCompany, invoicesPerCompany, visitsThisWeek, demoData, itemsPerCompany,
                movementsPerCompany, connectTelegram, connectTwilio, visitsWithinHours), batch, progress);
        List<Future<Seeded>> futures = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(threads)) {
            for (int i = 1; i <= companies; i++) {
                String slug = String.format("%s-%04d", slugPrefix, i);
                futures.add(pool.submit(() -> {
                    Seeded s = seeder.company(slug);
                    progress.companyDone();
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
        double seconds = progress.seconds();
        stdout.printf("seeded %d companies with %d clients each in %.1f s (%.0f clients/s) into %s%n", companies,
                clientsPerCompany, seconds, progress.clients.get() / seconds, out);
        if (jobsPerCompany > 0) {
            stdout.printf("  and %d technicians, %d jobs and %d visits each (%.0f records/s in all)%n",
                    techniciansPerCompany, jobsPerCompany, visitsPerCompany, progress.records() / seconds);
        }
        if (quotesPerCompany > 0 || invoicesPerCompany > 0) {
            stdout.printf("  and %d sent quotes and %d sent invoices each%n", quotesPerCompany, invoicesPerCompany);
        }
        bcrypt(beans, stdout);
        return 0;
    }

    /**
     * What one password check costs at the configured bcrypt cost on this machine (the median of five), printed so
     * that a sign-in's time can be told apart from bcrypt's own.
     */
    private static void bcrypt(BeanFactory beans, PrintStream stdout) {
        int cost = beans.getBean(org.springframework.core.env.Environment.class)
                .getProperty("fieldstone.password.bcrypt-cost", Integer.class, 12);
        var encoder = new org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder(cost);
        String hash = encoder.encode("bench password");
        long[] nanos = new long[5];
        for (int i = 0; i < nanos.length; i++) {
            long start = System.nanoTime();
            encoder.matches("bench password", hash);
            nanos[i] = System.nanoTime() - start;
        }
        java.util.Arrays.sort(nanos);
        stdout.printf(java.util.Locale.ROOT, "bcrypt: cost %d, one password check takes %.0f ms (median of 5)%n", cost,
                nanos[2] / 1e6);
    }

    /**
     * One block per company: {@code company <slug> <company id> <owner's API key> <a technician's API key>},
     * then {@code owner <email> <password>} (the owner's random password, for the dashboard pages' sign-in), then
     * {@code webhook <secret> <currency>}, {@code technician <email> <password>} (the first technician's, for
     * {@code --mix mcp}'s OAuth authorization), {@code oauth <client id> <redirect uri>} (a public client), then
     * {@code client <id> <name>} lines, then {@code quote <id>} and {@code invoice <id>} lines, then {@code item <id>} and
     * {@code location <id>} lines when the company has inventory (added later: the driver reads files without them);
     * {@code telegram <webhook secret> <link code>} and {@code twilio <account SID> <auth token>} after the
     * {@code oauth} line with {@code --connect-telegram} / {@code --connect-twilio}. Written readable by its owner only, then moved into place.
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
                        + " clients, " + techniciansPerCompany + " technicians, " + jobsPerCompany + " jobs, "
                        + visitsPerCompany + " visits, " + quotesPerCompany + " quotes, " + invoicesPerCompany
                        + " invoices each. Holds API keys and passwords: benchmark data only.\n");
                for (Seeded s : seeded) {
                    w.write("company\t" + s.company().slug() + "\t" + s.company().id() + "\t" + s.apiKey() + "\t"
                            + s.technicianKey() + "\n");
                    w.write("owner\t" + s.ownerEmail() + "\t" + s.ownerPassword() + "\n");
                    w.write("webhook\t" + s.webhook() + "\n");
                    w.write("technician\t" + s.technicianEmail() + "\t" + s.technicianPassword() + "\n");
                    w.write("oauth\t" + s.oauthClientId() + "\t" + OAUTH_REDIRECT + "\n");
                    if (s.telegram() != null) {
                        w.write("telegram\t" + s.telegram() + "\n");
                    }
                    if (s.twilio() != null) {
                        w.write("twilio\t" + s.twilio() + "\n");
                    }
                    for (Client c : s.clients()) {
                        w.write("client\t" + c.id() + "\t" + c.name() + "\n");
                    }
                    for (String id : s.quoteIds()) {
                        w.write("quote\t" + id + "\n");
                    }
                    for (String id : s.invoiceIds()) {
                        w.write("invoice\t" + id + "\n");
                    }
                    for (String id : s.itemIds()) {
                        w.write("item\t" + id + "\n");
                    }
                    for (String id : s.locationIds()) {
                        w.write("location\t" + id + "\n");
                    }
                }
            }
            Files.move(tmp, out, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write " + out, e);
        }
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        String message = t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
        return message.lines().findFirst().orElse(message).strip();
    }

    /**
     * @param webhook the company's Stripe webhook signing secret (random, set in its secret store) and its currency,
     *                {@code <secret> <currency>}: what the driver's {@code --mix webhooks} signs its events with
     */
    record Seeded(Company company, String apiKey, String technicianKey, List<Client> clients, List<String> quoteIds,
                  List<String> invoiceIds, String ownerEmail, String ownerPassword, String webhook, List<String> itemIds,
                  List<String> locationIds, String technicianEmail, String technicianPassword, String oauthClientId,
                  String telegram, String twilio) {
    }

    /** The redirect URI of the bench's OAuth client (loopback, never listened on: the driver reads the code from it). */
    static final String OAUTH_REDIRECT = "http://127.0.0.1:9/bench-callback";

    /** How much of everything a company gets. */
    record Shape(int clients, int technicians, int jobs, int visits, int quotes, int invoices, boolean visitsThisWeek,
                 boolean demoData, int items, int movements, boolean telegram, boolean twilio, int withinHours) {
    }

    /** Counts what was seeded and says so on stderr: every ten companies, and every ten seconds in between. */
    static final class Progress {
        private static final long EVERY = 10_000_000_000L;

        final AtomicLong clients = new AtomicLong();
        final AtomicLong jobs = new AtomicLong();
        final AtomicLong visits = new AtomicLong();
        final AtomicLong quotes = new AtomicLong();
        final AtomicLong invoices = new AtomicLong();
        final AtomicLong movements = new AtomicLong();
        private final AtomicInteger companiesDone = new AtomicInteger();
        private final AtomicLong nextReport;
        private final int companies;
        private final PrintStream err;
        private final long started = System.nanoTime();

        Progress(int companies, PrintStream err) {
            this.companies = companies;
            this.err = err;
            this.nextReport = new AtomicLong(started + EVERY);
        }

        void companyDone() {
            int n = companiesDone.incrementAndGet();
            if (n % 10 == 0 || n == companies) {
                report();
            }
        }

        void added(AtomicLong counter) {
            counter.incrementAndGet();
            long next = nextReport.get();
            if (System.nanoTime() >= next && nextReport.compareAndSet(next, System.nanoTime() + EVERY)) {
                report();
            }
        }

        double seconds() {
            return (System.nanoTime() - started) / 1e9;
        }

        long records() {
            return clients.get() + jobs.get() + visits.get() + quotes.get() + invoices.get() + movements.get();
        }

        private void report() {
            double seconds = seconds();
            err.printf("bench seed: %d/%d companies, %d clients, %d jobs, %d visits, %d quotes, %d invoices, %d movements, %.0f clients/s, "
                            + "%.0f records/s, %.0f s%n",
                    companiesDone.get(), companies, clients.get(), jobs.get(), visits.get(), quotes.get(), invoices.get(),
                    movements.get(), clients.get() / seconds,
                    records() / seconds, seconds);
        }
    }

    /**
     * Where visits go: the technicians' working days within half a year either side of today, four slots a day
     * (08:00, 10:30, 13:30, 16:00; 1½–2 h), each slot used once in random order — except that every tenth visit takes
     * the previous visit's slot (a double-booking) and every twentieth starts at 18:30 (outside working hours).
     * The first technician's slots of today come first, so that their {@code /schedule/today} is not empty.
     */
    static final class VisitPlan {
        private static final LocalTime[] STARTS = {LocalTime.of(8, 0), LocalTime.of(10, 30), LocalTime.of(13, 30),
                LocalTime.of(16, 0)};
        private static final Duration[] LENGTHS = {Duration.ofMinutes(120), Duration.ofMinutes(120),
                Duration.ofMinutes(120), Duration.ofMinutes(90)};

        private record Slot(LocalDate day, int technician, int slot) {
        }

        private final List<UserId> technicians;
        private final List<Slot> slots = new ArrayList<>();

        VisitPlan(LocalDate today, List<UserId> technicians, int visits, long seed) {
            this(today, today.minusDays(182), today.plusDays(182), technicians, visits, seed);
        }

        /** Only the days from {@code first} to {@code last}, both included (this week, for the week view's shape). */
        VisitPlan(LocalDate today, LocalDate first, LocalDate last, List<UserId> technicians, int visits, long seed) {
            this.technicians = technicians;
            List<Slot> rest = new ArrayList<>();
            for (LocalDate d = first; !d.isAfter(last); d = d.plusDays(1)) {
                boolean weekend = d.getDayOfWeek() == DayOfWeek.SATURDAY || d.getDayOfWeek() == DayOfWeek.SUNDAY;
                for (int t = 0; t < technicians.size(); t++) {
                    for (int s = 0; s < STARTS.length; s++) {
                        if (d.equals(today) && t == 0) {
                            slots.add(new Slot(d, t, s));
                        } else if (!weekend) {
                            rest.add(new Slot(d, t, s));
                        }
                    }
                }
            }
            java.util.Collections.shuffle(rest, new java.util.Random(seed));
            slots.addAll(rest);
        }

        NewVisit visit(int i) {
            Slot slot = slots.get((i % 10 == 9 ? i - 1 : i) % slots.size());
            // never one of the double-bookings (i % 10 == 9), which would then not overlap
            LocalDateTime start = slot.day().atTime(i % 20 == 10 ? LocalTime.of(18, 30) : STARTS[slot.slot()]);
            LocalDateTime end = start.plus(LENGTHS[slot.slot()]);
            return new NewVisit(start.toString(), end.toString(), List.of(technicians.get(slot.technician())));
        }
    }

    /** Seeds one company at a time; safe to use from several threads (each works on its own company). */
    static final class Seeder {
        private static final SecureRandom RANDOM = new SecureRandom();

        private final BeanFactory beans;
        private final Accounts accounts;
        private final Team team;
        private final ApiKeys apiKeys;
        private final Clients clients;
        private final Jobs jobs;
        private final Visits jobVisits;
        private final Pricing pricing;
        private final Quotes quotes;
        private final Invoices invoices;
        private final org.fieldstone.inventory.Inventory inventory;
        /** How many of a company's movements go through the write path; the rest are written in bulk. */
        static final int THROUGH_THE_WRITE_PATH = 50;
        private static final int BULK_ROWS = 500;
        private static final int BULK_TRANSACTION = 10_000;
        private final CompanyDatabases databases;
        private final Clock clock;
        private final Shape shape;
        private final int batch;
        private final Progress progress;

        Seeder(BeanFactory beans, Shape shape, int batch, Progress progress) {
            this.beans = beans;
            this.accounts = beans.getBean(Accounts.class);
            this.team = beans.getBean(Team.class);
            this.apiKeys = beans.getBean(ApiKeys.class);
            this.clients = beans.getBean(Clients.class);
            this.jobs = beans.getBean(Jobs.class);
            this.jobVisits = beans.getBean(Visits.class);
            this.pricing = beans.getBean(Pricing.class);
            this.quotes = beans.getBean(Quotes.class);
            this.invoices = beans.getBean(Invoices.class);
            this.inventory = beans.getBean(org.fieldstone.inventory.Inventory.class);
            this.databases = beans.getBean(CompanyDatabases.class);
            this.clock = beans.getBean(Clock.class);
            this.shape = shape;
            this.batch = batch;
            this.progress = progress;
        }

        Seeded company(String slug) {
            EmailAddress ownerEmail = new EmailAddress("owner@" + slug + ".example");
            char[] password = randomPassword();
            Company company = accounts.createCompany(new NewCompany(slug, "Bench " + slug, ZoneId.of("UTC"), "US"),
                    ownerEmail, "Owner " + slug, password);
            String ownerPassword = new String(password);
            java.util.Arrays.fill(password, '\0');
            Actor cli = Actor.system(company.id(), Channel.CLI);
            User owner = team.findByEmail(cli, ownerEmail).orElseThrow();
            String key = apiKeys.createFor(cli, owner.id(), "bench load driver", Optional.empty(), Optional.empty())
                    .secret();
            List<UserId> technicians = new ArrayList<>(shape.technicians());
            // one technician signs in (bcrypt) and holds the driver's key; the others are invited, like new hires
            char[] technicianPassword = randomPassword();
            String technicianEmail = "tech-01@" + slug + ".example";
            String firstPassword = new String(technicianPassword);
            User first = accounts.addUser(cli, new EmailAddress(technicianEmail), "Technician 01 " + slug,
                    Role.USER, technicianPassword);
            technicians.add(first.id());
            for (int t = 2; t <= shape.technicians(); t++) {
                String n = String.format("%02d", t);
                technicians.add(team.invite(cli, new EmailAddress("tech-" + n + "@" + slug + ".example"),
                        "Technician " + n + " " + slug, Role.USER).user().id());
            }
            String technicianKey = apiKeys.createFor(cli, first.id(), "bench load driver (technician)", Optional.empty(),
                    Optional.empty()).secret();
            // --mix mcp: a public OAuth client (PKCE) the driver authorizes as the first technician, for tokens whose
            // audience is the company's MCP endpoint (the redirect is never followed: the driver reads the code from it)
            String oauthClientId = beans.getBean(org.fieldstone.identity.ConnectedApps.class)
                    .register(cli, "Bench MCP client", List.of(OAUTH_REDIRECT), false).app().clientId();
            CompanyDatabase db = databases.of(company.id());
            List<Client> created = new ArrayList<>(shape.clients());
            List<String> sites = new ArrayList<>(shape.clients());
            inBatches(db, shape.clients(), i -> {
                Client c = client(cli, i);
                created.add(c);
                progress.added(progress.clients);
            });
            for (Client c : created) {
                sites.add(clients.properties(cli, c.id()).getFirst().id());
            }
            LocalDate today = LocalDate.ofInstant(clock.instant(), company.timeZone());
            LocalDate monday = today.with(java.time.temporal.TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
            VisitPlan plan = shape.visitsThisWeek()
                    ? new VisitPlan(today, monday, monday.plusDays(6), technicians, shape.visits(), slug.hashCode())
                    : new VisitPlan(today, technicians, shape.visits(), slug.hashCode());
            List<String> jobIds = new ArrayList<>(shape.jobs());
            java.util.function.IntFunction<NewVisit> visit = shape.withinHours() > 0
                    ? soon(clock.instant(), company.timeZone(), technicians) : plan::visit;
            inBatches(db, shape.jobs(), i -> {
                int client = Math.floorMod(i * 7919, created.size());
                UserId technician = technicians.get(i % technicians.size());
                NewVisit firstVisit = i < shape.visits() ? visit.apply(i) : null;
                jobIds.add(jobs.create(cli, new NewJob(created.get(client).id(), sites.get(client), JOB_TITLES[i % JOB_TITLES.length],
                        "Bench job " + i + ".", null, List.of(), List.of(), null, List.of(technician), null, List.of(), null,
                        firstVisit)).id());
                progress.added(progress.jobs);
                if (firstVisit != null) {
                    progress.added(progress.visits);
                }
            });
            int more = Math.max(0, shape.visits() - shape.jobs());
            inBatches(db, more, i -> {
                int v = shape.jobs() + i;
                jobVisits.addVisit(cli, jobIds.get(v % jobIds.size()), visit.apply(v));
                progress.added(progress.visits);
            });
            // quotes and invoices (sent) for clients spread over the company, with one tax rate on every line
            String taxRateId = shape.quotes() + shape.invoices() == 0 ? null
                    : pricing.createTaxRate(cli, "Sales tax", new java.math.BigDecimal("8.25")).id();
            List<String> quoteIds = new ArrayList<>(shape.quotes());
            inBatches(db, shape.quotes(), i -> {
                int client = Math.floorMod(i * 7907 + 1, created.size());
                Quote q = quotes.create(cli, new NewQuote(created.get(client).id(), sites.get(client),
                        JOB_TITLES[i % JOB_TITLES.length] + " (quote " + i + ")", lines(i, taxRateId, 12_500L), null, null,
                        "Valid for 30 days.", null, null));
                quoteIds.add(quotes.send(cli, q.id(), q.version()).id());
                progress.added(progress.quotes);
            });
            List<String> invoiceIds = new ArrayList<>(shape.invoices());
            inBatches(db, shape.invoices(), i -> {
                int client = Math.floorMod(i * 7901 + 2, created.size());
                // at least three lines of 400,000.00: more than 1,000,000.00, never paid off by the driver's 1.00s
                Invoice inv = invoices.create(cli, new NewInvoice(created.get(client).id(), sites.get(client),
                        JOB_TITLES[i % JOB_TITLES.length] + " (invoice " + i + ")", lines(i, taxRateId, 40_000_000L), null,
                        null, "Payable within 30 days.", null, null));
                invoiceIds.add(invoices.send(cli, inv.id(), inv.version()).id());
                progress.added(progress.invoices);
            });
            List<String> itemIds = new ArrayList<>();
            List<String> locationIds = new ArrayList<>();
            if (shape.movements() > 0) {
                stock(cli, db, technicians, itemIds, locationIds);
            }
            if (shape.demoData()) {
                org.fieldstone.ops.DemoData.seed(beans, company);
            }
            // the company's Stripe webhook signing secret, for --mix webhooks (its events are signed with it)
            byte[] random = new byte[24];
            new java.security.SecureRandom().nextBytes(random);
            String webhookSecret = "whsec_bench_" + java.util.HexFormat.of().formatHex(random);
            beans.getBean(org.fieldstone.tenancy.SecretStore.class).set(cli, "stripe.webhook-secret",
                    webhookSecret.toCharArray());
            String webhook = webhookSecret + "\t" + pricing.settings(cli).currency();
            String telegram = shape.telegram() ? telegram(cli, first) : null;
            String twilio = shape.twilio() ? twilio(cli) : null;
            return new Seeded(company, key, technicianKey, created, quoteIds, invoiceIds, ownerEmail.value(), ownerPassword,
                    webhook, itemIds, locationIds, technicianEmail, firstPassword, oauthClientId, telegram, twilio);
        }

        /**
         * {@code --visits-within-hours H}: visit {@code i} of the company's V starts at now + 1 h + i × (H − 2) h / V
         * (minutes), an hour long, assigned to technician {@code i % T}: all within the reminders' lead time when H ≤ 24.
         */
        private java.util.function.IntFunction<NewVisit> soon(java.time.Instant now, ZoneId zone, List<UserId> technicians) {
            java.time.Instant first = now.truncatedTo(java.time.temporal.ChronoUnit.MINUTES).plus(java.time.Duration.ofHours(1));
            long spanMinutes = (shape.withinHours() - 2) * 60L;
            return i -> {
                java.time.Instant start = first.plus(java.time.Duration.ofMinutes(spanMinutes * i / Math.max(1, shape.visits())));
                java.time.LocalDateTime local = java.time.LocalDateTime.ofInstant(start, zone);
                return new NewVisit(local.toString(), local.plusHours(1).toString(),
                        List.of(technicians.get(i % technicians.size())));
            };
        }

        /**
         * {@code --connect-telegram}: the company's bot connected as an admin does it in Settings → Telegram
         * ({@code TelegramSettings.connect}: getMe and setWebhook to the fake API, the token and a new random webhook
         * secret into the secret store), then a one-time link code for the first technician ({@code TelegramLinks},
         * valid ten minutes: the driver redeems it with {@code /start <code>} before its warm-up). Returns
         * {@code <webhook secret>\t<link code>}.
         */
        private String telegram(Actor cli, User technician) {
            // never Telegram's own API with a made-up token: only a fake on loopback (bench/run.sh starts one)
            String api = beans.getBean(org.springframework.core.env.Environment.class)
                    .getProperty("fieldstone.telegram.api-url", "");
            if (!api.startsWith("http://127.0.0.1:") && !api.startsWith("http://localhost:")) {
                throw new IllegalStateException("--connect-telegram needs fieldstone.telegram.api-url on loopback (a fake)");
            }
            beans.getBean(org.fieldstone.telegram.TelegramSettings.class).connect(cli,
                    "1" + Math.abs(cli.tenant().hashCode() % 1_000_000) + ":bench-bot-token-not-real");
            String secret = beans.getBean(org.fieldstone.tenancy.SecretStore.class)
                    .reveal(cli.tenant(), org.fieldstone.telegram.internal.TelegramBots.WEBHOOK_SECRET).orElseThrow();
            Actor tech = new Actor(cli.tenant(), Optional.of(technician.id()), technician.name(), technician.role(),
                    Optional.empty(), Channel.CLI, null, null);
            String code = beans.getBean(org.fieldstone.telegram.TelegramLinks.class).newCode(tech).code();
            return secret + "\t" + code;
        }

        /**
         * {@code --connect-twilio}: Settings → SMS as an admin fills it in ({@code SmsSettings.update}: an account SID,
         * a random auth token — into the secret store —, a sender and a cap no run reaches). Returns
         * {@code <account SID>\t<auth token>}: the driver signs its webhooks with the token.
         */
        private String twilio(Actor cli) {
            byte[] random = new byte[16];
            new java.security.SecureRandom().nextBytes(random);
            String sid = "AC" + java.util.HexFormat.of().formatHex(random);
            new java.security.SecureRandom().nextBytes(random);
            String token = java.util.HexFormat.of().formatHex(random);
            beans.getBean(org.fieldstone.sms.SmsSettings.class).update(cli, sid, token, "+15005550006", 100_000_000L);
            return sid + "\t" + token;
        }

        /**
         * The stock shape: items, a warehouse (the first location) and a van per technician, then
         * {@code shape.movements()} movements: the first {@value #THROUGH_THE_WRITE_PATH} through
         * {@link org.fieldstone.inventory.Inventory#record} (the write path, audited, in batches like everything else),
         * the rest written in bulk — rows like theirs, many to a statement — since 100,000 through the write path take
         * most of an hour (they are not audited and do not raise the locations' versions; the stock, their sum, is the
         * same). Each item goes through cycles of ten of its own movements: a RECEIVE
         * of 10 units into the warehouse, eight TRANSFERs of one unit to the vans in turn (round all of them) and an ADJUST of −1 in the
         * warehouse after a count; the warehouse keeps one more unit after each cycle, so stock is never negative.
         */
        private void stock(Actor cli, CompanyDatabase db, List<UserId> technicians, List<String> itemIds,
                           List<String> locationIds) {
            for (int i = 0; i < shape.items(); i++) {
                itemIds.add(inventory.createItem(cli, new Pricing.NewProduct("PRODUCT", "Part " + String.format("%05d", i),
                        null, 1_500L + i, null, "each", "SKU-" + String.format("%05d", i), 900L + i, null)).id());
            }
            locationIds.add(inventory.createLocation(cli, new org.fieldstone.inventory.Inventory.NewLocation("WAREHOUSE",
                    "Main warehouse", null, null)).id());
            for (int t = 0; t < technicians.size(); t++) {
                locationIds.add(inventory.createLocation(cli, new org.fieldstone.inventory.Inventory.NewLocation("VAN",
                        "Van " + String.format("%02d", t + 1), technicians.get(t).value().toString(), null)).id());
            }
            int throughFacade = Math.min(shape.movements(), THROUGH_THE_WRITE_PATH);
            inBatches(db, throughFacade, i -> {
                inventory.record(cli, movement(i, itemIds, locationIds));
                progress.added(progress.movements);
            });
            // the rest in bulk: the same rows the write path wrote (who, when) many to a statement, 10,000 to a transaction
            if (shape.movements() > throughFacade) {
                String by = db.jdbc().sql("SELECT created_by FROM stock_movements ORDER BY created_at DESC LIMIT 1")
                        .query(String.class).single();
                long at = db.jdbc().sql("SELECT MAX(created_at) FROM stock_movements").query(Long.class).single();
                for (int from = throughFacade; from < shape.movements(); from += BULK_TRANSACTION) {
                    int to = Math.min(shape.movements(), from + BULK_TRANSACTION);
                    int first = from;
                    db.inTransaction(() -> {
                        for (int start = first; start < to; start += BULK_ROWS) {
                            int end = Math.min(to, start + BULK_ROWS);
                            StringBuilder sql = new StringBuilder("INSERT INTO stock_movements (id, type, item_id, quantity, "
                                    + "from_location_id, to_location_id, reason, supplier, unit_cost, version, created_at, "
                                    + "created_by, updated_at, updated_by) VALUES ");
                            List<Object> params = new ArrayList<>();
                            for (int i = start; i < end; i++) {
                                org.fieldstone.inventory.Inventory.NewMovement m = movement(i, itemIds, locationIds);
                                sql.append(i == start ? "(" : ", (").append("?, ?, ?, ?, ");
                                params.addAll(List.of(java.util.UUID.randomUUID().toString(), m.type(), m.itemId(),
                                        m.quantity()));
                                // absent values as NULL literals: no untyped null parameters (PostgreSQL)
                                for (Object v : new Object[] {m.fromLocationId(), m.toLocationId(), m.reason(),
                                        m.supplier(), m.unitCost()}) {
                                    sql.append(v == null ? "NULL, " : "?, ");
                                    if (v != null) {
                                        params.add(v);
                                    }
                                }
                                sql.append("1, ?, ?, ?, ?)");
                                long when = at + i;
                                params.addAll(List.of(when, by, when, by));
                                progress.added(progress.movements);
                            }
                            db.jdbc().sql(sql.toString()).params(params).update();
                        }
                    });
                }
            }
        }

        /** The {@code i}-th movement of the stock shape (see {@link #stock}). */
        private static org.fieldstone.inventory.Inventory.NewMovement movement(int i, List<String> itemIds,
                                                                               List<String> locationIds) {
            String warehouse = locationIds.getFirst();
            int vans = locationIds.size() - 1;
            String item = itemIds.get(i % itemIds.size());
            int k = i / itemIds.size();
            int step = k % 10;
            if (step == 0) {
                return new org.fieldstone.inventory.Inventory.NewMovement("RECEIVE", item, 10_000L, null, warehouse, null,
                        null, "Bench supplier", 900L, null);
            } else if (step < 9) {
                // the item's transfers, numbered, go round the vans (each item starting at another)
                int transfer = (k / 10) * 8 + step - 1;
                String van = locationIds.get(1 + Math.floorMod(transfer + i % itemIds.size(), vans));
                return new org.fieldstone.inventory.Inventory.NewMovement("TRANSFER", item, 1_000L, warehouse, van, null,
                        null, null, null, null);
            }
            return new org.fieldstone.inventory.Inventory.NewMovement("ADJUST", item, -1_000L, null, warehouse, null,
                    "Count", null, null, null);
        }

        /** Three to five lines (a one-page document) of at least {@code price} minor units each, taxed at the rate. */
        private static List<LineInput> lines(int i, String taxRateId, long price) {
            List<LineInput> lines = new ArrayList<>();
            for (int l = 0; l < 3 + i % 3; l++) {
                lines.add(new LineInput(null, null, JOB_TITLES[(i + l) % JOB_TITLES.length] + ", part " + (l + 1),
                        java.math.BigDecimal.valueOf(1 + l % 2), price + 100L * l, null, Change.to(taxRateId), false, null));
            }
            return lines;
        }

        /** Runs {@code each} for 0 … n−1, {@code batch} at a time in one transaction (each still through its facade). */
        private void inBatches(CompanyDatabase db, int n, java.util.function.IntConsumer each) {
            for (int from = 0; from < n; from += batch) {
                int to = Math.min(n, from + batch);
                int first = from;
                if (batch == 1) {
                    each.accept(first);
                } else {
                    db.inTransaction(() -> {
                        for (int i = first; i < to; i++) {
                            each.accept(i);
                        }
                    });
                }
            }
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
