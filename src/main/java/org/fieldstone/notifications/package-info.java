/**
 * Notifications that every channel shares: which events tell whom, on which channels (email, SMS, Telegram, in-app),
 * in which words (logic-less templates per kind, channel and language), when (quiet hours in the company's time zone)
 * and whether at all (a client's opt-out per channel). Events from the outbox drive them; each notification has an
 * idempotency key (event id + recipient + channel) and a delivery log (queued, sent, delivered, failed with reason),
 * so that nothing is sent twice across retries, restarts and nodes. Channels are {@link
 * org.fieldstone.notifications.ChannelSender} beans of their own modules (SMS, Telegram); this module never calls a
 * provider itself.
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = {"shared", "tenancy", "audit", "clients", "jobs",
        "quotes", "invoices", "identity", "inventory", "files", "portal"})
package org.fieldstone.notifications;
