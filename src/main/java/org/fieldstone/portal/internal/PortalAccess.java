package org.fieldstone.portal.internal;

import static org.fieldstone.portal.internal.PortalTables.NEW_LINK_REQUESTED_AT;
import static org.fieldstone.portal.internal.PortalTables.OPENED_AT;
import static org.fieldstone.portal.internal.PortalTables.SHARE_LINKS;
import static org.fieldstone.portal.internal.PortalTables.SPENT_AT;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;
import org.fieldstone.audit.AuditRecord;
import org.fieldstone.audit.AuditTrail;
import org.fieldstone.portal.PortalEvents;
import org.fieldstone.portal.ShareLink;
import org.fieldstone.portal.ShareLinks;
import org.fieldstone.shared.Actor;
import org.fieldstone.shared.Channel;
import org.fieldstone.shared.DomainException;
import org.fieldstone.shared.TenantId;
import org.fieldstone.tenancy.Changes;
import org.fieldstone.tenancy.Companies;
import org.fieldstone.tenancy.Company;
import org.fieldstone.tenancy.CompanyDatabase;
import org.fieldstone.tenancy.CompanyDatabases;
import org.fieldstone.tenancy.DomainEvents;
import org.fieldstone.tenancy.RecordKey;
import org.fieldstone.tenancy.RecordStore;
import org.fieldstone.tenancy.TokenDirectory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The customer's side of share links: the landing page (a GET, which never spends a link), the exchange (the landing
 * page's POST: once per link, for a portal session scoped to its document), the request for a new link, and the portal
 * session of every later request. Unknown, expired, revoked, replaced and spent tokens are answered alike; each
 * exchange, refusal and new-link request is recorded in the company's trail with the visitor's address and software
 * (a token that finds no company is logged, without the token, as there is no company trail to write to).
 */
@Component
public class PortalAccess {

    /** The portal session's cookie: {@code __Host-}, Secure, HttpOnly, SameSite=Lax, path /. */
    public static final String COOKIE = "__Host-fs_portal";
    /** A link asks for a new one at most this often. */
    static final Duration NEW_LINK_EVERY = Duration.ofMinutes(10);
    /** New-link requests per client address and hour. */
    static final int NEW_LINKS_PER_ADDRESS = 5;

    private static final Logger log = LoggerFactory.getLogger(PortalAccess.class);

    private final ShareLinkService links;
    private final PortalSessions sessions;
    private final TokenDirectory directory;
    private final Companies companies;
    private final CompanyDatabases databases;
    private final RecordStore store;
    private final AuditTrail audit;
    private final DomainEvents events;
    private final Clock clock;
    private final Cache<String, Bucket> addresses = Caffeine.newBuilder().maximumSize(100_000)
            .expireAfterAccess(Duration.ofHours(1)).build();

    PortalAccess(ShareLinkService links, PortalSessions sessions, TokenDirectory directory, Companies companies,
                 CompanyDatabases databases, RecordStore store, AuditTrail audit, DomainEvents events, Clock clock) {
        this.links = links;
        this.sessions = sessions;
        this.directory = directory;
        this.companies = companies;
        this.databases = databases;
        this.store = store;
        this.audit = audit;
        this.events = events;
        this.clock = clock;
    }

    /** What the landing page of a usable link shows: the document's kind and who sent it. */
    public record Landing(ShareLinks.Kind kind, String companyName) {
    }

    /** A portal session just made: the cookie to set and where to send the customer. */
    public record Opened(String cookie, ShareLinks.Kind kind, String documentId) {
    }

    /**
     * The customer on a portal page: the session's company and document, and the actor their actions run as.
     *
     * @param revision the quote's revision the link was made for (null for an invoice)
     */
    public record Visit(TenantId tenant, String companyName, String linkId, ShareLinks.Kind kind, String documentId,
                        Integer revision, Actor actor) {

        /** Whether this session may read {@code kind} {@code id}: only its own document. */
        public boolean opens(ShareLinks.Kind kind, String id) {
            return this.kind == kind && documentId.equals(id);
        }
    }

    /** A token that may be one (by its form) found in its company. */
    private record Found(Company company, CompanyDatabase db, ShareLinkService.Row row) {
    }

    /**
     * The landing page of a link that still opens its document, or empty (unknown, expired, revoked, replaced, spent:
     * all alike). Marks the link opened the first time; never spends it.
     */
    public Optional<Landing> landing(String token, String ip, String userAgent) {
        Optional<Found> found = find(token, ip);
        if (found.isEmpty()) {
            return Optional.empty();
        }
        Found f = found.get();
        Instant now = clock.instant();
        Actor visitor = visitor(f.company().id(), ip, userAgent);
        if (refusal(f, now) != null) {
            return Optional.empty();
        }
        if (f.row().openedAt() == null) {
            try {
                f.db().inTransaction(() -> store.change(visitor, RecordKey.of(f.row().id()), f.row().version(),
                        Changes.of(SHARE_LINKS).set(OPENED_AT, now.toEpochMilli()), "opened"));
            } catch (DomainException e) {
                // opened by a concurrent request meanwhile: that one recorded it
            }
        }
        return Optional.of(new Landing(f.row().kind(), f.company().name()));
    }

    /**
     * Exchanges a link once for a portal session scoped to its document; every later exchange, and any token that
     * opens nothing, is refused (empty) and the refusal recorded.
     */
    public Optional<Opened> exchange(String token, String ip, String userAgent) {
        Optional<Found> found = find(token, ip);
        if (found.isEmpty()) {
            return Optional.empty();
        }
        Found f = found.get();
        Instant now = clock.instant();
        Actor visitor = visitor(f.company().id(), ip, userAgent);
        String refusal = refusal(f, now);
        if (refusal != null) {
            refused(f, visitor, refusal);
            return Optional.empty();
        }
        try {
            String secret = f.db().inTransaction(() -> {
                Changes spent = Changes.of(SHARE_LINKS).set(SPENT_AT, now.toEpochMilli());
                if (f.row().openedAt() == null) {
                    spent.set(OPENED_AT, now.toEpochMilli());
                }
                store.change(visitor, RecordKey.of(f.row().id()), f.row().version(), spent, "exchanged");
                return sessions.open(f.db(), f.row().id(), f.row().kind(), f.row().documentId(), now, ip, userAgent);
            });
            return Optional.of(new Opened(f.company().id().compact() + "." + secret, f.row().kind(), f.row().documentId()));
        } catch (DomainException e) {
            // a concurrent exchange (or the landing page's first open) changed the link meanwhile: look again
            Optional<ShareLinkService.Row> now2 = links.row(f.db(), f.row().id());
            if (now2.isPresent() && now2.get().spentAt() == null && now2.get().revokedAt() == null
                    && now2.get().version() != f.row().version()) {
                return exchange(token, ip, userAgent);
            }
            refused(f, visitor, "spent");
            return Optional.empty();
        }
    }

    /**
     * A visitor with a link that opens nothing asks for a new one. Answered alike whatever the token; for a link of a
     * company that may still be shared (not revoked, its document still viewable) and within the throttle, a
     * {@link PortalEvents.NewLinkRequested} goes out (messaging mails the address on file) and the request is recorded.
     */
    public void requestNewLink(String token, String ip, String userAgent) {
        Optional<Found> found = find(token, ip);
        if (found.isEmpty()) {
            return;
        }
        Found f = found.get();
        Instant now = clock.instant();
        Actor visitor = visitor(f.company().id(), ip, userAgent);
        ShareLinkService.Shared document = document(f);
        String refusal = null;
        if (document == null || !document.viewable()) {
            refusal = "not-viewable";
        } else if (f.row().revokedAt() != null) {
            refusal = "revoked";
        } else if (f.row().newLinkRequestedAt() != null && now.isBefore(f.row().newLinkRequestedAt().plus(NEW_LINK_EVERY))) {
            refusal = "throttled";
        } else if (!addressBucket(ip).tryConsume(1)) {
            refusal = "throttled";
        }
        if (refusal != null) {
            String reason = refusal;
            f.db().inTransaction(() -> audit.append(f.db().jdbc(), AuditRecord.of(visitor, "share_link", f.row().id(),
                    "share_link.new_link_refused", new AuditRecord.Change("reason", null, reason))));
            return;
        }
        try {
            f.db().inTransaction(() -> {
                store.change(visitor, RecordKey.of(f.row().id()), f.row().version(),
                        Changes.of(SHARE_LINKS).set(NEW_LINK_REQUESTED_AT, now.toEpochMilli()), "new_link_requested");
                events.publish(f.db(), new PortalEvents.NewLinkRequested(f.company().id(), f.row().kind(),
                        f.row().documentId(), now));
            });
        } catch (DomainException e) {
            // a concurrent request for the same link won: one new link is enough
        }
    }

    /** The customer of a live portal session, or empty (no cookie, unknown, ended, idle, too old, link revoked). */
    public Optional<Visit> visit(String cookie, String ip, String userAgent) {
        if (cookie == null || cookie.length() != 32 + 1 + Tokens.SESSION_LENGTH || cookie.charAt(32) != '.'
                || !Tokens.wellFormed(cookie.substring(33), Tokens.SESSION_LENGTH)) {
            return Optional.empty();
        }
        TenantId tenant;
        try {
            tenant = TenantId.parse(cookie.substring(0, 32));
        } catch (RuntimeException e) {
            return Optional.empty();
        }
        Optional<Company> company = companies.find(tenant).filter(Company::isActive);
        if (company.isEmpty()) {
            return Optional.empty();
        }
        CompanyDatabase db = databases.of(tenant);
        Instant now = clock.instant();
        // the link's revision and whether it was revoked: one small read, nothing sealed opened on every request
        return sessions.find(db, cookie.substring(33), now).flatMap(s -> db.jdbc()
                .sql("SELECT revision, revoked_at FROM share_links WHERE id = :id").param("id", s.linkId())
                .query((rs, n) -> {
                    int revision = rs.getInt(1);
                    Integer rev = rs.wasNull() ? null : revision;
                    rs.getLong(2);
                    return rs.wasNull() ? Optional.of(new Visit(tenant, company.get().name(), s.linkId(), s.kind(),
                            s.documentId(), rev, visitor(tenant, ip, userAgent))) : Optional.<Visit>empty();
                }).optional().flatMap(v -> v));
    }

    /** Ends the session of {@code cookie}, if it is one. */
    public void leave(String cookie) {
        if (cookie == null || cookie.length() != 32 + 1 + Tokens.SESSION_LENGTH) {
            return;
        }
        try {
            TenantId tenant = TenantId.parse(cookie.substring(0, 32));
            if (companies.find(tenant).isPresent()) {
                sessions.end(databases.of(tenant), cookie.substring(33), clock.instant());
            }
        } catch (RuntimeException e) {
            // not a session of ours: nothing to end
        }
    }

    /**
     * Whether {@code quote}, as just read for a visit, is still the revision the visit's link was made for (a later
     * edit replaces it) and still sent.
     */
    public static boolean current(Visit visit, org.fieldstone.quotes.Quote quote) {
        return visit.revision() == null || (visit.revision() == quote.revision()
                && quote.status() != org.fieldstone.quotes.QuoteStatus.DRAFT);
    }

    private Optional<Found> find(String token, String ip) {
        if (!Tokens.wellFormed(token, Tokens.LENGTH)) {
            return Optional.empty();
        }
        String hash = Tokens.hash(token);
        Optional<Company> company = directory.find(ShareLinkService.PURPOSE, hash).flatMap(companies::find)
                .filter(Company::isActive);
        if (company.isEmpty()) {
            log.info("A share-link token that opens nothing was presented from {}", ip);
            return Optional.empty();
        }
        CompanyDatabase db = databases.of(company.get().id());
        return links.rowByHash(db, hash).map(row -> new Found(company.get(), db, row));
    }

    /** The link's document as the system sees it, or null when it is gone. */
    private ShareLinkService.Shared document(Found f) {
        try {
            return links.document(Actor.system(f.company().id(), Channel.SYSTEM), f.row().kind(), f.row().documentId());
        } catch (DomainException e) {
            return null;
        }
    }

    private void refused(Found f, Actor visitor, String reason) {
        f.db().inTransaction(() -> audit.append(f.db().jdbc(), AuditRecord.of(visitor, "share_link", f.row().id(),
                "share_link.refused", new AuditRecord.Change("reason", null, reason))));
    }

    /**
     * Why the found link opens nothing now ({@code spent}, {@code expired}, {@code revoked}, {@code replaced}, or
     * {@code not-viewable} for a document that is gone or a draft again), or null when it still opens its document.
     */
    private String refusal(Found f, Instant now) {
        ShareLinkService.Shared document = document(f);
        if (document == null) {
            return "not-viewable";
        }
        ShareLink.State state = f.row().state(document, now);
        if (state != ShareLink.State.SENT && state != ShareLink.State.OPENED) {
            return state.name().toLowerCase(Locale.ROOT);
        }
        return document.viewable() ? null : "not-viewable";
    }

    static Actor visitor(TenantId tenant, String ip, String userAgent) {
        return Actor.customer(tenant, "customer", ip, userAgent == null ? null
                : userAgent.length() > 300 ? userAgent.substring(0, 300) : userAgent);
    }

    private Bucket addressBucket(String ip) {
        return addresses.get(ip == null ? "?" : ip, k -> Bucket.builder()
                .addLimit(Bandwidth.builder().capacity(NEW_LINKS_PER_ADDRESS).refillGreedy(NEW_LINKS_PER_ADDRESS,
                        Duration.ofHours(1)).build()).build());
    }
}
