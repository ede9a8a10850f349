package org.fieldstone.notifications.internal;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.fieldstone.clients.Clients;
import org.fieldstone.identity.Team;
import org.fieldstone.identity.User;
import org.fieldstone.jobs.Jobs;
import org.fieldstone.notifications.Delivery;
import org.fieldstone.notifications.DeliveryStatus;
import org.fieldstone.notifications.NotificationChannel;
import org.fieldstone.notifications.NotificationKind;
import org.fieldstone.notifications.NotificationSettings;
import org.fieldstone.notifications.Notifications;
import org.fieldstone.notifications.Recipient;
import org.fieldstone.shared.Actor;
import org.fieldstone.shared.Channel;
import org.fieldstone.shared.InvalidInput;
import org.fieldstone.shared.Message;
import org.fieldstone.shared.NotFound;
import org.fieldstone.shared.Page;
import org.fieldstone.shared.Permission;
import org.fieldstone.shared.Role;
import org.fieldstone.shared.TenantId;
import org.fieldstone.shared.UserId;
import org.fieldstone.tenancy.Companies;
import org.fieldstone.tenancy.CompanyDatabase;
import org.fieldstone.tenancy.CompanyDatabases;
import org.fieldstone.tenancy.CompanySetting;
import org.fieldstone.tenancy.CompanySettings;
import org.fieldstone.tenancy.FieldProtection;
import org.fieldstone.tenancy.RecordKey;
import org.fieldstone.tenancy.RecordStore;
import org.springframework.context.MessageSource;
import org.springframework.context.annotation.Lazy;
import org.springframework.stereotype.Service;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@link Notifications} and the queueing every listener uses: a notification per recipient and channel, rendered from
 * the company's template (or the default), sealed, inserted idempotently by its key — QUEUED past the quiet hours for
 * clients, or SKIPPED {@code opted-out} — and handed to the {@link Dispatcher} at once.
 */
@Service
public class NotificationService implements Notifications {

    static final String LANGUAGE = "en";
    private static final int LOG_LIMIT = 200;
    private static final int TEXT_MAX = 1600;
    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** As stored: codes, so that a kind or channel added later reads older settings. */
    record Stored(Map<String, List<String>> clients, Map<String, List<String>> team, String quietStart,
                  String quietEnd) {

        static Stored of(NotificationSettings s) {
            return new Stored(codes(s.clients()), codes(s.team()), s.quietStart().toString(), s.quietEnd().toString());
        }

        private static Map<String, List<String>> codes(Map<NotificationKind, Set<NotificationChannel>> m) {
            Map<String, List<String>> codes = new java.util.TreeMap<>();
            m.forEach((k, v) -> codes.put(k.name(), v.stream().map(Enum::name).sorted().toList()));
            return codes;
        }

        NotificationSettings shown() {
            return new NotificationSettings(kinds(clients), kinds(team), LocalTime.parse(quietStart),
                    LocalTime.parse(quietEnd));
        }

        private static Map<NotificationKind, Set<NotificationChannel>> kinds(Map<String, List<String>> codes) {
            Map<NotificationKind, Set<NotificationChannel>> m = new EnumMap<>(NotificationKind.class);
            if (codes != null) {
                codes.forEach((k, v) -> {
                    try {
                        m.put(NotificationKind.valueOf(k), v.stream().map(NotificationChannel::valueOf)
                                .collect(Collectors.toCollection(() -> EnumSet.noneOf(NotificationChannel.class))));
                    } catch (IllegalArgumentException gone) {
                        // a kind or channel of another release: ignored
                    }
                });
            }
            return m;
        }
    }

    static final CompanySetting<Stored> SETTING = new CompanySetting<>("notifications.settings",
            Permission.SETTINGS_MANAGE, Stored.of(NotificationSettings.DEFAULT),
            text -> JSON.readValue(text, Stored.class), JSON::writeValueAsString);

    /** What a listener asks for: a notification of {@code kind} to one recipient, on its channels (or one channel). */
    public record Draft(String eventKey, NotificationKind kind, Recipient recipient, String clientId, String jobId,
                        String subjectRef, Map<String, String> values, NotificationChannel onlyChannel,
                        Instant notBefore) {

        public Draft(String eventKey, NotificationKind kind, Recipient recipient, String clientId, String jobId,
                     String subjectRef, Map<String, String> values) {
            this(eventKey, kind, recipient, clientId, jobId, subjectRef, values, null, null);
        }
    }

    private final CompanyDatabases databases;
    private final CompanySettings settings;
    private final Companies companies;
    private final RecordStore store;
    private final FieldProtection protection;
    private final MessageSource messages;
    private final Clients clients;
    private final Jobs jobs;
    private final Team team;
    private final Clock clock;
    private final Dispatcher dispatcher;
    private final EventNotices notices;

    NotificationService(CompanyDatabases databases, CompanySettings settings, Companies companies, RecordStore store,
                        FieldProtection protection, MessageSource messages, Clients clients, Jobs jobs, Team team,
                        Clock clock, @Lazy Dispatcher dispatcher, @Lazy EventNotices notices) {
        this.databases = databases;
        this.settings = settings;
        this.companies = companies;
        this.store = store;
        this.protection = protection;
        this.messages = messages;
        this.clients = clients;
        this.jobs = jobs;
        this.team = team;
        this.clock = clock;
        this.dispatcher = dispatcher;
        this.notices = notices;
    }

    // ---- queueing

    /**
     * Queues the drafts (one row per recipient and channel; a key already there is left alone) in one transaction,
     * then has them sent at once; answers the ids inserted.
     */
    public List<String> queue(TenantId tenant, List<Draft> drafts) {
        if (drafts.isEmpty()) {
            return List.of();
        }
        CompanyDatabase db = databases.of(tenant);
        NotificationSettings s = settings.get(db, SETTING).shown();
        ZoneId zone = companies.timeZone(tenant);
        Set<String> optedOut = optOuts(db);
        Map<String, Map<NotificationKind, Set<NotificationChannel>>> choices = new HashMap<>();
        Map<String, String[]> templates = templates(db);
        long now = clock.millis();
        List<NotificationRows.NewRow> rows = new ArrayList<>();
        for (Draft d : drafts) {
            for (NotificationChannel channel : channels(db, s, choices, d)) {
                String id = UUID.randomUUID().toString();
                String key = d.eventKey() + ":" + d.recipient().key() + ":" + channel.code();
                Map<String, String> values = d.values();
                String[] template = template(templates, d.kind(), channel);
                String subject = NotificationTemplates.render(template[0], values);
                String text = NotificationTemplates.render(template[1], values);
                boolean client = d.recipient().type() == Recipient.Type.CLIENT;
                String status = NotificationRows.QUEUED;
                String reason = null;
                if (client && optedOut.contains(d.recipient().id() + ":" + channel.name())) {
                    status = NotificationRows.SKIPPED;
                    reason = "notifications.reason.opted-out";
                }
                Instant at = d.notBefore() == null ? Instant.ofEpochMilli(now) : d.notBefore();
                if (client) {
                    at = DeliveryTimes.pastQuietHours(at, zone, s.quietStart(), s.quietEnd());
                }
                rows.add(new NotificationRows.NewRow(id, key, d.kind(), channel, d.recipient(), d.clientId(), d.jobId(),
                        d.subjectRef(), status, reason, seal(tenant, "subject", id, subject), seal(tenant, "text", id, text),
                        at.toEpochMilli(), null, false, now));
            }
        }
        List<String> inserted = NotificationRows.insert(db, rows);
        if (!inserted.isEmpty()) {
            dispatcher.soon(tenant);
        }
        return inserted;
    }

    private Set<NotificationChannel> channels(CompanyDatabase db, NotificationSettings s,
                                              Map<String, Map<NotificationKind, Set<NotificationChannel>>> choices,
                                              Draft d) {
        if (d.onlyChannel() != null) {
            return Set.of(d.onlyChannel());
        }
        Set<NotificationChannel> channels = EnumSet.noneOf(NotificationChannel.class);
        if (d.recipient().type() == Recipient.Type.CLIENT) {
            channels.addAll(s.forClients(d.kind()));
            channels.retainAll(NotificationSettings.CLIENT_CHANNELS);
            if (d.kind() == NotificationKind.QUOTE_SENT || d.kind() == NotificationKind.INVOICE_SENT
                    || d.kind() == NotificationKind.INVOICE_OVERDUE) {
                channels.remove(NotificationChannel.EMAIL); // messaging emails the document and its reminders itself
            }
        } else {
            Map<NotificationKind, Set<NotificationChannel>> own = choices.computeIfAbsent(d.recipient().id(),
                    user -> choicesOf(db, user));
            channels.addAll(own.containsKey(d.kind()) ? own.get(d.kind()) : s.forTeam(d.kind()));
            channels.retainAll(NotificationSettings.TEAM_CHANNELS);
        }
        return channels;
    }

    private String seal(TenantId tenant, String column, String id, String value) {
        return value == null || value.isEmpty() ? value : protection.seal(tenant, NotificationTables.LOG, column, id, value);
    }

    String open(TenantId tenant, String column, String id, String stored) {
        return stored == null || stored.isEmpty() ? stored : protection.open(tenant, NotificationTables.LOG, column, id, stored);
    }

    // ---- templates

    private Map<String, String[]> templates(CompanyDatabase db) {
        Map<String, String[]> own = new HashMap<>();
        db.jdbc().sql("SELECT kind, channel, subject, body FROM notification_templates WHERE language = :language")
                .param("language", LANGUAGE)
                .query((rs, i) -> own.put(rs.getString(1) + ":" + rs.getString(2),
                        new String[] {rs.getString(3), rs.getString(4)})).list();
        return own;
    }

    private String[] template(Map<String, String[]> own, NotificationKind kind, NotificationChannel channel) {
        String[] t = own.get(kind.name() + ":" + channel.name());
        return t != null ? t : defaultTemplate(kind, channel);
    }

    /** The default subject and body of a kind on a channel (messages.properties). */
    String[] defaultTemplate(NotificationKind kind, NotificationChannel channel) {
        String base = "notifications.template." + kind.code() + ".";
        String subject = messages.getMessage(base + channel.code() + ".subject", null,
                messages.getMessage(base + "subject", null, "", Locale.ENGLISH), Locale.ENGLISH);
        String body = messages.getMessage(base + channel.code() + ".body", null,
                messages.getMessage(base + "body", null, "{{text}}", Locale.ENGLISH), Locale.ENGLISH);
        return new String[] {subject, body};
    }

    /** The company's template of a kind on a channel ({@code settings:manage}): its own, or the default. */
    public String[] template(Actor actor, NotificationKind kind, NotificationChannel channel) {
        actor.require(Permission.SETTINGS_MANAGE);
        return template(templates(databases.of(actor.tenant())), kind, channel);
    }

    /**
     * Saves the company's template of a kind on a channel ({@code settings:manage}); refused with a field message when
     * it does not parse, uses a section or partial, or names an unknown variable.
     */
    public void saveTemplate(Actor actor, NotificationKind kind, NotificationChannel channel, String subject, String body) {
        actor.require(Permission.SETTINGS_MANAGE);
        InvalidInput.Collector errors = new InvalidInput.Collector();
        check(errors, "subject", subject, 200);
        check(errors, "body", body, TEXT_MAX);
        errors.throwIfAny();
        String id = kind.name() + ":" + channel.name() + ":" + LANGUAGE;
        CompanyDatabase db = databases.of(actor.tenant());
        Optional<Long> version = db.jdbc().sql("SELECT version FROM notification_templates WHERE id = :id")
                .param("id", id).query(Long.class).optional();
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("subject", subject == null ? "" : subject);
        values.put("body", body);
        if (version.isPresent()) {
            store.update(actor, NotificationTables.TEMPLATES, RecordKey.of(id), version.get(), values);
        } else {
            values.put("kind", kind.name());
            values.put("channel", channel.name());
            values.put("language", LANGUAGE);
            store.insert(actor, NotificationTables.TEMPLATES, id, values);
        }
    }

    private static void check(InvalidInput.Collector errors, String field, String template, int max) {
        if (template == null || template.length() > max) {
            if (!"subject".equals(field) || template != null) {
                errors.add(field, Message.of("notifications.refused.template-length", max));
            }
            return;
        }
        List<String> problems = NotificationTemplates.problems(template);
        if (problems.contains("notifications.refused.template-syntax")) {
            errors.add(field, Message.of("notifications.refused.template-syntax"));
        } else if (problems.contains("notifications.refused.template-section")) {
            errors.add(field, Message.of("notifications.refused.template-section"));
        } else if (!problems.isEmpty()) {
            errors.add(field, Message.of("notifications.refused.template-variable",
                    String.join(", ", NotificationTemplates.unknownVariables(template))));
        }
    }

    /** A template rendered with sample values, for the preview ({@code settings:manage}); refused like a save. */
    public String preview(Actor actor, String template) {
        actor.require(Permission.SETTINGS_MANAGE);
        InvalidInput.Collector errors = new InvalidInput.Collector();
        check(errors, "body", template, TEXT_MAX);
        errors.throwIfAny();
        return NotificationTemplates.render(template, NotificationTemplates.SAMPLE);
    }

    // ---- settings and choices

    public NotificationSettings settings(Actor actor) {
        actor.require(Permission.SETTINGS_MANAGE);
        return settings.get(databases.of(actor.tenant()), SETTING).shown();
    }

    public NotificationSettings updateSettings(Actor actor, NotificationSettings changed) {
        actor.require(Permission.SETTINGS_MANAGE);
        if (changed.quietStart() == null || changed.quietEnd() == null) {
            throw new InvalidInput("quietStart", Message.of("notifications.refused.quiet-hours"));
        }
        settings.set(actor, SETTING, Stored.of(changed));
        return settings(actor);
    }

    /** The actor's own channels per kind: their choice, or the company's default. */
    public Map<NotificationKind, Set<NotificationChannel>> myChoices(Actor actor) {
        UserId me = actor.userId().orElseThrow(() -> new InvalidInput("user", Message.of("notifications.refused.no-user")));
        CompanyDatabase db = databases.of(actor.tenant());
        NotificationSettings s = settings.get(db, SETTING).shown();
        Map<NotificationKind, Set<NotificationChannel>> own = choicesOf(db, me.toString());
        Map<NotificationKind, Set<NotificationChannel>> shown = new EnumMap<>(NotificationKind.class);
        for (NotificationKind kind : NotificationSettings.TEAM_KINDS) {
            shown.put(kind, own.containsKey(kind) ? own.get(kind) : s.forTeam(kind));
        }
        return shown;
    }

    /** Sets the actor's own channels for a kind (any member, for themselves only); audited. */
    public void choose(Actor actor, NotificationKind kind, Set<NotificationChannel> channels) {
        UserId me = actor.userId().orElseThrow(() -> new InvalidInput("user", Message.of("notifications.refused.no-user")));
        if (!NotificationSettings.TEAM_CHANNELS.containsAll(channels)) {
            throw new InvalidInput("channels", Message.of("notifications.refused.channel"));
        }
        String id = me + ":" + kind.name();
        String codes = channels.stream().map(Enum::name).sorted().collect(Collectors.joining(","));
        CompanyDatabase db = databases.of(actor.tenant());
        Optional<Long> version = db.jdbc().sql("SELECT version FROM notification_choices WHERE id = :id")
                .param("id", id).query(Long.class).optional();
        if (version.isPresent()) {
            store.update(actor, NotificationTables.CHOICES, RecordKey.of(id), version.get(), Map.of("channels", codes));
        } else {
            store.insert(actor, NotificationTables.CHOICES, id, Map.of("user_id", me.toString(), "kind", kind.name(),
                    "channels", codes));
        }
    }

    private Map<NotificationKind, Set<NotificationChannel>> choicesOf(CompanyDatabase db, String userId) {
        Map<NotificationKind, Set<NotificationChannel>> own = new EnumMap<>(NotificationKind.class);
        db.jdbc().sql("SELECT kind, channels FROM notification_choices WHERE user_id = :user").param("user", userId)
                .query((rs, i) -> {
                    Set<NotificationChannel> set = EnumSet.noneOf(NotificationChannel.class);
                    Arrays.stream(rs.getString(2).split(",")).filter(c -> !c.isBlank())
                            .forEach(c -> set.add(NotificationChannel.valueOf(c)));
                    own.put(NotificationKind.valueOf(rs.getString(1)), set);
                    return null;
                }).list();
        return own;
    }

    // ---- in-app

    /** The actor's in-app notifications, newest first. */
    public List<Delivery> inbox(Actor actor) {
        UserId me = actor.userId().orElseThrow(() -> new InvalidInput("user", Message.of("notifications.refused.no-user")));
        return NotificationRows.inbox(databases.of(actor.tenant()), me.toString(), LOG_LIMIT).stream()
                .map(r -> delivery(actor.tenant(), r)).toList();
    }

    public int unread(Actor actor) {
        return actor.userId().map(me -> NotificationRows.unread(databases.of(actor.tenant()), me.toString())).orElse(0);
    }

    /** Marks one of the actor's in-app notifications read, or all ({@code id} null); another's id changes nothing. */
    public int markRead(Actor actor, String id) {
        UserId me = actor.userId().orElseThrow(() -> new InvalidInput("user", Message.of("notifications.refused.no-user")));
        return NotificationRows.markRead(databases.of(actor.tenant()), me.toString(), id, clock.millis());
    }

    // ---- the facade

    @Override
    public Delivery message(Actor actor, String clientId, NotificationChannel channel, String text) {
        actor.require(Permission.CLIENTS_WRITE);
        clients.get(actor, clientId); // another company's or an unknown client: not found
        if (!NotificationSettings.CLIENT_CHANNELS.contains(channel)) {
            throw new InvalidInput("channel", Message.of("notifications.refused.channel"));
        }
        String t = text == null ? "" : text.strip();
        if (t.isEmpty() || t.length() > TEXT_MAX) {
            throw new InvalidInput("text", Message.of("notifications.refused.text", TEXT_MAX));
        }
        String company = companies.find(actor.tenant()).map(c -> c.name()).orElse("");
        String clientName = clients.get(actor, clientId).name();
        String key = "message:" + UUID.randomUUID();
        Draft draft = new Draft(key, NotificationKind.MESSAGE, Recipient.client(clientId), clientId, null, null,
                Map.of("text", t, "company.name", company, "client.name", clientName), channel, null);
        queue(actor.tenant(), List.of(draft));
        String fullKey = key + ":" + Recipient.client(clientId).key() + ":" + channel.code();
        CompanyDatabase db = databases.of(actor.tenant());
        return NotificationRows.byKey(db, fullKey).map(r -> delivery(actor.tenant(), r))
                .orElseThrow(() -> new IllegalStateException("The message just queued is gone"));
    }

    @Override
    public void providerStatus(TenantId tenant, NotificationChannel channel, String providerId, DeliveryStatus status,
                               String reason) {
        if (providerId == null || (status != DeliveryStatus.DELIVERED && status != DeliveryStatus.FAILED)) {
            return;
        }
        CompanyDatabase db = databases.of(tenant);
        String why = status == DeliveryStatus.FAILED ? reason : null;
        if (NotificationRows.report(db, channel, providerId, status.name(), why, clock.millis()) == 0
                && !NotificationRows.knownProviderId(db, channel, providerId)) {
            // the provider may report before the dispatcher recorded its id: applied when it does. The dispatcher
            // records the id, then looks for an early report; this keeps the report, then looks for the id again —
            // so whichever comes second applies it (applying twice changes nothing)
            NotificationRows.keepEarlyReport(db, channel, providerId, status.name(), why, clock.millis());
            if (NotificationRows.knownProviderId(db, channel, providerId)) {
                NotificationRows.applyEarlyReport(db, channel, providerId, clock.millis());
            }
        }
    }

    @Override
    public void received(TenantId tenant, NotificationChannel channel, String clientId, String text, String providerId) {
        CompanyDatabase db = databases.of(tenant);
        String id = UUID.randomUUID().toString();
        long now = clock.millis();
        String t = text == null ? "" : text.length() > TEXT_MAX ? text.substring(0, TEXT_MAX) : text;
        NotificationRows.insert(db, List.of(new NotificationRows.NewRow(id, "inbound:" + channel.code() + ":" + providerId,
                NotificationKind.MESSAGE, channel, Recipient.client(clientId), clientId, null, null,
                NotificationRows.DELIVERED, null, null, seal(tenant, "text", id, t), now, providerId, true, now)));
    }

    @Override
    public void tellOffice(TenantId tenant, NotificationKind kind, String clientId, String text, String key) {
        Actor system = Actor.system(tenant, Channel.SYSTEM);
        String clientName = clientId == null ? "" : clients.get(system, clientId).name();
        Map<String, String> values = new HashMap<>(common(tenant));
        values.put("client.name", clientName);
        values.put("text", text == null ? "" : text);
        List<Draft> drafts = office(system).stream().map(u -> new Draft("office:" + key, kind,
                Recipient.user(u.id().toString()), clientId, null, null, values)).toList();
        queue(tenant, drafts);
    }

    @Override
    public boolean optedOut(TenantId tenant, String clientId, NotificationChannel channel) {
        return databases.of(tenant).jdbc().sql("SELECT COUNT(*) FROM notification_opt_outs WHERE id = :id")
                .param("id", clientId + ":" + channel.name()).query(Integer.class).single() > 0;
    }

    @Override
    public void setOptOut(Actor actor, String clientId, NotificationChannel channel, boolean optedOut) {
        actor.require(Permission.CLIENTS_WRITE);
        clients.get(actor, clientId);
        String id = clientId + ":" + channel.name();
        CompanyDatabase db = databases.of(actor.tenant());
        db.inTransaction(() -> {
            Optional<Long> version = db.jdbc().sql("SELECT version FROM notification_opt_outs WHERE id = :id")
                    .param("id", id).query(Long.class).optional();
            if (optedOut && version.isEmpty()) {
                store.insert(actor, NotificationTables.OPT_OUTS, id, Map.of("client_id", clientId,
                        "channel", channel.name()), "opted-out");
            } else if (!optedOut && version.isPresent()) {
                store.delete(actor, NotificationTables.OPT_OUTS, RecordKey.of(id), version.get(), "opted-in");
            }
        });
    }

    /** The channels a client opted out of (the client page's toggles); the caller sees the client. */
    public Set<NotificationChannel> optOuts(Actor actor, String clientId) {
        clients.get(actor, clientId);
        Set<NotificationChannel> out = EnumSet.noneOf(NotificationChannel.class);
        for (NotificationChannel c : NotificationSettings.CLIENT_CHANNELS) {
            if (optedOut(actor.tenant(), clientId, c)) {
                out.add(c);
            }
        }
        return out;
    }

    private Set<String> optOuts(CompanyDatabase db) {
        return new HashSet<>(db.jdbc().sql("SELECT id FROM notification_opt_outs").query(String.class).list());
    }

    @Override
    public List<Delivery> forClient(Actor actor, String clientId) {
        clients.get(actor, clientId);
        Map<String, Boolean> visible = new HashMap<>();
        return NotificationRows.forClient(databases.of(actor.tenant()), clientId, LOG_LIMIT).stream()
                .filter(r -> r.jobId() == null || visible.computeIfAbsent(r.jobId(), job -> sees(actor, job)))
                .map(r -> delivery(actor.tenant(), r)).toList();
    }

    @Override
    public List<Delivery> forJob(Actor actor, String jobId) {
        jobs.get(actor, jobId); // a job the actor may not see: not found
        return NotificationRows.forJob(databases.of(actor.tenant()), jobId, LOG_LIMIT).stream()
                .map(r -> delivery(actor.tenant(), r)).toList();
    }

    private boolean sees(Actor actor, String jobId) {
        try {
            jobs.get(actor, jobId);
            return true;
        } catch (NotFound e) {
            return false;
        }
    }

    Delivery delivery(TenantId tenant, NotificationRows.Row r) {
        DeliveryStatus status = NotificationRows.SENDING.equals(r.status()) ? DeliveryStatus.QUEUED
                : DeliveryStatus.valueOf(r.status());
        return new Delivery(r.id(), r.kind(), r.channel(), r.recipient(), status, r.reason(),
                open(tenant, "text", r.id(), r.text()), r.inbound(), r.jobId(), Instant.ofEpochMilli(r.createdAt()),
                Instant.ofEpochMilli(r.notBefore()), Instant.ofEpochMilli(r.updatedAt()));
    }

    // ---- shared by the listeners

    /** The channels a kind goes to clients on in this company (empty: clients are not told of it). */
    Set<NotificationChannel> clientChannels(TenantId tenant, NotificationKind kind) {
        return settings.get(databases.of(tenant), SETTING).shown().forClients(kind);
    }

    /** A moved visit's reminders still queued for its old start are skipped ({@code visit-moved}). */
    void skipMovedReminders(TenantId tenant, String visitId, Instant startsAt) {
        NotificationRows.skipQueuedAbout(databases.of(tenant), "visit:" + visitId,
                VisitReminders.keyOf(visitId, startsAt), "notifications.reason.visit-moved", clock.millis());
    }

    /** A cancelled visit's queued notices (its reminder) are not sent; the cancellation's own (keyed by its event) are. */
    void skipForCancelledVisit(TenantId tenant, String visitId, String eventId) {
        NotificationRows.skipQueuedAbout(databases.of(tenant), "visit:" + visitId, eventId + ":",
                "notifications.reason.visit-cancelled", clock.millis());
    }

    @Override
    public void invoiceOverdue(TenantId tenant, String invoiceId, String reminderKey) {
        notices.invoiceOverdue(tenant, invoiceId, reminderKey);
    }

    /** The active owners and admins who accepted their invitation. */
    List<User> office(Actor system) {
        List<User> users = new ArrayList<>();
        for (int page = 0; ; page++) {
            Page<User> found = team.list(system, Page.request(page, Page.MAX_SIZE));
            users.addAll(found.items());
            if (found.items().isEmpty() || (long) (page + 1) * found.size() >= found.total()) {
                break;
            }
        }
        return users.stream().filter(u -> u.active() && !u.invited()
                && (u.role() == Role.OWNER || u.role() == Role.ADMIN)).toList();
    }

    /** The values every template has: the company's name. */
    Map<String, String> common(TenantId tenant) {
        return Map.of("company.name", companies.find(tenant).map(c -> c.name()).orElse(""));
    }
}
