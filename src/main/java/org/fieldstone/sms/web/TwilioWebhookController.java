package org.fieldstone.sms.web;

import io.swagger.v3.oas.annotations.Operation;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.io.InputStream;
import java.net.URLDecoder;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.ByteBuffer;
import java.util.LinkedHashMap;
import java.util.Map;
import org.fieldstone.sms.internal.TwilioWebhooks;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /webhooks/twilio/{slug}}: a company's Twilio webhook (incoming messages and status callbacks). Public —
 * Twilio has no session and no CSRF token: the {@code X-Twilio-Signature} is the credential —, the form body read raw
 * up to {@link #MAX_BODY} bytes (a larger one is refused with 413 before anything else), then verified and handled by
 * {@link TwilioWebhooks}: 404 no such company, 403 unverified, 400 malformed, else 200 with TwiML (a reply, or empty).
 */
@RestController
class TwilioWebhookController {

    private static final Logger log = LoggerFactory.getLogger(TwilioWebhookController.class);
    /** Twilio's webhooks are a few hundred bytes (an SMS is at most 1,600 characters). */
    static final int MAX_BODY = 16 * 1024;

    private final TwilioWebhooks webhooks;

    TwilioWebhookController(TwilioWebhooks webhooks) {
        this.webhooks = webhooks;
    }

    @Operation(summary = "Twilio's signed messaging webhook for the company (public; verified by X-Twilio-Signature)")
    @PostMapping("/webhooks/twilio/{slug}")
    ResponseEntity<String> message(@PathVariable String slug,
                                   @RequestHeader(name = "X-Twilio-Signature", required = false) String signature,
                                   HttpServletRequest request) throws IOException {
        byte[] body = read(request);
        if (body == null) {
            log.info("Twilio webhook of {} refused from {}: larger than {} bytes", slug, request.getRemoteAddr(), MAX_BODY);
            return ResponseEntity.status(413).build();
        }
        String query = request.getQueryString();
        String pathAndQuery = request.getRequestURI() + (query == null ? "" : "?" + query);
        Map<String, String> params = form(request.getContentType(), body);
        if (params != null && params.isEmpty() && request.getContentLengthLong() != 0) {
            // the servlet container parsed the form already (something asked for a parameter first), so the stream
            // was empty: the same fields from its parameters, less those of the query string
            params = posted(request, query);
            if (params != null && params.entrySet().stream()
                    .mapToLong(e -> e.getKey().length() + e.getValue().length() + 2L).sum() > MAX_BODY) {
                log.info("Twilio webhook of {} refused from {}: larger than {} bytes", slug, request.getRemoteAddr(),
                        MAX_BODY);
                return ResponseEntity.status(413).build();
            }
        }
        TwilioWebhooks.Answer answer = webhooks.handle(slug, pathAndQuery, params, signature, request.getRemoteAddr());
        if (answer.status() != 200) {
            return ResponseEntity.status(answer.status()).build();
        }
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_XML).body(answer.twiml());
    }

    /** The body, or null when it is larger than {@link #MAX_BODY}. */
    private static byte[] read(HttpServletRequest request) throws IOException {
        if (request.getContentLengthLong() > MAX_BODY) {
            return null;
        }
        try (InputStream in = request.getInputStream()) {
            byte[] body = in.readNBytes(MAX_BODY + 1);
            return body.length > MAX_BODY ? null : body;
        }
    }

    /** The POSTed fields from the container's parameters: each name once, its query-string values taken away. */
    static Map<String, String> posted(HttpServletRequest request, String query) {
        Map<String, Integer> inQuery = new java.util.HashMap<>();
        if (query != null && !query.isEmpty()) {
            for (String pair : query.split("&")) {
                int eq = pair.indexOf('=');
                try {
                    inQuery.merge(URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8), 1,
                            Integer::sum);
                } catch (IllegalArgumentException e) {
                    return null;
                }
            }
        }
        Map<String, String> fields = new LinkedHashMap<>();
        for (Map.Entry<String, String[]> e : request.getParameterMap().entrySet()) {
            int skip = inQuery.getOrDefault(e.getKey(), 0);
            int left = e.getValue().length - skip;
            if (left > 1) {
                return null;
            }
            if (left == 1) {
                fields.put(e.getKey(), e.getValue()[skip]);
            }
        }
        return fields;
    }

    /**
     * The form's fields as Twilio posts them ({@code application/x-www-form-urlencoded}, UTF-8); null when the body is
     * not such a form, names a field twice or is not UTF-8.
     */
    static Map<String, String> form(String contentType, byte[] body) {
        if (contentType == null || !contentType.toLowerCase(java.util.Locale.ROOT)
                .startsWith(MediaType.APPLICATION_FORM_URLENCODED_VALUE)) {
            return null;
        }
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(body)).toString();
        } catch (CharacterCodingException e) {
            return null;
        }
        Map<String, String> fields = new LinkedHashMap<>();
        if (text.isEmpty()) {
            return fields;
        }
        try {
            for (String pair : text.split("&", -1)) {
                int eq = pair.indexOf('=');
                String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
                String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
                if (name.isEmpty() || fields.putIfAbsent(name, value) != null) {
                    return null;
                }
            }
        } catch (IllegalArgumentException e) {
            return null;
        }
        return fields;
    }
}
