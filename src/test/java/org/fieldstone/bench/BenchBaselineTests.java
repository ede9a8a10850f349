package org.fieldstone.bench;

import static org.assertj.core.api.Assertions.assertThat;

import org.fieldstone.clients.Client;
import org.fieldstone.clients.Clients;
import org.fieldstone.clients.NewClient;
import org.fieldstone.support.Engines;
import org.fieldstone.support.Fixtures;
import org.fieldstone.support.Fixtures.TestCompany;
import org.fieldstone.support.Https;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ContextConfiguration;

/**
 * With the bench jar's auto-configuration imported (as its {@code AutoConfiguration.imports} does on
 * {@code -Dloader.path}), the baseline reads a client row over the same HTTPS connector without the security
 * filter chain — and nothing but {@code /bench/baseline/**} is exempt. Its own application: the shared test
 * applications never have the baseline ({@link BenchBaselineNotInProductionTests}).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.DEFINED_PORT, properties = {
        "fieldstone.tls.self-signed-dir=target/test-tls-${fieldstone.test.fork:0}", "fieldstone.demo.enabled=false"})
@ContextConfiguration(initializers = Engines.Sqlite.class)
@ImportAutoConfiguration(BenchBaseline.class)
class BenchBaselineTests {

    @Autowired Fixtures fixtures;
    @Autowired Clients clients;
    @Value("${server.port}") int port;

    @Test
    void readsTheRowWithoutTheSecurityFilterChainWhereImported() {
        TestCompany c = fixtures.company("bench-on");
        Client client = clients.create(c.system(), new NewClient("Baseline Probe", null, null, null, null), null);
        Https http = new Https(port);

        Https.Response r = http.get("/bench/baseline/" + c.company.id().compact() + "/clients/" + client.id());

        assertThat(r.status()).isEqualTo(200);
        assertThat(r.body()).contains("\"name\":\"Baseline Probe\"", "\"version\":1");
        assertThat(r.header("Strict-Transport-Security")).as("no security filter chain").isNull();
        assertThat(http.get("/bench/baseline/" + c.company.id().compact() + "/clients/nope").status()).isEqualTo(404);
        // the API still needs a key
        assertThat(http.get("/api/v1/clients/" + client.id()).status()).isEqualTo(401);
        assertThat(http.get("/bench/other").status()).isEqualTo(404);
    }
}
