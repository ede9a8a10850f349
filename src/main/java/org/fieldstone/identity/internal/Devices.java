package org.fieldstone.identity.internal;

/** A short, human description of a session's device from its User-Agent ("Firefox on Windows"). */
final class Devices {

    private Devices() {
    }

    static String describe(String userAgent) {
        if (userAgent == null || userAgent.isBlank()) {
            return "Unknown device";
        }
        String ua = userAgent;
        String browser = ua.contains("Edg/") ? "Edge" : ua.contains("OPR/") ? "Opera" : ua.contains("Firefox/") ? "Firefox"
                : ua.contains("Chrome/") || ua.contains("HeadlessChrome") ? "Chrome" : ua.contains("Safari/") ? "Safari"
                : ua.startsWith("Java-http-client") ? "Java HTTP client" : ua.startsWith("curl/") ? "curl" : "Browser";
        String system = ua.contains("Android") ? "Android" : ua.contains("iPhone") || ua.contains("iPad") ? "iOS"
                : ua.contains("Windows") ? "Windows" : ua.contains("Mac OS X") ? "macOS" : ua.contains("Linux") ? "Linux" : null;
        return system == null ? browser : browser + " on " + system;
    }
}
