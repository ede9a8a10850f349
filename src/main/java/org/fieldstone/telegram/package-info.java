/**
 * A Telegram bot per company (issue 16): Settings → Telegram connects the company's own bot (its token checked with
 * {@code getMe}, the webhook set with a random secret token), team members link their chat with a one-time code from
 * My account, and the linked chat's commands and plain text run as that user through the assistant's tool registry
 * and the assistant itself (channel {@code telegram}). The webhook {@code /webhooks/telegram/<slug>} compares the secret
 * token in constant time and handles each update once. {@link org.fieldstone.notifications.ChannelSender} for channel
 * TELEGRAM sends notifications to linked team members. Sign-in through Telegram is not offered.
 *
 * <p>An edge module, like the assistant whose client it is: nothing depends on it (notifications finds its sender as a
 * {@code ChannelSender} bean).
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = {"shared", "tenancy", "audit", "identity",
        "notifications", "assistant"})
package org.fieldstone.telegram;
