/**
 * Value types every module speaks: who acts ({@link org.fieldstone.shared.Actor}), for which company
 * ({@link org.fieldstone.shared.TenantId}), with which permissions, and the domain refusals that are
 * mapped once to problem+json and form messages. Depends on nothing.
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = {}, type = org.springframework.modulith.ApplicationModule.Type.OPEN)
package org.fieldstone.shared;
