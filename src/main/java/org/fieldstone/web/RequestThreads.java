package org.fieldstone.web;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import org.apache.tomcat.util.threads.TaskQueue;
import org.apache.tomcat.util.threads.ThreadPoolExecutor;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.tomcat.autoconfigure.TomcatServerProperties;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.core.Ordered;
import org.springframework.stereotype.Component;

/**
 * Tomcat's request threads: virtual threads, as {@code spring.threads.virtual.enabled} gives, but kept in a pool and
 * reused instead of one new virtual thread per request.
 *
 * <p>Libraries keep per-thread state that is meant to be made once per thread: Tink's random generator (every field
 * it seals takes a nonce from a {@code ThreadLocal<SecureRandom>} whose first use on a thread looks for Conscrypt with
 * a failing {@code Class.forName} through the nested jars, about 5 % of the server's CPU under load when every request
 * was a new thread), HikariCP's per-thread list of the connections it last used, and Jackson's buffers. A reused
 * virtual thread makes each of them once. Blocking still unmounts the thread from its carrier as before; the pool
 * bounds the requests in progress at {@code server.tomcat.threads.max} (200 by default, as with platform threads),
 * keeps {@code server.tomcat.threads.min-spare} idle ones and queues at most
 * {@code server.tomcat.threads.max-queue-capacity}. {@code fieldstone.request-threads.pooled=false} goes back to
 * Spring Boot's new virtual thread per request. See docs/architecture.md, "The request path".
 */
@Component
@ConditionalOnWebApplication
@ConditionalOnProperty(name = "fieldstone.request-threads.pooled", havingValue = "true", matchIfMissing = true)
class RequestThreads implements WebServerFactoryCustomizer<TomcatServletWebServerFactory>, Ordered, DisposableBean {

    private final int minSpare;
    private final int max;
    private final int queueCapacity;
    private final List<ThreadPoolExecutor> pools = new CopyOnWriteArrayList<>();

    RequestThreads(TomcatServerProperties tomcat) {
        this.minSpare = tomcat.getThreads().getMinSpare();
        this.max = tomcat.getThreads().getMax();
        this.queueCapacity = tomcat.getThreads().getMaxQueueCapacity();
    }

    @Override
    public void customize(TomcatServletWebServerFactory factory) {
        // after Spring Boot's own virtual-thread customizer (order 1), whose per-request executor this replaces
        factory.addProtocolHandlerCustomizers(handler -> handler.setExecutor(pool("tomcat-handler-")));
    }

    /** A pool of reused virtual threads named {@code prefix0, prefix1 …}, Tomcat's queue in front of it. */
    ThreadPoolExecutor pool(String prefix) {
        ThreadPoolExecutor pool = newPool(prefix, minSpare, max, queueCapacity);
        pools.add(pool);
        return pool;
    }

    static ThreadPoolExecutor newPool(String prefix, int minSpare, int max, int queueCapacity) {
        ThreadFactory virtual = Thread.ofVirtual().name(prefix, 0).factory();
        TaskQueue queue = new TaskQueue(queueCapacity);
        ThreadPoolExecutor pool = new ThreadPoolExecutor(minSpare, max, 60, TimeUnit.SECONDS, queue, virtual);
        queue.setParent(pool);
        return pool;
    }

    @Override
    public int getOrder() {
        return Ordered.LOWEST_PRECEDENCE;
    }

    /** Tomcat does not stop an executor it was given; the server has stopped by the time beans are destroyed. */
    @Override
    public void destroy() {
        pools.forEach(ThreadPoolExecutor::shutdown);
    }
}
