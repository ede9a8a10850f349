package org.fieldstone.identity.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Optional;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseCookie;

/**
 * Where a sign-in goes on to: an OAuth authorization request that found nobody signed in remembers itself in a
 * short-lived cookie, and the sign-in (after its second step, when there is one) comes back to it. Only the
 * company's own authorization endpoint is accepted as the place to return to — never an address from elsewhere.
 */
public final class AfterSignIn {

    static final String COOKIE = "__Host-fs_return";
    private static final Duration LIFETIME = Duration.ofMinutes(15);

    private AfterSignIn() {
    }

    /** Remembers the current authorization request ({@code /c/<slug>/oauth2/authorize?…}) for after the sign-in. */
    public static void remember(HttpServletRequest request, HttpServletResponse response) {
        String path = request.getRequestURI() + (request.getQueryString() == null ? "" : "?" + request.getQueryString());
        if (path.length() > 3000) {
            return;
        }
        String value = Base64.getUrlEncoder().withoutPadding().encodeToString(path.getBytes(StandardCharsets.UTF_8));
        response.addHeader(HttpHeaders.SET_COOKIE, cookie(value, LIFETIME).toString());
    }

    /** The page to go to once signed in at {@code slug}: the remembered authorization request, or the dashboard. */
    static String next(String slug, HttpServletRequest request, HttpServletResponse response) {
        Optional<String> remembered = SessionCookieContextRepository.cookie(request, COOKIE);
        if (remembered.isEmpty()) {
            return "redirect:/c/" + slug + "/";
        }
        response.addHeader(HttpHeaders.SET_COOKIE, cookie("", Duration.ZERO).toString());
        try {
            String path = new String(Base64.getUrlDecoder().decode(remembered.get()), StandardCharsets.UTF_8);
            if (path.startsWith("/c/" + slug + "/oauth2/authorize?") && path.indexOf('\\') < 0
                    && path.chars().noneMatch(c -> c < 0x21 || c > 0x7e)) {
                return "redirect:" + path;
            }
        } catch (IllegalArgumentException e) {
            // not ours: ignored
        }
        return "redirect:/c/" + slug + "/";
    }

    private static ResponseCookie cookie(String value, Duration maxAge) {
        return ResponseCookie.from(COOKIE, value).path("/").secure(true).httpOnly(true).sameSite("Lax").maxAge(maxAge).build();
    }
}
