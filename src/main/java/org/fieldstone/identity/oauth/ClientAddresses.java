package org.fieldstone.identity.oauth;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import org.fieldstone.shared.PublicAddresses;

/**
 * Which addresses the authorization server may fetch a client's metadata document from: the platform's one rule,
 * {@link PublicAddresses} (public unicast only), and the one address a host name is connected to.
 */
final class ClientAddresses {

    private ClientAddresses() {
    }

    /** Whether the platform may connect to {@code address} to fetch a client's document. */
    static boolean publicAddress(InetAddress address) {
        return PublicAddresses.isPublic(address);
    }

    /** Whether the text is an IP literal (no DNS lookup needed, and no SNI name). */
    static boolean literal(String host) {
        return host.indexOf(':') >= 0 || host.chars().allMatch(c -> c == '.' || Character.isDigit(c));
    }

    /**
     * The one address the platform will connect to for {@code host}: the first it resolves to, when every address
     * it resolves to is public (or private ones are allowed). Looked up once; the connection goes to this address.
     */
    static InetAddress resolve(String host, boolean allowPrivate) throws UnknownHostException, RefusedAddress {
        InetAddress[] all = InetAddress.getAllByName(host);
        if (!allowPrivate) {
            for (InetAddress address : all) {
                if (!publicAddress(address)) {
                    throw new RefusedAddress();
                }
            }
        }
        for (InetAddress address : all) {
            if (address instanceof Inet4Address) {
                return address;
            }
        }
        return all[0];
    }

    static final class RefusedAddress extends Exception {
        RefusedAddress() {
            super("a private, loopback, link-local or otherwise non-public address", null, false, false);
        }
    }
}
