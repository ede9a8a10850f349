package org.fieldstone.web;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import org.fieldstone.identity.Sessions;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.FlashMap;
import org.springframework.web.servlet.support.AbstractFlashMapManager;

/**
 * Where a refused form's message waits for the page it redirects to (post/redirect/get): in this process's memory,
 * under a hash of the signed-in session's cookie, for a minute — not in an HTTP session. Spring's default keeps
 * flash attributes in the servlet container's session, which would set a {@code JSESSIONID} cookie beside
 * Fieldstone's own session and keep state in the container; the dashboard keeps none there. Without a session cookie
 * (a page before sign-in) nothing is kept, and a refusal's page renders the message itself. With several nodes a
 * redirect that lands on another node shows the page without the message (the form's data is never lost: nothing
 * was written).
 */
@Component("flashMapManager")
class SessionFlashMaps extends AbstractFlashMapManager {

    private final Cache<String, List<FlashMap>> maps = Caffeine.newBuilder()
            .maximumSize(10_000)
            .expireAfterWrite(Duration.ofMinutes(1))
            .build();

    @Override
    protected List<FlashMap> retrieveFlashMaps(HttpServletRequest request) {
        String key = key(request);
        List<FlashMap> kept = key == null ? null : maps.getIfPresent(key);
        // a copy: the caller takes out the map it uses and hands the rest back to updateFlashMaps
        return kept == null ? null : new java.util.ArrayList<>(kept);
    }

    @Override
    protected void updateFlashMaps(List<FlashMap> flashMaps, HttpServletRequest request, HttpServletResponse response) {
        String key = key(request);
        if (key == null) {
            return;
        }
        if (flashMaps.isEmpty()) {
            maps.invalidate(key);
        } else {
            maps.put(key, List.copyOf(flashMaps));
        }
    }

    /** The SHA-256 of the session cookie: the cookie itself is a bearer secret and is not kept. */
    private static String key(HttpServletRequest request) {
        Cookie[] cookies = request.getCookies();
        if (cookies == null) {
            return null;
        }
        for (Cookie c : cookies) {
            if (Sessions.COOKIE.equals(c.getName()) && !c.getValue().isEmpty()) {
                try {
                    byte[] hash = MessageDigest.getInstance("SHA-256").digest(c.getValue().getBytes(StandardCharsets.UTF_8));
                    return HexFormat.of().formatHex(hash);
                } catch (NoSuchAlgorithmException e) {
                    throw new IllegalStateException(e);
                }
            }
        }
        return null;
    }
}
