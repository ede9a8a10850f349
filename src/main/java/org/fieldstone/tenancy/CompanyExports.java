package org.fieldstone.tenancy;

import java.io.IOException;
import java.io.OutputStream;
import java.util.Map;
import org.fieldstone.shared.Actor;

/**
 * A company's data as one JSON document (format {@value #FORMAT}): the company, one array per
 * {@link ExportSection} (users, clients with their properties, settings, …) and the audit trail, sensitive values
 * opened. Streamed item by item, so its size is not bounded by memory.
 *
 * <pre>{"format": "fieldstone-export/1", "exportedAt": "…", "company": {…}, "users": […], "crews": […],
 *  "clients": […], "settings": […], "auditTrail": […]}</pre>
 */
public interface CompanyExports {

    String FORMAT = "fieldstone-export/1";

    /**
     * Writes the actor's company's export to {@code out} (which stays open). Needs {@code company:export}, checked
     * before anything is written; recorded in the company's trail as {@code company.exported} with the number of
     * items per section — also when the export broke off.
     *
     * @return the number of items per section, in document order
     */
    Map<String, Long> export(Actor actor, OutputStream out) throws IOException;
}
