package org.fieldstone.messaging;

/**
 * Emails from the platform itself, not from a company: to the operator (alerts, incidents) and to anyone who asked
 * for them (status-page subscribers, owners notified of an incident). Sent through the platform's server
 * ({@code spring.mail.*}, sender {@code fieldstone.mail.from}); plain text, one recipient per email.
 */
public interface PlatformEmails {

    /** True when the platform's server is configured ({@code spring.mail.host} and {@code fieldstone.mail.from}). */
    boolean configured();

    /**
     * Sends one plain-text email and answers its {@code Message-ID}. Throws {@link IllegalStateException} when the
     * platform's server is not configured, and the mail exception when the server refuses or cannot be reached.
     */
    String send(String to, String subject, String body);
}
