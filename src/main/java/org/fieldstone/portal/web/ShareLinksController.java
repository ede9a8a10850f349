package org.fieldstone.portal.web;

import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.fieldstone.portal.ShareLink;
import org.fieldstone.portal.ShareLinks;
import org.fieldstone.pricing.DocumentPanel;
import org.fieldstone.pricing.DocumentTimeline;
import org.fieldstone.pricing.Pricing;
import org.fieldstone.shared.Actor;
import org.fieldstone.shared.Conflict;
import org.fieldstone.shared.Message;
import org.fieldstone.shared.NotFound;
import org.fieldstone.shared.Permission;
import org.fieldstone.tenancy.Companies;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The share links on a quote's and an invoice's dashboard page ({@link DocumentPanel}): each link's state (sent,
 * opened, spent, expired, revoked, replaced), "Copy link" — a new link, its URL shown once — and "Revoke".
 */
@Controller
@RequestMapping("/c/{slug}/share-links")
class ShareLinksController implements DocumentPanel {

    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm", Locale.ROOT);

    private final ShareLinks links;
    private final Pricing pricing;
    private final Companies companies;
    private final MessageSource messages;

    ShareLinksController(ShareLinks links, Pricing pricing, Companies companies, MessageSource messages) {
        this.links = links;
        this.pricing = pricing;
        this.companies = companies;
        this.messages = messages;
    }

    /** A link as the panel lists it. */
    record LinkRow(String id, String state, String recipient, String createdAt, String expiresAt, boolean revocable) {
    }

    @Override
    public Section section(Actor actor, DocumentTimeline.Document document, String documentId) {
        ShareLinks.Kind kind = kind(document.name());
        ZoneId zone = companies.timeZone(actor.tenant());
        Actor money = pricing.withMoneyPolicy(actor);
        boolean canWrite = money.can(kind == ShareLinks.Kind.QUOTE ? Permission.QUOTES_WRITE : Permission.INVOICES_WRITE);
        List<LinkRow> rows = links.links(actor, kind, documentId).stream().map(l -> new LinkRow(l.id(), l.state().name(),
                l.recipient(), WHEN.format(l.createdAt().atZone(zone)), WHEN.format(l.expiresAt().atZone(zone)),
                canWrite && l.state() != ShareLink.State.REVOKED && l.state() != ShareLink.State.EXPIRED)).toList();
        return new Section("portal/share-links", "panel", Map.of("kind", kind.code(), "documentId", documentId,
                "links", rows, "canWrite", canWrite && links.shareable(actor, kind, documentId)));
    }

    /** "Copy link": a new link for the document, its URL shown once on the page it came from. */
    @PostMapping
    String issue(Actor actor, @PathVariable String slug, @RequestParam String kind, @RequestParam String document,
                 RedirectAttributes redirect) {
        ShareLinks.Kind k = kind(kind.toUpperCase(Locale.ROOT));
        try {
            ShareLinks.Issued issued = links.issue(pricing.withMoneyPolicy(actor), k, document);
            redirect.addFlashAttribute("newShareLink", issued.url().toString());
            redirect.addFlashAttribute("newShareLinkExpires", WHEN.format(issued.expiresAt()
                    .atZone(companies.timeZone(actor.tenant()))));
        } catch (Conflict e) {
            redirect.addFlashAttribute("shareLinkRefusal", e.message(messages));
        }
        return "redirect:/c/" + slug + "/" + k.code() + "s/" + document + "#share-links";
    }

    @PostMapping("/{id}/revoke")
    String revoke(Actor actor, @PathVariable String slug, @PathVariable String id, @RequestParam String kind,
                  @RequestParam String document, RedirectAttributes redirect) {
        ShareLinks.Kind k = kind(kind.toUpperCase(Locale.ROOT));
        links.revoke(pricing.withMoneyPolicy(actor), id);
        redirect.addFlashAttribute("shareLinkNotice", "revoked");
        return "redirect:/c/" + slug + "/" + k.code() + "s/" + document + "#share-links";
    }

    private static ShareLinks.Kind kind(String name) {
        try {
            return ShareLinks.Kind.valueOf(name);
        } catch (IllegalArgumentException e) {
            throw new NotFound(Message.of("portal.thing.document"));
        }
    }
}
