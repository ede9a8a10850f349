package org.fieldstone.portal.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.fieldstone.portal.ShareLinks;
import org.fieldstone.tenancy.CompanyDatabase;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Portal sessions in the company's database ({@code portal_sessions}): made by a share link's exchange, scoped to that
 * link's document, ended by the idle timeout (30 minutes by default), the absolute lifetime (7 days), or the link's
 * revocation. The cookie holds {@code <company id>.<secret>}; the table keeps the secret's SHA-256.
 */
@Component
class PortalSessions {

    /** last_seen_at is written at most this often, not on every request. */
    private static final long TOUCH_EVERY_MILLIS = 30_000;

    private final Duration idle;
    private final Duration absolute;

    PortalSessions(@Value("${fieldstone.portal.session.idle-timeout:PT30M}") Duration idle,
                   @Value("${fieldstone.portal.session.absolute-timeout:P7D}") Duration absolute) {
        this.idle = idle;
        this.absolute = absolute;
    }

    /** A session of the portal as read. */
    record Session(String idHash, String linkId, ShareLinks.Kind kind, String documentId, Instant createdAt,
                   Instant lastSeenAt, Instant expiresAt) {
    }

    Duration absolute() {
        return absolute;
    }

    /** Opens a session for the link's document (in the caller's transaction); returns its secret. */
    String open(CompanyDatabase db, String linkId, ShareLinks.Kind kind, String documentId, Instant now, String ip,
                String userAgent) {
        String secret = Tokens.sessionSecret();
        db.jdbc().sql("""
                        INSERT INTO portal_sessions (id_hash, link_id, document_type, document_id, created_at, last_seen_at,
                                                     expires_at, ip, user_agent)
                        VALUES (:hash, :link, :type, :doc, :now, :now, :expires, :ip, :ua)""")
                .param("hash", Tokens.hash(secret)).param("link", linkId).param("type", kind.code())
                .param("doc", documentId).param("now", now.toEpochMilli())
                .param("expires", now.plus(absolute).toEpochMilli()).param("ip", clip(ip, 64))
                .param("ua", clip(userAgent, 300)).update();
        return secret;
    }

    /** The live session of {@code secret} (not ended, not idle too long, not past its lifetime), touched. */
    Optional<Session> find(CompanyDatabase db, String secret, Instant now) {
        Optional<Session> found = db.jdbc().sql("""
                        SELECT id_hash, link_id, document_type, document_id, created_at, last_seen_at, expires_at
                        FROM portal_sessions WHERE id_hash = :hash AND ended_at IS NULL""")
                .param("hash", Tokens.hash(secret))
                .query((rs, n) -> new Session(rs.getString(1), rs.getString(2),
                        ShareLinks.Kind.valueOf(rs.getString(3).toUpperCase(java.util.Locale.ROOT)), rs.getString(4),
                        Instant.ofEpochMilli(rs.getLong(5)), Instant.ofEpochMilli(rs.getLong(6)),
                        Instant.ofEpochMilli(rs.getLong(7))))
                .optional()
                .filter(s -> now.isBefore(s.expiresAt()) && now.isBefore(s.lastSeenAt().plus(idle)));
        found.filter(s -> now.toEpochMilli() - s.lastSeenAt().toEpochMilli() > TOUCH_EVERY_MILLIS)
                .ifPresent(s -> db.jdbc().sql("UPDATE portal_sessions SET last_seen_at = :now WHERE id_hash = :hash")
                        .param("now", now.toEpochMilli()).param("hash", s.idHash()).update());
        return found;
    }

    /** Ends every session made with a link (it was revoked). */
    void endAll(CompanyDatabase db, String linkId, Instant now) {
        db.jdbc().sql("UPDATE portal_sessions SET ended_at = :now WHERE link_id = :link AND ended_at IS NULL")
                .param("now", now.toEpochMilli()).param("link", linkId).update();
    }

    /** Ends one session (the customer left, or it is replaced by a newer one in the same browser). */
    void end(CompanyDatabase db, String secret, Instant now) {
        db.jdbc().sql("UPDATE portal_sessions SET ended_at = :now WHERE id_hash = :hash AND ended_at IS NULL")
                .param("now", now.toEpochMilli()).param("hash", Tokens.hash(secret)).update();
    }

    private static String clip(String text, int max) {
        return text == null ? null : text.length() > max ? text.substring(0, max) : text;
    }
}
