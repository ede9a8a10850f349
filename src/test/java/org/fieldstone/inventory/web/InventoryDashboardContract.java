package org.fieldstone.inventory.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.fieldstone.inventory.internal.LowStockCheck;
import org.fieldstone.quotes.web.MoneyApiTestSupport;
import org.fieldstone.shared.Role;
import org.fieldstone.support.Fixtures;
import org.fieldstone.support.Https;
import org.fieldstone.support.Https.Response;
import org.fieldstone.support.TestMail;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import tools.jackson.databind.JsonNode;

/**
 * The Inventory pages over real HTTPS, as a browser without JavaScript submits them: the forms (a refusal beside its
 * field, with what was typed, nothing written), the CSV import's per-line errors, the exports, the technician's van
 * with Parts used becoming the job's line, and who may open what; the daily low-stock check.
 */
abstract class InventoryDashboardContract extends MoneyApiTestSupport {

    @Value("${server.port}") int port;
    @Autowired LowStockCheck lowStock;

    @Override
    protected String prefix() {
        return "inventory-pages";
    }

    String base() {
        return "/c/" + a.slug() + "/inventory";
    }

    Https signIn(Role role) {
        String email = role == Role.OWNER ? a.ownerEmail() : a.users.get(role).email().value();
        Https h = new Https(port);
        assertThat(h.signIn(a.slug(), email, Fixtures.PASSWORD).status()).isEqualTo(302);
        return h;
    }

    @Test
    void anAdminReceivesTransfersAndAdjustsWithRefusalsBesideTheirFields() {
        JsonNode item = created(api.post("/api/v1/items", admin, """
                {"name": "Hose clamp", "sku": "HC-1", "unitPrice": 300}"""));
        JsonNode store = created(api.post("/api/v1/locations", admin, "{\"kind\": \"WAREHOUSE\", \"name\": \"Page store\"}"));
        JsonNode van = created(api.post("/api/v1/locations", admin, """
                {"kind": "VAN", "name": "Page van", "userId": "%s"}""".formatted(a.users.get(Role.USER).id())));
        Https admin = signIn(Role.ADMIN);
        Response page = admin.get(base());
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.body()).contains("id=\"receive-form\"").contains("id=\"transfer-form\"").contains("id=\"adjust-form\"")
                .contains("Hose clamp").contains("aria-current=\"page\"");
        long ledger = ok(api.get("/api/v1/stock-movements", this.admin)).get("total").asLong();

        Map<String, String> receive = new LinkedHashMap<>(Map.of("type", "RECEIVE", "itemId", item.get("id").asString(),
                "toLocationId", store.get("id").asString(), "quantity", "many", "supplier", "Clamps AG", "unitCost", "1.50"));
        Response refused = admin.post(base() + "/movements", receive);
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.body()).contains("id=\"receive-quantity-error\"").contains("value=\"many\"")
                .contains("value=\"Clamps AG\"");
        receive.put("quantity", "10");
        assertThat(admin.post(base() + "/movements", receive).status()).isEqualTo(302);

        Response tooMany = admin.post(base() + "/movements", Map.of("type", "TRANSFER", "itemId", item.get("id").asString(),
                "fromLocationId", store.get("id").asString(), "toLocationId", van.get("id").asString(), "quantity", "11"));
        assertThat(tooMany.status()).isEqualTo(409);
        assertThat(tooMany.body()).contains("id=\"refusal\"").contains("Hose clamp");
        assertThat(admin.post(base() + "/movements", Map.of("type", "TRANSFER", "itemId", item.get("id").asString(),
                "fromLocationId", store.get("id").asString(), "toLocationId", van.get("id").asString(), "quantity", "4"))
                .status()).isEqualTo(302);
        Response noReason = admin.post(base() + "/movements", Map.of("type", "ADJUST", "itemId", item.get("id").asString(),
                "toLocationId", store.get("id").asString(), "quantity", "-1"));
        assertThat(noReason.status()).isEqualTo(400);
        assertThat(noReason.body()).contains("id=\"adjust-reason-error\"");
        assertThat(ok(api.get("/api/v1/stock-movements", this.admin)).get("total").asLong()).isEqualTo(ledger + 2);

        String filtered = admin.get(base() + "?type=TRANSFER&locationId=" + van.get("id").asString()).body();
        assertThat(filtered).contains("id=\"movements-table\"").contains("Transferred").doesNotContain("<td>Received</td>");
        assertThat(admin.get(base() + "?from=someday").status()).isEqualTo(400);
        Response csv = admin.get(base() + "/stock.csv");
        assertThat(csv.header("Content-Type")).startsWith("text/csv");
        assertThat(csv.body()).contains(",HC-1,Hose clamp,,").contains(",Page store,6\r\n").contains(",Page van,4\r\n");
        assertThat(admin.get(base() + "/movements.csv?type=RECEIVE").body()).contains(",Clamps AG,150,");

        // a threshold above the stock: the To reorder list and the daily check
        assertThat(api.put("/api/v1/stock-thresholds", this.admin, """
                {"itemId": "%s", "locationId": "%s", "minimum": 5}""".formatted(item.get("id").asString(),
                van.get("id").asString())).status()).isEqualTo(204);
        assertThat(admin.get(base()).body()).contains("id=\"reorder-heading\"").contains("<td>Page van</td>");
        assertThat(admin.get("/c/" + a.slug() + "/").body()).contains("id=\"card-reorder\"").contains("Hose clamp");
        assertThat(signIn(Role.USER).get("/c/" + a.slug() + "/").body()).as("for those who manage inventory")
                .doesNotContain("id=\"card-reorder\"");
        assertThat(lowStock.runOnce()).isPositive();
        // the owners and admins are told by email what to reorder; a technician is not
        var told = TestMail.awaitFor(TestMail.platform(), a.users.get(Role.ADMIN).email().value(), 1, Duration.ofSeconds(20))
                .stream().filter(m -> text(m).contains("To reorder")).toList();
        assertThat(told).isNotEmpty();
        assertThat(text(told.getFirst())).contains("Hose clamp (HC-1) at Page van: 4 in stock, threshold 5");
        assertThat(TestMail.messagesFor(TestMail.platform(), a.users.get(Role.USER).email().value()).stream()
                .filter(m -> text(m).contains("To reorder")).toList()).as("owners and admins only").isEmpty();
    }

    private static String text(jakarta.mail.internet.MimeMessage m) {
        try {
            return m.getSubject() + "\n" + m.getContent();
        } catch (jakarta.mail.MessagingException | java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void anImportWithABadLineShowsItAndImportsNothing() {
        Https admin = signIn(Role.ADMIN);
        admin.get(base());
        long items = ok(api.get("/api/v1/items?archived=true", owner)).get("total").asLong();
        String csv = "sku,name,unit,unit_cost,unit_price,tax_rate,barcode,description\n"
                + "PG-1,Page one,pc,,1.00,,,\nPG-2,Page two,pc,,abc,,,\n";
        Response bad = admin.postMultipart(base() + "/items/import", Map.of(), "file", "items.csv", "text/csv",
                csv.getBytes(StandardCharsets.UTF_8));
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.body()).contains("id=\"import-errors\"").contains("lines[3].unit_price");
        assertThat(ok(api.get("/api/v1/items?archived=true", owner)).get("total").asLong()).isEqualTo(items);
        Response good = admin.postMultipart(base() + "/items/import", Map.of(), "file", "items.csv", "text/csv",
                csv.replace("abc", "2.00").getBytes(StandardCharsets.UTF_8));
        assertThat(good.status()).isEqualTo(302);
        assertThat(ok(api.get("/api/v1/items?archived=true", owner)).get("total").asLong()).isEqualTo(items + 2);
    }

    @Test
    void aTechnicianRecordsPartsUsedFromTheirVanAndMayNotOpenInventory() {
        JsonNode item = created(api.post("/api/v1/items", admin, """
                {"name": "Washer set", "sku": "WS-1", "unitPrice": 120, "taxRateId": "%s"}""".formatted(vat)));
        JsonNode van = created(api.post("/api/v1/locations", admin, """
                {"kind": "VAN", "name": "Tech van", "userId": "%s"}""".formatted(a.users.get(Role.USER).id())));
        JsonNode job = created(api.post("/api/v1/jobs", owner, """
                {"clientId": "%s", "propertyId": "%s", "title": "Tech job", "assignees": ["%s"]}"""
                .formatted(clientId, propertyId, a.users.get(Role.USER).id())));
        created(api.post("/api/v1/stock-movements", admin, """
                {"type": "RECEIVE", "itemId": "%s", "quantity": 5, "toLocationId": "%s"}"""
                .formatted(item.get("id").asString(), van.get("id").asString())));
        Https tech = signIn(Role.USER);
        assertThat(tech.get(base()).status()).isEqualTo(403);
        assertThat(tech.post(base() + "/movements", Map.of("type", "RECEIVE")).status()).isIn(403);
        Response vanPage = tech.get(base() + "/van?jobId=" + job.get("id").asString());
        assertThat(vanPage.status()).isEqualTo(200);
        assertThat(vanPage.body()).contains("Tech van").contains("Washer set").contains("id=\"parts-used\"")
                .doesNotContain("/c/" + a.slug() + "/inventory\"");
        Response bad = tech.post(base() + "/van/parts", Map.of("fromLocationId", van.get("id").asString(),
                "itemId", item.get("id").asString(), "jobId", job.get("id").asString(), "quantity", "6"));
        assertThat(bad.status()).isEqualTo(409);
        assertThat(bad.body()).contains("id=\"refusal\"");
        Response used = tech.post(base() + "/van/parts", Map.of("fromLocationId", van.get("id").asString(),
                "itemId", item.get("id").asString(), "jobId", job.get("id").asString(), "quantity", "2"));
        assertThat(used.status()).isEqualTo(302);
        JsonNode line = ok(api.get("/api/v1/jobs/" + job.get("id").asString(), owner)).get("lineItems").get(0);
        assertThat(line.get("description").asString()).isEqualTo("Washer set");
        assertThat(line.get("quantity").decimalValue()).isEqualByComparingTo("2");
        Https reader = signIn(Role.READ_ONLY);
        assertThat(reader.get(base() + "/van").status()).isEqualTo(403);
    }
}
