package org.fieldstone.messaging.internal;

import java.net.URI;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.fieldstone.clients.Clients;
import org.fieldstone.identity.Team;
import org.fieldstone.identity.User;
import org.fieldstone.messaging.DocumentType;
import org.fieldstone.messaging.SentEmail;
import org.fieldstone.quotes.Quote;
import org.fieldstone.quotes.QuoteEvents;
import org.fieldstone.quotes.Quotes;
import org.fieldstone.shared.Actor;
import org.fieldstone.shared.Channel;
import org.fieldstone.shared.Role;
import org.fieldstone.shared.TenantId;
import org.fieldstone.tenancy.Companies;
import org.fieldstone.tenancy.Company;
import org.fieldstone.tenancy.DomainEventListener;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * Tells the office when a customer decides on the portal: an email to each active owner and admin of the company
 * (read through {@link Team}) saying which quote, what the customer did — approved with the signature's name, declined
 * with the reason, asked for changes with what they asked — and the link to the quote's dashboard page (built from
 * {@code fieldstone.public-url}). Decisions the office records itself are not mailed back to it. One row per event and
 * recipient ({@code <event id>:<user id>}): a second delivery sends nothing twice; a failed send is tried again by the
 * outbox like the documents' emails. The rows are kept (and exported) but not shown on the quote's email list: they
 * went to the team, not the client.
 */
@Component
class OfficeNotices {

    private final EmailService emails;
    private final Quotes quotes;
    private final Clients clients;
    private final Team team;
    private final Companies companies;
    private final URI base;

    OfficeNotices(EmailService emails, Quotes quotes, Clients clients, Team team, Companies companies,
                  @Value("${fieldstone.public-url:https://localhost:${server.port:8443}}") String base) {
        this.emails = emails;
        this.quotes = quotes;
        this.clients = clients;
        this.team = team;
        this.companies = companies;
        this.base = URI.create(base.endsWith("/") ? base.substring(0, base.length() - 1) : base);
    }

    @DomainEventListener
    void approved(QuoteEvents.QuoteApproved event, UUID eventId) {
        if (event.byCustomer()) {
            notify(event.tenant(), eventId, event.quoteId(), "approved", quote -> quote.approval() == null ? ""
                    : quote.approval().signatureName());
        }
    }

    @DomainEventListener
    void declined(QuoteEvents.QuoteDeclined event, UUID eventId) {
        if (event.byCustomer()) {
            notify(event.tenant(), eventId, event.quoteId(), "declined", OfficeNotices::note);
        }
    }

    @DomainEventListener
    void changesRequested(QuoteEvents.QuoteChangesRequested event, UUID eventId) {
        if (event.byCustomer()) {
            notify(event.tenant(), eventId, event.quoteId(), "changes", OfficeNotices::note);
        }
    }

    private static String note(Quote quote) {
        return quote.decisionNote() == null || quote.decisionNote().isBlank() ? "—" : quote.decisionNote();
    }

    private void notify(TenantId tenant, UUID eventId, String quoteId, String what,
                        java.util.function.Function<Quote, String> detail) {
        Actor system = Actor.system(tenant, Channel.SYSTEM);
        Quote quote = quotes.get(system, quoteId);
        String slug = companies.find(tenant).map(Company::slug).orElse("");
        String clientName = clients.get(system, quote.clientId()).name();
        String link = UriComponentsBuilder.fromUri(base).path("/c/{slug}/quotes/{id}").buildAndExpand(slug, quote.id())
                .toUriString();
        EmailService.MailNotSent failed = null;
        for (User user : officeUsers(system)) {
            String key = eventId + ":" + user.id().value();
            Optional<EmailService.Row> pending = emails.pending(system, key);
            if (pending.isEmpty()) {
                continue;
            }
            Map<String, String> values = new HashMap<>();
            values.put("client.email", user.email().value());
            values.put("client.name", clientName);
            values.put("document.number", quote.number() == null ? "" : quote.number());
            values.put("document.revision", String.valueOf(quote.revision()));
            values.put("detail", detail.apply(quote));
            values.put("dashboard.link", link);
            String template = "messaging.template.office." + what + ".";
            try {
                emails.deliver(system, key, pending.get(), SentEmail.Kind.OFFICE_NOTICE, DocumentType.QUOTE, quote.id(),
                        quote.revision(), quote.number(), emails.text(template + "subject"), emails.text(template + "body"),
                        values, () -> null, null);
            } catch (EmailService.MailNotSent e) {
                failed = failed == null ? e : failed;
            }
        }
        if (failed != null) {
            // the others were sent; the outbox calls again and only the failed ones are tried
            throw failed;
        }
    }

    /** The company's active owners and admins who accepted their invitation. */
    private List<User> officeUsers(Actor system) {
        return TeamMembers.told(team, system, Set.of(Role.OWNER, Role.ADMIN));
    }
}
