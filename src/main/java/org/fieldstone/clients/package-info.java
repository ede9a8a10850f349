/**
 * Clients and their properties (service sites): the people and businesses a company works for, with
 * contact data, notes, tags and addresses. Every write goes through the one write path
 * ({@link org.fieldstone.tenancy.RecordStore}); {@link org.fieldstone.clients.Clients} is the API other
 * modules use. Its dashboard pages and REST endpoints live in the internal {@code web} package.
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = {"shared", "tenancy", "audit", "files"})
package org.fieldstone.clients;
