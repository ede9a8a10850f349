package org.fieldstone.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.TemporalAdjusters;
import java.util.List;
import org.fieldstone.invoices.Invoice;
import org.fieldstone.invoices.InvoiceStatus;
import org.fieldstone.invoices.Invoices;
import org.fieldstone.quotes.Quote;
import org.fieldstone.quotes.QuoteStatus;
import org.fieldstone.quotes.Quotes;
import org.fieldstone.shared.Actor;
import org.fieldstone.shared.Channel;
import org.fieldstone.support.Fixtures;
import org.fieldstone.support.Https;
import org.fieldstone.tenancy.Companies;
import org.fieldstone.tenancy.Company;
import org.fieldstone.tenancy.CompanyDatabases;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.ApplicationContext;
import picocli.CommandLine;

/**
 * The benchmark's seed on either engine, run in-process with the facades of the running test application (the
 * program itself starts its own, web-less application on the same data: bench/run.sh runs it that way). What it
 * writes, the load driver must be able to use against the server.
 */
abstract class BenchSeedContract {

    @Autowired ApplicationContext context;
    @Autowired Companies companies;
    @Autowired CompanyDatabases databases;
    @Autowired Fixtures fixtures;
    @Autowired Quotes quotes;
    @Autowired org.fieldstone.tenancy.SecretStore secrets;
    @Autowired Invoices invoices;
    @Value("${local.server.port}") int port;

    @Test
    void provisionsCompaniesWithKeysAndAuditedClientsJobsAndVisitsThatTheServerServes() throws IOException {
        String prefix = fixtures.uniqueSlug("bench");
        Path out = Files.createTempDirectory("fieldstone-bench-").resolve("seed.txt");
        BenchSeed seed = CommandLine.populateCommand(new BenchSeed(), "--companies", "2", "--clients-per-company", "3",
                "--batch", "2", "--technicians-per-company", "2", "--jobs-per-company", "4", "--visits-per-company", "11",
                "--quotes-per-company", "0", "--invoices-per-company", "0", "--slug-prefix", prefix, "--out", out.toString());
        seed.validate();
        var stdout = new ByteArrayOutputStream();
        var stderr = new ByteArrayOutputStream();

        int exit;
        try (var o = new PrintStream(stdout, true, StandardCharsets.UTF_8); var e = new PrintStream(stderr, true, StandardCharsets.UTF_8)) {
            exit = seed.seed(context, o, e);
        }

        assertThat(exit).isZero();
        assertThat(stdout.toString(StandardCharsets.UTF_8)).startsWith("seeded 2 companies with 3 clients each")
                .contains("and 2 technicians, 4 jobs and 11 visits each");
        assertThat(stderr.toString(StandardCharsets.UTF_8)).contains("bench seed: 2/2 companies, 6 clients, 8 jobs, 22 visits");
        assertThat(Files.getPosixFilePermissions(out)).as("the file holds API keys")
                .containsExactlyInAnyOrder(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);
        List<String[]> lines = Files.readAllLines(out).stream().filter(l -> !l.startsWith("#"))
                .map(l -> l.split("\t")).toList();
        assertThat(lines).hasSize(2 * 5 + 6);
        assertThat(stdout.toString(StandardCharsets.UTF_8)).containsPattern("bcrypt: cost 12, one password check takes \\d+ ms");
        Https server = new Https(port);
        for (int i = 0; i < 2; i++) {
            String[] company = lines.get(i * 8);
            assertThat(company[0]).isEqualTo("company");
            assertThat(company[1]).isEqualTo(prefix + "-000" + (i + 1));
            Company provisioned = companies.findBySlug(company[1]).orElseThrow();
            assertThat(company[2]).isEqualTo(provisioned.id().toString());
            String key = company[3];
            String[] owner = lines.get(i * 8 + 1);
            assertThat(owner[0]).isEqualTo("owner");
            assertThat(owner[1]).isEqualTo("owner@" + company[1] + ".example");
            assertThat(new Https(port).signIn(company[1], owner[1], owner[2]).header("Location"))
                    .as("the owner's password signs in to the dashboard").endsWith("/c/" + company[1] + "/");
            String[] technician = lines.get(i * 8 + 3);
            assertThat(technician[0]).isEqualTo("technician");
            assertThat(technician[1]).isEqualTo("tech-01@" + company[1] + ".example");
            assertThat(new Https(port).signIn(company[1], technician[1], technician[2]).header("Location"))
                    .as("the technician's password signs in (--mix mcp authorizes as them)").endsWith("/c/" + company[1] + "/");
            String[] oauth = lines.get(i * 8 + 4);
            assertThat(oauth[0]).isEqualTo("oauth");
            assertThat(oauth[2]).isEqualTo(BenchSeed.OAUTH_REDIRECT);
            assertThat(server.get("/c/" + company[1] + "/oauth2/authorize?response_type=code&client_id=" + oauth[1]
                    + "&redirect_uri=" + java.net.URLEncoder.encode(oauth[2], StandardCharsets.UTF_8)
                    + "&scope=jobs:read&code_challenge=" + "a".repeat(43) + "&code_challenge_method=S256").status())
                    .as("a registered client: the authorization request goes on to the login page").isEqualTo(302);
            Https.Response list = server.get("/api/v1/clients", key);
            assertThat(list.status()).isEqualTo(200);
            assertThat(list.body()).contains("\"total\":3");
            Https.Response asTechnician = server.get("/api/v1/me", company[4]);
            assertThat(asTechnician.status()).as("the technician's key").isEqualTo(200);
            assertThat(asTechnician.body()).contains("\"role\":\"USER\"");
            assertThat(server.get("/api/v1/schedule/today", company[4]).status()).as("the driver's today").isEqualTo(200);
            LocalDate monday = LocalDate.now(ZoneOffset.UTC).with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
            assertThat(server.get("/api/v1/schedule?from=" + monday + "T00:00&to=" + monday.plusWeeks(1) + "T00:00", key)
                    .status()).as("the driver's week").isEqualTo(200);
            for (int j = 1; j <= 3; j++) {
                String[] client = lines.get(i * 8 + 4 + j);
                assertThat(client[0]).isEqualTo("client");
                Https.Response one = server.get("/api/v1/clients/" + client[1], key);
                assertThat(one.status()).isEqualTo(200);
                assertThat(one.body()).contains(client[2]);
                assertThat(one.header("ETag")).isEqualTo("\"1\"");
            }
            var db = databases.of(provisioned.id()).jdbc();
            assertThat(db.sql("SELECT COUNT(*) FROM audit_log WHERE action = 'client.created' AND channel = 'cli'")
                    .query(Long.class).single()).as("every client through the write path").isEqualTo(3);
            assertThat(db.sql("SELECT COUNT(*) FROM audit_log WHERE action = 'property.created'")
                    .query(Long.class).single()).isEqualTo(3);
            assertThat(db.sql("SELECT COUNT(*) FROM audit_log WHERE action = 'job.created' AND channel = 'cli'")
                    .query(Long.class).single()).isEqualTo(4);
            assertThat(db.sql("SELECT COUNT(*) FROM audit_log WHERE action = 'visit.created' AND channel = 'cli'")
                    .query(Long.class).single()).isEqualTo(11);
            assertThat(db.sql("SELECT COUNT(*) FROM (SELECT DISTINCT starts_at, assignees FROM visits) AS slots").query(Long.class).single())
                    .as("every tenth visit double-books the one before").isEqualTo(10);
        }
    }

    @Test
    void seedsSentQuotesAndInvoicesWithALargeBalanceThatTheMoneyMixCanUse() throws IOException {
        String prefix = fixtures.uniqueSlug("bench");
        Path out = Files.createTempDirectory("fieldstone-bench-").resolve("seed.txt");
        BenchSeed seed = CommandLine.populateCommand(new BenchSeed(), "--companies", "1", "--clients-per-company", "3",
                "--technicians-per-company", "1", "--jobs-per-company", "0", "--visits-per-company", "0",
                "--quotes-per-company", "2", "--invoices-per-company", "2", "--slug-prefix", prefix, "--out", out.toString());
        seed.validate();
        var stdout = new ByteArrayOutputStream();
        var stderr = new ByteArrayOutputStream();

        int exit;
        try (var o = new PrintStream(stdout, true, StandardCharsets.UTF_8); var e = new PrintStream(stderr, true, StandardCharsets.UTF_8)) {
            exit = seed.seed(context, o, e);
        }

        assertThat(exit).isZero();
        assertThat(stdout.toString(StandardCharsets.UTF_8)).contains("and 2 sent quotes and 2 sent invoices each");
        assertThat(stderr.toString(StandardCharsets.UTF_8)).contains("bench seed: 1/1 companies, 3 clients, 0 jobs, 0 visits, 2 quotes, 2 invoices");
        List<String[]> lines = Files.readAllLines(out).stream().filter(l -> !l.startsWith("#"))
                .map(l -> l.split("\t")).toList();
        assertThat(lines.stream().map(l -> l[0]).toList())
                .containsExactly("company", "owner", "webhook", "technician", "oauth", "client", "client", "client", "quote", "quote", "invoice",
                        "invoice");
        Company provisioned = companies.findBySlug(lines.getFirst()[1]).orElseThrow();
        Actor system = Actor.system(provisioned.id(), Channel.SYSTEM);
        String key = lines.getFirst()[3];
        Https server = new Https(port);
        List<String> clientIds = lines.subList(5, 8).stream().map(l -> l[1]).toList();
        for (String[] q : lines.subList(8, 10)) {
            Quote quote = quotes.get(system, q[1]);
            assertThat(quote.status()).isEqualTo(QuoteStatus.SENT);
            assertThat(clientIds).contains(quote.clientId());
            assertThat(quote.lines()).hasSizeBetween(3, 5);
            assertThat(server.get("/api/v1/quotes/" + q[1], key).status()).as("the driver's quote").isEqualTo(200);
        }
        assertThat(lines.get(8)[1]).isNotEqualTo(lines.get(9)[1]);
        for (String[] i : lines.subList(10, 12)) {
            Invoice invoice = invoices.get(system, i[1]);
            assertThat(invoice.status()).isEqualTo(InvoiceStatus.SENT);
            assertThat(clientIds).contains(invoice.clientId());
            assertThat(invoice.lines()).hasSizeBetween(3, 5);
            assertThat(invoice.totals().total().amount()).as("more than 1,000,000.00").isGreaterThan(100_000_000L);
            assertThat(server.get("/api/v1/invoices/" + i[1], key).status()).as("the driver's invoice").isEqualTo(200);
            Https.Response paid = server.json("POST", "/api/v1/invoices/" + i[1] + "/payments", key,
                    "{\"amount\": 100, \"method\": \"CASH\"}");
            assertThat(paid.status()).as("the driver's payment: %s", paid.body()).isEqualTo(201);
            assertThat(invoices.get(system, i[1]).status()).isNotEqualTo(InvoiceStatus.PAID);
        }
        assertThat(lines.get(10)[1]).isNotEqualTo(lines.get(11)[1]);
    }

    @Test
    void seedsTheDemosWeekAndPutsTheVisitsIntoThisWeekForTheDashboardPages() throws IOException {
        String prefix = fixtures.uniqueSlug("bench");
        Path out = Files.createTempDirectory("fieldstone-bench-").resolve("seed.txt");
        BenchSeed seed = CommandLine.populateCommand(new BenchSeed(), "--companies", "1", "--clients-per-company", "2",
                "--technicians-per-company", "2", "--jobs-per-company", "6", "--visits-per-company", "6",
                "--quotes-per-company", "0", "--invoices-per-company", "0", "--visits-this-week", "--demo-data",
                "--slug-prefix", prefix, "--out", out.toString());
        seed.validate();
        int exit;
        try (var o = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
             var e = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8)) {
            exit = seed.seed(context, o, e);
        }

        assertThat(exit).isZero();
        Company provisioned = companies.findBySlug(prefix + "-0001").orElseThrow();
        var db = databases.of(provisioned.id()).jdbc();
        // the week of the application's clock (tests share one that some of them move)
        LocalDate monday = LocalDate.ofInstant(context.getBean(java.time.Clock.class).instant(), ZoneOffset.UTC)
                .with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
        List<Long> benchVisits = db.sql("SELECT v.starts_at FROM visits v JOIN audit_log a ON a.entity_id = v.id "
                + "WHERE a.action = 'visit.created' AND a.channel = 'cli'").query(Long.class).list();
        assertThat(benchVisits).hasSize(6).allSatisfy(start -> assertThat(java.time.Instant.ofEpochMilli(start))
                .isBetween(monday.atStartOfDay(ZoneOffset.UTC).toInstant(), monday.plusWeeks(1).atStartOfDay(ZoneOffset.UTC).toInstant()));
        assertThat(db.sql("SELECT COUNT(*) FROM audit_log WHERE action = 'job.created' AND channel = 'system'")
                .query(Long.class).single()).as("the demo's jobs").isGreaterThan(20);
        assertThat(db.sql("SELECT COUNT(*) FROM audit_log WHERE action = 'invoice.created'").query(Long.class).single())
                .as("the demo's money").isPositive();
    }

    @Test
    void connectsTwilioAndPlacesTheVisitsWithinTheRemindersLeadTimeForTheFanout() throws IOException {
        String prefix = fixtures.uniqueSlug("bench");
        Path out = Files.createTempDirectory("fieldstone-bench-").resolve("seed.txt");
        BenchSeed seed = CommandLine.populateCommand(new BenchSeed(), "--companies", "1", "--clients-per-company", "3",
                "--technicians-per-company", "2", "--jobs-per-company", "4", "--visits-per-company", "6",
                "--quotes-per-company", "0", "--invoices-per-company", "0", "--visits-within-hours", "22",
                "--connect-twilio", "--slug-prefix", prefix, "--out", out.toString());
        seed.validate();
        java.time.Clock clock = context.getBean(java.time.Clock.class);
        java.time.Instant before = clock.instant();
        int exit;
        try (var o = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
             var e = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8)) {
            exit = seed.seed(context, o, e);
        }
        java.time.Instant after = clock.instant();

        assertThat(exit).isZero();
        List<String[]> lines = Files.readAllLines(out).stream().filter(l -> !l.startsWith("#"))
                .map(l -> l.split("\t")).toList();
        assertThat(lines.stream().map(l -> l[0]).toList()).startsWith("company", "owner", "webhook", "technician",
                "oauth", "twilio", "client");
        String[] twilio = lines.get(5);
        assertThat(twilio[1]).matches("AC[0-9a-f]{32}");
        assertThat(twilio[2]).matches("[0-9a-f]{32}");
        Company provisioned = companies.findBySlug(lines.getFirst()[1]).orElseThrow();
        Actor system = Actor.system(provisioned.id(), Channel.SYSTEM);
        var sms = context.getBean(org.fieldstone.sms.SmsSettings.class).setup(system);
        assertThat(sms.connected()).isTrue();
        assertThat(sms.accountSid()).isEqualTo(twilio[1]);
        assertThat(sms.monthlyCap()).isEqualTo(100_000_000L);
        List<Long> starts = databases.of(provisioned.id()).jdbc().sql("SELECT starts_at FROM visits").query(Long.class).list();
        assertThat(starts).hasSize(6).allSatisfy(start -> assertThat(java.time.Instant.ofEpochMilli(start))
                .isBetween(before.plus(java.time.Duration.ofMinutes(59)), after.plus(java.time.Duration.ofHours(21))));
    }

    @Test
    void seedsAValidStockLedgerThroughTheWritePathThatTheStockMixCanUse() throws IOException {
        String prefix = fixtures.uniqueSlug("bench");
        Path out = Files.createTempDirectory("fieldstone-bench-").resolve("seed.txt");
        BenchSeed seed = CommandLine.populateCommand(new BenchSeed(), "--companies", "1", "--clients-per-company", "1",
                "--technicians-per-company", "2", "--jobs-per-company", "0", "--visits-per-company", "0",
                "--quotes-per-company", "0", "--invoices-per-company", "0", "--items-per-company", "3",
                "--movements-per-company", "95", "--batch", "10", "--slug-prefix", prefix, "--out", out.toString());
        seed.validate();
        var stderr = new ByteArrayOutputStream();
        int exit;
        try (var o = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
             var e = new PrintStream(stderr, true, StandardCharsets.UTF_8)) {
            exit = seed.seed(context, o, e);
        }

        assertThat(exit).isZero();
        assertThat(stderr.toString(StandardCharsets.UTF_8)).contains("0 invoices, 95 movements");
        List<String[]> lines = Files.readAllLines(out).stream().filter(l -> !l.startsWith("#"))
                .map(l -> l.split("\t")).toList();
        assertThat(lines.stream().map(l -> l[0]).toList()).containsExactly("company", "owner", "webhook", "technician", "oauth",
                "client", "item", "item", "item", "location", "location", "location");
        Company provisioned = companies.findBySlug(lines.getFirst()[1]).orElseThrow();
        Actor system = Actor.system(provisioned.id(), Channel.SYSTEM);
        List<String> itemIds = lines.subList(6, 9).stream().map(l -> l[1]).toList();
        List<String> locationIds = lines.subList(9, 12).stream().map(l -> l[1]).toList();
        var db = databases.of(provisioned.id()).jdbc();
        assertThat(db.sql("SELECT COUNT(*) FROM stock_movements").query(Long.class).single()).isEqualTo(95);
        assertThat(db.sql("SELECT COUNT(*) FROM audit_log WHERE entity_type = 'stock_movement' AND channel = 'cli'")
                .query(Long.class).single()).as("the first movements through the write path, the rest in bulk")
                .isEqualTo(BenchSeed.Seeder.THROUGH_THE_WRITE_PATH);
        assertThat(db.sql("SELECT COUNT(DISTINCT created_by) FROM stock_movements").query(Long.class).single())
                .as("the bulk rows are like the write path's").isEqualTo(1);
        var inventory = context.getBean(org.fieldstone.inventory.Inventory.class);
        List<org.fieldstone.inventory.StockLevel> stock = inventory.stock(system, null, null);
        assertThat(stock).isNotEmpty().allSatisfy(l -> assertThat(l.quantity()).as("never negative").isNotNegative());
        assertThat(stock).extracting(org.fieldstone.inventory.StockLevel::locationId)
                .containsAll(locationIds).allMatch(locationIds::contains);
        // item 0 has movements 0, 3, … 93 (k = 0 … 31): three full cycles (10 received, 1 adjusted away; the transfers
        // only move units between locations), then a RECEIVE of 10 and a TRANSFER: 37 units in all, in 1,000ths
        long item0 = stock.stream().filter(l -> l.itemId().equals(itemIds.getFirst()))
                .mapToLong(org.fieldstone.inventory.StockLevel::quantity).sum();
        assertThat(item0).as("stock equals receipts minus adjustments").isEqualTo((3 * 10 - 3 + 10) * 1_000L);
        Https server = new Https(port);
        String key = lines.getFirst()[3];
        Https.Response one = server.get("/api/v1/stock?itemId=" + itemIds.getFirst() + "&locationId="
                + locationIds.getFirst(), key);
        assertThat(one.status()).as("the driver's narrowed stock: %s", one.body()).isEqualTo(200);
        assertThat(server.get("/api/v1/stock", key).status()).as("the driver's stock list").isEqualTo(200);
        Https.Response ledger = server.get("/api/v1/stock-movements?size=100", key);
        assertThat(ledger.status()).as("the ledger reads the bulk rows too: %s", ledger.body()).isEqualTo(200);
        assertThat(ledger.body()).contains("\"total\":95");
    }
}
