/**
 * The company's audit trail: an append-only table in each company database (the database refuses
 * UPDATE and DELETE). Callers append in the same transaction as the change they record.
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = {"shared", "crypto"})
package org.fieldstone.audit;
