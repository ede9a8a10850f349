/**
 * Companies and their databases: the control plane, one database per company (a SQLite file or a
 * PostgreSQL database), lazily opened bounded pools, migrations, provisioning and suspension.
 * A company database is reached only through {@link org.fieldstone.tenancy.CompanyDatabases#of}
 * with an explicit {@link org.fieldstone.shared.TenantId}: there is no default database to fall back to.
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = {"shared", "crypto", "audit"})
package org.fieldstone.tenancy;
