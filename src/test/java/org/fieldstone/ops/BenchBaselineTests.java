package org.fieldstone.ops;

import static org.assertj.core.api.Assertions.assertThat;

import org.fieldstone.clients.Client;
import org.fieldstone.clients.Clients;
import org.fieldstone.clients.NewClient;
import org.fieldstone.support.Fixtures;
import org.fieldstone.support.Fixtures.TestCompany;
import org.fieldstone.support.Https;
import org.fieldstone.support.SqliteApplicationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.ApplicationContext;
import org.springframework.security.config.annotation.web.configuration.WebSecurityCustomizer;

/**
 * The benchmark's bare baseline endpoint does not exist unless {@code fieldstone.bench.baseline-enabled=true}:
 * on a normal installation its path is refused like any unknown path, and nothing is exempt from the security
 * filter chain.
 */
@SqliteApplicationTest
class BenchBaselineTests {

    @Autowired Fixtures fixtures;
    @Autowired Clients clients;
    @Autowired ApplicationContext context;
    @Value("${server.port}") int port;

    @Test
    void isAbsentByDefault() {
        TestCompany c = fixtures.company("bench-off");
        Client client = clients.create(c.system(), new NewClient("Baseline Probe", null, null, null, null), null);

        Https.Response r = new Https(port).get("/bench/baseline/" + c.company.id().compact() + "/clients/" + client.id());

        assertThat(r.status()).isEqualTo(404);
        assertThat(r.body()).doesNotContain("Baseline Probe");
        assertThat(r.header("Strict-Transport-Security")).as("still behind the security filter chain").isNotNull();
        assertThat(context.getBeansOfType(WebSecurityCustomizer.class)).isEmpty();
        assertThat(context.getBeansOfType(BenchBaseline.Endpoint.class)).isEmpty();
    }
}
