package org.fieldstone.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.fieldstone.support.ApiClient;
import org.fieldstone.support.Fixtures;
import org.fieldstone.support.Fixtures.TestCompany;
import org.fieldstone.support.Https.Response;
import org.fieldstone.support.SqliteApplicationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * An API answer that fits Tomcat's response buffer leaves in one write, with its length (nothing on the way flushes it
 * early, which would send it chunked: the body and then the closing chunk as a second TLS record); a larger answer is
 * streamed and still arrives whole.
 */
@SqliteApplicationTest
class OneWriteResponsesTests {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Autowired Fixtures fixtures;
    @Autowired ApiClient api;

    @Test
    void aSmallJsonAnswerCarriesItsLengthInsteadOfChunks() {
        TestCompany c = fixtures.company("one-write");
        Response me = api.get("/api/v1/me", c.apiKey(c.owner(), Optional.empty()));
        assertThat(me.status()).as(me.body()).isEqualTo(200);
        assertThat(me.header("Transfer-Encoding")).isNull();
        assertThat(me.header("Content-Length")).isEqualTo(String.valueOf(me.body().getBytes(StandardCharsets.UTF_8).length));
        // the security headers are still written when the answer leaves at the end
        assertThat(me.header("Cache-Control")).contains("no-store");
        assertThat(me.header("Strict-Transport-Security")).contains("max-age=31536000");
    }

    @Test
    void anAnswerLargerThanTheBufferIsStreamedWhole() {
        TestCompany c = fixtures.company("one-write-large");
        String key = c.apiKey(c.owner(), Optional.empty());
        String notes = "n".repeat(400);
        for (int i = 0; i < 40; i++) {
            Response created = api.post("/api/v1/clients", key,
                    "{\"name\":\"Client " + i + "\",\"notes\":\"" + notes + "\"}");
            assertThat(created.status()).as(created.body()).isEqualTo(201);
        }
        Response list = api.get("/api/v1/clients?size=40", key);
        assertThat(list.status()).isEqualTo(200);
        assertThat(list.body().length()).isGreaterThan(16 * 1024);
        JsonNode page = JSON.readTree(list.body());
        assertThat(page.get("items")).hasSize(40);
    }
}
