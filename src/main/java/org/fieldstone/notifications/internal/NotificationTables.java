package org.fieldstone.notifications.internal;

import java.util.Map;
import java.util.Set;
import org.fieldstone.shared.Permission;
import org.fieldstone.tenancy.Column;
import org.fieldstone.tenancy.ProtectedTable;
import org.fieldstone.tenancy.RecordType;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The notifications module's tables. The choices — a client's opt-outs, a team member's channels, a company's
 * templates — are business records on the one write path (audited); the delivery log ({@code notifications}) is
 * written by {@link NotificationRows} alone, its subject and text sealed.
 */
final class NotificationTables {

    static final String LOG = "notifications";

    static final Column<String> CLIENT_ID = Column.of("client_id", String.class);
    static final Column<String> CHANNEL = Column.of("channel", String.class);
    static final RecordType OPT_OUTS = RecordType.of("notification_opt_outs", "notification_opt_out",
            Permission.CLIENTS_WRITE, null, CLIENT_ID, CHANNEL);

    static final Column<String> USER_ID = Column.of("user_id", String.class);
    static final Column<String> KIND = Column.of("kind", String.class);
    static final Column<String> CHANNELS = Column.of("channels", String.class);
    /** A team member's own choice: every member may make theirs (the service checks it is their own). */
    static final RecordType CHOICES = RecordType.of("notification_choices", "notification_choice",
            Permission.TEAM_VIEW, null, USER_ID, KIND, CHANNELS);

    static final Column<String> LANGUAGE = Column.of("language", String.class);
    static final Column<String> SUBJECT = Column.of("subject", String.class);
    static final Column<String> BODY = Column.of("body", String.class);
    static final RecordType TEMPLATES = RecordType.of("notification_templates", "notification_template",
            Permission.SETTINGS_MANAGE, null, KIND, CHANNEL, LANGUAGE, SUBJECT, BODY);

    private NotificationTables() {
    }

    /** The sealed columns of the delivery log, for key rotation. */
    @Configuration(proxyBeanMethods = false)
    static class Protected {

        @Bean
        ProtectedTable notificationsTable() {
            return new ProtectedTable(LOG, "id", Set.of("subject", "text"), Map.of());
        }
    }
}
