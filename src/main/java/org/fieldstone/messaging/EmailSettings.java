package org.fieldstone.messaging;

/**
 * A company's own SMTP server, as shown: the password is never shown, only whether it is set. An empty host means the
 * company uses the platform's server.
 *
 * @param security how the connection is protected: {@code NONE}, {@code STARTTLS} or {@code TLS}
 * @param replyTo  where clients' replies go, or empty
 */
public record EmailSettings(String host, int port, String username, boolean passwordSet, String fromAddress,
                            String fromName, Security security, String replyTo) {

    public enum Security {
        NONE, STARTTLS, TLS
    }

    public boolean configured() {
        return host != null && !host.isBlank();
    }
}
