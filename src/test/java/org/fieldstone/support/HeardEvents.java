package org.fieldstone.support;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import org.fieldstone.jobs.JobEvents;
import org.fieldstone.shared.DomainEvent;
import org.fieldstone.shared.TenantId;
import org.fieldstone.tenancy.DomainEventListener;
import org.springframework.stereotype.Component;

/**
 * Listens through the outbox as a module would, and remembers what it heard (deserialized from the outbox, with
 * its event id), for tests to await. A {@link TestEvent} whose note starts with {@code fail-N-} makes the listener
 * throw on its first N deliveries.
 */
@Component
public class HeardEvents {

    /** An event of tests only. */
    public record TestEvent(TenantId tenant, String note) implements DomainEvent {
    }

    public record Heard(DomainEvent event, UUID eventId) {
    }

    private final List<Heard> heard = new CopyOnWriteArrayList<>();
    private final Map<String, AtomicInteger> calls = new ConcurrentHashMap<>();

    @DomainEventListener
    void test(TestEvent event, UUID eventId) {
        int call = calls.computeIfAbsent(event.note(), n -> new AtomicInteger()).incrementAndGet();
        if (event.note().startsWith("fail-")) {
            int failures = Integer.parseInt(event.note().split("-")[1]);
            if (call <= failures) {
                throw new IllegalStateException("failing on purpose, call " + call + " of " + event.note());
            }
        }
        heard.add(new Heard(event, eventId));
    }

    @DomainEventListener
    void visitScheduled(JobEvents.VisitScheduled event, UUID eventId) {
        heard.add(new Heard(event, eventId));
    }

    @DomainEventListener
    void visitRescheduled(JobEvents.VisitRescheduled event, UUID eventId) {
        heard.add(new Heard(event, eventId));
    }

    @DomainEventListener
    void technicianEnRoute(JobEvents.TechnicianEnRoute event, UUID eventId) {
        heard.add(new Heard(event, eventId));
    }

    @DomainEventListener
    void jobCompleted(JobEvents.JobCompleted event, UUID eventId) {
        heard.add(new Heard(event, eventId));
    }

    /** How often the listener of a test event was called (including the calls that failed). */
    public int calls(String note) {
        AtomicInteger n = calls.get(note);
        return n == null ? 0 : n.get();
    }

    public List<Heard> heard(Predicate<DomainEvent> which) {
        return heard.stream().filter(h -> which.test(h.event())).toList();
    }

    /** Waits until at least {@code count} matching events were heard (or the time is up) and returns them all. */
    public List<Heard> await(Predicate<DomainEvent> which, int count, Duration within) {
        long deadline = System.nanoTime() + within.toNanos();
        while (heard(which).size() < count && System.nanoTime() < deadline) {
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        return heard(which);
    }
}
