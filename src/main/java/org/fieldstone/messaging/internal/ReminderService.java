package org.fieldstone.messaging.internal;

import java.time.Clock;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import org.fieldstone.clients.Client;
import org.fieldstone.clients.Clients;
import org.fieldstone.invoices.Invoice;
import org.fieldstone.invoices.InvoiceKind;
import org.fieldstone.invoices.InvoiceQuery;
import org.fieldstone.invoices.InvoiceStatus;
import org.fieldstone.invoices.Invoices;
import org.fieldstone.messaging.DocumentType;
import org.fieldstone.messaging.ReminderSettings;
import org.fieldstone.messaging.Reminders;
import org.fieldstone.messaging.SentEmail;
import org.fieldstone.quotes.Quote;
import org.fieldstone.quotes.QuoteQuery;
import org.fieldstone.quotes.QuoteStatus;
import org.fieldstone.quotes.Quotes;
import org.fieldstone.shared.Actor;
import org.fieldstone.shared.Channel;
import org.fieldstone.shared.InvalidInput;
import org.fieldstone.shared.Message;
import org.fieldstone.shared.Page;
import org.fieldstone.shared.Permission;
import org.fieldstone.shared.TenantId;
import org.fieldstone.tenancy.Companies;
import org.fieldstone.tenancy.Company;
import org.fieldstone.tenancy.CompanyDatabases;
import org.fieldstone.tenancy.CompanySetting;
import org.fieldstone.tenancy.CompanySettings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import tools.jackson.databind.json.JsonMapper;

/**
 * The reminders of overdue invoices and expiring quotes ({@link Reminders}). A reminder's row in {@code sent_emails}
 * is keyed by the reminder ({@code reminder:invoice:<id>:<stage>}, {@code reminder:quote:<id>:<expiresOn>}) and
 * claimed before anything is sent ({@link EmailService#claim}), so it is sent once however many runs meet it; a failed
 * send stays claimable until {@code fieldstone.mail.max-attempts}, so the next runs try it again while it is still due.
 * A claimed row whose node dies before the send stays {@code SENDING}: never sent twice, at the cost of possibly never.
 */
@Service
class ReminderService implements Reminders {

    private static final Logger log = LoggerFactory.getLogger(ReminderService.class);
    private static final JsonMapper JSON = JsonMapper.builder().build();
    static final int MAX_DAYS = 6;

    record StoredReminders(boolean invoices, List<Integer> invoiceDays, boolean quotes, int quoteDaysBefore) {
        static final StoredReminders DEFAULT = of(ReminderSettings.DEFAULT);

        static StoredReminders of(ReminderSettings s) {
            return new StoredReminders(s.invoiceReminders(), s.invoiceReminderDays(), s.quoteReminders(),
                    s.quoteReminderDaysBefore());
        }

        ReminderSettings shown() {
            return new ReminderSettings(invoices, invoiceDays, quotes, quoteDaysBefore);
        }
    }

    static final CompanySetting<StoredReminders> SETTING = new CompanySetting<>("messaging.reminders",
            Permission.SETTINGS_MANAGE, StoredReminders.DEFAULT, text -> JSON.readValue(text, StoredReminders.class),
            JSON::writeValueAsString);

    private final CompanyDatabases databases;
    private final CompanySettings settings;
    private final Companies companies;
    private final Invoices invoices;
    private final Quotes quotes;
    private final Clients clients;
    private final EmailService emails;
    private final DocumentLinks links;
    private final Clock clock;
    private final org.fieldstone.notifications.Notifications notifications;

    ReminderService(CompanyDatabases databases, CompanySettings settings, Companies companies, Invoices invoices,
                    Quotes quotes, Clients clients, EmailService emails, DocumentLinks links, Clock clock,
                    org.fieldstone.notifications.Notifications notifications) {
        this.notifications = notifications;
        this.databases = databases;
        this.settings = settings;
        this.companies = companies;
        this.invoices = invoices;
        this.quotes = quotes;
        this.clients = clients;
        this.emails = emails;
        this.links = links;
        this.clock = clock;
    }

    @Override
    public ReminderSettings settings(Actor actor) {
        actor.require(Permission.SETTINGS_MANAGE);
        return settings.get(databases.of(actor.tenant()), SETTING).shown();
    }

    @Override
    public ReminderSettings updateSettings(Actor actor, ReminderSettings changed) {
        actor.require(Permission.SETTINGS_MANAGE);
        InvalidInput.Collector errors = new InvalidInput.Collector();
        List<Integer> days = changed.invoiceReminderDays();
        if (days.size() > MAX_DAYS || days.stream().anyMatch(d -> d == null || d < 1 || d > 365)
                || new TreeSet<>(days).size() != days.size()) {
            errors.add("invoiceReminderDays", Message.of("messaging.refused.reminder-days", MAX_DAYS));
        }
        if (changed.quoteReminderDaysBefore() < 1 || changed.quoteReminderDaysBefore() > 90) {
            errors.add("quoteReminderDaysBefore", Message.of("messaging.refused.reminder-days-before"));
        }
        errors.throwIfAny();
        settings.set(actor, SETTING, new StoredReminders(changed.invoiceReminders(), List.copyOf(new TreeSet<>(days)),
                changed.quoteReminders(), changed.quoteReminderDaysBefore()));
        return settings(actor);
    }

    @Override
    public int sendDue(TenantId tenant) {
        Optional<Company> company = companies.find(tenant);
        if (company.isEmpty() || !company.get().isActive()) {
            return 0;
        }
        Actor system = Actor.system(tenant, Channel.SYSTEM);
        StoredReminders s = settings.get(databases.of(tenant), SETTING);
        LocalDate today = LocalDate.ofInstant(clock.instant(), company.get().timeZone());
        int claimed = 0;
        if (s.invoices()) {
            for (Invoice invoice : openInvoices(system)) {
                if (invoice.kind() == InvoiceKind.CREDIT_NOTE || invoice.dueOn() == null || !invoice.overdue()) {
                    continue;
                }
                Integer stage = ReminderStages.invoiceStage(ChronoUnit.DAYS.between(invoice.dueOn(), today),
                        s.invoiceDays());
                if (stage != null) {
                    overdue(system, invoice, stage);
                    claimed += remindInvoice(system, invoice, stage);
                }
            }
        }
        if (s.quotes()) {
            for (Quote quote : all(page -> quotes.list(system, new QuoteQuery(QuoteStatus.SENT, false, null, null), page))) {
                if (quote.expiresOn() != null && ReminderStages.quoteDue(
                        ChronoUnit.DAYS.between(today, quote.expiresOn()), s.quoteDaysBefore())) {
                    claimed += remindQuote(system, quote);
                }
            }
        }
        return claimed;
    }

    private List<Invoice> openInvoices(Actor system) {
        List<Invoice> open = new ArrayList<>();
        for (InvoiceStatus status : List.of(InvoiceStatus.SENT, InvoiceStatus.PARTIALLY_PAID)) {
            open.addAll(all(page -> invoices.list(system, new InvoiceQuery(status, true, null, null, null), page)));
        }
        return open;
    }

    private static <T> List<T> all(java.util.function.Function<Page.PageRequest, Page<T>> read) {
        List<T> all = new ArrayList<>();
        for (int page = 0; ; page++) {
            Page<T> found = read.apply(Page.request(page, Page.MAX_SIZE));
            all.addAll(found.items());
            if (found.items().isEmpty() || (long) (page + 1) * found.size() >= found.total()) {
                return all;
            }
        }
    }

    /** The notifications of the overdue invoice (SMS, Telegram where chosen); idempotent by the reminder. */
    private void overdue(Actor system, Invoice invoice, int stage) {
        try {
            notifications.invoiceOverdue(system.tenant(), invoice.id(), "reminder:invoice:" + invoice.id() + ":" + stage);
        } catch (RuntimeException e) {
            log.warn("Overdue notification of invoice {} of company {} not queued: {}", invoice.id(), system.tenant(),
                    e.toString());
        }
    }

    private int remindInvoice(Actor system, Invoice invoice, int stage) {
        String key = "reminder:invoice:" + invoice.id() + ":" + stage;
        return remind(system, key, DocumentType.INVOICE, invoice.id(), invoice.clientId(), invoice.number(), values -> {
            values.put("document.total", EmailService.amountOf(invoice.totals().total()));
            values.put("document.balance", EmailService.amountOf(invoice.balance()));
            values.put("document.dueOn", invoice.dueOn().toString());
        });
    }

    private int remindQuote(Actor system, Quote quote) {
        String key = "reminder:quote:" + quote.id() + ":" + quote.expiresOn();
        return remind(system, key, DocumentType.QUOTE, quote.id(), quote.clientId(), quote.number(), values -> {
            values.put("document.total", EmailService.amountOf(quote.totals().total()));
            values.put("document.expiresOn", quote.expiresOn().toString());
        });
    }

    /** Claims the reminder {@code key}, then skips or sends it; 1 if this run claimed it. */
    private int remind(Actor system, String key, DocumentType type, String documentId, String clientId, String number,
                       java.util.function.Consumer<Map<String, String>> documentValues) {
        Optional<EmailService.Row> row = emails.claim(system, key, type, documentId, SentEmail.Kind.REMINDER);
        if (row.isEmpty()) {
            return 0;
        }
        try {
            Client client = clients.get(system, clientId);
            if (client.remindersOff()) {
                emails.skip(system, row.get(), key, type, documentId, SentEmail.Kind.REMINDER, client.email(), "opted-out");
                return 1;
            }
            if (client.email() == null || client.email().isBlank()) {
                emails.skip(system, row.get(), key, type, documentId, SentEmail.Kind.REMINDER, null, "no-recipient");
                return 1;
            }
            Map<String, String> values = emails.values(system, client, number, null);
            documentValues.accept(values);
            String template = "messaging.template.reminder." + type.code() + ".";
            emails.deliver(system, key, row.get(), SentEmail.Kind.REMINDER, type, documentId, null, number,
                    emails.text(template + "subject"), emails.text(template + "body"), values, () -> null,
                    () -> links.issue(system, type, documentId));
        } catch (EmailService.MailNotSent e) {
            log.info("Reminder {} of company {} not sent yet: {}", key, system.tenant(), e.getMessage());
        } catch (RuntimeException e) {
            // the claim is not left SENDING: recorded as failed, tried again by a later run while attempts are left
            log.warn("Reminder {} of company {} failed", key, system.tenant(), e);
            emails.fail(system, row.get(), key, type, documentId, SentEmail.Kind.REMINDER, e);
        }
        return 1;
    }
}
