package org.fieldstone.clients.web;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.fieldstone.audit.AuditEntry;
import org.fieldstone.audit.AuditRecord;
import org.fieldstone.clients.web.ClientsController.HistoryRow;

/** How clients read on the dashboard: phone numbers grouped, the audit trail as a history. */
final class ClientViews {

    /** Bookkeeping of the trail that says nothing to a reader. */
    private static final Set<String> HIDDEN_FIELDS = Set.of("client_id");
    private static final tools.jackson.databind.json.JsonMapper JSON = tools.jackson.databind.json.JsonMapper.builder().build();

    private ClientViews() {
    }

    /** {@code +41446681800} as {@code +41 44 668 18 00}; anything unparsable as it is. */
    static String international(String e164) {
        PhoneNumberUtil util = PhoneNumberUtil.getInstance();
        try {
            return util.format(util.parse(e164, null), PhoneNumberUtil.PhoneNumberFormat.INTERNATIONAL);
        } catch (NumberParseException e) {
            return e164;
        }
    }

    static List<HistoryRow> history(List<AuditEntry> entries, Map<String, String> propertyNames, ZoneId zone) {
        return entries.stream().map(e -> {
            boolean property = "property".equals(e.entityType());
            String subject = property ? propertyNames.getOrDefault(e.entityId(), deletedName(e)) : "";
            List<AuditRecord.Change> changes = e.changes().stream().filter(c -> !HIDDEN_FIELDS.contains(c.field()))
                    .map(c -> "tags".equals(c.field())
                            ? new AuditRecord.Change(c.field(), tagList(c.before()), tagList(c.after())) : c)
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
