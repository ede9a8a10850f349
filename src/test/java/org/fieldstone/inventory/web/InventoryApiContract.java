package org.fieldstone.inventory.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.fieldstone.support.ApiClient.assertProblem;
import static org.fieldstone.support.ApiClient.body;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.fieldstone.quotes.web.MoneyApiTestSupport;
import org.fieldstone.shared.Role;
import org.fieldstone.support.Https.Response;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The inventory over real HTTPS on both engines: items are the catalogue's products (SKU unique, 409), stock is the
 * sum of the ledger's movements (a random sequence checked against an independent sum), the last units of a van are
 * taken once under concurrent USE (real threads) unless the company allows negative stock, parts used become the
 * job's lines and its invoice's, the role matrix (a technician: own van, own job, USE and RETURN only), isolation
 * between companies, malformed and oversized input (problem+json, nothing written) and stale versions (412).
 */
abstract class InventoryApiContract extends MoneyApiTestSupport {

    static final String ITEMS = "/api/v1/items";
    static final String LOCATIONS = "/api/v1/locations";
    static final String MOVEMENTS = "/api/v1/stock-movements";

    @Override
    protected String prefix() {
        return "inventory";
    }

    private String userId(Role role) {
        return a.users.get(role).id().toString();
    }

    private JsonNode item(String key, String name, String sku, long price) {
        return created(api.post(ITEMS, key, """
                {"name": "%s", "sku": "%s", "unit": "pc", "unitCost": %d, "unitPrice": %d, "taxRateId": "%s"}"""
                .formatted(name, sku, price / 2, price, vat)));
    }

    private JsonNode warehouse(String name) {
        return created(api.post(LOCATIONS, admin, "{\"kind\": \"WAREHOUSE\", \"name\": \"" + name + "\"}"));
    }

    private JsonNode van(String name, Role of) {
        return created(api.post(LOCATIONS, admin, """
                {"kind": "VAN", "name": "%s", "userId": "%s"}""".formatted(name, userId(of))));
    }

    /** A draft job of company a assigned to the technician (USER) unless {@code assigned} is false. */
    private JsonNode job(String title, boolean assigned) {
        return created(api.post("/api/v1/jobs", owner, """
                {"clientId": "%s", "propertyId": "%s", "title": "%s", "assignees": [%s]}"""
                .formatted(clientId, propertyId, title, assigned ? "\"" + userId(Role.USER) + "\"" : "")));
    }

    private Response move(String key, String json) {
        return api.post(MOVEMENTS, key, json);
    }

    private Response receive(String key, JsonNode item, JsonNode to, String quantity) {
        return move(key, """
                {"type": "RECEIVE", "itemId": "%s", "quantity": %s, "toLocationId": "%s", "supplier": "Pipes Ltd",
                 "unitCost": 450}""".formatted(id(item), quantity, id(to)));
    }

    private Response use(String key, JsonNode item, JsonNode from, JsonNode job, String quantity) {
        return move(key, """
                {"type": "USE", "itemId": "%s", "quantity": %s, "fromLocationId": "%s", "jobId": "%s"}"""
                .formatted(id(item), quantity, id(from), id(job)));
    }

    private BigDecimal stock(JsonNode item, JsonNode location) {
        JsonNode levels = ok(api.get("/api/v1/stock?itemId=" + id(item) + "&locationId=" + id(location), user));
        assertThat(levels).hasSize(1);
        return levels.get(0).get("quantity").decimalValue();
    }

    private static String id(JsonNode node) {
        return node.get("id").asString();
    }

    @Test
    void itemsAreTheCatalogsProductsWithAUniqueSku() {
        JsonNode pipe = item(admin, "Copper pipe 15 mm", "CU-15", 1200);
        assertThat(pipe.get("sku").asString()).isEqualTo("CU-15");
        assertThat(pipe.get("unitCost").asLong()).isEqualTo(600);
        JsonNode asProduct = ok(api.get("/api/v1/products/" + id(pipe), user));
        assertThat(asProduct.get("kind").asString()).as("one catalogue: the item is a product").isEqualTo("PRODUCT");
        assertThat(asProduct.get("sku").asString()).isEqualTo("CU-15");
        assertThat(ok(api.get(ITEMS + "?q=cu-15", user)).get("items").findValuesAsString("id")).contains(id(pipe));
        // a service without a SKU is a product but not an item
        assertProblem(api.get(ITEMS + "/" + product, user), 404);
        assertThat(ok(api.get(ITEMS + "?size=200", user)).get("items").findValuesAsString("id")).doesNotContain(product);

        long audited = api.auditEntriesButEmails(a);
        Response taken = api.post(ITEMS, admin, "{\"name\": \"Another pipe\", \"sku\": \"cu-15\", \"unitPrice\": 1}");
        assertProblem(taken, 409);
        assertThat(body(taken).get("detail").asString()).contains("CU-15").contains("Copper pipe 15 mm");
        assertProblem(api.post(ITEMS, admin, "{\"name\": \"No SKU\", \"unitPrice\": 1}"), 400);
        assertProblem(api.post(ITEMS, admin, "{\"name\": \"Bad SKU\", \"sku\": \"a b<c>\", \"unitPrice\": 1}"), 400);
        assertProblem(api.post(ITEMS, admin, "{\"name\": \"Cost\", \"sku\": \"C-1\", \"unitPrice\": 1, \"unitCost\": 1.5}"), 400);
        assertProblem(api.post(ITEMS, user, "{\"name\": \"Mine\", \"sku\": \"U-1\", \"unitPrice\": 1}"), 403);
        assertThat(api.auditEntriesButEmails(a)).as("nothing written").isEqualTo(audited);

        JsonNode other = item(admin, "Brass fitting", "BR-1", 300);
        assertProblem(api.patch(ITEMS + "/" + id(other), admin, etag(other), "{\"sku\": \"Cu-15\"}"), 409);
        JsonNode changed = ok(api.patch(ITEMS + "/" + id(other), admin, etag(other), "{\"unitCost\": 120, \"barcode\": \"7612345678900\"}"));
        assertThat(changed.get("barcode").asString()).isEqualTo("7612345678900");
        assertProblem(api.patch(ITEMS + "/" + id(other), admin, etag(other), "{\"unitCost\": 130}"), 412);
        assertProblem(api.patch(ITEMS + "/" + id(other), user, etag(changed), "{\"unitCost\": 130}"), 403);
    }

    @Test
    void stockIsTheSumOfARandomSequenceOfMovements() {
        JsonNode fitting = item(admin, "Elbow 22 mm", "EL-22", 250);
        List<JsonNode> places = List.of(warehouse("Sum store"), van("Sum van", Role.USER), van("Sum van 2", Role.ADMIN));
        JsonNode job = job("Sum job", true);
        Map<String, Long> expected = new HashMap<>(); // thousandths by location id, kept apart from the server's sums
        places.forEach(p -> expected.put(id(p), 0L));
        Random random = new Random(14);
        int refused = 0;
        for (int i = 0; i < 40; i++) {
            long q = (1 + random.nextInt(5000));
            String quantity = BigDecimal.valueOf(q, 3).toPlainString();
            JsonNode from = places.get(random.nextInt(places.size()));
            JsonNode to = places.get(random.nextInt(places.size()));
            int kind = i < 4 ? 0 : random.nextInt(4);
            Response r;
            long fromDelta = 0;
            long toDelta = 0;
            switch (kind) {
                case 0 -> {
                    r = receive(admin, fitting, to, quantity);
                    toDelta = q;
                }
                case 1 -> {
                    if (from == to) {
                        to = places.get((places.indexOf(from) + 1) % places.size());
                    }
                    r = move(admin, """
                            {"type": "TRANSFER", "itemId": "%s", "quantity": %s, "fromLocationId": "%s", "toLocationId": "%s"}"""
                            .formatted(id(fitting), quantity, id(from), id(to)));
                    fromDelta = -q;
                    toDelta = q;
                }
                case 2 -> {
                    long signed = random.nextBoolean() ? q : -q;
                    r = move(admin, """
                            {"type": "ADJUST", "itemId": "%s", "quantity": %s, "toLocationId": "%s", "reason": "Count"}"""
                            .formatted(id(fitting), BigDecimal.valueOf(signed, 3).toPlainString(), id(to)));
                    toDelta = signed;
                }
                default -> {
                    r = use(admin, fitting, from, job, quantity);
                    fromDelta = -q;
                }
            }
            String leaving = fromDelta != 0 ? id(from) : toDelta < 0 ? id(to) : null;
            long after = leaving == null ? 0 : expected.get(leaving) + (fromDelta != 0 ? fromDelta : toDelta);
            if (leaving != null && after < 0) {
                assertProblem(r, 409);
                refused++;
                continue;
            }
            assertThat(r.status()).as(r.body()).isEqualTo(201);
            if (fromDelta != 0) {
                expected.merge(id(from), fromDelta, Long::sum);
            }
            if (toDelta != 0) {
                expected.merge(id(to), toDelta, Long::sum);
            }
        }
        for (JsonNode place : places) {
            assertThat(stock(fitting, place)).as(place.get("name").asString())
                    .isEqualByComparingTo(BigDecimal.valueOf(expected.get(id(place)), 3));
        }
        JsonNode all = ok(api.get("/api/v1/stock?itemId=" + id(fitting), owner));
        for (JsonNode level : all) {
            assertThat(level.get("quantity").decimalValue())
                    .isEqualByComparingTo(BigDecimal.valueOf(expected.get(level.get("locationId").asString()), 3));
        }
        JsonNode ledger = ok(api.get(MOVEMENTS + "?itemId=" + id(fitting) + "&size=200", owner));
        assertThat(ledger.get("total").asLong()).as("refused movements are not in the ledger").isEqualTo(40 - refused);
    }

    @Test
    void theLastUnitsOfAVanAreTakenOnceUnderConcurrentUse() throws Exception {
        JsonNode valve = item(admin, "Valve 1/2", "VA-12", 900);
        JsonNode van = van("Race van", Role.USER);
        JsonNode job = job("Race job", true);
        assertThat(receive(admin, valve, van, "3").status()).isEqualTo(201);
        assertThat(race(valve, van, job, 8)).as("exactly the three in stock").isEqualTo(3);
        assertThat(stock(valve, van)).isEqualByComparingTo("0");

        ok(api.put("/api/v1/settings/inventory", admin, "{\"allowNegativeStock\": true}"));
        try {
            assertThat(race(valve, van, job, 4)).as("the company allows negative stock").isEqualTo(4);
            assertThat(stock(valve, van)).isEqualByComparingTo("-4");
        } finally {
            ok(api.put("/api/v1/settings/inventory", admin, "{\"allowNegativeStock\": false}"));
        }
        assertProblem(use(user, valve, van, job, "1"), 409);
        JsonNode lines = ok(api.get("/api/v1/jobs/" + id(job), owner)).get("lineItems");
        assertThat(lines).hasSize(1);
        assertThat(lines.get(0).get("quantity").decimalValue()).as("one line, every unit used").isEqualByComparingTo("7");
    }

    /** {@code threads} technicians' requests taking one unit each at once: how many succeeded (the others 409). */
    private int race(JsonNode item, JsonNode van, JsonNode job, int threads) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Integer>> answers = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                answers.add(pool.submit(() -> {
                    start.await();
                    return use(user, item, van, job, "1").status();
                }));
            }
            start.countDown();
            int succeeded = 0;
            for (Future<Integer> f : answers) {
                int status = f.get();
                assertThat(status).isIn(201, 409);
                succeeded += status == 201 ? 1 : 0;
            }
            return succeeded;
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void partsUsedBecomeLinesOfTheJobAndOfItsInvoice() {
        JsonNode pipe = item(admin, "Pipe 22 mm (m)", "PI-22", 800);
        JsonNode van = van("Parts van", Role.USER);
        JsonNode job = job("Parts job", true);
        assertThat(receive(admin, pipe, van, "10").status()).isEqualTo(201);
        JsonNode used = created(use(user, pipe, van, job, "2.5"));
        assertThat(used.get("quantity").decimalValue()).isEqualByComparingTo("2.5");
        created(use(user, pipe, van, job, "1"));
        created(move(user, """
                {"type": "RETURN", "itemId": "%s", "quantity": 0.5, "toLocationId": "%s", "jobId": "%s"}"""
                .formatted(id(pipe), id(van), id(job))));
        assertProblem(move(user, """
                {"type": "RETURN", "itemId": "%s", "quantity": 4, "toLocationId": "%s", "jobId": "%s"}"""
                .formatted(id(pipe), id(van), id(job))), 409);
        assertThat(stock(pipe, van)).isEqualByComparingTo("7");
        String jobPath = "/api/v1/jobs/" + id(job);
        JsonNode lines = ok(api.get(jobPath, owner)).get("lineItems");
        assertThat(lines).hasSize(1);
        assertThat(lines.get(0).get("kind").asString()).isEqualTo("PART");
        assertThat(lines.get(0).get("description").asString()).isEqualTo("Pipe 22 mm (m)");
        assertThat(lines.get(0).get("quantity").decimalValue()).isEqualByComparingTo("3");
        assertThat(lines.get(0).get("unitPrice").asLong()).isEqualTo(800);
        assertThat(lines.get(0).get("taxRateId").asString()).isEqualTo(vat);
        assertThat(ok(api.get(MOVEMENTS + "?jobId=" + id(job), user)).get("total").asLong()).isEqualTo(3);

        JsonNode current = ok(api.get(jobPath, admin));
        JsonNode visit = created(api.post(jobPath + "/visits", admin, null,
                "{\"start\": \"2027-03-02T08:00\", \"end\": \"2027-03-02T10:00\"}"));
        String visitPath = "/api/v1/visits/" + id(visit);
        JsonNode started = ok(api.post(visitPath + "/actions/start", admin, etag(visit), null));
        ok(api.post(visitPath + "/actions/finish", admin, etag(started), null));
        assertThat(ok(api.get(jobPath, admin)).get("status").asString()).isEqualTo("COMPLETED");
        assertThat(current.get("lineItems")).isEqualTo(lines);
        JsonNode invoice = created(api.post(jobPath + "/actions/invoice", admin, null, null));
        JsonNode line = invoice.get("lineItems").get(0);
        assertThat(line.get("description").asString()).isEqualTo("Pipe 22 mm (m)");
        assertThat(line.get("quantity").decimalValue()).isEqualByComparingTo("3");
        assertThat(line.get("unitPrice").asLong()).isEqualTo(800);
        assertThat(amount(invoice, "subtotal")).isEqualTo(2400);
    }

    @Test
    void aTechnicianRecordsPartsOnlyOnTheirOwnJobFromTheirOwnVan() {
        JsonNode seal = item(admin, "Seal kit", "SK-1", 500);
        JsonNode store = warehouse("Role store");
        JsonNode mine = van("My van", Role.USER);
        JsonNode theirs = van("Their van", Role.ADMIN);
        JsonNode myJob = job("My job", true);
        JsonNode notMine = job("Not my job", false);
        for (JsonNode place : List.of(store, mine, theirs)) {
            assertThat(receive(owner, seal, place, "10").status()).isEqualTo(201);
        }
        long audited = api.auditEntriesButEmails(a);
        assertProblem(receive(user, seal, mine, "1"), 403);
        assertProblem(move(user, """
                {"type": "TRANSFER", "itemId": "%s", "quantity": 1, "fromLocationId": "%s", "toLocationId": "%s"}"""
                .formatted(id(seal), id(store), id(mine))), 403);
        assertProblem(move(user, """
                {"type": "ADJUST", "itemId": "%s", "quantity": 1, "toLocationId": "%s", "reason": "Found one"}"""
                .formatted(id(seal), id(mine))), 403);
        assertProblem(move(user, """
                {"type": "RETURN", "itemId": "%s", "quantity": 1, "toLocationId": "%s"}""".formatted(id(seal), id(mine))), 403);
        assertProblem(use(user, seal, theirs, myJob, "1"), 403);
        assertProblem(use(user, seal, store, myJob, "1"), 403);
        Response other = use(user, seal, mine, notMine, "1");
        assertThat(other.status()).as("another's job: hidden (404) or refused (403)").isIn(403, 404);
        assertProblem(use(readOnly, seal, mine, myJob, "1"), 403);
        assertProblem(api.post(LOCATIONS, user, "{\"kind\": \"WAREHOUSE\", \"name\": \"Mine\"}"), 403);
        assertProblem(api.put("/api/v1/stock-thresholds", user, """
                {"itemId": "%s", "locationId": "%s", "minimum": 2}""".formatted(id(seal), id(mine))), 403);
        assertProblem(api.put("/api/v1/settings/inventory", user, "{\"allowNegativeStock\": true}"), 403);
        assertThat(api.auditEntriesButEmails(a)).as("refusals write nothing").isEqualTo(audited);

        created(use(user, seal, mine, myJob, "1"));
        created(move(user, """
                {"type": "RETURN", "itemId": "%s", "quantity": 1, "toLocationId": "%s", "jobId": "%s"}"""
                .formatted(id(seal), id(mine), id(myJob))));
        for (String key : List.of(admin, owner)) {
            created(use(key, seal, theirs, notMine, "1"));
            created(move(key, """
                    {"type": "TRANSFER", "itemId": "%s", "quantity": 1, "fromLocationId": "%s", "toLocationId": "%s"}"""
                    .formatted(id(seal), id(store), id(mine))));
            created(move(key, """
                    {"type": "ADJUST", "itemId": "%s", "quantity": -1, "toLocationId": "%s", "reason": "Count"}"""
                    .formatted(id(seal), id(store))));
        }
        assertThat(stock(seal, store)).isEqualByComparingTo("6");
        // an item with movements is archived, never deleted: the ledger keeps pointing at it
        JsonNode sealNow = ok(api.get(ITEMS + "/" + id(seal), admin));
        assertProblem(api.delete("/api/v1/products/" + id(seal), admin, etag(sealNow)), 409);
        assertThat(stock(seal, mine)).isEqualByComparingTo("12");
        assertThat(stock(seal, theirs)).isEqualByComparingTo("8");
        // the ledger is audited: one entry per movement, by its type
        String movementId = id(created(use(user, seal, mine, myJob, "1")));
        assertThat(api.auditEntries(a, "stock_movement", movementId)).hasSize(1)
                .allSatisfy(e -> assertThat(e.action()).isEqualTo("stock_movement.use"));
    }

    @Test
    void anotherCompanysIdsAreNotFound() {
        JsonNode bolt = item(admin, "Bolt M8", "BO-8", 20);
        JsonNode store = warehouse("Isolated store");
        JsonNode job = job("Isolated job", true);
        assertThat(receive(admin, bolt, store, "5").status()).isEqualTo(201);
        String other = b.keys.get(Role.OWNER);
        assertProblem(api.get(ITEMS + "/" + id(bolt), other), 404);
        assertProblem(api.patch(ITEMS + "/" + id(bolt), other, etag(bolt), "{\"name\": \"Mine\"}"), 404);
        assertProblem(api.get(LOCATIONS + "/" + id(store), other), 404);
        assertProblem(api.patch(LOCATIONS + "/" + id(store), other, etag(store), "{\"name\": \"Mine\"}"), 404);
        assertProblem(api.get("/api/v1/stock?itemId=" + id(bolt), other), 404);
        assertProblem(api.get("/api/v1/stock?locationId=" + id(store), other), 404);
        JsonNode theirStore = created(api.post(LOCATIONS, other, "{\"kind\": \"WAREHOUSE\", \"name\": \"B store\"}"));
        JsonNode theirItem = created(api.post(ITEMS, other, "{\"name\": \"B bolt\", \"sku\": \"BO-8\", \"unitPrice\": 20}"));
        long audited = api.auditEntriesButEmails(b);
        assertProblem(receive(other, bolt, theirStore, "1"), 404);
        assertProblem(receive(other, theirItem, store, "1"), 404);
        assertProblem(use(other, theirItem, theirStore, job, "1"), 404);
        assertThat(api.auditEntriesButEmails(b)).isEqualTo(audited);
        assertThat(ok(api.get(MOVEMENTS, other)).get("total").asLong()).isZero();
        assertThat(ok(api.get(LOCATIONS, other))).hasSize(1);
        assertThat(stock(bolt, store)).isEqualByComparingTo("5");
    }

    @Test
    void malformedOversizedAndStaleMovementsAreRefusedAndWriteNothing() {
        JsonNode tape = item(admin, "PTFE tape", "PT-1", 150);
        JsonNode store = warehouse("Strict store");
        JsonNode van = van("Strict van", Role.USER);
        JsonNode job = job("Strict job", true);
        created(receive(admin, tape, store, "5"));
        long audited = api.auditEntriesButEmails(a);
        String item = id(tape);
        for (String json : List.of(
                "{\"type\": \"STEAL\", \"itemId\": \"" + item + "\", \"quantity\": 1, \"toLocationId\": \"" + id(store) + "\"}",
                "{\"type\": \"RECEIVE\", \"itemId\": \"" + item + "\", \"quantity\": 1.2345, \"toLocationId\": \"" + id(store) + "\"}",
                "{\"type\": \"RECEIVE\", \"itemId\": \"" + item + "\", \"quantity\": -1, \"toLocationId\": \"" + id(store) + "\"}",
                "{\"type\": \"RECEIVE\", \"itemId\": \"" + item + "\", \"quantity\": 0, \"toLocationId\": \"" + id(store) + "\"}",
                "{\"type\": \"RECEIVE\", \"itemId\": \"" + item + "\", \"quantity\": \"lots\", \"toLocationId\": \"" + id(store) + "\"}",
                "{\"type\": \"RECEIVE\", \"itemId\": \"" + item + "\", \"quantity\": 1e12, \"toLocationId\": \"" + id(store) + "\"}",
                "{\"type\": \"RECEIVE\", \"itemId\": \"" + item + "\", \"quantity\": 1, \"toLocationId\": \"" + id(store) + "\", \"price\": 1}",
                "{\"type\": \"RECEIVE\", \"itemId\": \"" + item + "\", \"quantity\": 1, \"toLocationId\": \"" + id(store)
                        + "\", \"supplier\": \"" + "x".repeat(5000) + "\"}",
                "{\"type\": \"ADJUST\", \"itemId\": \"" + item + "\", \"quantity\": 1, \"toLocationId\": \"" + id(store) + "\"}",
                "{\"type\": \"TRANSFER\", \"itemId\": \"" + item + "\", \"quantity\": 1, \"fromLocationId\": \"" + id(store)
                        + "\", \"toLocationId\": \"" + id(store) + "\"}",
                "{\"type\": \"USE\", \"itemId\": \"" + item + "\", \"quantity\": 1, \"fromLocationId\": \"" + id(van) + "\"}",
                "{\"type\": \"TRANSFER\", \"itemId\": \"" + item + "\", \"quantity\": 1, \"fromLocationId\": \"" + id(store)
                        + "\", \"toLocationId\": \"" + id(van) + "\", \"jobId\": \"" + id(job) + "\"}",
                "[1, 2]", "{\"type\": ")) {
            assertProblem(move(admin, json), 400);
        }
        assertProblem(move(admin, "{\"type\": \"RECEIVE\", \"itemId\": \"" + "a".repeat(300) + "\", \"quantity\": 1, "
                + "\"toLocationId\": \"" + id(store) + "\"}"), 404);
        assertProblem(move(admin, "{\"type\": \"RECEIVE\", \"itemId\": \"" + item + "\", \"quantity\": 1, "
                + "\"toLocationId\": \"" + "9".repeat(70) + "\"}"), 404);
        assertProblem(api.get(MOVEMENTS + "?from=yesterday", admin), 400);
        assertProblem(api.get(MOVEMENTS + "?type=STEAL", admin), 400);
        // stale: the location moved since the client looked
        JsonNode seen = ok(api.get(LOCATIONS + "/" + id(store), admin));
        created(move(admin, """
                {"type": "TRANSFER", "itemId": "%s", "quantity": 1, "fromLocationId": "%s", "toLocationId": "%s"}"""
                .formatted(item, id(store), id(van))));
        audited = api.auditEntriesButEmails(a);
        Response stale = api.post(MOVEMENTS, admin, etag(seen), """
                {"type": "TRANSFER", "itemId": "%s", "quantity": 1, "fromLocationId": "%s", "toLocationId": "%s"}"""
                .formatted(item, id(store), id(van)));
        assertThat(stale.status()).as(stale.body()).isIn(409, 412);
        assertProblem(api.patch(LOCATIONS + "/" + id(store), admin, etag(seen), "{\"name\": \"Renamed\"}"), 412);
        assertThat(api.auditEntriesButEmails(a)).as("nothing written").isEqualTo(audited);
        JsonNode now = ok(api.get(LOCATIONS + "/" + id(store), admin));
        assertThat(now.get("version").asLong()).isGreaterThan(seen.get("version").asLong());
        created(api.post(MOVEMENTS, admin, etag(now), """
                {"type": "TRANSFER", "itemId": "%s", "quantity": 1, "fromLocationId": "%s", "toLocationId": "%s"}"""
                .formatted(item, id(store), id(van))));
        assertThat(stock(tape, store)).isEqualByComparingTo("3");
        JsonNode renamed = ok(api.patch(LOCATIONS + "/" + id(store), admin, etag(ok(api.get(LOCATIONS + "/" + id(store), admin))),
                "{\"archived\": true}"));
        assertThat(renamed.get("archived").asBoolean()).isTrue();
        assertProblem(receive(admin, tape, store, "1"), 409);
    }

    @Test
    void itemsBelowTheirThresholdAreToReorder() {
        JsonNode fuse = item(admin, "Fuse 10 A", "FU-10", 80);
        JsonNode van = van("Reorder van", Role.USER);
        created(receive(admin, fuse, van, "3"));
        assertThat(api.put("/api/v1/stock-thresholds", admin, """
                {"itemId": "%s", "locationId": "%s", "minimum": 5}""".formatted(id(fuse), id(van))).status()).isEqualTo(204);
        JsonNode reorder = ok(api.get("/api/v1/stock/reorder", user));
        JsonNode mine = null;
        for (JsonNode r : reorder) {
            if (r.get("itemId").asString().equals(id(fuse))) {
                mine = r;
            }
        }
        assertThat(mine).isNotNull();
        assertThat(mine.get("shortBy").decimalValue()).isEqualByComparingTo("2");
        created(receive(admin, fuse, van, "2"));
        assertThat(ok(api.get("/api/v1/stock/reorder", user)).findValuesAsString("itemId")).doesNotContain(id(fuse));
    }

    private Response importCsv(String key, String csv) {
        return api.send("POST", ITEMS + "/import", key, null, csv, "text/csv");
    }

    @Test
    void aCsvImportWithABadRowNamesItsLineAndImportsNothing() {
        String header = "sku,name,unit,unit_cost,unit_price,tax_rate,barcode,description\r\n";
        long items = ok(api.get(ITEMS + "?archived=true", owner)).get("total").asLong();
        long audited = api.auditEntriesButEmails(a);
        Response bad = importCsv(admin, header
                + "IM-1,Imported one,pc,1.00,2.50,VAT 8.1 %,,\r\n"
                + "IM-2,Imported two,pc,1.00,2.50,No such rate,,\r\n"
                + "IM-3,Imported three,pc,1.00,lots,,,\r\n");
        assertProblem(bad, 400);
        JsonNode errors = body(bad).get("errors");
        assertThat(errors.get("lines[3].tax_rate").asString()).contains("No such rate");
        assertThat(errors.get("lines[4].unit_price")).isNotNull();
        assertThat(errors.has("lines[2].sku")).isFalse();
        Response duplicate = importCsv(admin, header
                + "IM-4,Imported four,pc,,1,,,\r\n"
                + "\"im-4\",\"Imported, again\",pc,,1,,,\"two\nlines\"\r\n");
        assertProblem(duplicate, 400);
        assertThat(body(duplicate).get("errors").get("lines[3].sku").asString()).contains("IM-4");
        assertProblem(importCsv(admin, "name,sku\r\nA,B\r\n"), 400);
        assertProblem(importCsv(admin, header + "IM-5,\"Open quote,pc,,1,,,\r\n"), 400);
        assertProblem(importCsv(admin, header + "IM-6,Too few\r\n"), 400);
        assertProblem(importCsv(user, header + "IM-7,Mine,pc,,1,,,\r\n"), 403);
        assertThat(ok(api.get(ITEMS + "?archived=true", owner)).get("total").asLong()).as("nothing imported").isEqualTo(items);
        assertThat(api.auditEntriesButEmails(a)).isEqualTo(audited);

        Response good = importCsv(admin, "\uFEFF" + header
                + "IM-8,=Formula pipe,m,1.20,12.50,VAT 8.1 %,7612345000001,\"Copper, 15 mm\"\n"
                + "IM-9,Imported nine,pc,,3,,,\n");
        assertThat(good.status()).as(good.body()).isEqualTo(201);
        assertThat(body(good).get("imported").asInt()).isEqualTo(2);
        JsonNode pipe = body(good).get("items").get(0);
        assertThat(pipe.get("unitPrice").asLong()).isEqualTo(1250);
        assertThat(pipe.get("unitCost").asLong()).isEqualTo(120);
        assertThat(pipe.get("taxRateId").asString()).isEqualTo(vat);
        assertThat(pipe.get("description").asString()).isEqualTo("Copper, 15 mm");

        JsonNode store = warehouse("CSV store");
        created(receive(admin, pipe, store, "2.5"));
        Response stockCsv = api.get("/api/v1/stock.csv?locationId=" + id(store), user);
        assertThat(stockCsv.status()).isEqualTo(200);
        assertThat(stockCsv.header("Content-Type")).startsWith("text/csv");
        assertThat(stockCsv.body()).startsWith("item_id,sku,item,unit,location_id,location,quantity\r\n")
                .contains(id(pipe) + ",IM-8,\"'=Formula pipe\",m," + id(store) + ",CSV store,2.5\r\n");
        Response ledgerCsv = api.get("/api/v1/stock-movements.csv?locationId=" + id(store) + "&type=RECEIVE", user);
        assertThat(ledgerCsv.status()).isEqualTo(200);
        assertThat(ledgerCsv.body().split("\r\n")).hasSize(2);
        assertThat(ledgerCsv.body()).contains(",RECEIVE," + id(pipe) + ",IM-8,").contains(",Pipes Ltd,450,");
    }
}
