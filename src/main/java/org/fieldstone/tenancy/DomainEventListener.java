package org.fieldstone.tenancy;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a method of a bean that is told of a {@link org.fieldstone.shared.DomainEvent} after the change that raised
 * it committed — Spring Modulith's {@code @ApplicationModuleListener} semantics over the company's own outbox
 * ({@link DomainEvents}). The method takes the event (its first parameter's type selects the events it hears) and
 * optionally the event's id as a second {@link java.util.UUID} parameter. It runs on its own thread, outside the
 * publisher's transaction; if it throws it is called again later, and after a crash or restart an event may reach
 * it a second time: a listener is idempotent by the event's id.
 */
@Documented
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
public @interface DomainEventListener {
}
