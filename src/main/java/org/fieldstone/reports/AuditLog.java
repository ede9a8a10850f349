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

    boolean mayView(Actor actor);

    boolean adminsMayView(Actor actor);

    /** Only owners (audit:view) decide whether admins may view the log. */
    void allowAdmins(Actor actor, boolean allowed);

    enum Format { CSV, JSON }
}
