package org.fieldstone.ops.status;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;

/**
 * {@code /.well-known/security.txt} (RFC 9116): where to report a vulnerability, the disclosure policy, and an
 * {@code Expires} computed from the clock so the file never goes stale (RFC 9116 asks for less than a year ahead).
 */
public final class SecurityTxt {

    /** How far ahead {@code Expires} lies: well inside the RFC's "less than a year". */
    public static final Duration VALID_FOR = Duration.ofDays(180);

    private SecurityTxt() {
    }

    /**
     * Whom to tell: {@code fieldstone.security.contact} when set, else {@code security@} the public address's host.
     */
    public static String contact(String configured, String base) {
        if (configured != null && !configured.isBlank()) {
            return configured.strip();
        }
        String host = java.net.URI.create(base).getHost();
        return "security@" + (host == null ? "localhost" : host);
    }

    /**
     * @param contact a {@code mailto:} or {@code https:} URI (a bare email address gets {@code mailto:})
     * @param base    the public address, without a trailing slash
     */
    public static String render(String contact, String base, Instant now) {
        String uri = contact.contains(":") ? contact : "mailto:" + contact;
        return "Contact: " + uri + "\n"
                + "Expires: " + DateTimeFormatter.ISO_INSTANT.format(now.plus(VALID_FOR).truncatedTo(ChronoUnit.SECONDS)) + "\n"
                + "Policy: " + base + "/security/disclosure\n"
                + "Preferred-Languages: en\n"
                + "Canonical: " + base + "/.well-known/security.txt\n";
    }
}
