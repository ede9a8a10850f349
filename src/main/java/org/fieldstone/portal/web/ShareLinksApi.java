package org.fieldstone.portal.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import org.fieldstone.portal.ShareLink;
import org.fieldstone.portal.ShareLinks;
import org.fieldstone.pricing.Pricing;
import org.fieldstone.shared.Actor;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Share links of the customer portal: {@code POST /api/v1/quotes/{id}/share-links} and
 * {@code POST /api/v1/invoices/{id}/share-links} make one for a sent document (201 {@code {id, url, expiresAt}}: the
 * only time the token is shown), {@code GET} on the same paths lists them with their state (never a token),
 * {@code DELETE /api/v1/share-links/{id}} revokes one.
 */
@RestController
@SecurityRequirement(name = "apiKey")
class ShareLinksApi {

    private final ShareLinks links;
    private final Pricing pricing;

    ShareLinksApi(ShareLinks links, Pricing pricing) {
        this.links = links;
        this.pricing = pricing;
    }

    /** A link just made: its URL holds the token, shown this once. */
    record IssuedJson(String id, URI url, Instant expiresAt) {
    }

    @Operation(summary = "A new share link to a sent quote for its client: 201 {id, url, expiresAt}; the URL (with its "
            + "token) is shown only in this answer. A draft is refused (409); quotes:write")
    @PostMapping("/api/v1/quotes/{id}/share-links")
    ResponseEntity<IssuedJson> issueForQuote(Actor actor, @PathVariable String id) {
        return issued(links.issue(pricing.withMoneyPolicy(actor), ShareLinks.Kind.QUOTE, id));
    }

    @Operation(summary = "A new share link to a sent invoice for its client: 201 {id, url, expiresAt}; the URL (with "
            + "its token) is shown only in this answer. A draft or void invoice is refused (409); invoices:write")
    @PostMapping("/api/v1/invoices/{id}/share-links")
    ResponseEntity<IssuedJson> issueForInvoice(Actor actor, @PathVariable String id) {
        return issued(links.issue(pricing.withMoneyPolicy(actor), ShareLinks.Kind.INVOICE, id));
    }

    @Operation(summary = "The share links of a quote, newest first, with their state (SENT, OPENED, SPENT, EXPIRED, "
            + "REVOKED, REPLACED); never a token (quotes:read)")
    @GetMapping("/api/v1/quotes/{id}/share-links")
    List<ShareLink> quoteLinks(Actor actor, @PathVariable String id) {
        return links.links(actor, ShareLinks.Kind.QUOTE, id);
    }

    @Operation(summary = "The share links of an invoice, newest first, with their state; never a token (invoices:read)")
    @GetMapping("/api/v1/invoices/{id}/share-links")
    List<ShareLink> invoiceLinks(Actor actor, @PathVariable String id) {
        return links.links(actor, ShareLinks.Kind.INVOICE, id);
    }

    @Operation(summary = "Revoke a share link: it opens nothing any more and the portal sessions made with it end "
            + "(204; the document's write permission)")
    @DeleteMapping("/api/v1/share-links/{id}")
    ResponseEntity<Void> revoke(Actor actor, @PathVariable String id) {
        links.revoke(pricing.withMoneyPolicy(actor), id);
        return ResponseEntity.noContent().build();
    }

    /** The portal's settings. */
    record PortalSettingsJson(int linkDays) {
    }

    @Operation(summary = "The customer portal's settings: {linkDays}, how long a new share link lives (any role)")
    @GetMapping("/api/v1/settings/portal")
    PortalSettingsJson settings(Actor actor) {
        return new PortalSettingsJson(links.linkDays(actor));
    }

    @Operation(summary = "Change {linkDays} (1–365); links already made keep their expiry (settings:manage)")
    @org.springframework.web.bind.annotation.PutMapping(path = "/api/v1/settings/portal",
            consumes = {org.springframework.http.MediaType.APPLICATION_JSON_VALUE,
                    org.fieldstone.shared.api.ApiMediaTypes.MERGE_PATCH_JSON_VALUE})
    PortalSettingsJson updateSettings(Actor actor, @org.springframework.web.bind.annotation.RequestBody
                                      tools.jackson.databind.JsonNode body) {
        actor.require(org.fieldstone.shared.Permission.SETTINGS_MANAGE);
        org.fieldstone.shared.api.JsonFields f = org.fieldstone.shared.api.JsonFields.of(body,
                java.util.Set.of("linkDays"), java.util.Set.of());
        Integer days = f.has("linkDays") ? integer(f) : Integer.valueOf(links.linkDays(actor));
        f.throwIfAny();
        return new PortalSettingsJson(links.updateLinkDays(actor, days == null ? -1 : days));
    }

    /** {@code linkDays} as a whole number, or null (refused on the field) when it is none. */
    private static Integer integer(org.fieldstone.shared.api.JsonFields f) {
        if (f.decimal("linkDays") instanceof org.fieldstone.shared.Change.To<String>(String text) && text != null) {
            try {
                return new java.math.BigDecimal(text).intValueExact();
            } catch (ArithmeticException | NumberFormatException e) {
                // refused below
            }
        }
        f.reject("linkDays", org.fieldstone.shared.Message.of("portal.refused.link-days", 365));
        return null;
    }

    private static ResponseEntity<IssuedJson> issued(ShareLinks.Issued issued) {
        return ResponseEntity.status(HttpStatus.CREATED).cacheControl(CacheControl.noStore())
                .body(new IssuedJson(issued.id(), issued.url(), issued.expiresAt()));
    }
}
