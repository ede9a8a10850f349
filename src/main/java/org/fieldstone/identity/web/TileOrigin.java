package org.fieldstone.identity.web;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

/**
 * The origin ({@code https://host[:port]}) of the map tile server the operator configured
 * ({@code fieldstone.map.tile-url}, a Leaflet URL template such as {@code https://tile.example.org/{z}/{x}/{y}.png}):
 * the one source of images the content security policy allows besides this server. The origin is rebuilt from the
 * parsed scheme, host and port, so nothing else of the setting can reach the header; a template whose host is itself
 * a placeholder ({@code {s}.tile…}) names no single origin and is refused at start.
 */
final class TileOrigin {

    private TileOrigin() {
    }

    static String of(String tileUrl) {
        // the placeholders {z}, {x}, {y}, {r} are not URI characters; any digits stand in for them here
        String sample = tileUrl.strip().replaceAll("\\{[A-Za-z0-9_-]*}", "0");
        URI uri;
        try {
            uri = new URI(sample);
        } catch (URISyntaxException e) {
            throw refused(tileUrl, "it is not a URL");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("https") && !scheme.equals("http")) {
            throw refused(tileUrl, "it must start with https:// (or http://)");
        }
        if (uri.getHost() == null || uri.getRawUserInfo() != null || tileUrl.contains("{s}")) {
            throw refused(tileUrl, "it must name one host, without user information or a {s} placeholder");
        }
        String host = uri.getHost().toLowerCase(Locale.ROOT);
        return scheme + "://" + host + (uri.getPort() == -1 ? "" : ":" + uri.getPort());
    }

    private static IllegalStateException refused(String tileUrl, String why) {
        return new IllegalStateException("fieldstone.map.tile-url '" + tileUrl + "' is refused: " + why);
    }
}
