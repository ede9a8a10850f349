package org.fieldstone.messaging.internal;

import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * Which SMTP servers a company may point its emails at. A company's server is named by one of its admins, and the
 * platform connects to it (and a test email reports why it failed), so by default a company's host must not resolve
 * to this machine or a private, link-local or unspecified address: otherwise its settings would reach into the
 * platform's own network. {@code fieldstone.mail.allow-private-hosts=true} lifts that (self-hosted installations,
 * tests). The platform's own server ({@code spring.mail.host}) is configuration and not checked.
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
                if (address.isLoopbackAddress() || address.isSiteLocalAddress() || address.isLinkLocalAddress()
                        || address.isAnyLocalAddress() || address.isMulticastAddress() || uniqueLocal(address)) {
                    return false;
                }
            }
            return true;
        } catch (UnknownHostException e) {
            return true;
        }
    }

    /** IPv6 unique local addresses (fc00::/7), which {@link InetAddress#isSiteLocalAddress()} does not cover. */
    private static boolean uniqueLocal(InetAddress address) {
        byte[] bytes = address.getAddress();
        return bytes.length == 16 && (bytes[0] & 0xfe) == 0xfc;
    }
}
