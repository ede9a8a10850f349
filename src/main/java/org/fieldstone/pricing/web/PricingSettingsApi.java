package org.fieldstone.pricing.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.fieldstone.pricing.DocumentJson;
import org.fieldstone.pricing.Letterhead;
import org.fieldstone.pricing.Logo;
import org.fieldstone.pricing.Pricing;
import org.fieldstone.pricing.PricingSettings;
import org.fieldstone.pricing.TaxRate;
import org.fieldstone.shared.Actor;
import org.fieldstone.shared.Change;
import org.fieldstone.shared.Message;
import org.fieldstone.shared.NotFound;
import org.fieldstone.shared.Permission;
import org.fieldstone.shared.api.ApiMediaTypes;
import org.fieldstone.shared.api.JsonFields;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/**
 * {@code /api/v1/settings/pricing}: the company's currency, whether its prices include tax, which money
 * permissions its users (the {@code USER} role) hold — {@code quotes:write}, {@code invoices:write},
 * {@code payments:record} —, the default tax rate new lines start with ({@code defaultTaxRateId}, null for none),
 * and the address, tax number and logo printed on its quotes and invoices. Reading needs
 * {@code quotes:read}, changing {@code pricing:manage}; a field left out of a PUT keeps its value. The logo is its own
 * resource, {@code /logo}: PUT the image as the body, DELETE to remove it.
 */
@RestController
@RequestMapping("/api/v1/settings/pricing")
@SecurityRequirement(name = "apiKey")
class PricingSettingsApi {

    private static final Set<String> FIELDS = Set.of("currency", "taxInclusive", "usersMay", "address", "taxNumber",
            "defaultTaxRateId");

    private final Pricing pricing;

    PricingSettingsApi(Pricing pricing) {
        this.pricing = pricing;
    }

    @Operation(summary = "Currency, prices with or without tax, what users may do with money, and the address and "
            + "tax number printed on documents (quotes:read)")
    @GetMapping
    SettingsJson get(Actor actor) {
        actor.require(Permission.QUOTES_READ);
        return SettingsJson.of(pricing.settings(actor), pricing.usersMay(actor), pricing.letterhead(actor),
                pricing.defaultTaxRate(actor));
    }

    @Operation(summary = "Change the pricing settings; absent fields keep their value (pricing:manage)")
    @PutMapping(consumes = {MediaType.APPLICATION_JSON_VALUE, ApiMediaTypes.MERGE_PATCH_JSON_VALUE})
    SettingsJson put(Actor actor, @RequestBody JsonNode body) {
        actor.require(Permission.PRICING_MANAGE);
        PricingSettings current = pricing.settings(actor);
        JsonFields f = JsonFields.of(body, FIELDS, Set.of());
        String currency = f.text("currency") instanceof Change.To<String>(String c) ? (c == null ? "" : c) : current.currency();
        boolean inclusive = f.bool("taxInclusive") instanceof Change.To<Boolean>(Boolean on) && on != null
                ? on : current.taxInclusive();
        Set<Permission> usersMay = null;
        if (f.strings("usersMay") instanceof Change.To<List<String>>(List<String> codes)) {
            usersMay = EnumSet.noneOf(Permission.class);
            for (String code : codes == null ? List.<String>of() : codes) {
                Permission p = Pricing.MONEY.stream().filter(m -> m.code().equals(code.strip())).findFirst().orElse(null);
                if (p == null) {
                    f.reject("usersMay", Message.of("pricing.refused.users-may"));
                } else {
                    usersMay.add(p);
                }
            }
        }
        Letterhead letterhead = pricing.letterhead(actor);
        String address = f.text("address") instanceof Change.To<String>(String a) ? a : letterhead.address();
        String taxNumber = f.text("taxNumber") instanceof Change.To<String>(String t) ? t : letterhead.taxNumber();
        String defaultTaxRateId = null;
        if (f.text("defaultTaxRateId") instanceof Change.To<String>(String id)) {
            defaultTaxRateId = id == null ? "" : id.strip();
            checkDefaultTaxRate(actor, defaultTaxRateId, f);
        }
        f.throwIfAny();
        if (defaultTaxRateId != null) {
            pricing.setDefaultTaxRate(actor, defaultTaxRateId);
        }
        PricingSettings saved = pricing.updateSettings(actor, new PricingSettings(currency, inclusive));
        Set<Permission> may = usersMay == null ? pricing.usersMay(actor) : pricing.setUsersMay(actor, usersMay);
        Letterhead printed = pricing.updateLetterhead(actor, address, taxNumber);
        return SettingsJson.of(saved, may, printed, pricing.defaultTaxRate(actor));
    }

    /**
     * Refuses an unknown (or another company's) or archived default tax rate with the other fields' problems, before
     * anything is written; the service checks again.
     */
    private void checkDefaultTaxRate(Actor actor, String id, JsonFields f) {
        if (id.isEmpty()) {
            return;
        }
        TaxRate rate = pricing.taxRates(actor).stream().filter(r -> r.id().equals(id)).findFirst().orElse(null);
        if (rate == null) {
            f.reject("defaultTaxRateId", Message.of("pricing.refused.tax-rate-unknown",
                    id.length() > 40 ? id.substring(0, 40) + "…" : id));
        } else if (rate.archived()) {
            f.reject("defaultTaxRateId", Message.of("pricing.refused.tax-rate-archived", rate.name()));
        }
    }

    @Operation(summary = "The logo printed on the company's documents, as uploaded (image/png or image/jpeg); 404 "
            + "where it has none (quotes:read)")
    @GetMapping(path = "/logo", produces = {MediaType.IMAGE_PNG_VALUE, MediaType.IMAGE_JPEG_VALUE,
            MediaType.APPLICATION_PROBLEM_JSON_VALUE})
    ResponseEntity<byte[]> logo(Actor actor) {
        Logo logo = pricing.logo(actor).orElseThrow(() -> new NotFound(Message.of("tenancy.record.logo")));
        return ResponseEntity.ok().contentType(MediaType.parseMediaType(logo.contentType()))
                .cacheControl(CacheControl.noCache().cachePrivate()).eTag(logo.sha256()).body(logo.image());
    }

    @Operation(summary = "Sets the logo printed on documents: the image itself as the body, a PNG or JPEG of at most "
            + "256 KiB and 2000 pixels a side (its type is read from its bytes); anything else is refused as the field "
            + "logo (pricing:manage)")
    @PutMapping(path = "/logo", consumes = {MediaType.IMAGE_PNG_VALUE, MediaType.IMAGE_JPEG_VALUE,
            MediaType.APPLICATION_OCTET_STREAM_VALUE})
    LogoJson putLogo(Actor actor, @RequestBody byte[] image) {
        actor.require(Permission.PRICING_MANAGE);
        return LogoJson.of(pricing.updateLogo(actor, image));
    }

    @Operation(summary = "Removes the logo; documents then show the company's name only (pricing:manage)")
    @DeleteMapping("/logo")
    ResponseEntity<Void> deleteLogo(Actor actor) {
        actor.require(Permission.PRICING_MANAGE);
        pricing.removeLogo(actor);
        return ResponseEntity.noContent().build();
    }

    /** {@code defaultTaxRateId}: the rate new lines in the dashboard's editors start with; null where none. */
    record SettingsJson(String currency, boolean taxInclusive, List<String> usersMay, String address, String taxNumber,
                        LogoJson logo, String defaultTaxRateId) {
        static SettingsJson of(PricingSettings s, Set<Permission> usersMay, Letterhead letterhead,
                               Optional<TaxRate> defaultTaxRate) {
            return new SettingsJson(s.currency(), s.taxInclusive(), usersMay.stream().map(Permission::code).sorted().toList(),
                    letterhead.address(), letterhead.taxNumber(), letterhead.logo() == null ? null : LogoJson.of(letterhead.logo()),
                    defaultTaxRate.map(TaxRate::id).orElse(null));
        }
    }

    /** What is known of a logo without its bytes (those are at {@code /api/v1/settings/pricing/logo}). */
    record LogoJson(String contentType, int size, int width, int height, String sha256) {
        static LogoJson of(Logo logo) {
            return new LogoJson(logo.contentType(), logo.size(), logo.width(), logo.height(), logo.sha256());
        }
    }
}
