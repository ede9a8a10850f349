package org.fieldstone.tenancy.internal;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import org.fieldstone.shared.DomainEvent;
import org.fieldstone.shared.TenantId;
import org.fieldstone.tenancy.CompanyDatabase;
import org.fieldstone.tenancy.CompanyStatus;
import org.fieldstone.tenancy.DomainEventListener;
import org.fieldstone.tenancy.DomainEvents;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.aop.support.AopUtils;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.context.ApplicationContext;
import org.springframework.context.SmartLifecycle;
import org.springframework.core.MethodIntrospector;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.util.ReflectionUtils;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@link DomainEvents} over the {@code event_publications} table of each company database (decision 0022).
 *
 * <p>Delivery: after the outermost commit the new publications are handed to virtual threads; each claims its row
 * with a lease (so two nodes, or a hand-off and the sweeper, never call a listener for it at the same time), calls
 * the listener, and marks the row completed — or, if the listener threw, notes the error and when to try again
 * (backing off from {@code fieldstone.events.retry-delay} up to ten minutes). The sweeper tries again what is due
 * in companies that have open publications; at start-up every active company is looked at once, which is how a
 * publication whose node died between commit and delivery is delivered. Completed rows are kept for
 * {@code fieldstone.events.keep-completed} and then removed.
 */
final class Outbox implements DomainEvents, SmartInitializingSingleton, SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(Outbox.class);
    private static final long LEASE_MILLIS = Duration.ofMinutes(5).toMillis();
    private static final long MAX_BACKOFF_MILLIS = Duration.ofMinutes(10).toMillis();
    private static final int ERROR_LENGTH = 500;

    private final ApplicationContext context;
    private final CompanyPools databases;
    private final CompanyRegistry registry;
    /** Leases and retries are a matter of the wall clock shared by the nodes, not of the business clock. */
    private final Clock clock = Clock.systemUTC();
    private final long retryDelayMillis;
    private final long keepCompletedMillis;
    private final JsonMapper json = JsonMapper.builder().build();
    /** Made anew at every start: a context may be stopped and started again (Spring's test context cache pauses). */
    private volatile ExecutorService deliveries = newDeliveries();
    /** Every listener, by its id ({@code class#method}), found once at start-up. */
    private final Map<String, Listener> listeners = new ConcurrentHashMap<>();
    /** Companies that may have publications not yet completed: what the sweeper looks at. */
    private final Set<TenantId> open = ConcurrentHashMap.newKeySet();
    /** Publications not yet completed per company, as the sweeper last counted them (a gauge, ops.monitoring). */
    private final Map<TenantId, Long> backlog = new ConcurrentHashMap<>();
    private final long recoveryDelayMillis;
    private volatile boolean running;
    private volatile Thread recovery;

    Outbox(ApplicationContext context, CompanyPools databases, CompanyRegistry registry, Duration retryDelay,
           Duration keepCompleted, Duration recoveryDelay) {
        this.context = context;
        this.databases = databases;
        this.registry = registry;
        this.retryDelayMillis = retryDelay.toMillis();
        this.keepCompletedMillis = keepCompleted.toMillis();
        this.recoveryDelayMillis = recoveryDelay.toMillis();
    }

    /** A listener method and the type of event it hears. */
    private record Listener(String id, Object bean, Method method, Class<?> eventType, boolean takesEventId) {

        void call(Object event, UUID eventId) throws Throwable {
            try {
                if (takesEventId) {
                    method.invoke(bean, event, eventId);
                } else {
                    method.invoke(bean, event);
                }
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
        }
    }

    @Override
    public void afterSingletonsInstantiated() {
        for (String name : context.getBeanDefinitionNames()) {
            Class<?> type = context.getType(name);
            if (type == null || !hasListeners(type)) {
                continue;
            }
            Object bean = context.getBean(name);
            Class<?> target = AopUtils.getTargetClass(bean);
            MethodIntrospector.selectMethods(target, (MethodIntrospector.MetadataLookup<DomainEventListener>) m ->
                    AnnotatedElementUtils.findMergedAnnotation(m, DomainEventListener.class)).keySet()
                    .forEach(method -> register(bean, target, method));
        }
        log.debug("Domain event listeners: {}", listeners.keySet());
    }

    private static boolean hasListeners(Class<?> type) {
        return !MethodIntrospector.selectMethods(type, (MethodIntrospector.MetadataLookup<Boolean>) m ->
                m.isAnnotationPresent(DomainEventListener.class) ? Boolean.TRUE : null).isEmpty();
    }

    private void register(Object bean, Class<?> target, Method method) {
        Class<?>[] parameters = method.getParameterTypes();
        boolean takesEventId = parameters.length == 2 && parameters[1] == UUID.class;
        if (parameters.length < 1 || parameters.length > 2 || (parameters.length == 2 && !takesEventId)
                || !DomainEvent.class.isAssignableFrom(parameters[0])) {
            throw new IllegalStateException("@DomainEventListener " + target.getName() + "#" + method.getName()
                    + " must take a DomainEvent and optionally its UUID event id");
        }
        ReflectionUtils.makeAccessible(method);
        String id = target.getName() + "#" + method.getName();
        if (listeners.putIfAbsent(id, new Listener(id, bean, method, parameters[0], takesEventId)) != null) {
            throw new IllegalStateException("Two @DomainEventListener methods are named " + id + ": give one another name");
        }
    }

    // ---- publishing

    @Override
    public void publish(CompanyDatabase db, DomainEvent event) {
        Objects.requireNonNull(event, "event");
        if (!db.tenant().equals(event.tenant())) {
            throw new IllegalArgumentException("An event of company " + event.tenant() + " cannot be published in "
                    + db.tenant() + "'s database");
        }
        List<Listener> hearing = listeners.values().stream().filter(l -> l.eventType().isInstance(event)).toList();
        if (hearing.isEmpty()) {
            return;
        }
        String payload = json.writeValueAsString(event);
        String eventId = UUID.randomUUID().toString();
        db.inTransaction(() -> {
            long now = clock.millis();
            List<String> ids = new ArrayList<>();
            for (Listener listener : hearing) {
                String id = UUID.randomUUID().toString();
                OutboxRows.insert(db, id, eventId, listener.id(), event.getClass().getName(), payload, now);
                ids.add(id);
            }
            // runs after the outermost commit of this transaction, never after a rollback
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    open.add(db.tenant());
                    deliverSoon(db.tenant(), ids);
                }
            });
            return null;
        });
    }

    private static ExecutorService newDeliveries() {
        return Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("event-delivery-", 1).factory());
    }

    private void deliverSoon(TenantId tenant, List<String> ids) {
        try {
            deliveries.execute(() -> ids.forEach(id -> attempt(tenant, id)));
        } catch (RejectedExecutionException stopped) {
            // stopped: the rows stay open, for the sweeper once started again, or for the next start
            open.add(tenant);
        }
    }

    // ---- delivery

    /** Claims one publication, calls its listener, and completes it or schedules the next attempt. */
    void attempt(TenantId tenant, String id) {
        CompanyDatabase db = databases.of(tenant);
        long now = clock.millis();
        OutboxRows.Publication p = OutboxRows.claim(db, id, now, now + LEASE_MILLIS).orElse(null);
        if (p == null) {
            return; // completed, or another thread or node holds it
        }
        Listener listener = listeners.get(p.listener());
        try {
            if (listener == null) {
                throw new IllegalStateException("No listener " + p.listener() + " in this release");
            }
            Object event = json.readValue(p.payload(), listener.eventType());
            listener.call(event, UUID.fromString(p.eventId()));
            OutboxRows.complete(db, id, clock.millis());
        } catch (Throwable e) {
            long delay = Math.min(MAX_BACKOFF_MILLIS, retryDelayMillis << Math.min(20, Math.max(0, p.attempts() - 1)));
            String error = String.valueOf(e);
            log.warn("Listener {} failed on event {} of company {} (attempt {}), trying again in {} ms: {}",
                    p.listener(), p.eventId(), tenant, p.attempts(), delay, error);
            OutboxRows.fail(db, id, clock.millis() + delay, error.length() > ERROR_LENGTH ? error.substring(0, ERROR_LENGTH) : error);
            open.add(tenant);
            if (e instanceof VirtualMachineError fatal) {
                throw fatal;
            }
        }
    }

    /** Tries again what is due in the companies with open publications; forgets those with none left. */
    @Scheduled(fixedDelayString = "${fieldstone.events.sweep-delay:PT5S}")
    void sweep() {
        for (TenantId tenant : List.copyOf(open)) {
            try {
                sweep(tenant);
            } catch (RuntimeException e) {
                log.warn("Cannot look at the events of company {}: {}", tenant, e.toString());
            }
        }
    }

    /** Publications not yet completed, summed over the companies the sweeper looks at. */
    long backlog() {
        long sum = 0;
        for (long n : backlog.values()) {
            sum += n;
        }
        return sum;
    }

    /** Hands what is due in one company to delivery; false once nothing is left open there. */
    boolean sweep(TenantId tenant) {
        CompanyDatabase db = databases.of(tenant);
        List<String> due = OutboxRows.due(db, clock.millis());
        if (!due.isEmpty()) {
            deliverSoon(tenant, due);
        }
        long left = OutboxRows.openCount(db);
        if (left > 0) {
            backlog.put(tenant, left);
        } else {
            backlog.remove(tenant);
        }
        if (left == 0) {
            open.remove(tenant);
            // a publication made between the look and the removal is handed off on its own and re-added on failure
            return false;
        }
        return true;
    }

    /**
     * Shortly after start-up: every active company's open publications, including those a node left behind that died
     * between a commit and its delivery. Waits {@code fieldstone.events.recovery-delay} first, so that it does not
     * compete with the first requests of a cold start for the company databases.
     */
    void recoverAll() {
        int companies = 0;
        for (var company : registry.list()) {
            if (!running) {
                return;
            }
            if (company.status() != CompanyStatus.ACTIVE) {
                continue;
            }
            try {
                if (OutboxRows.anyOpen(databases.of(company.id()))) {
                    open.add(company.id());
                    companies++;
                }
            } catch (RuntimeException e) {
                log.warn("Cannot look at the events of company {}: {}", company.id(), e.toString());
            }
        }
        if (companies > 0) {
            log.info("{} companies have events not yet delivered: delivering them", companies);
            sweep();
        }
    }

    /** Removes completed publications past their keeping time, in the companies this node has open. */
    @Scheduled(fixedDelayString = "${fieldstone.events.prune-delay:PT1H}", initialDelayString = "${fieldstone.events.prune-delay:PT1H}")
    void prune() {
        long before = clock.millis() - keepCompletedMillis;
        for (TenantId tenant : databases.openTenants()) {
            try {
                OutboxRows.pruneCompleted(databases.of(tenant), before);
            } catch (RuntimeException e) {
                log.warn("Cannot prune the events of company {}: {}", tenant, e.toString());
            }
        }
    }

    // ---- lifecycle: recovery starts with the application and delivery stops before the databases close

    @Override
    public void start() {
        if (deliveries.isShutdown()) {
            deliveries = newDeliveries();
        }
        running = true;
        recovery = Thread.ofVirtual().name("event-recovery").start(() -> {
            try {
                Thread.sleep(recoveryDelayMillis);
                recoverAll();
            } catch (InterruptedException stopping) {
                Thread.currentThread().interrupt();
            }
        });
    }

    @Override
    public void stop() {
        running = false;
        if (recovery != null) {
            recovery.interrupt();
        }
        deliveries.shutdown();
        try {
            if (!deliveries.awaitTermination(10, java.util.concurrent.TimeUnit.SECONDS)) {
                deliveries.shutdownNow(); // unfinished deliveries stay open and are delivered at the next start
            }
        } catch (InterruptedException e) {
            deliveries.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }
}
