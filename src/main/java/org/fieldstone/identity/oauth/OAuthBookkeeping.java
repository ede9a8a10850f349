package org.fieldstone.identity.oauth;

import org.fieldstone.tenancy.CompanyDatabase;

/**
 * The authorization server's bookkeeping, written beside the write path (a named writer in {@code WritePathTests}):
 * a pending authorization request, its code, the tokens issued from a grant and their rotation, and when a grant was
 * last used. These are written on every authorization and token request; what is business-like — a grant given,
 * revoked, a client registered or removed, a consent — goes through the write path and is audited
 * ({@link OAuthTables}).
 */
final class OAuthBookkeeping {

    private OAuthBookkeeping() {
    }

    record Pending(String id, String clientId, String userId, String scopes, String resource, String redirectUri,
                   String requestedScopes, String clientState, String codeChallenge, String challengeMethod,
                   String consentStateHash) {
    }

    static void insertPending(CompanyDatabase db, Pending p, long now) {
        db.jdbc().sql("""
                        INSERT INTO oauth_grants (id, client_id, user_id, status, scopes, resource, redirect_uri,
                            requested_scopes, client_state, code_challenge, challenge_method, consent_state_hash,
                            created_at, created_by, updated_at, updated_by, version)
                        VALUES (:id, :client, :user, 'pending', :scopes, :resource, :redirect, :requested, :state,
                            :challenge, :method, :consent, :now, :user, :now, :user, 1)
                        """)
                .param("id", p.id()).param("client", p.clientId()).param("user", p.userId()).param("scopes", p.scopes())
                .param("resource", p.resource()).param("redirect", p.redirectUri()).param("requested", p.requestedScopes())
                .param("state", p.clientState()).param("challenge", p.codeChallenge()).param("method", p.challengeMethod())
                .param("consent", p.consentStateHash()).param("now", now).update();
    }

    static void consentState(CompanyDatabase db, String grantId, String consentStateHash) {
        db.jdbc().sql("UPDATE oauth_grants SET consent_state_hash = :h WHERE id = :id")
                .param("h", consentStateHash).param("id", grantId).update();
    }

    /** The code of a grant: its hash and lifetime; the consent state is spent with it. */
    static void code(CompanyDatabase db, String grantId, String codeHash, long issuedAt, long expiresAt) {
        db.jdbc().sql("""
                        UPDATE oauth_grants SET code_hash = :h, code_issued_at = :issued, code_expires_at = :expires,
                            consent_state_hash = NULL WHERE id = :id""")
                .param("h", codeHash).param("issued", issuedAt).param("expires", expiresAt).param("id", grantId).update();
    }

    static void codeUsed(CompanyDatabase db, String grantId, long now) {
        db.jdbc().sql("UPDATE oauth_grants SET code_used_at = :now WHERE id = :id AND code_used_at IS NULL")
                .param("now", now).param("id", grantId).update();
    }

    static void token(CompanyDatabase db, String grantId, String kind, String tokenHash, long issuedAt, long expiresAt) {
        db.jdbc().sql("""
                        INSERT INTO oauth_tokens (token_hash, grant_id, kind, issued_at, expires_at)
                        VALUES (:h, :grant, :kind, :issued, :expires)""")
                .param("h", tokenHash).param("grant", grantId).param("kind", kind).param("issued", issuedAt)
                .param("expires", expiresAt).update();
        db.jdbc().sql("UPDATE oauth_grants SET last_used_at = :now WHERE id = :id").param("now", issuedAt)
                .param("id", grantId).update();
    }

    /** Rotation: every other live refresh token of the grant stops working (one presented again revokes the grant). */
    static void rotated(CompanyDatabase db, String grantId, String keepHash, long now) {
        db.jdbc().sql("""
                        UPDATE oauth_tokens SET invalidated_at = :now
                        WHERE grant_id = :grant AND kind = 'refresh' AND token_hash <> :keep AND invalidated_at IS NULL""")
                .param("now", now).param("grant", grantId).param("keep", keepHash).update();
    }

    static void invalidate(CompanyDatabase db, String tokenHash, long now) {
        db.jdbc().sql("UPDATE oauth_tokens SET invalidated_at = :now WHERE token_hash = :h AND invalidated_at IS NULL")
                .param("now", now).param("h", tokenHash).update();
    }

    static void invalidateAll(CompanyDatabase db, String grantId, long now) {
        db.jdbc().sql("UPDATE oauth_tokens SET invalidated_at = :now WHERE grant_id = :grant AND invalidated_at IS NULL")
                .param("now", now).param("grant", grantId).update();
    }

    /** A pending request the user denied or that was abandoned. */
    static void removePending(CompanyDatabase db, String grantId) {
        db.jdbc().sql("DELETE FROM oauth_grants WHERE id = :id AND status = 'pending'").param("id", grantId).update();
    }
}
