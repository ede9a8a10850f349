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

    /** The archive's entry holding the JSON document. */
    String ARCHIVE_JSON = "export.json";

    /**
     * Writes the export as a ZIP archive to {@code out} (which stays open): {@value #ARCHIVE_JSON} as
     * {@link #export} writes it, then every {@link ExportContent}'s entries (the files module: each clean file as
     * {@code files/<file id>/<name>}), all streamed. With a {@code passphrase} the whole archive is written through
     * {@link EncryptedExports}; without one it is a plain ZIP. Same permission and audit as {@link #export}, the trail
     * also saying {@code archive} and {@code encrypted}.
     *
     * @return the number of items per section, in document order, then {@code archiveEntries}
     */
    Map<String, Long> exportArchive(Actor actor, OutputStream out, char[] passphrase) throws IOException;
}
