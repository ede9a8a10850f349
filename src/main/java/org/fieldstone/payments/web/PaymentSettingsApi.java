package org.fieldstone.payments.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import java.util.Set;
import org.fieldstone.payments.PaymentSettings;
import org.fieldstone.shared.Actor;
import org.fieldstone.shared.Change;
import org.fieldstone.shared.api.ApiMediaTypes;
import org.fieldstone.shared.api.JsonFields;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/**
 * {@code /api/v1/settings/payments}: card payments through the company's own Stripe account (settings:manage). The
 * secret key and the webhook's signing secret are write-only: answers show their hints.
 */
@RestController
@RequestMapping("/api/v1/settings/payments")
@SecurityRequirement(name = "apiKey")
class PaymentSettingsApi {

    private final PaymentSettings settings;

    PaymentSettingsApi(PaymentSettings settings) {
        this.settings = settings;
    }

    @Operation(summary = "Whether card payments are on (and why not), key hints, the webhook URL, API version and events to set in Stripe (settings:manage)")
    @GetMapping
    PaymentSettings.Setup get(Actor actor) {
        return settings.setup(actor);
    }

    @Operation(summary = "Change {enabled, secretKey, webhookSecret}; absent or blank fields keep their value (settings:manage)")
    @PutMapping(consumes = {MediaType.APPLICATION_JSON_VALUE, ApiMediaTypes.MERGE_PATCH_JSON_VALUE})
    PaymentSettings.Setup put(Actor actor, @RequestBody JsonNode body) {
        actor.require(org.fieldstone.shared.Permission.SETTINGS_MANAGE);
        JsonFields f = JsonFields.of(body, Set.of("enabled", "secretKey", "webhookSecret"),
                Set.of("secretKeyHint", "webhookSecretHint", "webhookUrl", "apiVersion", "events", "accepting", "off",
                        "testMode"));
        Boolean enabled = f.bool("enabled") instanceof Change.To<Boolean>(Boolean b) ? b : null;
        String key = f.text("secretKey") instanceof Change.To<String>(String k) ? k : null;
        String secret = f.text("webhookSecret") instanceof Change.To<String>(String w) ? w : null;
        f.throwIfAny();
        return settings.update(actor, enabled, key, secret);
    }
}
