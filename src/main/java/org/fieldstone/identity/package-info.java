/**
 * Users of a company and how they prove who they are: passwords, sessions, API keys, roles, the team.
 * Users, sessions and keys live in the company's own database. Platform operators and their sessions live in the
 * control plane; they reach a company only under its owner's support grant ({@link org.fieldstone.identity.SupportAccess}).
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = {"shared", "tenancy", "audit", "crypto"})
package org.fieldstone.identity;
