package org.fieldstone.payments.web;

import io.swagger.v3.oas.annotations.Operation;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.io.InputStream;
import java.util.Map;
import org.fieldstone.payments.internal.StripeWebhooks;
import org.fieldstone.shared.InvalidInput;
import org.fieldstone.shared.Message;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /webhooks/stripe/{slug}}: a company's Stripe webhook endpoint. Public (Stripe has no session and no
 * CSRF token: the signature is the credential), the body read raw — the signature covers its exact bytes — up to
 * {@link #MAX_BODY} bytes. Verified and handled by {@link StripeWebhooks}; a refusal is problem+json (400 unverified or
 * malformed, 404 no such company), which changes nothing.
 */
@RestController
class StripeWebhookController {

    /** Stripe's events are a few KiB; a larger body is refused before it is verified. */
    static final int MAX_BODY = 256 * 1024;

    private final StripeWebhooks webhooks;

    StripeWebhookController(StripeWebhooks webhooks) {
        this.webhooks = webhooks;
    }

    @Operation(summary = "Stripe's signed events for the company (public; verified by the Stripe-Signature header)")
    @PostMapping("/webhooks/stripe/{slug}")
    Map<String, String> event(@PathVariable String slug,
                              @RequestHeader(name = "Stripe-Signature", required = false) String signature,
                              HttpServletRequest request) throws IOException {
        byte[] body = read(request);
        StripeWebhooks.Outcome outcome = webhooks.handle(slug, body, signature, request.getRemoteAddr());
        return Map.of("received", "true", "outcome", outcome.name().toLowerCase(java.util.Locale.ROOT));
    }

    private static byte[] read(HttpServletRequest request) throws IOException {
        if (request.getContentLengthLong() > MAX_BODY) {
            throw new InvalidInput("body", Message.of("payments.webhook.too-large", MAX_BODY / 1024));
        }
        try (InputStream in = request.getInputStream()) {
            byte[] body = in.readNBytes(MAX_BODY + 1);
            if (body.length > MAX_BODY) {
                throw new InvalidInput("body", Message.of("payments.webhook.too-large", MAX_BODY / 1024));
            }
            return body;
        }
    }
}
