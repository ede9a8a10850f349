package org.fieldstone.reports.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.fieldstone.support.ApiClient.assertProblem;
import static org.fieldstone.support.ApiClient.body;

import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.fieldstone.quotes.web.MoneyApiTestSupport;
import org.fieldstone.reports.MoneyReports;
import org.fieldstone.shared.Actor;
import org.fieldstone.shared.Channel;
import org.fieldstone.shared.Forbidden;
import org.fieldstone.shared.Permission;
import org.fieldstone.shared.Role;
import org.fieldstone.support.Fixtures;
import org.fieldstone.support.Fixtures.TestCompany;
import org.fieldstone.support.Https;
import org.fieldstone.support.Https.Response;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import tools.jackson.databind.JsonNode;

/**
 * Reports → Revenue and → Receivables aging, their CSV and {@code /api/v1/reports/…}: every figure equals the sum the
 * test makes itself of the invoices and payments the API answered with (each test in a company of its own, so the
 * sums are exact while other tests share the database); roles; another company's documents never counted.
 */
abstract class MoneyReportsContract extends MoneyApiTestSupport {

    static final ZoneId ZURICH = ZoneId.of("Europe/Zurich");
    static final String REVENUE = "/api/v1/reports/revenue";
    static final String AGING = "/api/v1/reports/aging";
    static final List<String> BUCKETS = List.of("CURRENT", "DAYS_1_30", "DAYS_31_60", "DAYS_61_90", "DAYS_OVER_90");

    @Autowired MoneyReports reports;
    @Value("${server.port}") int port;

    @Override
    protected String prefix() {
        return "money-reports";
    }

    /** A fresh company's owner key, a tax rate and its clients; documents made in it are the only ones counted. */
    private final class Books {
        final TestCompany company = fixtures.companyWithEveryRole("money-reports");
        final String key = company.keys.get(Role.OWNER);
        final String vat = created(api.post("/api/v1/tax-rates", key, "{\"name\":\"VAT 8.1 %\",\"percent\":8.1}"))
                .get("id").asString();

        String client(String name) {
            return clientWithProperty(key, name)[0];
        }

        JsonNode sent(String clientId, long unitPrice, int termsDays) {
            JsonNode draft = draft(clientId, unitPrice, termsDays);
            return ok(api.post(INVOICES + "/" + draft.get("id").asString() + "/actions/send", key, etag(draft), null));
        }

        JsonNode draft(String clientId, long unitPrice, int termsDays) {
            return created(api.post(INVOICES, key, """
                    {"clientId": "%s", "title": "Work", "paymentTermsDays": %d,
                     "lineItems": [{"description": "Work", "quantity": 3, "unitPrice": %d, "taxRateId": "%s"}]}"""
                    .formatted(clientId, termsDays, unitPrice, vat)));
        }

        void pay(JsonNode invoice, long amount, LocalDate paidOn) {
            // a refund names the payment it refunds: the invoice's first
            String reason = amount < 0 ? ", \"reason\": \"Goodwill\", \"refundsPaymentId\": \"%s\"".formatted(payments(invoice)
                    .stream().filter(p -> p.get("amount").get("amount").asLong() > 0).findFirst().orElseThrow()
                    .get("id").asString()) : "";
            created(api.post(INVOICES + "/" + invoice.get("id").asString() + "/payments", key,
                    "{\"amount\": %d, \"method\": \"BANK_TRANSFER\", \"paidOn\": \"%s\"%s}".formatted(amount, paidOn, reason)));
        }

        /** Every invoice of the company as the API answers now. */
        List<JsonNode> invoices() {
            JsonNode page = ok(api.get(INVOICES + "?size=200", key));
            assertThat(page.get("total").asLong()).isLessThan(200);
            return page.get("items").valueStream().toList();
        }

        List<JsonNode> payments(JsonNode invoice) {
            return ok(api.get(INVOICES + "/" + invoice.get("id").asString() + "/payments", key)).valueStream().toList();
        }

        Https signedIn(Role role) {
            Https web = new Https(port);
            web.signIn(company.slug(), company.users.get(role).email().value(), Fixtures.PASSWORD);
            return web;
        }
    }

    private LocalDate today() {
        return LocalDate.now(clock.withZone(ZURICH));
    }

    @Test
    void revenueIsTheSumOfThePaymentsLessRefundsByMonthAndByClient() {
        Books books = new Books();
        String ada = books.client("Ada Lovelace");
        String formula = books.client("=1+2 Formula Ltd");
        LocalDate today = today();
        JsonNode i1 = books.sent(ada, 12345, 30);
        JsonNode i2 = books.sent(formula, 9999, 10);
        JsonNode i3 = books.sent(ada, 50000, 30);
        books.draft(ada, 77777, 30);
        books.pay(i1, 20000, today);
        books.pay(i1, 10000, today.minusDays(35));
        books.pay(i1, -1234, today);
        books.pay(i2, 15000, today.minusDays(70));
        books.pay(i2, 5000, today.minusDays(400));
        books.pay(i3, 162150, today.minusDays(1));
        // company a's money, which company books' reports never see
        JsonNode other = act(INVOICES, "send", admin, created(api.post(INVOICES, admin, """
                {"clientId": "%s", "title": "Elsewhere", "lineItems": [{"description": "W", "unitPrice": 4200}]}"""
                .formatted(clientId))), null);
        created(api.post(INVOICES + "/" + other.get("id").asString() + "/payments", admin,
                "{\"amount\": 4200, \"method\": \"CASH\"}"));

        // the test's own sums of the documents
        Map<Integer, Map<String, Long>> byMonth = new HashMap<>();
        Map<Integer, Map<String, Long>> byClient = new HashMap<>();
        Map<Integer, Long> total = new HashMap<>();
        for (JsonNode invoice : books.invoices()) {
            for (JsonNode p : books.payments(invoice)) {
                LocalDate paidOn = LocalDate.parse(p.get("paidOn").asString());
                long amount = amount(p, "amount");
                assertThat(p.get("amount").get("currency").asString()).isEqualTo(invoice.get("currency").asString());
                byMonth.computeIfAbsent(paidOn.getYear(), y -> new TreeMap<>())
                        .merge(paidOn.toString().substring(0, 7), amount, Long::sum);
                byClient.computeIfAbsent(paidOn.getYear(), y -> new TreeMap<>())
                        .merge(invoice.get("clientId").asString(), amount, Long::sum);
                total.merge(paidOn.getYear(), amount, Long::sum);
            }
        }
        assertThat(total.values().stream().mapToLong(Long::longValue).sum()).isEqualTo(20000 + 10000 - 1234 + 15000 + 5000 + 162150);

        for (int year : total.keySet()) {
            JsonNode report = ok(api.get(REVENUE + "?year=" + year, books.key));
            assertThat(report.get("year").asInt()).isEqualTo(year);
            assertThat(report.get("currencies")).hasSize(1);
            JsonNode part = report.get("currencies").get(0);
            assertThat(part.get("total").get("amount").asLong()).as("total of " + year).isEqualTo(total.get(year));
            assertThat(part.get("months")).hasSize(12);
            Map<String, Long> months = new TreeMap<>();
            part.get("months").valueStream().filter(m -> m.get("received").get("amount").asLong() != 0 || m.get("payments").asInt() > 0)
                    .forEach(m -> months.put(m.get("month").asString(), m.get("received").get("amount").asLong()));
            assertThat(months).as("months of " + year).isEqualTo(byMonth.get(year));
            Map<String, Long> clients = new TreeMap<>();
            part.get("clients").valueStream().forEach(c -> clients.put(c.get("clientId").asString(), c.get("received").get("amount").asLong()));
            assertThat(clients).as("clients of " + year).isEqualTo(byClient.get(year));
            List<Long> order = part.get("clients").valueStream().map(c -> c.get("received").get("amount").asLong()).toList();
            assertThat(order).as("most received first").isSortedAccordingTo((x, y) -> Long.compare(y, x));
            assertThat(report.toString()).doesNotContain(clientId).doesNotContain(other.get("id").asString());
        }
        JsonNode thisYear = ok(api.get(REVENUE, books.key));
        assertThat(thisYear.get("year").asInt()).as("this year in the company's time zone").isEqualTo(today.getYear());
        assertThat(ok(api.get(REVENUE + "?year=" + (today.getYear() - 5), books.key)).get("currencies")).isEmpty();
        assertProblem(api.get(REVENUE + "?year=1999", books.key), 400);
        assertProblem(api.get(REVENUE + "?year=soon", books.key), 400);
        // company a's report has a's payment and none of books' documents
        JsonNode ofA = ok(api.get(REVENUE + "?year=" + today.getYear(), owner));
        assertThat(ofA.toString()).contains(clientId).doesNotContain(ada).doesNotContain(formula);

        // the CSV has the same numbers; a name a spreadsheet would run is neutralised
        Https web = books.signedIn(Role.OWNER);
        // the year of a payment of the client with the formula name (70 days ago): other tests move the shared clock,
        // so "today" may be early in a year
        int year = today.minusDays(70).getYear();
        Response csv = web.get("/c/" + books.company.slug() + "/reports/revenue.csv?year=" + year);
        assertThat(csv.status()).isEqualTo(200);
        assertThat(csv.header("Content-Type")).startsWith("text/csv");
        assertThat(csv.header("Content-Disposition")).contains("attachment").contains(year + ".csv");
        List<String> lines = csv.body().lines().toList();
        assertThat(lines.get(0)).isEqualTo(MoneyCsv.REVENUE_HEADER.strip());
        Map<String, Long> csvMonths = new TreeMap<>();
        Map<String, Long> csvClients = new TreeMap<>();
        long csvTotal = Long.MIN_VALUE;
        for (String line : lines.subList(1, lines.size())) {
            String[] cells = line.split(",");
            long minor = new java.math.BigDecimal(cells[cells.length - 1]).movePointRight(2).longValueExact();
            switch (cells[0]) {
                case "month" -> {
                    if (minor != 0) {
                        csvMonths.put(cells[2], minor);
                    }
                }
                case "client" -> csvClients.put(cells[3], minor);
                case "total" -> csvTotal = minor;
                default -> throw new AssertionError(line);
            }
        }
        assertThat(csvMonths).isEqualTo(byMonth.get(year));
        assertThat(csvClients).isEqualTo(byClient.get(year));
        assertThat(csvTotal).isEqualTo(total.get(year));
        assertThat(csv.body()).contains("\"'=1+2 Formula Ltd\"").doesNotContain(",=1+2");

        Response page = web.get("/c/" + books.company.slug() + "/reports/revenue?year=" + year);
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.body()).contains(byClient.get(year).containsKey(ada) ? "Ada Lovelace" : "data-client=")
                .contains("data-client=\"" + formula + "\"")
                .contains("reports/revenue.csv?year=" + year).contains("reports/aging").contains(" received")
                .doesNotContain("??");
        assertThat(web.get("/c/" + books.company.slug() + "/reports/revenue?year=1999").status()).isEqualTo(400);
    }

    @Test
    void agingIsTheSumOfOpenBalancesByDaysPastDue() {
        Books books = new Books();
        String ada = books.client("Ada Lovelace");
        String bob = books.client("Bob Builder");
        LocalDate issued = today();
        for (int terms : List.of(0, 30, 60, 90, 92, 120)) {
            books.sent(terms % 60 == 0 ? ada : bob, 10000 + terms, terms);
        }
        JsonNode partly = books.sent(ada, 33333, 5);
        books.pay(partly, 30000, issued);
        JsonNode refunded = books.sent(bob, 1000, 0);
        books.pay(refunded, 3243, issued);
        books.pay(refunded, -243, issued);
        JsonNode paid = books.sent(bob, 2000, 0);
        books.pay(paid, amount(paid, "total"), issued);
        JsonNode voided = books.sent(ada, 4000, 0);
        ok(api.post(INVOICES + "/" + voided.get("id").asString() + "/actions/void", books.key, etag(voided),
                "{\"reason\": \"Sent twice\"}"));
        books.draft(ada, 5000, 0);
        // terms of 0, 30, 60 and 90 days become 92, 62, 32 and 2 days late; 92 is due today and 120 not yet due
        // (a day either way for a change to or from summer time keeps each in its bucket)
        clock.advance(Duration.ofDays(92));
        LocalDate today = today();

        // the test's own sums of the documents
        Map<String, long[]> expected = new TreeMap<>(); // bucket -> {count, balance}
        Map<String, Map<String, Long>> byClient = new TreeMap<>();
        for (JsonNode i : books.invoices()) {
            String status = i.get("status").asString();
            if (!status.equals("SENT") && !status.equals("PARTIALLY_PAID")) {
                continue;
            }
            long late = ChronoUnit.DAYS.between(LocalDate.parse(i.get("dueOn").asString()), today);
            assertThat(i.get("overdue").asBoolean()).isEqualTo(late > 0);
            String bucket = late <= 0 ? "CURRENT" : late <= 30 ? "DAYS_1_30" : late <= 60 ? "DAYS_31_60"
                    : late <= 90 ? "DAYS_61_90" : "DAYS_OVER_90";
            long[] sum = expected.computeIfAbsent(bucket, b -> new long[2]);
            sum[0]++;
            sum[1] += amount(i, "balance");
            byClient.computeIfAbsent(i.get("clientId").asString(), c -> new TreeMap<>()).merge(bucket, amount(i, "balance"), Long::sum);
        }
        assertThat(expected.keySet()).as("the documents span every bucket").containsExactlyInAnyOrderElementsOf(BUCKETS);
        long expectedCount = expected.values().stream().mapToLong(s -> s[0]).sum();
        long expectedTotal = expected.values().stream().mapToLong(s -> s[1]).sum();
        assertThat(expectedCount).as("six sent invoices, one partly paid, one refunded").isEqualTo(8);

        JsonNode report = ok(api.get(AGING, books.key));
        assertThat(report.get("asOf").asString()).isEqualTo(today.toString());
        assertThat(report.get("currencies")).hasSize(1);
        JsonNode part = report.get("currencies").get(0);
        assertThat(part.get("total").get("count").asLong()).isEqualTo(expectedCount);
        assertThat(part.get("total").get("balance").get("amount").asLong()).isEqualTo(expectedTotal);
        assertThat(part.get("buckets").valueStream().map(b -> b.get("bucket").asString()).toList()).isEqualTo(BUCKETS);
        for (JsonNode b : part.get("buckets")) {
            long[] sum = expected.get(b.get("bucket").asString());
            assertThat(b.get("count").asLong()).as(b.get("bucket").asString()).isEqualTo(sum[0]);
            assertThat(b.get("balance").get("amount").asLong()).as(b.get("bucket").asString()).isEqualTo(sum[1]);
        }
        Map<String, Map<String, Long>> clients = new TreeMap<>();
        for (JsonNode c : part.get("clients")) {
            Map<String, Long> row = new TreeMap<>();
            c.get("buckets").valueStream().filter(b -> b.get("count").asInt() > 0)
                    .forEach(b -> row.put(b.get("bucket").asString(), b.get("balance").get("amount").asLong()));
            clients.put(c.get("clientId").asString(), row);
            assertThat(c.get("total").get("balance").get("amount").asLong())
                    .isEqualTo(row.values().stream().mapToLong(Long::longValue).sum());
        }
        assertThat(clients).isEqualTo(byClient);
        assertThat(clients).containsOnlyKeys(ada, bob);
        assertThat(report.toString()).doesNotContain(clientId);
        assertThat(ok(api.get(AGING, owner)).toString()).as("company a's report").doesNotContain(ada).doesNotContain(bob);

        Https web = books.signedIn(Role.READ_ONLY);
        Response csv = web.get("/c/" + books.company.slug() + "/reports/aging.csv");
        assertThat(csv.status()).isEqualTo(200);
        assertThat(csv.header("Content-Disposition")).contains("attachment").contains(today + ".csv");
        List<String> lines = csv.body().lines().toList();
        assertThat(lines.get(0)).isEqualTo(MoneyCsv.agingHeader().strip());
        String[] totalRow = lines.stream().filter(l -> l.startsWith("total,")).findFirst().orElseThrow().split(",");
        for (int b = 0; b < BUCKETS.size(); b++) {
            long[] sum = expected.get(BUCKETS.get(b));
            assertThat(Long.parseLong(totalRow[4 + 2 * b])).isEqualTo(sum[0]);
            assertThat(minor(totalRow[5 + 2 * b])).isEqualTo(sum[1]);
        }
        assertThat(minor(totalRow[totalRow.length - 1])).isEqualTo(expectedTotal);
        assertThat(lines.stream().filter(l -> l.startsWith("client,")).count()).isEqualTo(2);

        Response page = web.get("/c/" + books.company.slug() + "/reports/aging");
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.body()).contains("Bob Builder").contains("data-bucket=\"DAYS_OVER_90\"").contains("More than 90 days")
                .contains("owed on " + expectedCount + " invoices").doesNotContain("??")
                .contains("class=\"table-scroll\"").contains("reports/aging.csv");
    }

    @Test
    void everyRoleWithReportsAndInvoicesReadSeesThemAndNobodyElse() {
        for (Role role : Role.values()) {
            assertThat(api.get(REVENUE, a.keys.get(role)).status()).as(role.name()).isEqualTo(200);
            assertThat(api.get(AGING, a.keys.get(role)).status()).as(role.name()).isEqualTo(200);
        }
        Actor readOnly = new Actor(a.company.id(), Optional.of(a.users.get(Role.READ_ONLY).id()), "reader",
                Role.READ_ONLY, Optional.empty(), Channel.API, null, null);
        assertThat(reports.mayView(readOnly)).isTrue();
        for (Permission missing : List.of(Permission.INVOICES_READ, Permission.REPORTS_VIEW)) {
            EnumSet<Permission> less = EnumSet.copyOf(Role.READ_ONLY.permissions());
            less.remove(missing);
            Actor without = readOnly.withPermissions(less);
            assertThat(reports.mayView(without)).isFalse();
            assertThatThrownBy(() -> reports.revenue(without, Optional.empty())).isInstanceOf(Forbidden.class);
            assertThatThrownBy(() -> reports.aging(without)).isInstanceOf(Forbidden.class);
        }
        Https web = new Https(port);
        web.signIn(a.slug(), a.users.get(Role.READ_ONLY).email().value(), Fixtures.PASSWORD);
        Response home = web.get("/c/" + a.slug() + "/reports/aging");
        assertThat(home.status()).isEqualTo(200);
        assertThat(home.body()).contains("/c/" + a.slug() + "/reports/revenue");
        // signed in to a, b's pages are not a's reports
        assertThat(web.get("/c/" + b.slug() + "/reports/aging").status()).isIn(302, 401, 403, 404);
        assertThat(new Https(port).get("/c/" + a.slug() + "/reports/revenue.csv").status()).isIn(302, 401, 403);
    }

    private static long minor(String major) {
        return new java.math.BigDecimal(major).movePointRight(2).longValueExact();
    }
}
