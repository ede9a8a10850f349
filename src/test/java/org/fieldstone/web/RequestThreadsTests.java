package org.fieldstone.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.apache.tomcat.util.threads.ThreadPoolExecutor;
import org.junit.jupiter.api.Test;

/** The request pool runs tasks on virtual threads and reuses them, so per-thread state is made once per thread. */
class RequestThreadsTests {

    @Test
    void sequentialTasksReuseAFewVirtualThreads() throws Exception {
        ThreadPoolExecutor pool = RequestThreads.newPool("test-handler-", 2, 50, Integer.MAX_VALUE);
        try {
            Set<Thread> seen = ConcurrentHashMap.newKeySet();
            for (int i = 0; i < 200; i++) {
                pool.submit(() -> seen.add(Thread.currentThread())).get(5, TimeUnit.SECONDS);
            }
            assertThat(seen).allMatch(Thread::isVirtual).allMatch(t -> t.getName().startsWith("test-handler-"));
            // 200 tasks one after another: the idle threads take them, no new thread per task
            assertThat(seen.size()).isLessThanOrEqualTo(3);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void concurrentTasksGrowThePoolUpToItsMaximumAndQueueTheRest() throws Exception {
        ThreadPoolExecutor pool = RequestThreads.newPool("test-handler-", 0, 4, Integer.MAX_VALUE);
        try {
            var release = new java.util.concurrent.CountDownLatch(1);
            var started = new java.util.concurrent.CountDownLatch(4);
            for (int i = 0; i < 10; i++) {
                pool.execute(() -> {
                    started.countDown();
                    try {
                        release.await();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                });
            }
            assertThat(started.await(5, TimeUnit.SECONDS)).isTrue();
            assertThat(pool.getPoolSize()).isEqualTo(4);
            assertThat(pool.getQueue()).hasSize(6);
            release.countDown();
            pool.shutdown();
            assertThat(pool.awaitTermination(5, TimeUnit.SECONDS)).isTrue();
            assertThat(pool.getCompletedTaskCount()).isEqualTo(10);
        } finally {
            pool.shutdownNow();
        }
    }
}
