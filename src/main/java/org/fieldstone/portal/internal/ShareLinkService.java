package org.fieldstone.portal.internal;

import static org.fieldstone.portal.internal.PortalTables.DOCUMENT_ID;
import static org.fieldstone.portal.internal.PortalTables.DOCUMENT_TYPE;
import static org.fieldstone.portal.internal.PortalTables.EXPIRES_AT;
import static org.fieldstone.portal.internal.PortalTables.RECIPIENT;
import static org.fieldstone.portal.internal.PortalTables.REVISION;
import static org.fieldstone.portal.internal.PortalTables.REVOKED_AT;
import static org.fieldstone.portal.internal.PortalTables.SHARE_LINKS;
import static org.fieldstone.portal.internal.PortalTables.TOKEN_HASH;

import java.net.URI;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.fieldstone.clients.Client;
import org.fieldstone.clients.Clients;
import org.fieldstone.invoices.Invoice;
import org.fieldstone.invoices.InvoiceStatus;
import org.fieldstone.invoices.Invoices;
import org.fieldstone.portal.ShareLink;
import org.fieldstone.portal.ShareLinks;
import org.fieldstone.quotes.Quote;
import org.fieldstone.quotes.QuoteStatus;
import org.fieldstone.quotes.Quotes;
import org.fieldstone.shared.Actor;
import org.fieldstone.shared.Channel;
import org.fieldstone.shared.Conflict;
import org.fieldstone.shared.Message;
import org.fieldstone.shared.NotFound;
import org.fieldstone.shared.Permission;
import org.fieldstone.shared.TenantId;
import org.fieldstone.tenancy.Changes;
import org.fieldstone.tenancy.CompanyDatabase;
import org.fieldstone.tenancy.CompanyDatabases;
import org.fieldstone.tenancy.CompanySetting;
import org.fieldstone.tenancy.CompanySettings;
import org.fieldstone.tenancy.FieldProtection;
import org.fieldstone.tenancy.RecordKey;
import org.fieldstone.tenancy.RecordStore;
import org.fieldstone.tenancy.TokenDirectory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Service;

/**
 * Share links: made for a sent document, listed with their state, revoked. A link's token exists only in the URL
 * {@link #issue} returns; the company's database keeps its hash with the link, the control plane's
 * {@link TokenDirectory} the hash's company (the URL names none). The customer's side — landing page, exchange, new
 * link — is {@link PortalAccess}.
 */
@Service
public class ShareLinkService implements ShareLinks {

    /** The {@link TokenDirectory} purpose of share-link tokens. */
    static final String PURPOSE = "share-link";
    static final int LINK_DAYS_MAX = 365;
    /** How long a company's links live: 30 days unless it chose otherwise (1 to 365). */
    public static final CompanySetting<Integer> LINK_DAYS = new CompanySetting<>("portal.link-days",
            Permission.SETTINGS_MANAGE, 30, Integer::valueOf, String::valueOf);

    private final CompanyDatabases databases;
    private final RecordStore store;
    private final FieldProtection protection;
    private final TokenDirectory directory;
    private final CompanySettings settings;
    private final Quotes quotes;
    private final Invoices invoices;
    private final Clients clients;
    private final PortalSessions sessions;
    private final Clock clock;
    private final URI publicUrl;

    ShareLinkService(CompanyDatabases databases, RecordStore store, FieldProtection protection,
                     TokenDirectory directory, CompanySettings settings, Quotes quotes, Invoices invoices,
                     Clients clients, PortalSessions sessions, Clock clock,
                     @Value("${fieldstone.public-url:https://localhost:${server.port:8443}}") String publicUrl) {
        this.databases = databases;
        this.store = store;
        this.protection = protection;
        this.directory = directory;
        this.settings = settings;
        this.quotes = quotes;
        this.invoices = invoices;
        this.clients = clients;
        this.sessions = sessions;
        this.clock = clock;
        this.publicUrl = URI.create(publicUrl.endsWith("/") ? publicUrl.substring(0, publicUrl.length() - 1) : publicUrl);
    }

    @Override
    public Issued issue(Actor actor, Kind kind, String documentId) {
        actor.require(kind == Kind.QUOTE ? Permission.QUOTES_WRITE : Permission.INVOICES_WRITE);
        Shared document = document(actor, kind, documentId);
        if (!document.shareable()) {
            throw new Conflict(Message.of("portal.refused.not-sent"));
        }
        CompanyDatabase db = databases.of(actor.tenant());
        String recipient = recipient(actor, document.clientId());
        Instant expiresAt = clock.instant().plus(Duration.ofDays(linkDays(db)));
        String token = Tokens.shareToken();
        String hash = Tokens.hash(token);
        String id = db.inTransaction(() -> {
            String linkId = store.insert(actor, Changes.of(SHARE_LINKS).set(TOKEN_HASH, hash)
                    .set(DOCUMENT_TYPE, kind.code()).set(DOCUMENT_ID, document.id()).set(REVISION, document.revision())
                    .set(RECIPIENT, recipient).set(EXPIRES_AT, expiresAt.toEpochMilli())).id();
            // in the company's transaction: should the index refuse, no link exists without it
            directory.register(PURPOSE, hash, actor.tenant(), expiresAt);
            return linkId;
        });
        return new Issued(id, url(token), expiresAt);
    }

    /** {@code https://<public-url>/p/<token>}. */
    URI url(String token) {
        return URI.create(publicUrl + "/p/" + token);
    }

    @Override
    public int linkDays(Actor actor) {
        return linkDays(databases.of(actor.tenant()));
    }

    @Override
    public int updateLinkDays(Actor actor, int days) {
        actor.require(Permission.SETTINGS_MANAGE);
        if (days < 1 || days > LINK_DAYS_MAX) {
            throw new org.fieldstone.shared.InvalidInput("linkDays", Message.of("portal.refused.link-days", LINK_DAYS_MAX));
        }
        settings.set(actor, LINK_DAYS, days);
        return linkDays(actor);
    }

    @Override
    public boolean shareable(Actor actor, Kind kind, String documentId) {
        return document(actor, kind, documentId).shareable();
    }

    @Override
    public void revoke(Actor actor, String linkId) {
        CompanyDatabase db = databases.of(actor.tenant());
        Row row = row(db, linkId).orElseThrow(ShareLinkService::notFound);
        actor.require(row.kind() == Kind.QUOTE ? Permission.QUOTES_WRITE : Permission.INVOICES_WRITE);
        document(actor, row.kind(), row.documentId()); // a document the actor may not see: not found
        if (row.revokedAt() != null) {
            return;
        }
        db.inTransaction(() -> {
            store.change(actor, RecordKey.of(row.id()), row.version(),
                    Changes.of(SHARE_LINKS).set(REVOKED_AT, clock.millis()), "revoked");
            sessions.endAll(db, row.id(), clock.instant());
        });
    }

    @Override
    public List<ShareLink> links(Actor actor, Kind kind, String documentId) {
        Shared document = document(actor, kind, documentId);
        CompanyDatabase db = databases.of(actor.tenant());
        Instant now = clock.instant();
        return db.jdbc().sql("""
                        SELECT * FROM share_links WHERE document_type = :type AND document_id = :id
                        ORDER BY created_at DESC, id""")
                .param("type", kind.code()).param("id", document.id())
                .query((rs, n) -> row(db.tenant(), rs)).list().stream()
                .map(r -> r.shown(document, now)).toList();
    }

    // --- what the portal side shares

    /** A document a link may open, as far as links care. */
    record Shared(Kind kind, String id, String clientId, Integer revision, boolean shareable, boolean viewable) {
    }

    /**
     * The document as {@code actor} sees it (not found when they may not). Shareable: sent (a quote not a draft, an
     * invoice neither a draft nor void); viewable by its customer: shareable, or void (they may see it was voided).
     */
    Shared document(Actor actor, Kind kind, String documentId) {
        if (kind == Kind.QUOTE) {
            Quote q = quotes.get(actor, documentId);
            boolean sent = q.status() != QuoteStatus.DRAFT;
            return new Shared(kind, q.id(), q.clientId(), q.revision(), sent, sent);
        }
        Invoice i = invoices.get(actor, documentId);
        boolean sent = i.status() != InvoiceStatus.DRAFT && i.status() != InvoiceStatus.VOID;
        return new Shared(kind, i.id(), i.clientId(), null, sent, sent || i.status() == InvoiceStatus.VOID);
    }

    private String recipient(Actor actor, String clientId) {
        Client client = clients.clientsById(Actor.system(actor.tenant(), Channel.SYSTEM), List.of(clientId)).get(clientId);
        return client == null || client.email() == null || client.email().isBlank() ? null : client.email();
    }

    int linkDays(CompanyDatabase db) {
        int days = settings.get(db, LINK_DAYS);
        return Math.max(1, Math.min(LINK_DAYS_MAX, days));
    }

    /** A link's row, read without permission checks (the caller decides). */
    Optional<Row> row(CompanyDatabase db, String linkId) {
        return db.jdbc().sql("SELECT * FROM share_links WHERE id = :id").param("id", linkId)
                .query((rs, n) -> row(db.tenant(), rs)).optional();
    }

    Optional<Row> rowByHash(CompanyDatabase db, String tokenHash) {
        return db.jdbc().sql("SELECT * FROM share_links WHERE token_hash = :hash").param("hash", tokenHash)
                .query((rs, n) -> row(db.tenant(), rs)).optional();
    }

    private Row row(TenantId tenant, ResultSet rs) throws SQLException {
        String id = rs.getString("id");
        String recipient = rs.getString("recipient");
        int revision = rs.getInt("revision");
        Integer rev = rs.wasNull() ? null : revision;
        return new Row(id, Kind.valueOf(rs.getString("document_type").toUpperCase(java.util.Locale.ROOT)),
                rs.getString("document_id"), rev,
                recipient == null ? null : protection.open(tenant, "share_links", "recipient", id, recipient),
                Instant.ofEpochMilli(rs.getLong("expires_at")), instant(rs, "opened_at"), instant(rs, "spent_at"),
                instant(rs, "revoked_at"), instant(rs, "new_link_requested_at"), rs.getLong("version"),
                Instant.ofEpochMilli(rs.getLong("created_at")), rs.getString("created_by"));
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        long v = rs.getLong(column);
        return rs.wasNull() ? null : Instant.ofEpochMilli(v);
    }

    /** A stored link. */
    record Row(String id, Kind kind, String documentId, Integer revision, String recipient, Instant expiresAt,
               Instant openedAt, Instant spentAt, Instant revokedAt, Instant newLinkRequestedAt, long version,
               Instant createdAt, String createdBy) {

        /** Where the link stands now for {@code document} (its current revision). */
        ShareLink.State state(Shared document, Instant now) {
            if (revokedAt != null) {
                return ShareLink.State.REVOKED;
            }
            if (spentAt != null) {
                return ShareLink.State.SPENT;
            }
            if (revision != null && document.revision() != null && !revision.equals(document.revision())) {
                return ShareLink.State.REPLACED;
            }
            if (!now.isBefore(expiresAt)) {
                return ShareLink.State.EXPIRED;
            }
            return openedAt != null ? ShareLink.State.OPENED : ShareLink.State.SENT;
        }

        ShareLink shown(Shared document, Instant now) {
            return new ShareLink(id, kind, documentId, revision, recipient, state(document, now), createdAt, expiresAt,
                    openedAt, spentAt, revokedAt, createdBy);
        }
    }

    static NotFound notFound() {
        return new NotFound(Message.of("portal.thing.link"));
    }
}
