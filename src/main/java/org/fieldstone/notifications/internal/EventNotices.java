package org.fieldstone.notifications.internal;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.fieldstone.clients.Clients;
import org.fieldstone.files.FileEvents;
import org.fieldstone.identity.Team;
import org.fieldstone.identity.User;
import org.fieldstone.inventory.InventoryEvents;
import org.fieldstone.invoices.Invoice;
import org.fieldstone.invoices.InvoiceEvents;
import org.fieldstone.invoices.Invoices;
import org.fieldstone.jobs.Job;
import org.fieldstone.jobs.JobEvents;
import org.fieldstone.jobs.Jobs;
import org.fieldstone.notifications.NotificationKind;
import org.fieldstone.notifications.NotificationSettings;
import org.fieldstone.notifications.Recipient;
import org.fieldstone.portal.ShareLinks;
import org.fieldstone.quotes.Quote;
import org.fieldstone.quotes.QuoteEvents;
import org.fieldstone.quotes.Quotes;
import org.fieldstone.shared.Actor;
import org.fieldstone.shared.Channel;
import org.fieldstone.shared.NotFound;
import org.fieldstone.shared.TenantId;
import org.fieldstone.shared.UserId;
import org.fieldstone.tenancy.Companies;
import org.fieldstone.tenancy.DomainEventListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Turns the outbox's events into notifications: the client of the job, quote or invoice; the visit's technicians for a
 * new or moved visit; the owners and admins for a customer's decision, low stock and malware. Every notification's
 * key starts with the event's id, so an event heard twice (the outbox may deliver again after a crash) queues nothing
 * new. A record gone meanwhile (a deleted job) is told to nobody.
 */
@Component
class EventNotices {

    private static final Logger log = LoggerFactory.getLogger(EventNotices.class);
    static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("EEE d MMM yyyy, HH:mm", Locale.ENGLISH);

    private final NotificationService notifications;
    private final Companies companies;
    private final Clients clients;
    private final Jobs jobs;
    private final Quotes quotes;
    private final Invoices invoices;
    private final Team team;
    private final ShareLinks links;
    private final Dispatcher dispatcher;

    EventNotices(NotificationService notifications, Companies companies, Clients clients, Jobs jobs, Quotes quotes,
                 Invoices invoices, Team team, ShareLinks links, Dispatcher dispatcher) {
        this.dispatcher = dispatcher;
        this.notifications = notifications;
        this.companies = companies;
        this.clients = clients;
        this.jobs = jobs;
        this.quotes = quotes;
        this.invoices = invoices;
        this.team = team;
        this.links = links;
    }

    @DomainEventListener
    void visitScheduled(JobEvents.VisitScheduled e, UUID eventId) {
        visit(e.tenant(), eventId, NotificationKind.VISIT_SCHEDULED, e.jobId(), e.visitId(), e.startsAt(), e.endsAt(),
                e.assignees());
    }

    @DomainEventListener
    void visitRescheduled(JobEvents.VisitRescheduled e, UUID eventId) {
        notifications.skipMovedReminders(e.tenant(), e.visitId(), e.startsAt());
        visit(e.tenant(), eventId, NotificationKind.VISIT_RESCHEDULED, e.jobId(), e.visitId(), e.startsAt(), e.endsAt(),
                e.assignees());
    }

    @DomainEventListener
    void visitCancelled(JobEvents.VisitCancelled e, UUID eventId) {
        notifications.skipForCancelledVisit(e.tenant(), e.visitId(), eventId.toString());
        visit(e.tenant(), eventId, NotificationKind.VISIT_CANCELLED, e.jobId(), e.visitId(), e.startsAt(), e.endsAt(),
                e.assignees());
    }

    @DomainEventListener
    void technicianEnRoute(JobEvents.TechnicianEnRoute e, UUID eventId) {
        Actor system = system(e.tenant());
        Job job = job(system, e.jobId());
        if (job == null) {
            return;
        }
        Map<String, String> values = jobValues(system, job);
        values.put("technician.name", userName(system, e.userId()));
        notifications.queue(e.tenant(), List.of(new NotificationService.Draft(eventId.toString(),
                NotificationKind.TECHNICIAN_EN_ROUTE, Recipient.client(job.clientId()), job.clientId(), job.id(),
                "visit:" + e.visitId(), values)));
    }

    @DomainEventListener
    void jobCompleted(JobEvents.JobCompleted e, UUID eventId) {
        Actor system = system(e.tenant());
        Job job = job(system, e.jobId());
        if (job == null) {
            return;
        }
        notifications.queue(e.tenant(), List.of(new NotificationService.Draft(eventId.toString(),
                NotificationKind.JOB_COMPLETED, Recipient.client(job.clientId()), job.clientId(), job.id(), null,
                jobValues(system, job))));
    }

    @DomainEventListener
    void quoteSent(QuoteEvents.QuoteSent e, UUID eventId) {
        Actor system = system(e.tenant());
        Quote quote = found(() -> quotes.get(system, e.quoteId()));
        if (quote == null) {
            return;
        }
        Map<String, String> values = clientValues(system, quote.clientId());
        values.put("document.number", quote.number());
        toClient(system, eventId, NotificationKind.QUOTE_SENT, quote.clientId(), null, values, ShareLinks.Kind.QUOTE,
                quote.id());
    }

    @DomainEventListener
    void quoteApproved(QuoteEvents.QuoteApproved e, UUID eventId) {
        quoteDecided(e.tenant(), eventId, NotificationKind.QUOTE_APPROVED, e.quoteId());
    }

    @DomainEventListener
    void quoteDeclined(QuoteEvents.QuoteDeclined e, UUID eventId) {
        quoteDecided(e.tenant(), eventId, NotificationKind.QUOTE_DECLINED, e.quoteId());
    }

    @DomainEventListener
    void quoteChangesRequested(QuoteEvents.QuoteChangesRequested e, UUID eventId) {
        quoteDecided(e.tenant(), eventId, NotificationKind.QUOTE_CHANGES_REQUESTED, e.quoteId());
    }

    @DomainEventListener
    void invoiceSent(InvoiceEvents.InvoiceSent e, UUID eventId) {
        aboutInvoice(e.tenant(), eventId, NotificationKind.INVOICE_SENT, e.invoiceId(), true);
    }

    @DomainEventListener
    void paymentReceived(InvoiceEvents.PaymentReceived e, UUID eventId) {
        if (!e.refund()) { // a refund is not a payment received
            aboutInvoice(e.tenant(), eventId, NotificationKind.PAYMENT_RECEIVED, e.invoiceId(), false);
        }
    }

    /** An invoice's overdue reminder (messaging decides when one is due); keyed by the reminder. */
    void invoiceOverdue(TenantId tenant, String invoiceId, String reminderKey) {
        aboutInvoice(tenant, reminderKey, NotificationKind.INVOICE_OVERDUE, invoiceId, true);
    }

    /** Tells an invoice's client, with its number and, with {@code withLink}, a fresh portal link. */
    private void aboutInvoice(TenantId tenant, Object key, NotificationKind kind, String invoiceId, boolean withLink) {
        Actor system = system(tenant);
        Invoice invoice = found(() -> invoices.get(system, invoiceId));
        if (invoice == null) {
            return;
        }
        Map<String, String> values = clientValues(system, invoice.clientId());
        values.put("document.number", invoice.number());
        toClient(system, key, kind, invoice.clientId(), invoice.jobId(), values,
                withLink ? ShareLinks.Kind.INVOICE : null, withLink ? invoice.id() : null);
    }

    @DomainEventListener
    void reorderDue(InventoryEvents.ReorderDue e, UUID eventId) {
        Map<String, String> values = new HashMap<>(notifications.common(e.tenant()));
        values.put("items", String.valueOf(e.items()));
        toOffice(e.tenant(), eventId, NotificationKind.LOW_STOCK, values);
    }

    @DomainEventListener
    void malwareDetected(FileEvents.MalwareDetected e, UUID eventId) {
        Map<String, String> values = new HashMap<>(notifications.common(e.tenant()));
        values.put("file", e.fileId());
        values.put("signature", e.signature());
        toOffice(e.tenant(), eventId, NotificationKind.MALWARE_DETECTED, values);
    }

    // ----

    private void visit(TenantId tenant, UUID eventId, NotificationKind kind, String jobId, String visitId,
                       Instant startsAt, Instant endsAt, List<String> assignees) {
        Actor system = system(tenant);
        Job job = job(system, jobId);
        if (job == null) {
            return;
        }
        ZoneId zone = companies.timeZone(tenant);
        Map<String, String> values = jobValues(system, job);
        values.put("visit.start", WHEN.format(startsAt.atZone(zone)));
        values.put("visit.end", WHEN.format(endsAt.atZone(zone)));
        List<NotificationService.Draft> drafts = new ArrayList<>();
        drafts.add(new NotificationService.Draft(eventId.toString(), kind, Recipient.client(job.clientId()),
                job.clientId(), job.id(), "visit:" + visitId, values));
        for (String assignee : assignees) {
            Map<String, String> mine = new HashMap<>(values);
            mine.put("technician.name", userName(system, assignee));
            drafts.add(new NotificationService.Draft(eventId.toString(), kind, Recipient.user(assignee), null, job.id(),
                    "visit:" + visitId, mine));
        }
        notifications.queue(tenant, drafts);
    }

    private void quoteDecided(TenantId tenant, UUID eventId, NotificationKind kind, String quoteId) {
        Actor system = system(tenant);
        Quote quote = found(() -> quotes.get(system, quoteId));
        if (quote == null) {
            return;
        }
        Map<String, String> values = clientValues(system, quote.clientId());
        values.put("document.number", quote.number());
        toOffice(tenant, eventId, kind, values, quote.clientId());
    }

    private void toOffice(TenantId tenant, UUID eventId, NotificationKind kind, Map<String, String> values) {
        toOffice(tenant, eventId, kind, values, null);
    }

    private void toOffice(TenantId tenant, UUID eventId, NotificationKind kind, Map<String, String> values,
                          String clientId) {
        List<NotificationService.Draft> drafts = new ArrayList<>();
        for (User user : notifications.office(system(tenant))) {
            drafts.add(new NotificationService.Draft(eventId.toString(), kind, Recipient.user(user.id().toString()),
                    clientId, null, null, values));
        }
        notifications.queue(tenant, drafts);
    }

    private void toClient(Actor system, Object key, NotificationKind kind, String clientId, String jobId,
                          Map<String, String> values, ShareLinks.Kind linkKind, String documentId) {
        if (notifications.clientChannels(system.tenant(), kind).stream().noneMatch(dispatcher::hasSender)) {
            return; // nothing to send: no portal link issued for nothing
        }
        if (linkKind != null) {
            try {
                values.put("link", links.issue(system, linkKind, documentId).url().toString());
            } catch (RuntimeException e) {
                log.info("No portal link for {} {} of company {}: {}", linkKind.code(), documentId, system.tenant(),
                        e.getMessage());
            }
        }
        notifications.queue(system.tenant(), List.of(new NotificationService.Draft(key.toString(), kind,
                Recipient.client(clientId), clientId, jobId, null, values)));
    }

    /** The record, or null when it is gone (deleted since the event): nobody is told, the event is done. */
    private static <T> T found(java.util.function.Supplier<T> read) {
        try {
            return read.get();
        } catch (NotFound gone) {
            return null;
        }
    }

    private Job job(Actor system, String jobId) {
        try {
            return jobs.get(system, jobId);
        } catch (NotFound gone) {
            return null;
        }
    }

    private Map<String, String> jobValues(Actor system, Job job) {
        Map<String, String> values = clientValues(system, job.clientId());
        values.put("job.number", job.number());
        values.put("job.title", job.title() == null ? "" : job.title());
        return values;
    }

    private Map<String, String> clientValues(Actor system, String clientId) {
        Map<String, String> values = new HashMap<>(notifications.common(system.tenant()));
        try {
            values.put("client.name", clients.get(system, clientId).name());
        } catch (NotFound gone) {
            values.put("client.name", "");
        }
        return values;
    }

    private String userName(Actor system, String userId) {
        try {
            return team.get(system, UserId.parse(userId)).name();
        } catch (RuntimeException unknown) {
            return "";
        }
    }

    private static Actor system(TenantId tenant) {
        return Actor.system(tenant, Channel.SYSTEM);
    }

    static boolean clientFacing(NotificationKind kind) {
        return NotificationSettings.CLIENT_KINDS.contains(kind);
    }
}
