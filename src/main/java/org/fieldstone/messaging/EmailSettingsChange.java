package org.fieldstone.messaging;

import org.fieldstone.shared.Change;

/**
 * A change of a company's SMTP settings; the password is {@link Change.Keep kept} unless given ({@code null} removes it).
 * The other fields replace the stored ones.
 */
public record EmailSettingsChange(String host, int port, String username, Change<String> password, String fromAddress,
                                  String fromName, EmailSettings.Security security, String replyTo) {
}
