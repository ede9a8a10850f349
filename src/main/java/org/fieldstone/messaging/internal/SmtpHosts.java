package org.fieldstone.messaging.internal;

import java.net.InetAddress;
import java.net.UnknownHostException;
import org.fieldstone.shared.PublicAddresses;

/**
 * Which SMTP servers a company may point its emails at. A company's server is named by one of its admins, and the
 * platform connects to it (and a test email reports why it failed), so by default every address a company's host
 * resolves to must be public ({@link PublicAddresses}: not this machine, a private, link-local, unspecified or otherwise
 * non-public address): otherwise its settings would reach into the platform's own network.
 * {@code fieldstone.mail.allow-private-hosts=true} lifts that (self-hosted installations, tests). The platform's own server ({@code spring.mail.host}) is configuration and not checked.
 */
final class SmtpHosts {

    private SmtpHosts() {
    }

    /** Whether every address {@code host} resolves to may be used; an unknown host is left to the send to report. */
    static boolean allowed(String host, boolean allowPrivate) {
        if (allowPrivate) {
            return true;
        }
        try {
            for (InetAddress address : InetAddress.getAllByName(host)) {
                if (!PublicAddresses.isPublic(address)) {
                    return false;
                }
            }
            return true;
        } catch (UnknownHostException e) {
            return true;
        }
    }
}
