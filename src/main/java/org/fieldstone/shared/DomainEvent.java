package org.fieldstone.shared;

/**
 * Something that happened in one company, told to other modules after the change that raised it committed
 * ({@code tenancy.DomainEvents}). It carries its company, so a listener binds the tenant from the event, never from
 * the thread that happens to run it; it carries ids and facts, not personal data (a listener reads what it needs).
 */
public interface DomainEvent {

    TenantId tenant();
}
