/**
 * Users of a company and how they prove who they are: passwords, sessions, API keys, roles, the team.
 * Users, sessions and keys live in the company's own database.
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = {"shared", "tenancy", "audit"})
package org.fieldstone.identity;
