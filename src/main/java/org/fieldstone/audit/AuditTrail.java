package org.fieldstone.audit;

import org.fieldstone.shared.Page;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Appends to and reads a company's audit trail. The caller passes the company database's client, so an
 * append joins the caller's transaction: the record and the change it describes commit together.
 */
public interface AuditTrail {

    void append(JdbcClient companyDatabase, AuditRecord record);

    /** Newest first. */
    default Page<AuditEntry> list(JdbcClient companyDatabase, Page.PageRequest request) {
        return find(companyDatabase, AuditQuery.ALL, request);
    }

    /** The entries matching {@code query}, newest first. */
    Page<AuditEntry> find(JdbcClient companyDatabase, AuditQuery query, Page.PageRequest request);
}
