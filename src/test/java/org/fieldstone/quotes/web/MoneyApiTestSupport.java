package org.fieldstone.quotes.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.fieldstone.support.ApiClient.body;

import org.fieldstone.shared.Role;
import org.fieldstone.support.ApiClient;
import org.fieldstone.support.Fixtures;
import org.fieldstone.support.Fixtures.TestCompany;
import org.fieldstone.support.Fixtures.TwoCompanies;
import org.fieldstone.support.Https.Response;
import org.fieldstone.support.TestClock;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/**
 * Two companies with every role; in company a a client with a property, a tax rate "VAT 8.1 %" and a product
 * "Boiler service" — what the quotes and invoices API contracts build their documents from.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class MoneyApiTestSupport {

    protected static final String QUOTES = "/api/v1/quotes";
    protected static final String INVOICES = "/api/v1/invoices";

    @Autowired protected Fixtures fixtures;
    @Autowired protected ApiClient api;
    @Autowired protected TestClock clock;

    protected TestCompany a;
    protected TestCompany b;
    protected String owner;
    protected String admin;
    protected String user;
    protected String readOnly;
    protected String clientId;
    protected String propertyId;
    protected String vat;
    protected String product;

    @BeforeAll
    protected void companies() {
        TwoCompanies two = fixtures.twoCompanies(prefix());
        a = two.a();
        b = two.b();
        owner = a.keys.get(Role.OWNER);
        admin = a.keys.get(Role.ADMIN);
        user = a.keys.get(Role.USER);
        readOnly = a.keys.get(Role.READ_ONLY);
        String[] client = clientWithProperty(owner, "Grace Hopper");
        clientId = client[0];
        propertyId = client[1];
        vat = created(api.post("/api/v1/tax-rates", admin, "{\"name\":\"VAT 8.1 %\",\"percent\":8.1}")).get("id").asString();
        product = created(api.post("/api/v1/products", admin, """
                {"kind": "SERVICE", "name": "Boiler service", "description": "Yearly check", "unitPrice": 18000,
                 "taxRateId": "%s", "unit": "pc"}""".formatted(vat))).get("id").asString();
    }

    /** The prefix of the two companies' slugs. */
    protected abstract String prefix();

    /** A client with one property: {clientId, propertyId}. */
    protected String[] clientWithProperty(String key, String name) {
        Response r = api.post("/api/v1/clients", key, """
                {"name": "%s", "email": "grace@example.com",
                 "property": {"street": "Seestrasse 5", "postalCode": "8002", "city": "Zürich"}}""".formatted(name));
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        String id = body(r).get("id").asString();
        String pid = body(api.get("/api/v1/clients/" + id + "/properties", key)).get(0).get("id").asString();
        return new String[] {id, pid};
    }

    protected static JsonNode created(Response r) {
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        return body(r);
    }

    protected static JsonNode ok(Response r) {
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        return body(r);
    }

    protected static String etag(JsonNode record) {
        return "\"" + record.get("version").asLong() + "\"";
    }

    /** A draft quote of company a's client with {@code fieldsJson} (clientId and propertyId added). */
    protected JsonNode quote(String key, String fieldsJson) {
        String body = "{\"clientId\":\"" + clientId + "\",\"propertyId\":\"" + propertyId + "\","
                + fieldsJson.strip().substring(1);
        return created(api.post(QUOTES, key, body));
    }

    /** A simple draft quote: one line of 2 × 100.00 at VAT 8.1 %. */
    protected JsonNode simpleQuote(String title) {
        return quote(owner, """
                {"title": "%s", "lineItems": [{"description": "Work", "quantity": 2, "unitPrice": 10000,
                 "taxRateId": "%s"}]}""".formatted(title, vat));
    }

    protected JsonNode act(String path, String action, String key, JsonNode current, String body) {
        return ok(api.post(path + "/" + current.get("id").asString() + "/actions/" + action, key, etag(current), body));
    }

    protected static long amount(JsonNode node, String field) {
        assertThat(node.get(field).get("currency").asString()).isNotBlank();
        return node.get(field).get("amount").asLong();
    }
}
