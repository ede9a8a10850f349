package org.fieldstone.notifications;

import java.time.LocalTime;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/**
 * A company's notification settings (Settings → Notifications): per kind, the channels its clients and its team
 * members are told on by default (a team member may choose their own in My account), and the quiet hours in the
 * company's time zone during which nothing goes to a client (start equal to end: none).
 */
public record NotificationSettings(Map<NotificationKind, Set<NotificationChannel>> clients,
                                   Map<NotificationKind, Set<NotificationChannel>> team, LocalTime quietStart,
                                   LocalTime quietEnd) {

    /** Client-facing kinds: SMS where a company connects it; email stays messaging's for quotes and invoices. */
    public static final Set<NotificationKind> CLIENT_KINDS = EnumSet.of(NotificationKind.VISIT_SCHEDULED,
            NotificationKind.VISIT_RESCHEDULED, NotificationKind.VISIT_CANCELLED, NotificationKind.VISIT_REMINDER,
            NotificationKind.TECHNICIAN_EN_ROUTE, NotificationKind.JOB_COMPLETED, NotificationKind.QUOTE_SENT,
            NotificationKind.INVOICE_SENT, NotificationKind.INVOICE_OVERDUE, NotificationKind.PAYMENT_RECEIVED);

    /** Kinds for team members: a technician's visits, and the office's decisions and alerts. */
    public static final Set<NotificationKind> TEAM_KINDS = EnumSet.of(NotificationKind.VISIT_SCHEDULED,
            NotificationKind.VISIT_RESCHEDULED, NotificationKind.VISIT_CANCELLED, NotificationKind.QUOTE_APPROVED,
            NotificationKind.QUOTE_DECLINED, NotificationKind.QUOTE_CHANGES_REQUESTED, NotificationKind.LOW_STOCK,
            NotificationKind.MALWARE_DETECTED, NotificationKind.CALLBACK_REQUESTED);

    /** Channels a client can be told on, and a team member. */
    public static final Set<NotificationChannel> CLIENT_CHANNELS = EnumSet.of(NotificationChannel.EMAIL,
            NotificationChannel.SMS, NotificationChannel.TELEGRAM);
    public static final Set<NotificationChannel> TEAM_CHANNELS = EnumSet.of(NotificationChannel.IN_APP,
            NotificationChannel.EMAIL, NotificationChannel.TELEGRAM);

    public static final NotificationSettings DEFAULT = defaults();

    public NotificationSettings {
        clients = copy(clients);
        team = copy(team);
    }

    private static Map<NotificationKind, Set<NotificationChannel>> copy(Map<NotificationKind, Set<NotificationChannel>> m) {
        Map<NotificationKind, Set<NotificationChannel>> copy = new EnumMap<>(NotificationKind.class);
        m.forEach((k, v) -> copy.put(k, v.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(v))));
        return Map.copyOf(copy);
    }

    /** The channels of a kind for clients (empty: none). */
    public Set<NotificationChannel> forClients(NotificationKind kind) {
        return clients.getOrDefault(kind, Set.of());
    }

    /** The channels of a kind for team members who did not choose their own (empty: none). */
    public Set<NotificationChannel> forTeam(NotificationKind kind) {
        return team.getOrDefault(kind, Set.of());
    }

    private static NotificationSettings defaults() {
        Map<NotificationKind, Set<NotificationChannel>> clients = new EnumMap<>(NotificationKind.class);
        for (NotificationKind kind : CLIENT_KINDS) {
            clients.put(kind, Set.of(NotificationChannel.SMS));
        }
        // quotes and invoices are emailed (and reminded) by messaging with a portal link: by SMS only when chosen
        clients.put(NotificationKind.QUOTE_SENT, Set.of());
        clients.put(NotificationKind.INVOICE_SENT, Set.of());
        clients.put(NotificationKind.INVOICE_OVERDUE, Set.of());
        clients.put(NotificationKind.MESSAGE, Set.of());
        Map<NotificationKind, Set<NotificationChannel>> team = new EnumMap<>(NotificationKind.class);
        for (NotificationKind kind : TEAM_KINDS) {
            team.put(kind, Set.of(NotificationChannel.IN_APP, NotificationChannel.TELEGRAM));
        }
        return new NotificationSettings(clients, team, LocalTime.of(21, 0), LocalTime.of(8, 0));
    }
}
