package org.fieldstone.notifications.internal;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import org.fieldstone.notifications.ChannelSender;
import org.fieldstone.notifications.DeliveryFailure;
import org.fieldstone.notifications.NotificationChannel;
import org.fieldstone.notifications.Notifications;
import org.fieldstone.notifications.Outgoing;
import org.fieldstone.notifications.Recipient;
import org.fieldstone.shared.TenantId;
import org.fieldstone.tenancy.Companies;
import org.fieldstone.tenancy.Company;
import org.fieldstone.tenancy.CompanyDatabase;
import org.fieldstone.tenancy.CompanyDatabases;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends due queued notifications through the {@link ChannelSender} of their channel (decision 0058). Each row is
 * claimed by one conditional UPDATE that makes it {@code SENDING} under this node's id with a lease, before the
 * provider is called: of two nodes only one sends it. The result moves it on — SENT with the provider's id; a
 * retryable failure back to QUEUED after a backoff (30 s doubling, at most 30 min; FAILED {@code too-many-attempts}
 * after {@link #MAX_ATTEMPTS}); a permanent one FAILED with its reason; unreachable or opted out (checked again here)
 * SKIPPED; no sender for the channel SKIPPED {@code channel-not-available}. A row still SENDING after its lease
 * (the node died mid-send) is FAILED {@code interrupted} and never sent again: at most once.
 *
 * <p>Each company is worked on its own virtual thread, so a slow provider or database of one never holds up another;
 * no lock is shared between companies.
 */
public class Dispatcher {

    private static final Logger log = LoggerFactory.getLogger(Dispatcher.class);
    static final int MAX_ATTEMPTS = 6;
    static final Duration LEASE = Duration.ofMinutes(5);
    private static final int BATCH = 200;

    private final CompanyDatabases databases;
    private final Companies companies;
    private final NotificationService service;
    private final Notifications notifications;
    private final Map<NotificationChannel, ChannelSender> senders = new EnumMap<>(NotificationChannel.class);
    private final Clock clock;
    private final String node;
    private final ExecutorService work = Executors.newThreadPerTaskExecutor(
            Thread.ofVirtual().name("notifications-", 1).factory());
    /** Companies with queued rows this node knows of; the first run looks at every active company. */
    private final Set<TenantId> open = ConcurrentHashMap.newKeySet();
    /** A company being dispatched on this node: a second hand-off waits for the next run instead of doubling up. */
    private final Set<TenantId> busy = ConcurrentHashMap.newKeySet();
    /** Companies handed off while busy: looked at again when the run at work ends. */
    private final Set<TenantId> again = ConcurrentHashMap.newKeySet();
    private volatile boolean lookedAtAll;

    public Dispatcher(CompanyDatabases databases, Companies companies, NotificationService service,
                      List<ChannelSender> senders, Clock clock, String node) {
        this.databases = databases;
        this.companies = companies;
        this.service = service;
        this.notifications = service;
        for (ChannelSender sender : senders) {
            if (this.senders.putIfAbsent(sender.channel(), sender) != null) {
                throw new IllegalStateException("Two senders for channel " + sender.channel());
            }
        }
        this.clock = clock;
        this.node = node == null || node.isBlank() ? UUID.randomUUID().toString() : node;
    }

    /** Whether a sender of the channel is here (else its notifications are skipped {@code channel-not-available}). */
    public boolean hasSender(NotificationChannel channel) {
        return senders.containsKey(channel);
    }

    /** This node's id, as claims record it. */
    public String node() {
        return node;
    }

    /** Sends what is due in the company soon, on its own thread (after an insert: try at once). */
    void soon(TenantId tenant) {
        open.add(tenant);
        try {
            work.execute(() -> dispatchQuietly(tenant));
        } catch (RejectedExecutionException stopped) {
            // shutting down: the next start's run sends it
        }
    }

    /** One run: every company with queued notifications, each on its own thread; answers how many rows it handled. */
    public int runOnce() {
        List<TenantId> tenants = new ArrayList<>(open);
        if (!lookedAtAll) {
            for (Company c : companies.list()) {
                if (c.isActive() && !tenants.contains(c.id())) {
                    tenants.add(c.id());
                }
            }
            lookedAtAll = true;
        }
        List<Future<Integer>> runs = new ArrayList<>();
        for (TenantId tenant : tenants) {
            runs.add(work.submit(() -> dispatchQuietly(tenant)));
        }
        int handled = 0;
        for (Future<Integer> run : runs) {
            try {
                handled += run.get(5, TimeUnit.MINUTES);
            } catch (Exception e) {
                log.warn("A notifications run did not finish: {}", e.toString());
            }
        }
        return handled;
    }

    private int dispatchQuietly(TenantId tenant) {
        int handled = 0;
        do {
            if (!busy.add(tenant)) {
                again.add(tenant); // the thread at work runs once more when done
                return handled;
            }
            try {
                handled += dispatch(tenant);
            } catch (RuntimeException e) {
                log.warn("Notifications of company {} not sent this time: {}", tenant, e.toString());
            } finally {
                busy.remove(tenant);
            }
        } while (again.remove(tenant));
        return handled;
    }

    /** Sends what is due in one company now, on the calling thread; answers how many rows it handled. */
    public int dispatch(TenantId tenant) {
        CompanyDatabase db = databases.of(tenant);
        int stale = NotificationRows.failStale(db, clock.millis(), "notifications.reason.interrupted");
        if (stale > 0) {
            log.warn("{} notifications of company {} were left sending by a stopped node: not sent again", stale, tenant);
        }
        int handled = 0;
        while (true) {
            List<String> due = NotificationRows.due(db, clock.millis(), BATCH);
            int claimed = 0;
            for (String id : due) {
                if (send(tenant, db, id)) {
                    claimed++;
                }
            }
            handled += claimed;
            if (due.size() < BATCH || claimed == 0) {
                break;
            }
        }
        if (NotificationRows.due(db, Long.MAX_VALUE, 1).isEmpty()) {
            open.remove(tenant);
        } else {
            open.add(tenant); // waiting for quiet hours or a retry
        }
        return handled;
    }

    /** Claims and sends one row; false when another thread or node has it (or it is no longer due). */
    boolean send(TenantId tenant, CompanyDatabase db, String id) {
        long now = clock.millis();
        Optional<NotificationRows.Row> claimed = NotificationRows.claim(db, id, node, now, now + LEASE.toMillis());
        if (claimed.isEmpty()) {
            return false;
        }
        NotificationRows.Row row = claimed.get();
        ChannelSender sender = senders.get(row.channel());
        if (sender == null) {
            finish(db, row, NotificationRows.SKIPPED, "notifications.reason.channel-not-available", null, now);
            return true;
        }
        try {
            if (row.recipient().type() == Recipient.Type.CLIENT
                    && notifications.optedOut(tenant, row.recipient().id(), row.channel())) {
                finish(db, row, NotificationRows.SKIPPED, "notifications.reason.opted-out", null, now);
                return true;
            }
            Optional<String> unreachable = sender.unreachable(tenant, row.recipient());
            if (unreachable.isPresent()) {
                finish(db, row, NotificationRows.SKIPPED, unreachable.get(), null, now);
                return true;
            }
            Outgoing message = new Outgoing(tenant, row.id(), row.key(), row.kind(), row.recipient(),
                    service.open(tenant, "subject", row.id(), row.subject()), service.open(tenant, "text", row.id(), row.text()),
                    List.of());
            String providerId = sender.send(message);
            finish(db, row, NotificationRows.SENT, null, providerId, now);
        } catch (DeliveryFailure failure) {
            failed(db, row, failure.retryable(), failure.reason(), failure.getMessage());
        } catch (RuntimeException e) {
            failed(db, row, true, "notifications.reason.error", e.toString());
        }
        return true;
    }

    private void failed(CompanyDatabase db, NotificationRows.Row row, boolean retryable, String reason, String detail) {
        long now = clock.millis();
        log.info("Notification {} on {} of company {} failed (attempt {}, {}): {} {}", row.id(), row.channel(),
                db.tenant(), row.attempts(), retryable ? "retryable" : "permanent", reason, detail);
        if (!retryable) {
            finish(db, row, NotificationRows.FAILED, reason, null, now);
        } else if (row.attempts() >= MAX_ATTEMPTS) {
            finish(db, row, NotificationRows.FAILED, "notifications.reason.too-many-attempts", null, now);
        } else {
            NotificationRows.finish(db, row.id(), node, NotificationRows.QUEUED, reason, null,
                    now + DeliveryTimes.backoff(row.attempts()).toMillis(), now);
            open.add(db.tenant());
        }
    }

    private void finish(CompanyDatabase db, NotificationRows.Row row, String status, String reason, String providerId,
                        long now) {
        if (!NotificationRows.finish(db, row.id(), node, status, reason, providerId, row.notBefore(), now)) {
            log.warn("Notification {} of company {} was taken from node {} meanwhile", row.id(), db.tenant(), node);
        }
    }

    /** Stops taking work (the context closes). */
    void stop() {
        work.shutdown();
        try {
            if (!work.awaitTermination(10, TimeUnit.SECONDS)) {
                work.shutdownNow();
            }
        } catch (InterruptedException e) {
            work.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }
}
