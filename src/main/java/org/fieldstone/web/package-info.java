/**
 * The edge of the dashboard and API: layout, home page, error pages and problem+json, HTTPS (TLS 1.3,
 * the self-signed certificate of the embedded default, HTTP→HTTPS redirect), request size limits.
 * Nothing depends on it.
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = {"shared", "tenancy", "identity", "clients", "jobs", "quotes", "pricing", "invoices", "inventory", "files"})
package org.fieldstone.web;
