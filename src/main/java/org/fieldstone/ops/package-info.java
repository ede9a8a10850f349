/**
 * Operating Fieldstone: the command line (the same jar as the server), first-start seeding of the demo
 * company, the owner's Settings → Company page (export and deletion of the company), the public status page,
 * incidents and breach notification ({@code ops.status}, control-plane tables only), and encrypted backups with
 * their restore and restore drill ({@code ops.backup}). An edge module:
 * nothing depends on it.
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = {"shared", "crypto", "tenancy", "identity", "audit", "clients", "jobs", "pricing", "quotes", "invoices", "files", "messaging"})
package org.fieldstone.ops;
