package org.fieldstone.reports;

import java.io.IOException;
import java.io.Writer;
import org.fieldstone.audit.AuditEntry;
import org.fieldstone.audit.AuditQuery;
import org.fieldstone.shared.Actor;
import org.fieldstone.shared.Page;

/**
 * Reading the company's audit trail (seed 001: "owners can review the audit log"). Needs {@code audit:view}
 * (owners), or the admin role when an owner has allowed admins to view it.
 */
public interface AuditLog {

    Page<AuditEntry> find(Actor actor, AuditQuery query, Page.PageRequest page);

    /** Writes every matching entry (oldest first) as CSV or JSON; the export itself is audited. */
    void export(Actor actor, AuditQuery query, Format format, Writer out) throws IOException;

    /** The record types the company's trail holds entries of, for the log's filter. */
    java.util.List<String> entityTypes(Actor actor);

    /** The actions the trail holds for one record type, for the log's filter. */
    java.util.List<String> actions(Actor actor, String entityType);

    /**
     * How people know the records of these entries ({@link org.fieldstone.audit.RecordNames}), keyed by
     * {@code <entityType>/<entityId>}; records without a name (deleted, or of a type nobody names) are left out.
     */
    java.util.Map<String, String> recordNames(Actor actor, java.util.List<AuditEntry> entries);

    boolean mayView(Actor actor);

    boolean adminsMayView(Actor actor);

    /** Only owners (audit:view) decide whether admins may view the log. */
    void allowAdmins(Actor actor, boolean allowed);

    enum Format { CSV, JSON }
}
