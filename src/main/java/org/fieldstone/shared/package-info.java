/**
 * Value types every module speaks: who acts ({@link org.fieldstone.shared.Actor}), for which company
 * ({@link org.fieldstone.shared.TenantId}), with which permissions, partial changes
 * ({@link org.fieldstone.shared.Change}), and the domain refusals that are mapped once to problem+json and form
 * messages; {@code api} holds what every REST API reads and answers alike (merge-patch bodies, entity tags, media types,
 * responses with ETag and Location), and {@code web} how every dashboard form reads what was typed.
 * Depends on no other module.
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = {}, type = org.springframework.modulith.ApplicationModule.Type.OPEN)
package org.fieldstone.shared;
