package org.fieldstone.reports.web;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * An IP address as people write it (RFC 5952): {@code ::1} rather than the servlet container's
 * {@code 0:0:0:0:0:0:0:1}, lower case, the longest run of zero groups shortened, an IPv4 address mapped into IPv6
 * ({@code ::ffff:192.0.2.1}) as plain IPv4. Text that is no address is answered as it is; nothing is looked up.
 */
final class IpAddresses {

    private static final Pattern IPV6 = Pattern.compile("^[0-9a-fA-F:.]+(%[\\w.]+)?$");

    private IpAddresses() {
    }

    static String readable(String ip) {
        if (ip == null || ip.isBlank() || ip.indexOf(':') < 0 || !IPV6.matcher(ip).matches()) {
            return ip;
        }
        String zone = "";
        String address = ip;
        int percent = ip.indexOf('%');
        if (percent >= 0) {
            zone = ip.substring(percent);
            address = ip.substring(0, percent);
        }
        int[] groups = groups(address);
        if (groups == null) {
            return ip;
        }
        if (groups[0] == 0 && groups[1] == 0 && groups[2] == 0 && groups[3] == 0 && groups[4] == 0
                && groups[5] == 0xffff) {
            return (groups[6] >> 8) + "." + (groups[6] & 0xff) + "." + (groups[7] >> 8) + "." + (groups[7] & 0xff);
        }
        // the longest run of two or more zero groups (the first of equal runs) becomes "::"
        int bestStart = -1;
        int bestLength = 1;
        for (int i = 0; i < 8; ) {
            if (groups[i] != 0) {
                i++;
                continue;
            }
            int j = i;
            while (j < 8 && groups[j] == 0) {
                j++;
            }
            if (j - i > bestLength) {
                bestStart = i;
                bestLength = j - i;
            }
            i = j;
        }
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < 8; i++) {
            if (i == bestStart) {
                out.append("::");
                i += bestLength - 1;
                continue;
            }
            if (!out.isEmpty() && out.charAt(out.length() - 1) != ':') {
                out.append(':');
            }
            out.append(Integer.toHexString(groups[i]));
        }
        return out.toString().toLowerCase(Locale.ROOT) + zone;
    }

    /** The eight 16-bit groups of an IPv6 address (with "::" and a trailing dotted IPv4 part), or null. */
    private static int[] groups(String address) {
        String text = address;
        int[] tail = null;
        int lastColon = text.lastIndexOf(':');
        if (text.indexOf('.') >= 0) {
            String[] octets = text.substring(lastColon + 1).split("\\.", -1);
            if (octets.length != 4) {
                return null;
            }
            int[] b = new int[4];
            for (int i = 0; i < 4; i++) {
                try {
                    b[i] = Integer.parseInt(octets[i]);
                } catch (NumberFormatException e) {
                    return null;
                }
                if (b[i] < 0 || b[i] > 255) {
                    return null;
                }
            }
            tail = new int[] {(b[0] << 8) | b[1], (b[2] << 8) | b[3]};
            text = text.substring(0, lastColon + 1) + "0:0";
        }
        String[] halves = text.split("::", -1);
        if (halves.length > 2) {
            return null;
        }
        String[] head = halves[0].isEmpty() ? new String[0] : halves[0].split(":", -1);
        String[] rest = halves.length == 2 && !halves[1].isEmpty() ? halves[1].split(":", -1) : new String[0];
        if ((halves.length == 1 && head.length != 8) || head.length + rest.length > 8) {
            return null;
        }
        int[] groups = new int[8];
        try {
            for (int i = 0; i < head.length; i++) {
                groups[i] = group(head[i]);
            }
            for (int i = 0; i < rest.length; i++) {
                groups[8 - rest.length + i] = group(rest[i]);
            }
        } catch (NumberFormatException e) {
            return null;
        }
        if (tail != null) {
            groups[6] = tail[0];
            groups[7] = tail[1];
        }
        return groups;
    }

    private static int group(String hex) {
        if (hex.isEmpty() || hex.length() > 4) {
            throw new NumberFormatException(hex);
        }
        return Integer.parseInt(hex, 16);
    }
}
