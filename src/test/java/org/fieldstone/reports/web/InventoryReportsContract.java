package org.fieldstone.reports.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.fieldstone.support.ApiClient.assertProblem;
import static org.fieldstone.support.ApiClient.body;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.fieldstone.quotes.web.MoneyApiTestSupport;
import org.fieldstone.shared.Role;
import org.fieldstone.support.Fixtures;
import org.fieldstone.support.Fixtures.TestCompany;
import org.fieldstone.support.Https;
import org.fieldstone.support.Https.Response;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Value;
import tools.jackson.databind.JsonNode;

/**
 * Reports → Inventory value and → Parts used, their CSV and {@code /api/v1/reports/inventory-value|parts-used}: items
 * with costs, locations and movements (receive, transfer, use on jobs, return, adjust — fractional quantities) are
 * made through the API, and every figure of the API, CSV and page is compared with the test's own computation from the
 * ledger the API lists (stock = Σ movements, value = quantity × unit cost rounded half-up per line), and with values
 * worked out by hand. Another company's stock is never counted; roles without inventory:manage are refused (403).
 */
abstract class InventoryReportsContract extends MoneyApiTestSupport {

    static final String VALUE = "/api/v1/reports/inventory-value";
    static final String PARTS = "/api/v1/reports/parts-used";

    @Value("${server.port}") int port;

    @Override
    protected String prefix() {
        return "invreports";
    }

    private JsonNode item(String key, String name, String sku, String unit, Long cost, long price) {
        return created(api.post(ITEMS(), key, """
                {"name": "%s", "sku": "%s", "unit": "%s", %s "unitPrice": %d}"""
                .formatted(name, sku, unit, cost == null ? "" : "\"unitCost\": " + cost + ",", price)));
    }

    private static String ITEMS() {
        return "/api/v1/items";
    }

    private JsonNode location(String json) {
        return created(api.post("/api/v1/locations", admin, json));
    }

    private JsonNode job(String title) {
        return created(api.post("/api/v1/jobs", owner, """
                {"clientId": "%s", "propertyId": "%s", "title": "%s", "assignees": ["%s"]}"""
                .formatted(clientId, propertyId, title, a.users.get(Role.USER).id())));
    }

    private void move(String key, String json) {
        created(api.post("/api/v1/stock-movements", key, json));
    }

    private static String id(JsonNode n) {
        return n.get("id").asString();
    }

    private static String text(JsonNode node, String field) {
        JsonNode v = node.get(field);
        return v == null || v.isNull() ? null : v.asString();
    }

    private static long thousandths(JsonNode decimal) {
        return decimal.decimalValue().movePointRight(3).longValueExact();
    }

    private static long half(long thousandths, long minor) {
        return BigDecimal.valueOf(thousandths).multiply(BigDecimal.valueOf(minor)).movePointLeft(3)
                .setScale(0, RoundingMode.HALF_UP).longValueExact();
    }

    /** Every movement of the company the API lists, page by page. */
    private List<JsonNode> ledger(String key) {
        List<JsonNode> all = new ArrayList<>();
        for (int page = 0; ; page++) {
            JsonNode p = ok(api.get("/api/v1/stock-movements?size=200&page=" + page, key));
            p.get("items").forEach(all::add);
            if (p.get("items").size() < 200) {
                return all;
            }
        }
    }

    /** Every item of the company: id → {unitCost or null, unitPrice}. */
    private Map<String, Long[]> costs(String key) {
        Map<String, Long[]> out = new HashMap<>();
        for (JsonNode i : ok(api.get(ITEMS() + "?size=200", key)).get("items")) {
            out.put(id(i), new Long[] {text(i, "unitCost") == null ? null : i.get("unitCost").asLong(),
                i.get("unitPrice").asLong()});
        }
        return out;
    }

    /** location → item → thousandths, summed from the ledger. */
    private static Map<String, Map<String, Long>> stockFrom(List<JsonNode> ledger) {
        Map<String, Map<String, Long>> stock = new TreeMap<>();
        for (JsonNode m : ledger) {
            long q = thousandths(m.get("quantity"));
            String item = m.get("itemId").asString();
            String from = text(m, "fromLocationId");
            String to = text(m, "toLocationId");
            switch (m.get("type").asString()) {
                case "RECEIVE", "RETURN", "ADJUST" -> stock.computeIfAbsent(to, l -> new TreeMap<>()).merge(item, q, Long::sum);
                case "USE" -> stock.computeIfAbsent(from, l -> new TreeMap<>()).merge(item, -q, Long::sum);
                case "TRANSFER" -> {
                    stock.computeIfAbsent(from, l -> new TreeMap<>()).merge(item, -q, Long::sum);
                    stock.computeIfAbsent(to, l -> new TreeMap<>()).merge(item, q, Long::sum);
                }
                default -> throw new AssertionError(m);
            }
        }
        return stock;
    }

    @Test
    void inventoryValueAndPartsUsedAreTheSumsOfTheLedger() {
        String tag = Long.toString(System.nanoTime() % 1_000_000);
        JsonNode pipe = item(admin, "=SUM(1)", "PIPE-" + tag, "m", 333L, 799);
        JsonNode elbow = item(admin, "Elbow, 22 mm", "EL-" + tag, "pc", 125L, 300);
        JsonNode tape = item(admin, "Tape", "TP-" + tag, "pc", null, 100);
        JsonNode store = location("{\"kind\": \"WAREHOUSE\", \"name\": \"Store " + tag + "\"}");
        JsonNode van = location("{\"kind\": \"VAN\", \"name\": \"Van " + tag + "\", \"userId\": \"" + a.users.get(Role.USER).id()
                + "\"}");
        JsonNode job1 = job("Boiler " + tag);
        JsonNode job2 = job("Leak " + tag);
        move(admin, """
                {"type": "RECEIVE", "itemId": "%s", "quantity": 10.5, "toLocationId": "%s", "supplier": "Pipes Ltd", "unitCost": 333}"""
                .formatted(id(pipe), id(store)));
        move(admin, """
                {"type": "RECEIVE", "itemId": "%s", "quantity": 7, "toLocationId": "%s", "supplier": "Fit AG", "unitCost": 125}"""
                .formatted(id(elbow), id(store)));
        move(admin, """
                {"type": "RECEIVE", "itemId": "%s", "quantity": 3, "toLocationId": "%s", "supplier": "Tape AG", "unitCost": 10}"""
                .formatted(id(tape), id(store)));
        move(admin, """
                {"type": "TRANSFER", "itemId": "%s", "quantity": 4.25, "fromLocationId": "%s", "toLocationId": "%s"}"""
                .formatted(id(pipe), id(store), id(van)));
        move(user, """
                {"type": "USE", "itemId": "%s", "quantity": 2.5, "fromLocationId": "%s", "jobId": "%s"}"""
                .formatted(id(pipe), id(van), id(job1)));
        move(user, """
                {"type": "USE", "itemId": "%s", "quantity": 1.333, "fromLocationId": "%s", "jobId": "%s"}"""
                .formatted(id(pipe), id(van), id(job2)));
        move(user, """
                {"type": "RETURN", "itemId": "%s", "quantity": 0.5, "toLocationId": "%s", "jobId": "%s"}"""
                .formatted(id(pipe), id(van), id(job1)));
        move(admin, """
                {"type": "USE", "itemId": "%s", "quantity": 2, "fromLocationId": "%s", "jobId": "%s"}"""
                .formatted(id(elbow), id(store), id(job1)));
        move(admin, """
                {"type": "ADJUST", "itemId": "%s", "quantity": -1, "toLocationId": "%s", "reason": "Count"}"""
                .formatted(id(elbow), id(store)));
        move(admin, """
                {"type": "USE", "itemId": "%s", "quantity": 1, "fromLocationId": "%s", "jobId": "%s"}"""
                .formatted(id(tape), id(store), id(job2)));
        // another company's stock and use: never counted in a's reports
        String bAdmin = b.keys.get(Role.ADMIN);
        JsonNode foreign = item(bAdmin, "Foreign", "FO-" + tag, "pc", 99_999L, 99_999);
        JsonNode foreignStore = created(api.post("/api/v1/locations", bAdmin, "{\"kind\": \"WAREHOUSE\", \"name\": \"B\"}"));
        move(bAdmin, """
                {"type": "RECEIVE", "itemId": "%s", "quantity": 5, "toLocationId": "%s", "supplier": "X", "unitCost": 1}"""
                .formatted(id(foreign), id(foreignStore)));

        // ---- inventory value: by hand, then against the ledger
        JsonNode value = ok(api.get(VALUE, admin));
        Map<String, JsonNode> byLocation = new HashMap<>();
        value.get("locations").forEach(l -> byLocation.put(id(l), l));
        JsonNode vanValue = byLocation.get(id(van));
        assertThat(vanValue.get("items")).hasSize(1);
        // 4.25 − 2.5 − 1.333 + 0.5 = 0.917 m × 3.33 = 3.05361 → 3.05
        assertThat(vanValue.get("items").get(0).get("quantity").decimalValue()).isEqualByComparingTo("0.917");
        assertThat(amount(vanValue, "total")).isEqualTo(305);
        JsonNode storeValue = byLocation.get(id(store));
        // pipe 6.25 × 3.33 = 20.8125 → 20.81; elbows 4 × 1.25 = 5.00; tape 2 × (no cost) = 0
        assertThat(amount(storeValue, "total")).isEqualTo(2081 + 500);

        Map<String, Map<String, Long>> stock = stockFrom(ledger(admin));
        Map<String, Long[]> costs = costs(admin);
        long expectedTotal = 0;
        int lines = 0;
        for (Map.Entry<String, Map<String, Long>> l : stock.entrySet()) {
            long locationTotal = 0;
            for (Map.Entry<String, Long> i : l.getValue().entrySet()) {
                if (i.getValue() == 0) {
                    continue;
                }
                Long cost = costs.get(i.getKey())[0];
                long v = cost == null ? 0 : half(i.getValue(), cost);
                locationTotal += v;
                lines++;
                JsonNode reported = null;
                for (JsonNode r : byLocation.get(l.getKey()).get("items")) {
                    if (r.get("itemId").asString().equals(i.getKey())) {
                        reported = r;
                    }
                }
                assertThat(reported).as(i.getKey()).isNotNull();
                assertThat(thousandths(reported.get("quantity"))).isEqualTo(i.getValue());
                assertThat(amount(reported, "value")).isEqualTo(v);
            }
            assertThat(amount(byLocation.get(l.getKey()), "total")).isEqualTo(locationTotal);
            expectedTotal += locationTotal;
        }
        assertThat(value.get("locations").findValues("items").stream().mapToInt(JsonNode::size).sum()).isEqualTo(lines);
        assertThat(amount(value, "total")).isEqualTo(expectedTotal);
        assertThat(value.toString()).doesNotContain(id(foreign)).doesNotContain(id(foreignStore));
        assertThat(amount(ok(api.get(VALUE, bAdmin)), "total")).as("b's own: 5 × 999.99").isEqualTo(499_995);
        // as at the end of a day before any of these movements: none of them; today or later: now
        LocalDate utcToday = LocalDate.now(clock.withZone(ZoneOffset.UTC));
        JsonNode before = ok(api.get(VALUE + "?at=" + utcToday.minusDays(2), admin));
        assertThat(before.get("at").asString()).isEqualTo(utcToday.minusDays(2).toString());
        assertThat(before.toString()).doesNotContain(id(van)).doesNotContain(id(store));
        JsonNode later = ok(api.get(VALUE + "?at=" + utcToday.plusDays(2), admin));
        assertThat(text(later, "at")).isNull();
        assertThat(amount(later, "total")).isEqualTo(amount(value, "total"));
        assertProblem(api.get(VALUE + "?at=yesterday", admin), 400);

        // ---- parts used: by hand, then against the ledger
        LocalDate today = LocalDate.now(clock.withZone(ZoneOffset.UTC));
        String range = "?from=" + today.minusDays(2) + "&to=" + today.plusDays(2);
        JsonNode parts = ok(api.get(PARTS + range, admin));
        Map<String, JsonNode> byJob = new HashMap<>();
        parts.get("jobs").forEach(j -> byJob.put(j.get("jobId").asString(), j));
        // job 1: pipe 2.5 − 0.5 = 2 m × 7.99 = 15.98 (cost 6.66); elbows 2 × 3.00 (cost 2.50)
        assertThat(amount(byJob.get(id(job1)), "totalAtPrice")).isEqualTo(1598 + 600);
        assertThat(amount(byJob.get(id(job1)), "totalAtCost")).isEqualTo(666 + 250);
        // job 2: pipe 1.333 m × 7.99 = 10.65067 → 10.65, × 3.33 = 4.43889 → 4.44; tape 1 × 1.00 (no cost: 0)
        assertThat(amount(byJob.get(id(job2)), "totalAtPrice")).isEqualTo(1065 + 100);
        assertThat(amount(byJob.get(id(job2)), "totalAtCost")).isEqualTo(444);
        assertThat(byJob.get(id(job1)).get("number").asString()).isNotBlank();

        Map<String, Map<String, Long>> used = new TreeMap<>();
        for (JsonNode m : ledger(admin)) {
            String type = m.get("type").asString();
            if ((type.equals("USE") || type.equals("RETURN")) && text(m, "jobId") != null) {
                used.computeIfAbsent(m.get("jobId").asString(), j -> new TreeMap<>()).merge(m.get("itemId").asString(),
                        type.equals("USE") ? thousandths(m.get("quantity")) : -thousandths(m.get("quantity")), Long::sum);
            }
        }
        long atPrice = 0;
        long atCost = 0;
        for (Map.Entry<String, Map<String, Long>> j : used.entrySet()) {
            long jobPrice = 0;
            long jobCost = 0;
            for (Map.Entry<String, Long> i : j.getValue().entrySet()) {
                Long[] c = costs.get(i.getKey());
                jobPrice += half(i.getValue(), c[1]);
                jobCost += c[0] == null ? 0 : half(i.getValue(), c[0]);
            }
            assertThat(amount(byJob.get(j.getKey()), "totalAtPrice")).isEqualTo(jobPrice);
            assertThat(amount(byJob.get(j.getKey()), "totalAtCost")).isEqualTo(jobCost);
            atPrice += jobPrice;
            atCost += jobCost;
        }
        assertThat(amount(parts, "totalAtPrice")).isEqualTo(atPrice);
        assertThat(amount(parts, "totalAtCost")).isEqualTo(atCost);
        assertThat(ok(api.get(PARTS + "?from=" + today.minusDays(40) + "&to=" + today.minusDays(10), admin)).get("jobs"))
                .as("nothing used in a range before").isEmpty();
        assertThat(ok(api.get(PARTS + range, bAdmin)).get("jobs")).isEmpty();

        // ---- CSV: the same figures, text cells neutralised
        Https web = signedIn(a, Role.ADMIN);
        Response csv = web.get("/c/" + a.slug() + "/reports/inventory-value.csv");
        assertThat(csv.status()).isEqualTo(200);
        assertThat(csv.header("Content-Type")).startsWith("text/csv");
        assertThat(csv.header("Content-Disposition")).contains("attachment");
        List<String> rows = csv.body().lines().toList();
        assertThat(rows.get(0)).isEqualTo(InventoryCsv.VALUE_HEADER.strip());
        assertThat(csv.body()).contains("\"'=SUM(1)\"").doesNotContain(",=SUM(1)");
        BigDecimal itemSum = BigDecimal.ZERO;
        String totalRow = null;
        for (String row : rows.subList(1, rows.size())) {
            String[] cells = row.split(",");
            if (row.startsWith("item,")) {
                itemSum = itemSum.add(new BigDecimal(cells[cells.length - 1]));
            } else if (row.startsWith("total,")) {
                totalRow = cells[cells.length - 1];
            }
        }
        assertThat(new BigDecimal(totalRow)).isEqualByComparingTo(BigDecimal.valueOf(expectedTotal, 2))
                .isEqualByComparingTo(itemSum);
        Response partsCsv = web.get("/c/" + a.slug() + "/reports/parts-used.csv" + range);
        assertThat(partsCsv.status()).isEqualTo(200);
        assertThat(partsCsv.body().lines().findFirst().orElseThrow()).isEqualTo(InventoryCsv.PARTS_HEADER.strip());
        assertThat(partsCsv.body()).contains("\"'=SUM(1)\"");
        String partsTotal = partsCsv.body().lines().filter(r -> r.startsWith("total,")).findFirst().orElseThrow();
        assertThat(partsTotal).endsWith("," + BigDecimal.valueOf(atPrice, 2).toPlainString() + ","
                + BigDecimal.valueOf(atCost, 2).toPlainString());

        // ---- pages
        assertThat(web.get("/c/" + a.slug() + "/reports/inventory-value.csv?at=" + utcToday.minusDays(2)).body()
                .lines().filter(r -> r.startsWith("item,"))).isEmpty();
        assertThat(web.get("/c/" + a.slug() + "/reports/inventory-value?at=" + utcToday.minusDays(2)).body())
                .doesNotContain("data-location=\"" + id(van) + "\"");
        Response page = web.get("/c/" + a.slug() + "/reports/inventory-value");
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.body()).contains("data-location=\"" + id(van) + "\"").contains("=SUM(1)")
                .doesNotContain(id(foreign));
        Response partsPage = web.get("/c/" + a.slug() + "/reports/parts-used" + range);
        assertThat(partsPage.status()).isEqualTo(200);
        assertThat(partsPage.body()).contains("data-job=\"" + id(job1) + "\"").contains("data-job=\"" + id(job2) + "\"");
        assertThat(web.get("/c/" + a.slug() + "/reports").body()).contains("report-inventory-value")
                .contains("report-parts-used");
    }

    @Test
    void rolesWithoutInventoryManageAreRefused() {
        for (Role role : List.of(Role.USER, Role.READ_ONLY)) {
            assertProblem(api.get(VALUE, a.keys.get(role)), 403);
            assertProblem(api.get(PARTS, a.keys.get(role)), 403);
            Https web = signedIn(a, role);
            assertThat(web.get("/c/" + a.slug() + "/reports/inventory-value").status()).as(role.name()).isEqualTo(403);
            assertThat(web.get("/c/" + a.slug() + "/reports/inventory-value.csv").status()).isEqualTo(403);
            assertThat(web.get("/c/" + a.slug() + "/reports/parts-used").status()).isEqualTo(403);
            assertThat(web.get("/c/" + a.slug() + "/reports/parts-used.csv").status()).isEqualTo(403);
            Response index = web.get("/c/" + a.slug() + "/reports");
            assertThat(index.body()).doesNotContain("report-inventory-value").doesNotContain("report-parts-used");
        }
        ok(api.get(VALUE, owner));
        ok(api.get(PARTS, admin));
        assertProblem(api.get(PARTS + "?from=2026-13-01", admin), 400);
        assertProblem(api.get(PARTS + "?from=2027-02-01&to=2027-01-01", admin), 400);
    }

    private Https signedIn(TestCompany company, Role role) {
        Https web = new Https(port);
        web.signIn(company.slug(), company.users.get(role).email().value(), Fixtures.PASSWORD);
        return web;
    }
}
