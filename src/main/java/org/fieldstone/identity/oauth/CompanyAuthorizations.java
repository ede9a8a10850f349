package org.fieldstone.identity.oauth;

import java.security.Principal;
import java.time.Clock;
import java.time.Instant;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.fieldstone.identity.SignedIn;
import org.fieldstone.shared.Actor;
import org.fieldstone.shared.Channel;
import org.fieldstone.shared.Permission;
import org.fieldstone.tenancy.Company;
import org.fieldstone.tenancy.CompanyDatabase;
import org.fieldstone.tenancy.CompanyDatabases;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.OAuth2AccessToken;
import org.springframework.security.oauth2.core.OAuth2RefreshToken;
import org.springframework.security.oauth2.core.OAuth2Token;
import org.springframework.security.oauth2.core.endpoint.OAuth2AuthorizationRequest;
import org.springframework.security.oauth2.core.endpoint.OAuth2ParameterNames;
import org.springframework.security.oauth2.core.endpoint.PkceParameterNames;
import org.springframework.security.oauth2.server.authorization.OAuth2Authorization;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationCode;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationService;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenType;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.stereotype.Component;

/**
 * Spring Authorization Server's authorizations, kept in the issuer's company database with every secret hashed: the
 * consent state, the code and the tokens are looked up by SHA-256 of the presented value, and an authorization read
 * back carries only the one secret that was presented. A code presented a second time, or a refresh token presented
 * after it was rotated, revokes the whole grant (RFC 9700 §2.2.2, §4.14.2).
 */
@Component
class CompanyAuthorizations implements OAuth2AuthorizationService {

    static final OAuth2TokenType STATE = new OAuth2TokenType(OAuth2ParameterNames.STATE);
    static final OAuth2TokenType CODE = new OAuth2TokenType(OAuth2ParameterNames.CODE);
    static final String RESOURCE = "resource";

    private final OAuthIssuers issuers;
    private final CompanyDatabases databases;
    private final Grants grants;
    private final Clock clock;
    private final CompanyClients clients;

    CompanyAuthorizations(OAuthIssuers issuers, CompanyDatabases databases, Grants grants, Clock clock, CompanyClients clients) {
        this.clients = clients;
        this.issuers = issuers;
        this.databases = databases;
        this.grants = grants;
        this.clock = clock;
    }

    @Override
    public void save(OAuth2Authorization authorization) {
        Company company = issuers.current();
        CompanyDatabase db = databases.of(company.id());
        db.inTransaction(() -> {
            long now = clock.millis();
            String state = authorization.getAttribute(OAuth2ParameterNames.STATE);
            Optional<GrantRow> found = grants.find(db, authorization.getId());
            if (found.isEmpty()) {
                OAuth2AuthorizationRequest request = authorization.getAttribute(OAuth2AuthorizationRequest.class.getName());
                if (request == null) {
                    throw new IllegalStateException("an authorization without its request");
                }
                if (ClientMetadataDocuments.isUrl(request.getClientId())) {
                    clients.remember(db, request.getClientId());
                }
                Map<String, Object> extra = request.getAdditionalParameters();
                OAuthBookkeeping.insertPending(db, new OAuthBookkeeping.Pending(authorization.getId(),
                        authorization.getRegisteredClientId(), authorization.getPrincipalName(),
                        String.join(" ", authorization.getAuthorizedScopes()), resourceOf(request), request.getRedirectUri(),
                        String.join(" ", request.getScopes()), request.getState(),
                        (String) extra.get(PkceParameterNames.CODE_CHALLENGE),
                        (String) extra.get(PkceParameterNames.CODE_CHALLENGE_METHOD),
                        state == null ? null : Hashes.sha256(state)), now);
                found = grants.find(db, authorization.getId());
            } else if (state != null) {
                OAuthBookkeeping.consentState(db, authorization.getId(), Hashes.sha256(state));
            }
            GrantRow row = found.orElseThrow();

            OAuth2Authorization.Token<OAuth2AuthorizationCode> code = authorization.getToken(OAuth2AuthorizationCode.class);
            if (code != null && row.codeHash() == null) {
                OAuthBookkeeping.code(db, row.id(), Hashes.sha256(code.getToken().getTokenValue()),
                        millis(code.getToken().getIssuedAt(), now), millis(code.getToken().getExpiresAt(), now));
                // the user is the one approving at the authorization endpoint: never more than their role allows
                // (after the consent page the stored principal is a name only: the request's is the signed-in user)
                Authentication principal = authorization.getAttribute(Principal.class.getName());
                if (principal == null || !(principal.getPrincipal() instanceof SignedIn)) {
                    principal = SecurityContextHolder.getContext().getAuthentication();
                }
                if (!(principal != null && principal.getPrincipal() instanceof SignedIn user)
                        || !user.userId().toString().equals(row.userId())) {
                    throw new IllegalStateException("a code without its user");
                }
                String scopes = withinRole(user, authorization.getAuthorizedScopes());
                grants.grant(user.actor(), db, grants.find(db, row.id()).orElseThrow(), scopes);
            }
            if (code != null && code.isInvalidated()) {
                OAuthBookkeeping.codeUsed(db, row.id(), now);
            }
            OAuth2Authorization.Token<OAuth2AccessToken> access = authorization.getToken(OAuth2AccessToken.class);
            if (access != null) {
                saveToken(db, row, "access", access, now);
            }
            OAuth2Authorization.Token<OAuth2RefreshToken> refresh = authorization.getToken(OAuth2RefreshToken.class);
            if (refresh != null) {
                saveToken(db, row, "refresh", refresh, now);
            }
        });
    }

    private void saveToken(CompanyDatabase db, GrantRow row, String kind, OAuth2Authorization.Token<? extends OAuth2Token> token,
                           long now) {
        String hash = Hashes.sha256(token.getToken().getTokenValue());
        boolean known = db.jdbc().sql("SELECT COUNT(*) FROM oauth_tokens WHERE token_hash = :h").param("h", hash)
                .query(Long.class).single() > 0;
        if (!known) {
            OAuthBookkeeping.token(db, row.id(), kind, hash, millis(token.getToken().getIssuedAt(), now),
                    millis(token.getToken().getExpiresAt(), now));
            if ("refresh".equals(kind)) {
                OAuthBookkeeping.rotated(db, row.id(), hash, now);
            }
        } else if (token.isInvalidated()) {
            // the revocation endpoint (RFC 7009): a refresh token ends its grant, an access token itself
            if ("refresh".equals(kind)) {
                grants.revoke(Actor.system(db.tenant(), Channel.API), db, row.id(), "revoked_by_client");
            } else {
                OAuthBookkeeping.invalidate(db, hash, now);
            }
        }
    }

    /** The scopes as granted: those the user's role holds; the rest are dropped (docs/security.md). */
    static String withinRole(SignedIn user, Set<String> requested) {
        Set<String> held = user.role().permissions().stream().map(Permission::code).collect(Collectors.toSet());
        return requested.stream().filter(held::contains).sorted().collect(Collectors.joining(" "));
    }

    @Override
    public void remove(OAuth2Authorization authorization) {
        CompanyDatabase db = databases.of(issuers.current().id());
        db.inTransaction(() -> OAuthBookkeeping.removePending(db, authorization.getId()));
    }

    @Override
    public OAuth2Authorization findById(String id) {
        CompanyDatabase db = databases.of(issuers.current().id());
        return grants.find(db, id).filter(row -> clientExists(db, row)).map(row -> build(db, row).build()).orElse(null);
    }

    @Override
    public OAuth2Authorization findByToken(String token, OAuth2TokenType tokenType) {
        if (token == null || token.isEmpty() || token.length() > 512) {
            return null;
        }
        CompanyDatabase db = databases.of(issuers.current().id());
        String hash = Hashes.sha256(token);
        if (tokenType == null) {
            for (OAuth2TokenType type : List.of(OAuth2TokenType.ACCESS_TOKEN, OAuth2TokenType.REFRESH_TOKEN, CODE, STATE)) {
                OAuth2Authorization found = findByToken(token, type);
                if (found != null) {
                    return found;
                }
            }
            return null;
        }
        if (STATE.equals(tokenType)) {
            return db.jdbc().sql("SELECT " + GrantRow.COLUMNS + " FROM oauth_grants g WHERE g.consent_state_hash = :h AND g.status = 'pending'")
                    .param("h", hash).query((rs, i) -> GrantRow.of(rs)).optional().filter(row -> clientExists(db, row))
                    .map(row -> build(db, row).attribute(OAuth2ParameterNames.STATE, token).build()).orElse(null);
        }
        if (CODE.equals(tokenType)) {
            Optional<GrantRow> row = db.jdbc().sql("SELECT " + GrantRow.COLUMNS + " FROM oauth_grants g WHERE g.code_hash = :h")
                    .param("h", hash).query((rs, i) -> GrantRow.of(rs)).optional();
            if (row.isEmpty() || !clientExists(db, row.get())) {
                return null;
            }
            GrantRow g = row.get();
            boolean used = g.codeUsedAt() != null || !g.granted();
            if (g.codeUsedAt() != null && g.granted()) {
                // a code presented again: whoever holds it may have stolen it — end everything issued from it
                grants.revoke(Actor.system(db.tenant(), Channel.API), db, g.id(), "code_reused");
            }
            OAuth2AuthorizationCode code = new OAuth2AuthorizationCode(token, instant(g.codeIssuedAt()), instant(g.codeExpiresAt()));
            return build(db, g).token(code, m -> m.put(OAuth2Authorization.Token.INVALIDATED_METADATA_NAME, used)).build();
        }
        String kind = OAuth2TokenType.ACCESS_TOKEN.equals(tokenType) ? "access"
                : OAuth2TokenType.REFRESH_TOKEN.equals(tokenType) ? "refresh" : null;
        if (kind == null) {
            return null;
        }
        record Found(GrantRow grant, long issuedAt, long expiresAt, Long invalidatedAt) {
        }
        Optional<Found> found = db.jdbc().sql("SELECT " + GrantRow.COLUMNS + ", t.issued_at, t.expires_at, t.invalidated_at "
                        + "FROM oauth_tokens t JOIN oauth_grants g ON g.id = t.grant_id WHERE t.token_hash = :h AND t.kind = :kind")
                .param("h", hash).param("kind", kind)
                .query((rs, i) -> new Found(GrantRow.of(rs), rs.getLong("issued_at"), rs.getLong("expires_at"),
                        GrantRow.longOrNull(rs, "invalidated_at"))).optional();
        if (found.isEmpty() || !clientExists(db, found.get().grant())) {
            return null;
        }
        Found f = found.get();
        if ("refresh".equals(kind) && f.invalidatedAt() != null && f.grant().granted()) {
            // a rotated refresh token presented again (RFC 9700 §4.14.2): the family ends, audited
            grants.revoke(Actor.system(db.tenant(), Channel.API), db, f.grant().id(), "refresh_token_reused");
        }
        boolean invalid = f.invalidatedAt() != null || !f.grant().granted();
        OAuth2Token value = "access".equals(kind)
                ? new OAuth2AccessToken(OAuth2AccessToken.TokenType.BEARER, token, Instant.ofEpochMilli(f.issuedAt()),
                Instant.ofEpochMilli(f.expiresAt()), f.grant().scopeSet())
                : new OAuth2RefreshToken(token, Instant.ofEpochMilli(f.issuedAt()), Instant.ofEpochMilli(f.expiresAt()));
        return build(db, f.grant()).token(value, m -> m.put(OAuth2Authorization.Token.INVALIDATED_METADATA_NAME, invalid)).build();
    }

    /** A removed client's grants are revoked and their requests unknown: nothing is found for them. */
    private static boolean clientExists(CompanyDatabase db, GrantRow row) {
        return CompanyClients.find(db, "id", row.clientId()).isPresent();
    }

    private OAuth2Authorization.Builder build(CompanyDatabase db, GrantRow row) {
        RegisteredClient client = CompanyClients.find(db, "id", row.clientId())
                .orElseThrow(() -> new IllegalStateException("a grant of a removed client"));
        Map<String, Object> extra = new HashMap<>();
        if (row.codeChallenge() != null) {
            extra.put(PkceParameterNames.CODE_CHALLENGE, row.codeChallenge());
            extra.put(PkceParameterNames.CODE_CHALLENGE_METHOD, row.challengeMethod());
        }
        extra.put(RESOURCE, row.resource());
        OAuth2AuthorizationRequest request = OAuth2AuthorizationRequest.authorizationCode()
                .authorizationUri(issuers.issuer(issuers.current().slug()) + "/oauth2/authorize")
                .clientId(client.getClientId()).redirectUri(row.redirectUri()).scopes(GrantRow.split(row.requestedScopes()))
                .state(row.clientState()).additionalParameters(extra).build();
        return OAuth2Authorization.withRegisteredClient(client).id(row.id()).principalName(row.userId())
                .authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
                .authorizedScopes(row.scopeSet())
                .attribute(OAuth2AuthorizationRequest.class.getName(), request)
                .attribute(Principal.class.getName(), UsernamePasswordAuthenticationToken.authenticated(row.userId(), null, List.of()));
    }

    /** The resource the request named (validated by {@link ResourceIndicators}), or the REST API when it named none. */
    String resourceOf(OAuth2AuthorizationRequest request) {
        Object named = request.getAdditionalParameters().get(RESOURCE);
        return named instanceof String s && !s.isBlank() ? s : issuers.restApi();
    }

    private static long millis(Instant instant, long fallback) {
        return instant == null ? fallback : instant.toEpochMilli();
    }

    private static Instant instant(Long millis) {
        return millis == null ? Instant.EPOCH : Instant.ofEpochMilli(millis);
    }

    static Set<Permission> permissions(Set<String> codes) {
        EnumSet<Permission> out = EnumSet.noneOf(Permission.class);
        for (Permission p : Permission.values()) {
            if (codes.contains(p.code())) {
                out.add(p);
            }
        }
        return out;
    }
}
