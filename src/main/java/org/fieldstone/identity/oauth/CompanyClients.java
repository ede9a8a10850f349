package org.fieldstone.identity.oauth;

import java.time.Duration;
import java.util.Arrays;
import java.util.Optional;
import org.fieldstone.shared.Actor;
import org.fieldstone.shared.Channel;
import org.fieldstone.shared.Permission;
import org.fieldstone.tenancy.Changes;
import org.fieldstone.tenancy.RecordKey;
import org.fieldstone.tenancy.RecordStore;
import org.fieldstone.tenancy.CompanyDatabase;
import org.fieldstone.tenancy.CompanyDatabases;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.settings.ClientSettings;
import org.springframework.security.oauth2.server.authorization.settings.TokenSettings;
import org.springframework.stereotype.Component;

/**
 * The clients of the issuer's company, from its own database (Settings → Connected apps registers them). Every client
 * gets the same rules: authorization code with PKCE (S256) and refresh tokens only, consent, access tokens of ten
 * minutes, refresh tokens rotated on every use.
 */
@Component
class CompanyClients implements RegisteredClientRepository {

    static final Duration ACCESS_TOKEN_TTL = Duration.ofMinutes(10);
    static final Duration REFRESH_TOKEN_TTL = Duration.ofDays(30);
    static final Duration CODE_TTL = Duration.ofMinutes(2);

    private final OAuthIssuers issuers;
    private final CompanyDatabases databases;
    private final ClientMetadataDocuments documents;
    private final RecordStore store;

    CompanyClients(OAuthIssuers issuers, CompanyDatabases databases, ClientMetadataDocuments documents, RecordStore store) {
        this.issuers = issuers;
        this.databases = databases;
        this.documents = documents;
        this.store = store;
    }

    @Override
    public void save(RegisteredClient registeredClient) {
        throw new UnsupportedOperationException("clients are registered in Settings → Connected apps");
    }

    @Override
    public RegisteredClient findById(String id) {
        return find(databases.of(issuers.current().id()), "id", id).orElse(null);
    }

    @Override
    public RegisteredClient findByClientId(String clientId) {
        if (ClientMetadataDocuments.isUrl(clientId)) {
            // a URL names the client's metadata document: the client is what it says, never a registered app
            return documents.resolve(clientId).document().map(CompanyClients::fromDocument).orElse(null);
        }
        return find(databases.of(issuers.current().id()), "client_id", clientId).orElse(null);
    }

    /** The id of the client a metadata document describes: the same in every company, derived from its URL. */
    static String documentClientId(String url) {
        return "cimd-" + Hashes.sha256(url).substring(0, 40);
    }

    static RegisteredClient fromDocument(ClientMetadataDocuments.Document document) {
        return registered(documentClientId(document.clientId()), document.clientId(), document.name(),
                String.join(" ", document.redirectUris()), null);
    }

    /**
     * Records the metadata document's client in the company's database as its user starts an authorization (so its
     * grants are kept and listed like registered apps'); its name and redirect URIs follow the document. Not listed
     * among the registered apps of Settings → Connected apps.
     */
    void remember(CompanyDatabase db, String url) {
        ClientMetadataDocuments.Document document = documents.resolve(url).document()
                .orElseThrow(() -> new IllegalStateException("an authorization of an unreadable client"));
        String id = documentClientId(url);
        String uris = String.join(" ", document.redirectUris());
        Actor system = Actor.system(db.tenant(), Channel.API);
        Optional<Long> version = db.jdbc().sql("SELECT version FROM oauth_clients WHERE id = :id").param("id", id)
                .query(Long.class).optional();
        if (version.isEmpty()) {
            store.insert(system, id, Changes.of(OAuthTables.CLIENTS).set(OAuthTables.CLIENT_CLIENT_ID, url)
                    .set(OAuthTables.CLIENT_NAME, document.name()).set(OAuthTables.CLIENT_REDIRECT_URIS, uris)
                    .set(OAuthTables.CLIENT_SECRET_HASH, null), "created");
            return;
        }
        RegisteredClient known = find(db, "id", id).orElseThrow();
        if (!known.getClientName().equals(document.name())
                || !known.getRedirectUris().equals(new java.util.LinkedHashSet<>(document.redirectUris()))) {
            store.change(system, RecordKey.of(id), version.get(), Changes.of(OAuthTables.CLIENTS)
                    .set(OAuthTables.CLIENT_NAME, document.name()).set(OAuthTables.CLIENT_REDIRECT_URIS, uris), "updated");
        }
    }

    static Optional<RegisteredClient> find(CompanyDatabase db, String column, String value) {
        if (value == null || value.length() > 300) {
            return Optional.empty();
        }
        return db.jdbc().sql("SELECT id, client_id, name, redirect_uris, secret_hash FROM oauth_clients WHERE " + column + " = :v")
                .param("v", value)
                .query((rs, i) -> registered(rs.getString("id"), rs.getString("client_id"), rs.getString("name"),
                        rs.getString("redirect_uris"), rs.getString("secret_hash")))
                .optional();
    }

    static RegisteredClient registered(String id, String clientId, String name, String redirectUris, String secretHash) {
        RegisteredClient.Builder builder = RegisteredClient.withId(id).clientId(clientId).clientName(name)
                .authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
                .authorizationGrantType(AuthorizationGrantType.REFRESH_TOKEN)
                .redirectUris(uris -> uris.addAll(Arrays.asList(redirectUris.split(" "))))
                .scopes(scopes -> Arrays.stream(Permission.values()).map(Permission::code).forEach(scopes::add))
                .clientSettings(ClientSettings.builder().requireProofKey(true).requireAuthorizationConsent(true).build())
                .tokenSettings(TokenSettings.builder().accessTokenTimeToLive(ACCESS_TOKEN_TTL)
                        .refreshTokenTimeToLive(REFRESH_TOKEN_TTL).authorizationCodeTimeToLive(CODE_TTL)
                        .reuseRefreshTokens(false).build());
        if (secretHash == null) {
            builder.clientAuthenticationMethod(ClientAuthenticationMethod.NONE);
        } else {
            builder.clientSecret(secretHash)
                    .clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_BASIC)
                    .clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_POST);
        }
        return builder.build();
    }
}
