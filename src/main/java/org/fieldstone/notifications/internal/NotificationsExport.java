package org.fieldstone.notifications.internal;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;
import org.fieldstone.tenancy.CompanyDatabase;
import org.fieldstone.tenancy.ExportSection;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * The company's notifications in its export: the delivery log (subject and text opened), then the choices — opt-outs,
 * team members' channels, templates — each item with its {@code table}.
 */
@Component
@Order(95)
class NotificationsExport implements ExportSection {

    private final NotificationService service;

    NotificationsExport(NotificationService service) {
        this.service = service;
    }

    @Override
    public String name() {
        return "notifications";
    }

    @Override
    public void export(CompanyDatabase db, Consumer<Object> item) {
        NotificationRows.each(db, r -> {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("table", "notifications");
            row.put("id", r.id());
            row.put("idempotencyKey", r.key());
            row.put("kind", r.kind().name());
            row.put("channel", r.channel().name());
            row.put("recipient", r.recipient().key());
            row.put("clientId", r.clientId());
            row.put("jobId", r.jobId());
            row.put("status", r.status());
            row.put("reason", r.reason());
            row.put("subject", service.open(db.tenant(), "subject", r.id(), r.subject()));
            row.put("text", service.open(db.tenant(), "text", r.id(), r.text()));
            row.put("attempts", r.attempts());
            row.put("providerId", r.providerId());
            row.put("inbound", r.inbound());
            row.put("createdAt", Instant.ofEpochMilli(r.createdAt()).toString());
            row.put("updatedAt", Instant.ofEpochMilli(r.updatedAt()).toString());
            item.accept(row);
        });
        for (String table : new String[] {"notification_opt_outs", "notification_choices", "notification_templates"}) {
            db.jdbc().sql("SELECT * FROM " + table + " ORDER BY id").query((rs, i) -> {
                Map<String, Object> row = new LinkedHashMap<>();
                row.put("table", table);
                for (int c = 1; c <= rs.getMetaData().getColumnCount(); c++) {
                    row.put(rs.getMetaData().getColumnLabel(c).toLowerCase(java.util.Locale.ROOT), rs.getObject(c));
                }
                return row;
            }).list().forEach(item);
        }
    }
}
