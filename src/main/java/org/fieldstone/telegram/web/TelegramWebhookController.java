package org.fieldstone.telegram.web;

import io.swagger.v3.oas.annotations.Operation;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.io.InputStream;
import java.util.Locale;
import java.util.Map;
import org.fieldstone.shared.InvalidInput;
import org.fieldstone.shared.NotFound;
import org.fieldstone.shared.Unauthenticated;
import org.fieldstone.telegram.internal.TelegramWebhooks;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /webhooks/telegram/{slug}}: the updates of a company's bot. Public (Telegram has no session and no CSRF
 * token: the secret token header is the credential); the body is read up to {@link #MAX_BODY} bytes. Refusals: 413
 * too large, 404 no such company, 401 the secret token is missing or not the company's, 400 not an update — each
 * changes nothing. A verified update is answered 200, a replay too.
 */
@RestController
class TelegramWebhookController {

    private static final Logger log = LoggerFactory.getLogger(TelegramWebhookController.class);
    static final int MAX_BODY = 64 * 1024;
    static final String HEADER = "X-Telegram-Bot-Api-Secret-Token";

    private final TelegramWebhooks webhooks;

    TelegramWebhookController(TelegramWebhooks webhooks) {
        this.webhooks = webhooks;
    }

    @Operation(summary = "Updates of the company's Telegram bot (public; verified by the secret token header)")
    @PostMapping("/webhooks/telegram/{slug}")
    ResponseEntity<Map<String, String>> update(@PathVariable String slug,
                                               @RequestHeader(name = HEADER, required = false) String secretToken,
                                               HttpServletRequest request) throws IOException {
        byte[] body = read(request);
        if (body == null) {
            log.info("Telegram webhook of {} refused from {}: body over {} bytes",
                    slug.matches("[a-z0-9-]{1,63}") ? slug : "(not a company address)", request.getRemoteAddr(), MAX_BODY);
            return refused(HttpStatus.CONTENT_TOO_LARGE, "too-large");
        }
        try {
            TelegramWebhooks.Outcome outcome = webhooks.handle(slug, body, secretToken, request.getRemoteAddr());
            return ResponseEntity.ok(Map.of("ok", "true", "outcome", outcome.name().toLowerCase(Locale.ROOT)));
        } catch (NotFound e) {
            return refused(HttpStatus.NOT_FOUND, "not-found");
        } catch (Unauthenticated e) {
            return refused(HttpStatus.UNAUTHORIZED, "unverified");
        } catch (InvalidInput e) {
            return refused(HttpStatus.BAD_REQUEST, "malformed");
        }
    }

    private static ResponseEntity<Map<String, String>> refused(HttpStatus status, String why) {
        return ResponseEntity.status(status).contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(Map.of("title", status.getReasonPhrase(), "status", String.valueOf(status.value()), "code", why));
    }

    /** The body, or null when it is over {@link #MAX_BODY}. */
    private static byte[] read(HttpServletRequest request) throws IOException {
        if (request.getContentLengthLong() > MAX_BODY) {
            return null;
        }
        try (InputStream in = request.getInputStream()) {
            byte[] body = in.readNBytes(MAX_BODY + 1);
            return body.length > MAX_BODY ? null : body;
        }
    }
}
