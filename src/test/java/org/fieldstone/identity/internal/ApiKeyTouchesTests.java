package org.fieldstone.identity.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class ApiKeyTouchesTests {

    private final ApiKeyTouches touches = new ApiKeyTouches(60_000);

    @Test
    void ofManyConcurrentRequestsThatFindTheKeyDueOnlyOneWrites() throws Exception {
        AtomicInteger writers = new AtomicInteger();
        CountDownLatch go = new CountDownLatch(1);
        List<Future<?>> all = new ArrayList<>();
        try (var threads = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < 64; i++) {
                all.add(threads.submit(() -> {
                    go.await();
                    if (touches.firstToTouch("key-1", "10.0.0.1", 1_000_000)) {
                        writers.incrementAndGet();
                    }
                    return null;
                }));
            }
            go.countDown();
            for (Future<?> f : all) {
                f.get();
            }
        }
        assertThat(writers).hasValue(1);
    }

    @Test
    void writesAgainAfterTheIntervalAndForAnotherAddressOrKey() {
        assertThat(touches.firstToTouch("key-1", "10.0.0.1", 0)).isTrue();
        assertThat(touches.firstToTouch("key-1", "10.0.0.1", 60_000)).as("within the minute").isFalse();
        assertThat(touches.firstToTouch("key-1", "10.0.0.2", 1_000)).as("another address").isTrue();
        assertThat(touches.firstToTouch("key-2", "10.0.0.1", 1_000)).as("another key").isTrue();
        assertThat(touches.firstToTouch("key-1", "10.0.0.1", 60_001)).as("a minute later").isTrue();
        assertThat(touches.firstToTouch("key-1", "10.0.0.1", 30_000)).as("a clock set back").isTrue();
    }
}
