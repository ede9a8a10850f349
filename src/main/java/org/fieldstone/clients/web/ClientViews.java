package org.fieldstone.clients.web;

import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Optional;
import java.util.Map;
import java.util.Set;
import org.fieldstone.audit.AuditEntry;
import org.fieldstone.audit.AuditRecord;
import org.fieldstone.clients.web.ClientsController.HistoryRow;
import org.fieldstone.shared.web.FormText;
import org.fieldstone.shared.web.PhoneText;

/** How clients read on the dashboard: the audit trail as a history (phone numbers: {@code #phones}). */
final class ClientViews {

    /** Bookkeeping of the trail that says nothing to a reader. */
    private static final Set<String> HIDDEN_FIELDS = Set.of("client_id");
    private static final tools.jackson.databind.json.JsonMapper JSON = tools.jackson.databind.json.JsonMapper.builder().build();

    private ClientViews() {
    }

    /**
     * A client's or a property's form fields ({@code now}, by form field name: {@link ClientForm#fields},
     * {@link ClientForm.PropertyForm#fields}) as they were at {@code version}: the trail's newer changes of that
     * record ({@code entityType} {@code entityId}) undone, newest first. Each change of a record raises its version by
     * one and is one entry of its trail, so {@code currentVersion - version} entries lead back. Empty when the trail
     * (newest first) does not reach that far.
     */
    static Optional<Map<String, String>> fieldsAt(String entityType, String entityId, Map<String, String> now,
                                                  long currentVersion, long version, List<AuditEntry> newestFirst) {
        long steps = currentVersion - version;
        if (steps < 0) {
            return Optional.empty();
        }
        Map<String, String> values = new HashMap<>(now);
        for (AuditEntry e : newestFirst) {
            if (steps == 0) {
                break;
            }
            if (!entityType.equals(e.entityType()) || !entityId.equals(e.entityId())) {
                continue;
            }
            for (AuditRecord.Change c : e.changes()) {
                String field = formField(c.field());
                if (values.containsKey(field)) {
                    values.put(field, FormText.text("tags".equals(field) ? tagList(c.before()) : c.before()));
                }
            }
            steps--;
        }
        return steps == 0 ? Optional.of(values) : Optional.empty();
    }

    /** A column of the trail ({@code postal_code}) as the form names it ({@code postalCode}). */
    private static String formField(String column) {
        StringBuilder field = new StringBuilder();
        for (String part : column.split("_")) {
            field.append(field.isEmpty() ? part : Character.toUpperCase(part.charAt(0)) + part.substring(1));
        }
        return field.toString();
    }

    /** The trail as the client page shows it: tags comma-separated, phone numbers as on every page ({@link PhoneText}). */
    static List<HistoryRow> history(List<AuditEntry> entries, Map<String, String> propertyNames, ZoneId zone, String country) {
        return entries.stream().map(e -> {
            boolean property = "property".equals(e.entityType());
            String subject = property ? propertyNames.getOrDefault(e.entityId(), deletedName(e)) : "";
            List<AuditRecord.Change> changes = e.changes().stream().filter(c -> !HIDDEN_FIELDS.contains(c.field()))
                    .map(c -> switch (c.field()) {
                        case "tags" -> new AuditRecord.Change(c.field(), tagList(c.before()), tagList(c.after()));
                        case "phone" -> new AuditRecord.Change(c.field(), PhoneText.display(c.before(), country),
                                PhoneText.display(c.after(), country), c.sensitive());
                        default -> c;
                    })
                    .toList();
            String who = e.actorName() == null ? e.actorType() : e.actorName();
            return new HistoryRow(ClientsController.when(e, zone), who, "clients.history." + e.action(), subject, changes);
        }).toList();
    }

    /** Tags as the trail keeps them (a JSON array) the way people write them: comma-separated. */
    private static String tagList(String json) {
        if (json == null) {
            return null;
        }
        try {
            List<String> tags = JSON.readValue(json, new tools.jackson.core.type.TypeReference<List<String>>() {
            });
            return tags.isEmpty() ? null : String.join(", ", tags);
        } catch (RuntimeException e) {
            return json;
        }
    }

    /** A deleted property's name, from the last values its entries kept. */
    private static String deletedName(AuditEntry e) {
        for (String field : new String[] {"label", "street", "city", "postal_code"}) {
            for (AuditRecord.Change c : e.changes()) {
                String value = c.before() != null ? c.before() : c.after();
                if (c.field().equals(field) && value != null) {
                    return value;
                }
            }
        }
        return "";
    }
}
