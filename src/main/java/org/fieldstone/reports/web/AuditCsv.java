package org.fieldstone.reports.web;

import java.util.List;
import java.util.stream.Collectors;
import org.fieldstone.audit.AuditEntry;
import tools.jackson.databind.json.JsonMapper;

/**
 * RFC 4180 CSV of audit entries. Cells that a spreadsheet would run as a formula (starting with = + - @ or
 * a control character) are prefixed with an apostrophe (OWASP "CSV injection").
 */
final class AuditCsv {

    static final String HEADER = "seq,at,actor_type,actor_id,actor_name,api_key_id,channel,ip,user_agent,"
            + "entity_type,entity_id,action,changes\r\n";

    private AuditCsv() {
    }

    static String row(AuditEntry e, JsonMapper json) {
        return List.of(Long.toString(e.seq()), e.at().toString(), nz(e.actorType()), nz(e.actorId()), nz(e.actorName()),
                        nz(e.apiKeyId()), nz(e.channel()), nz(e.ip()), nz(e.userAgent()), nz(e.entityType()),
                        nz(e.entityId()), nz(e.action()), json.writeValueAsString(e.changes()))
                .stream().map(AuditCsv::cell).collect(Collectors.joining(",")) + "\r\n";
    }

    static String cell(String value) {
        String v = value;
        if (!v.isEmpty() && "=+-@\t\r".indexOf(v.charAt(0)) >= 0) {
            v = "'" + v;
        }
        if (v.contains(",") || v.contains("\"") || v.contains("\n") || v.contains("\r") || !v.equals(value)) {
            v = "\"" + v.replace("\"", "\"\"") + "\"";
        }
        return v;
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }
}
