package org.fieldstone.shared;

import java.net.InetAddress;

/**
 * The one rule for which addresses the platform may connect to when a company (or an app) names the host: public
 * unicast only. Refused: unspecified ({@code 0.0.0.0/8}, {@code ::}), loopback ({@code 127/8}, {@code ::1}), private
 * ({@code 10/8}, {@code 172.16/12}, {@code 192.168/16}), CGNAT ({@code 100.64/10}), link-local ({@code 169.254/16},
 * {@code fe80::/10}), IETF protocol assignments ({@code 192.0.0/24}), benchmarking ({@code 198.18/15}), IPv6 site-local
 * ({@code fec0::/10}) and unique-local ({@code fc00::/7}), multicast ({@code 224/4}, {@code ff00::/8}), reserved and
 * broadcast ({@code 240/4}), and every IPv6 form embedding an IPv4 address (mapped {@code ::ffff:0:0/96}, compatible
 * {@code ::/96}, NAT64 {@code 64:ff9b::/96}, 6to4 {@code 2002::/16}) whose IPv4 address is refused. Used by identity's
 * client metadata documents and messaging's SMTP hosts.
 */
public final class PublicAddresses {

    private PublicAddresses() {
    }

    /** Whether the platform may connect to {@code address}. */
    public static boolean isPublic(InetAddress address) {
        byte[] b = address.getAddress();
        if (b.length == 4) {
            return publicV4(b);
        }
        if (b.length != 16) {
            return false;
        }
        boolean firstTenZero = true;
        for (int i = 0; i < 10; i++) {
            firstTenZero &= b[i] == 0;
        }
        // IPv4-mapped ::ffff:a.b.c.d and IPv4-compatible ::a.b.c.d (this covers :: and ::1 too)
        if (firstTenZero && ((b[10] == (byte) 0xff && b[11] == (byte) 0xff) || (b[10] == 0 && b[11] == 0))) {
            return publicV4(new byte[] {b[12], b[13], b[14], b[15]});
        }
        // NAT64 64:ff9b::a.b.c.d
        if (b[0] == 0 && b[1] == 0x64 && b[2] == (byte) 0xff && b[3] == (byte) 0x9b) {
            return publicV4(new byte[] {b[12], b[13], b[14], b[15]});
        }
        // 6to4 2002:aabb:ccdd::
        if (b[0] == 0x20 && b[1] == 0x02) {
            return publicV4(new byte[] {b[2], b[3], b[4], b[5]});
        }
        int first = b[0] & 0xff;
        int second = b[1] & 0xff;
        if (first == 0xff) {
            return false; // multicast
        }
        if ((first & 0xfe) == 0xfc) {
            return false; // unique local fc00::/7
        }
        if (first == 0xfe && (second & 0xc0) == 0x80) {
            return false; // link-local fe80::/10
        }
        if (first == 0xfe && (second & 0xc0) == 0xc0) {
            return false; // site-local fec0::/10 (deprecated)
        }
        return !address.isLoopbackAddress() && !address.isAnyLocalAddress();
    }

    private static boolean publicV4(byte[] b) {
        int a = b[0] & 0xff;
        int s = b[1] & 0xff;
        return !(a == 0 // unspecified, "this network"
                || a == 10 // private
                || a == 127 // loopback
                || (a == 100 && (s & 0xc0) == 64) // CGNAT 100.64/10
                || (a == 169 && s == 254) // link-local
                || (a == 172 && (s & 0xf0) == 16) // private
                || (a == 192 && s == 168) // private
                || (a == 192 && s == 0 && (b[2] & 0xff) == 0) // IETF protocol assignments
                || (a == 198 && (s & 0xfe) == 18) // benchmarking 198.18/15
                || a >= 224); // multicast, reserved, broadcast
    }
}
