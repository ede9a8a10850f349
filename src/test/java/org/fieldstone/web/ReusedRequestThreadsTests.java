package org.fieldstone.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.fieldstone.support.ApiClient;
import org.fieldstone.support.Fixtures;
import org.fieldstone.support.Fixtures.TestCompany;
import org.fieldstone.support.SqliteApplicationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Request threads are reused (decision 0028), so nothing of one request may stay on its thread for the next: an
 * anonymous request that runs on a thread an owner's request just used is still anonymous, and one company's caller
 * never sees another's data.
 */
@SqliteApplicationTest
class ReusedRequestThreadsTests {

    @Autowired Fixtures fixtures;
    @Autowired ApiClient api;

    @Test
    void noCallerOrCompanyOutlivesItsRequestOnAReusedThread() throws Exception {
        TestCompany a = fixtures.company("threads-a");
        TestCompany b = fixtures.company("threads-b");
        String aKey = a.apiKey(a.owner(), Optional.empty());
        String bKey = b.apiKey(b.owner(), Optional.empty());
        assertThat(api.post("/api/v1/clients", aKey, "{\"name\":\"Only in A\"}").status()).isEqualTo(201);

        List<Future<String>> answers = new ArrayList<>();
        try (var callers = Executors.newFixedThreadPool(8)) {
            for (int i = 0; i < 240; i++) {
                int kind = i % 3;
                answers.add(callers.submit(() -> switch (kind) {
                    case 0 -> "a:" + api.get("/api/v1/clients?size=200", aKey).body().contains("Only in A");
                    case 1 -> "b:" + api.get("/api/v1/clients?size=200", bKey).body().contains("Only in A");
                    default -> "anonymous:" + api.get("/api/v1/clients").status();
                }));
            }
        }
        for (Future<String> answer : answers) {
            assertThat(answer.get()).isIn("a:true", "b:false", "anonymous:401");
        }
    }
}
