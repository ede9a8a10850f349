package org.fieldstone.messaging.internal;

import static org.fieldstone.messaging.internal.MessagingTables.ATTEMPTS;
import static org.fieldstone.messaging.internal.MessagingTables.DOCUMENT_ID;
import static org.fieldstone.messaging.internal.MessagingTables.DOCUMENT_TYPE;
import static org.fieldstone.messaging.internal.MessagingTables.EVENT_ID;
import static org.fieldstone.messaging.internal.MessagingTables.KIND;
import static org.fieldstone.messaging.internal.MessagingTables.MESSAGE_ID;
import static org.fieldstone.messaging.internal.MessagingTables.REASON;
import static org.fieldstone.messaging.internal.MessagingTables.REVISION;
import static org.fieldstone.messaging.internal.MessagingTables.SENT_EMAILS;
import static org.fieldstone.messaging.internal.MessagingTables.STATUS;
import static org.fieldstone.messaging.internal.MessagingTables.SUBJECT;
import static org.fieldstone.messaging.internal.MessagingTables.TO_ADDRESS;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.fieldstone.clients.Client;
import org.fieldstone.clients.Clients;
import org.fieldstone.invoices.Invoice;
import org.fieldstone.invoices.InvoiceEvents;
import org.fieldstone.invoices.Invoices;
import org.fieldstone.messaging.DocumentPdfs;
import org.fieldstone.messaging.DocumentType;
import org.fieldstone.messaging.EmailSettings;
import org.fieldstone.messaging.EmailSettingsChange;
import org.fieldstone.messaging.EmailTemplate;
import org.fieldstone.messaging.Emails;
import org.fieldstone.messaging.SentEmail;
import org.fieldstone.quotes.Quote;
import org.fieldstone.quotes.QuoteEvents;
import org.fieldstone.quotes.Quotes;
import org.fieldstone.shared.Actor;
import org.fieldstone.shared.Change;
import org.fieldstone.shared.Channel;
import org.fieldstone.shared.EmailAddress;
import org.fieldstone.shared.InvalidInput;
import org.fieldstone.shared.Message;
import org.fieldstone.shared.Money;
import org.fieldstone.shared.Permission;
import org.fieldstone.shared.TenantId;
import org.fieldstone.tenancy.Changes;
import org.fieldstone.tenancy.Companies;
import org.fieldstone.tenancy.Company;
import org.fieldstone.tenancy.CompanyDatabase;
import org.fieldstone.tenancy.CompanyDatabases;
import org.fieldstone.tenancy.CompanySetting;
import org.fieldstone.tenancy.CompanySettings;
import org.fieldstone.tenancy.DomainEventListener;
import org.fieldstone.tenancy.FieldProtection;
import org.fieldstone.tenancy.RecordKey;
import org.fieldstone.tenancy.RecordStore;
import org.fieldstone.tenancy.SecretStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Service;
import tools.jackson.databind.json.JsonMapper;

/**
 * Emails of quotes and invoices: the company's SMTP settings and templates, the listeners that send when a document
 * is sent, and the record of every email. A listener is idempotent by the event's id (a row per event); a failed
 * send throws so the outbox calls it again, until {@code fieldstone.mail.max-attempts}, when the email is recorded
 * as failed for good.
 */
@Service
class EmailService implements Emails {

    private static final Logger log = LoggerFactory.getLogger(EmailService.class);
    private static final JsonMapper JSON = JsonMapper.builder().build();
    static final String PASSWORD = "smtp.password";
    private static final int REASON_LENGTH = 300;

    /** The company's SMTP server (without the password), as JSON; an empty host: the platform's server. */
    static final CompanySetting<StoredSmtp> SMTP = new CompanySetting<>("messaging.smtp", Permission.SETTINGS_MANAGE,
            StoredSmtp.NONE, text -> JSON.readValue(text, StoredSmtp.class), JSON::writeValueAsString);
    static final CompanySetting<StoredTemplate> QUOTE_TEMPLATE = template("messaging.quote-template");
    static final CompanySetting<StoredTemplate> INVOICE_TEMPLATE = template("messaging.invoice-template");

    private final CompanyDatabases databases;
    private final CompanySettings settings;
    private final SecretStore secrets;
    private final RecordStore store;
    private final FieldProtection protection;
    private final Companies companies;
    private final Quotes quotes;
    private final Invoices invoices;
    private final Clients clients;
    private final ObjectProvider<DocumentPdfs> pdfs;
    private final Mailer mailer;
    private final DocumentLinks links;
    private final MessageSource messages;
    private final int maxAttempts;
    private final boolean allowPrivateHosts;

    EmailService(CompanyDatabases databases, CompanySettings settings, SecretStore secrets, RecordStore store,
                 FieldProtection protection, Companies companies, Quotes quotes, Invoices invoices, Clients clients,
                 ObjectProvider<DocumentPdfs> pdfs, Mailer mailer, DocumentLinks links, MessageSource messages,
                 @Value("${fieldstone.mail.max-attempts:8}") int maxAttempts,
                 @Value("${fieldstone.mail.allow-private-hosts:false}") boolean allowPrivateHosts) {
        this.databases = databases;
        this.settings = settings;
        this.secrets = secrets;
        this.store = store;
        this.protection = protection;
        this.companies = companies;
        this.quotes = quotes;
        this.invoices = invoices;
        this.clients = clients;
        this.pdfs = pdfs;
        this.mailer = mailer;
        this.links = links;
        this.messages = messages;
        this.maxAttempts = Math.max(1, maxAttempts);
        this.allowPrivateHosts = allowPrivateHosts;
    }

    record StoredSmtp(String host, int port, String username, String fromAddress, String fromName, String security,
                      String replyTo) {
        static final StoredSmtp NONE = new StoredSmtp("", 587, "", "", "", EmailSettings.Security.STARTTLS.name(), "");
    }

    /** Empty texts: the default of the kind (from {@code messages.properties}). */
    record StoredTemplate(String subject, String body) {
        static final StoredTemplate DEFAULT = new StoredTemplate("", "");
    }

    private static CompanySetting<StoredTemplate> template(String key) {
        return new CompanySetting<>(key, Permission.SETTINGS_MANAGE, StoredTemplate.DEFAULT,
                text -> JSON.readValue(text, StoredTemplate.class), JSON::writeValueAsString);
    }

    // --- settings

    @Override
    public EmailSettings settings(Actor actor) {
        actor.require(Permission.SETTINGS_MANAGE);
        CompanyDatabase db = databases.of(actor.tenant());
        boolean passwordSet = secrets.list(actor).stream().anyMatch(s -> s.name().equals(PASSWORD));
        return shown(settings.get(db, SMTP), passwordSet);
    }

    @Override
    public EmailSettings updateSettings(Actor actor, EmailSettingsChange change) {
        actor.require(Permission.SETTINGS_MANAGE);
        InvalidInput.Collector errors = new InvalidInput.Collector();
        String host = text(errors, "host", change.host(), 255);
        if (host.chars().anyMatch(Character::isWhitespace)) {
            errors.add("host", Message.of("messaging.refused.host"));
        }
        if (change.port() < 1 || change.port() > 65535) {
            errors.add("port", Message.of("messaging.refused.port"));
        }
        String username = text(errors, "username", change.username(), 255);
        String fromAddress = address(errors, "fromAddress", change.fromAddress());
        if (!host.isEmpty() && fromAddress.isEmpty()) {
            errors.add("fromAddress", Message.of("messaging.refused.from-required"));
        }
        String fromName = text(errors, "fromName", change.fromName(), 100);
        String replyTo = address(errors, "replyTo", change.replyTo());
        if (change.security() == null) {
            errors.add("security", Message.of("messaging.refused.security"));
        }
        if (change.password() instanceof Change.To<String>(String p) && p != null
                && (p.isEmpty() || p.length() > 4096 || p.chars().anyMatch(Character::isISOControl))) {
            errors.add("password", Message.of("messaging.refused.password"));
        }
        errors.throwIfAny();
        StoredSmtp stored = new StoredSmtp(host, change.port(), username, fromAddress, fromName,
                change.security().name(), replyTo);
        CompanyDatabase db = databases.of(actor.tenant());
        db.inTransaction(() -> {
            settings.set(actor, SMTP, stored);
            if (change.password() instanceof Change.To<String>(String p)) {
                if (p == null) {
                    if (secrets.list(actor).stream().anyMatch(s -> s.name().equals(PASSWORD))) {
                        secrets.remove(actor, PASSWORD);
                    }
                } else {
                    secrets.set(actor, PASSWORD, p.toCharArray());
                }
            }
            return null;
        });
        return settings(actor);
    }

    private static EmailSettings shown(StoredSmtp s, boolean passwordSet) {
        return new EmailSettings(s.host(), s.port(), s.username(), passwordSet, s.fromAddress(), s.fromName(),
                EmailSettings.Security.valueOf(s.security()), s.replyTo());
    }

    private static String text(InvalidInput.Collector errors, String field, String value, int max) {
        String v = value == null ? "" : value.strip();
        if (v.length() > max || v.chars().anyMatch(Character::isISOControl)) {
            errors.add(field, Message.of("messaging.refused.text", max));
        }
        return v;
    }

    private static String address(InvalidInput.Collector errors, String field, String value) {
        if (value == null || value.isBlank()) {
            return "";
        }
        try {
            return EmailAddress.of(value).value();
        } catch (InvalidInput e) {
            errors.add(field, Message.of("shared.refused.email"));
            return "";
        }
    }

    // --- templates

    @Override
    public EmailTemplate template(Actor actor, DocumentType type) {
        actor.require(Permission.SETTINGS_MANAGE);
        return template(databases.of(actor.tenant()), type);
    }

    private EmailTemplate template(CompanyDatabase db, DocumentType type) {
        StoredTemplate stored = settings.get(db, templateSetting(type));
        boolean custom = !stored.subject().isEmpty() || !stored.body().isEmpty();
        return new EmailTemplate(type, stored.subject().isEmpty() ? defaultText(type, "subject") : stored.subject(),
                stored.body().isEmpty() ? defaultText(type, "body") : stored.body(), custom);
    }

    @Override
    public EmailTemplate updateTemplate(Actor actor, DocumentType type, String subject, String body) {
        actor.require(Permission.SETTINGS_MANAGE);
        String s = subject == null ? "" : subject.strip();
        String b = body == null ? "" : body.strip().replace("\r\n", "\n");
        InvalidInput.Collector errors = new InvalidInput.Collector();
        if (s.length() > 200 || s.chars().anyMatch(Character::isISOControl)) {
            errors.add("subject", Message.of("messaging.refused.subject"));
        }
        if (b.length() > 10_000 || b.chars().anyMatch(c -> Character.isISOControl(c) && c != '\n' && c != '\t')) {
            errors.add("body", Message.of("messaging.refused.body"));
        }
        Set<String> unknownInSubject = TemplateText.unknownPlaceholders(s);
        if (!unknownInSubject.isEmpty()) {
            errors.add("subject", Message.of("messaging.refused.placeholder", String.join(", ", unknownInSubject)));
        }
        Set<String> unknownInBody = TemplateText.unknownPlaceholders(b);
        if (!unknownInBody.isEmpty()) {
            errors.add("body", Message.of("messaging.refused.placeholder", String.join(", ", unknownInBody)));
        }
        errors.throwIfAny();
        settings.set(actor, templateSetting(type), new StoredTemplate(s, b));
        return template(actor, type);
    }

    private static CompanySetting<StoredTemplate> templateSetting(DocumentType type) {
        return switch (type) {
            case QUOTE -> QUOTE_TEMPLATE;
            case INVOICE -> INVOICE_TEMPLATE;
        };
    }

    /** A default text of messages.properties, taken as written ({@code {{…}}} is not a MessageFormat pattern). */
    String text(String code) {
        return messages.getMessage(code, null, Locale.ENGLISH);
    }

    private String defaultText(DocumentType type, String part) {
        // no arguments: the text is taken as written ({{…}} is not a MessageFormat pattern)
        return messages.getMessage("messaging.template." + type.code() + "." + part, null, Locale.ENGLISH);
    }

    // --- the timeline

    @Override
    public List<SentEmail> sentFor(Actor actor, DocumentType type, String documentId) {
        CompanyDatabase db = databases.of(actor.tenant());
        return db.jdbc().sql("""
                        SELECT * FROM sent_emails WHERE document_type = :type AND document_id = :id
                        AND (kind IS NULL OR kind <> :office)
                        ORDER BY created_at, revision, id""").param("office", SentEmail.Kind.OFFICE_NOTICE.code())
                .param("type", type.code()).param("id", documentId)
                .query((rs, n) -> sentEmail(db, rs)).list();
    }

    /** Every email of the company, oldest first, the recipients opened (the company's export). */
    List<SentEmail> all(CompanyDatabase db) {
        return db.jdbc().sql("SELECT * FROM sent_emails ORDER BY created_at, id").query((rs, n) -> sentEmail(db, rs)).list();
    }

    private SentEmail sentEmail(CompanyDatabase db, java.sql.ResultSet rs) throws java.sql.SQLException {
        String id = rs.getString("id");
        String to = rs.getString("to_address");
        int revision = rs.getInt("revision");
        Integer rev = rs.wasNull() ? null : revision;
        return new SentEmail(id, DocumentType.ofCode(rs.getString("document_type")), rs.getString("document_id"), rev,
                to == null ? null : protection.open(db.tenant(), "sent_emails", "to_address", id, to),
                rs.getString("subject"), SentEmail.Status.valueOf(rs.getString("status")), rs.getString("reason"),
                rs.getString("message_id"), java.time.Instant.ofEpochMilli(rs.getLong("created_at")),
                SentEmail.Kind.ofCode(rs.getString("kind")));
    }

    // --- sending

    /** A sent quote goes to its client, with the revision that was sent. */
    @DomainEventListener
    void quoteSent(QuoteEvents.QuoteSent event, UUID eventId) {
        Actor system = Actor.system(event.tenant(), Channel.SYSTEM);
        Optional<Row> pending = pending(system, eventId);
        if (pending.isEmpty()) {
            return;
        }
        Quote quote = quotes.get(system, event.quoteId());
        Map<String, String> values = values(system, quote.clientId(), event.number(), quote.totals().total());
        values.put("document.expiresOn", date(quote.expiresOn()));
        deliver(system, eventId, pending.get(), DocumentType.QUOTE, quote.id(), event.revision(), event.number(),
                quote.clientId(), values, () -> pdfs.getIfAvailable() == null ? null
                        : pdfs.getObject().quote(system, quote.id()));
    }

    /** A sent invoice goes to its client. */
    @DomainEventListener
    void invoiceSent(InvoiceEvents.InvoiceSent event, UUID eventId) {
        Actor system = Actor.system(event.tenant(), Channel.SYSTEM);
        Optional<Row> pending = pending(system, eventId);
        if (pending.isEmpty()) {
            return;
        }
        Invoice invoice = invoices.get(system, event.invoiceId());
        Map<String, String> values = values(system, invoice.clientId(), event.number(), invoice.totals().total());
        values.put("document.dueOn", date(invoice.dueOn()));
        deliver(system, eventId, pending.get(), DocumentType.INVOICE, invoice.id(), null, event.number(),
                invoice.clientId(), values, () -> pdfs.getIfAvailable() == null ? null
                        : pdfs.getObject().invoice(system, invoice.id()));
    }

    /** The event's row so far; empty when it needs nothing more (sent, skipped, or failed for good). */
    private Optional<Row> pending(Actor system, UUID eventId) {
        return pending(system, eventId.toString());
    }

    /** Like {@link #pending(Actor, UUID)}, by the row's key (an event's id, or a reminder's key). */
    Optional<Row> pending(Actor system, String key) {
        Optional<Row> row = row(databases.of(system.tenant()), key);
        if (row.isPresent() && !row.get().status().equals(SentEmail.Status.FAILED.name())) {
            return Optional.empty();
        }
        if (row.isPresent() && row.get().attempts() >= maxAttempts) {
            return Optional.empty();
        }
        return Optional.of(row.orElse(Row.NONE));
    }

    private static Optional<Row> row(CompanyDatabase db, String key) {
        return db.jdbc().sql("SELECT id, status, attempts, version FROM sent_emails WHERE event_id = :e")
                .param("e", key)
                .query((rs, n) -> new Row(rs.getString("id"), rs.getString("status"), rs.getInt("attempts"),
                        rs.getLong("version"))).optional();
    }

    record Row(String id, String status, int attempts, long version) {
        static final Row NONE = new Row(null, null, 0, 0);
    }

    /**
     * Claims the email of {@code key} for this caller alone, before it is sent: a new row {@code SENDING} (the unique
     * index on {@code event_id} lets one of several nodes or concurrent runs insert it; the others find it taken), or
     * a row that failed and may be tried again, moved to {@code SENDING} at the version read (the optimistic lock lets
     * one of them). Empty: another run has it, or it needs nothing more (sent, skipped, failed for good, being sent).
     */
    Optional<Row> claim(Actor system, String key, DocumentType type, String documentId, SentEmail.Kind kind) {
        CompanyDatabase db = databases.of(system.tenant());
        Optional<Row> existing = row(db, key);
        try {
            if (existing.isEmpty()) {
                var written = db.inTransaction(() -> store.insert(system, Changes.of(SENT_EMAILS).set(EVENT_ID, key)
                        .set(DOCUMENT_TYPE, type.code()).set(DOCUMENT_ID, documentId).set(KIND, kind.code())
                        .set(STATUS, SentEmail.Status.SENDING.name()).set(ATTEMPTS, 0)));
                return Optional.of(new Row(written.id(), SentEmail.Status.SENDING.name(), 0, written.version()));
            }
            Row row = existing.get();
            if (!row.status().equals(SentEmail.Status.FAILED.name()) || row.attempts() >= maxAttempts) {
                return Optional.empty();
            }
            var written = db.inTransaction(() -> store.update(system, RecordKey.of(row.id()), row.version(),
                    Changes.of(SENT_EMAILS).set(STATUS, SentEmail.Status.SENDING.name())));
            return Optional.of(new Row(row.id(), SentEmail.Status.SENDING.name(), row.attempts(), written.version()));
        } catch (org.fieldstone.shared.VersionConflict lost) {
            return Optional.empty();
        } catch (org.fieldstone.shared.Conflict taken) {
            // the write path says so for a unique key another run inserted first
            if (row(db, key).isPresent()) {
                return Optional.empty();
            }
            throw taken;
        } catch (RuntimeException e) {
            if (CompanyDatabase.isDuplicate(e)) {
                return Optional.empty();
            }
            throw e;
        }
    }

    /** Records a claimed email that failed before its send (an error of ours): tried again while attempts are left. */
    void fail(Actor system, Row row, String key, DocumentType type, String documentId, SentEmail.Kind kind,
              RuntimeException error) {
        try {
            save(system, databases.of(system.tenant()), row, Changes.of(SENT_EMAILS).set(EVENT_ID, key)
                    .set(DOCUMENT_TYPE, type.code()).set(DOCUMENT_ID, documentId).set(KIND, kind.code())
                    .set(STATUS, SentEmail.Status.FAILED.name()).set(REASON, reason(error))
                    .set(ATTEMPTS, row.attempts() + 1));
        } catch (org.fieldstone.shared.VersionConflict recordedMeanwhile) {
            // the send recorded its own outcome
        }
    }

    /** Records the claimed email of {@code key} as skipped (e.g. the client opted out): never sent. */
    void skip(Actor system, Row row, String key, DocumentType type, String documentId, SentEmail.Kind kind,
              String to, String reason) {
        CompanyDatabase db = databases.of(system.tenant());
        save(system, db, row, Changes.of(SENT_EMAILS).set(EVENT_ID, key).set(DOCUMENT_TYPE, type.code())
                .set(DOCUMENT_ID, documentId).set(KIND, kind.code())
                .set(TO_ADDRESS, to == null || to.isBlank() ? null : to).set(STATUS, SentEmail.Status.SKIPPED.name())
                .set(REASON, reason).set(ATTEMPTS, row.attempts()));
    }

    Map<String, String> values(Actor system, String clientId, String number, Money total) {
        return values(system, clients.get(system, clientId), number, total);
    }

    /** The placeholders' values of a document's email ({@code client.email}: the recipient, taken out by the send). */
    Map<String, String> values(Actor system, Client client, String number, Money total) {
        Map<String, String> values = new HashMap<>();
        values.put("client.name", client.name());
        values.put("client.email", client.email());
        values.put("document.number", number == null ? "" : number);
        values.put("document.total", amount(total));
        values.put("company.name", companies.find(system.tenant()).map(Company::name).orElse(""));
        values.put("link", "");
        return values;
    }

    private void deliver(Actor system, UUID eventId, Row row, DocumentType type, String documentId, Integer revision,
                         String number, String clientId, Map<String, String> values,
                         java.util.function.Supplier<byte[]> pdf) {
        EmailTemplate template = template(databases.of(system.tenant()), type);
        deliver(system, eventId.toString(), row, SentEmail.Kind.DOCUMENT, type, documentId, revision, number,
                template.subject(), template.body(), values, pdf, () -> links.issue(system, type, documentId));
    }

    /**
     * Sends one email of a document and records it on the row of {@code key} ({@code row}: as read or claimed): the
     * recipient is {@code values}' {@code client.email}; a failed send throws {@link MailNotSent} while attempts are
     * left, so the caller (the outbox, or the reminder job's next run) tries again. {@code link}, when given, issues
     * the portal link of {@code {{link}}} right before the send (not for an email skipped); a failed send revokes it.
     */
    void deliver(Actor system, String key, Row row, SentEmail.Kind kind, DocumentType type, String documentId,
                 Integer revision, String number, String subjectText, String bodyText, Map<String, String> values,
                 java.util.function.Supplier<byte[]> pdf, java.util.function.Supplier<DocumentLinks.Link> link) {
        CompanyDatabase db = databases.of(system.tenant());
        String to = values.remove("client.email");
        String subject = TemplateText.render(subjectText, values).replaceAll("\\p{Cntrl}", " ");
        Changes record = Changes.of(SENT_EMAILS).set(EVENT_ID, key).set(DOCUMENT_TYPE, type.code())
                .set(DOCUMENT_ID, documentId).set(REVISION, revision).set(SUBJECT, subject).set(KIND, kind.code())
                .set(TO_ADDRESS, to == null || to.isBlank() ? null : to);
        if (to == null || to.isBlank()) {
            save(system, db, row, record.set(STATUS, SentEmail.Status.SKIPPED.name()).set(REASON, "no-recipient")
                    .set(ATTEMPTS, row.attempts()));
            return;
        }
        Optional<Mailer.Server> server = server(system.tenant(), db);
        if (server.isEmpty()) {
            save(system, db, row, record.set(STATUS, SentEmail.Status.SKIPPED.name()).set(REASON, "not-configured")
                    .set(ATTEMPTS, row.attempts()));
            return;
        }
        if (!hostAllowed(server.get(), db)) {
            save(system, db, row, record.set(STATUS, SentEmail.Status.FAILED.name()).set(REASON, "host-not-allowed")
                    .set(ATTEMPTS, maxAttempts));
            return;
        }
        byte[] attachment = pdf.get();
        DocumentLinks.Link issued = link == null ? null : link.get();
        if (issued != null) {
            values.put("link", issued.url());
        }
        String body = TemplateText.render(bodyText, values);
        try {
            String messageId = mailer.send(server.get(), new Mailer.Mail(to, subject, body,
                    attachment == null ? null : pdfs.getObject().fileName(type, number), attachment));
            save(system, db, row, record.set(STATUS, SentEmail.Status.SENT.name())
                    .set(REASON, attachment == null && kind == SentEmail.Kind.DOCUMENT ? "no-pdf" : null).set(MESSAGE_ID, messageId)
                    .set(ATTEMPTS, row.attempts() + 1));
        } catch (org.springframework.mail.MailException e) {
            // the link of an email that did not go out opens nothing: a retry issues its own
            links.revoke(system, issued);
            int attempts = row.attempts() + 1;
            String reason = reason(e);
            save(system, db, row, record.set(STATUS, SentEmail.Status.FAILED.name()).set(REASON, reason)
                    .set(ATTEMPTS, attempts));
            if (attempts < maxAttempts) {
                // the outbox calls again later; the row keeps count
                throw new MailNotSent(type.code() + " " + documentId + " (attempt " + attempts + "): " + reason, e);
            }
            log.warn("Email of {} {} of company {} failed for good after {} attempts: {}", type.code(), documentId,
                    system.tenant(), attempts, reason);
        }
    }

    private void save(Actor system, CompanyDatabase db, Row row, Changes values) {
        db.inTransaction(() -> row.id() == null ? store.insert(system, values)
                : store.update(system, RecordKey.of(row.id()), row.version(), values));
    }

    /** The platform's server always; a company's only where {@link SmtpHosts} allows it. */
    private boolean hostAllowed(Mailer.Server server, CompanyDatabase db) {
        return settings.get(db, SMTP).host().isBlank() || SmtpHosts.allowed(server.host(), allowPrivateHosts);
    }

    /** The company's own server if it set one, else the platform's, if configured. */
    private Optional<Mailer.Server> server(TenantId tenant, CompanyDatabase db) {
        StoredSmtp smtp = settings.get(db, SMTP);
        if (!smtp.host().isBlank()) {
            return Optional.of(new Mailer.Server(smtp.host(), smtp.port(), smtp.username(),
                    secrets.reveal(tenant, PASSWORD).orElse(null), EmailSettings.Security.valueOf(smtp.security()),
                    smtp.fromAddress(), smtp.fromName(), smtp.replyTo()));
        }
        return mailer.platform(secrets.revealPlatform(PASSWORD));
    }

    /**
     * Sends a plain notice (no document, no row of its own) to a member of the company's team through the company's
     * server or the platform's; false when neither is configured or the host is not allowed. A failed send throws
     * (the outbox calls its listener again).
     */
    /**
     * Sends a notification's email through the company's server or the platform's; answers the message id, or empty
     * when there is no server (or its host is not allowed).
     */
    Optional<String> sendNotification(Actor system, String to, String subject, String body) {
        CompanyDatabase db = databases.of(system.tenant());
        Optional<Mailer.Server> server = server(system.tenant(), db);
        if (server.isEmpty() || !hostAllowed(server.get(), db)) {
            return Optional.empty();
        }
        return Optional.ofNullable(mailer.send(server.get(), new Mailer.Mail(to, subject, body, null, null)));
    }

    boolean sendNotice(Actor system, String to, String subject, String body) {
        CompanyDatabase db = databases.of(system.tenant());
        Optional<Mailer.Server> server = server(system.tenant(), db);
        if (server.isEmpty() || !hostAllowed(server.get(), db)) {
            return false;
        }
        mailer.send(server.get(), new Mailer.Mail(to, subject, body, null, null));
        return true;
    }

    @Override
    public String sendTest(Actor actor, String to) {
        actor.require(Permission.SETTINGS_MANAGE);
        CompanyDatabase db = databases.of(actor.tenant());
        Optional<Mailer.Server> server = server(actor.tenant(), db);
        if (server.isEmpty()) {
            return "not-configured";
        }
        if (!hostAllowed(server.get(), db)) {
            return "host-not-allowed";
        }
        try {
            String company = companies.find(actor.tenant()).map(Company::name).orElse("");
            mailer.send(server.get(), new Mailer.Mail(EmailAddress.of(to).value(),
                    messages.getMessage("messaging.test.subject", new Object[] {company}, Locale.ENGLISH),
                    messages.getMessage("messaging.test.body", new Object[] {company}, Locale.ENGLISH), null, null));
            return null;
        } catch (org.springframework.mail.MailException e) {
            return reason(e);
        }
    }

    private static String reason(Exception e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String text = root.getClass().getSimpleName() + ": " + (root.getMessage() == null ? "" : root.getMessage().strip());
        return text.length() > REASON_LENGTH ? text.substring(0, REASON_LENGTH) : text;
    }

    static String amountOf(Money money) {
        return amount(money);
    }

    private static String amount(Money money) {
        if (money == null) {
            return "";
        }
        return money.currency() + " " + BigDecimal.valueOf(money.amount(), money.minorDigits()).toPlainString();
    }

    private static String date(LocalDate date) {
        return date == null ? "" : date.toString();
    }

    /** A send that failed and is to be tried again by the outbox. */
    static final class MailNotSent extends RuntimeException {
        MailNotSent(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
