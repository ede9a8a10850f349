package org.fieldstone.sms.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.fieldstone.shared.Actor;
import org.fieldstone.shared.Change;
import org.fieldstone.shared.api.ApiMediaTypes;
import org.fieldstone.shared.api.JsonFields;
import org.fieldstone.sms.SmsSettings;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/**
 * {@code /api/v1/settings/sms}: SMS through the company's own Twilio account (settings:manage). The auth token is
 * write-only: answers show its hint.
 */
@RestController
@RequestMapping("/api/v1/settings/sms")
@SecurityRequirement(name = "apiKey")
class SmsSettingsApi {

    private final SmsSettings settings;

    SmsSettingsApi(SmsSettings settings) {
        this.settings = settings;
    }

    @Operation(summary = "The Twilio account SID, token hint, sender, monthly cap and use, and the webhook URL to set in Twilio (settings:manage)")
    @GetMapping
    SmsSettings.Setup get(Actor actor) {
        return settings.setup(actor);
    }

    @Operation(summary = "Change {accountSid, authToken, sender, monthlyCap}; absent fields (and a blank token) keep their value (settings:manage)")
    @PutMapping(consumes = {MediaType.APPLICATION_JSON_VALUE, ApiMediaTypes.MERGE_PATCH_JSON_VALUE})
    SmsSettings.Setup put(Actor actor, @RequestBody JsonNode body) {
        actor.require(org.fieldstone.shared.Permission.SETTINGS_MANAGE);
        JsonFields f = JsonFields.of(body, Set.of("accountSid", "authToken", "sender", "monthlyCap"),
                Set.of("authTokenHint", "usedThisMonth", "webhookUrl", "connected"));
        String sid = f.text("accountSid") instanceof Change.To<String>(String s) ? s : null;
        String token = f.text("authToken") instanceof Change.To<String>(String t) ? t : null;
        String sender = f.text("sender") instanceof Change.To<String>(String s) ? s : null;
        Long cap = null;
        if (f.decimal("monthlyCap") instanceof Change.To<String>(String c) && c != null) {
            try {
                cap = new java.math.BigDecimal(c).longValueExact();
            } catch (ArithmeticException | NumberFormatException e) {
                f.reject("monthlyCap", org.fieldstone.shared.Message.of("sms.refused.monthly-cap"));
            }
        }
        f.throwIfAny();
        return settings.update(actor, sid, token, sender, cap);
    }

    @Operation(summary = "Fetch the Twilio account with the stored SID and token: {ok, problem} (settings:manage)")
    @PostMapping("/test")
    Map<String, Object> test(Actor actor) {
        var problem = settings.test(actor);
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("ok", problem.isEmpty());
        answer.put("problem", problem.orElse(null));
        return answer;
    }
}
