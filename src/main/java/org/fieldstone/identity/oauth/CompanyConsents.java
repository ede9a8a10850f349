package org.fieldstone.identity.oauth;

import java.util.Optional;
import java.util.stream.Collectors;
import org.fieldstone.identity.SignedIn;
import org.fieldstone.shared.Actor;
import org.fieldstone.shared.Channel;
import org.fieldstone.tenancy.Changes;
import org.fieldstone.tenancy.CompanyDatabase;
import org.fieldstone.tenancy.CompanyDatabases;
import org.fieldstone.tenancy.RecordKey;
import org.fieldstone.tenancy.RecordStore;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationConsent;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationConsentService;
import org.springframework.stereotype.Component;

/** What each user allowed each client, in the issuer's company database, written through the write path. */
@Component
class CompanyConsents implements OAuth2AuthorizationConsentService {

    private final OAuthIssuers issuers;
    private final CompanyDatabases databases;
    private final RecordStore store;

    CompanyConsents(OAuthIssuers issuers, CompanyDatabases databases, RecordStore store) {
        this.issuers = issuers;
        this.databases = databases;
        this.store = store;
    }

    private record Row(String scopes, long version) {
    }

    private static Optional<Row> row(CompanyDatabase db, String id) {
        return db.jdbc().sql("SELECT scopes, version FROM oauth_consents WHERE id = :id").param("id", id)
                .query((rs, i) -> new Row(rs.getString("scopes"), rs.getLong("version"))).optional();
    }

    @Override
    public void save(OAuth2AuthorizationConsent consent) {
        CompanyDatabase db = databases.of(issuers.current().id());
        Actor actor = actor(db);
        String id = consent.getRegisteredClientId() + ":" + consent.getPrincipalName();
        String scopes = consent.getScopes().stream().sorted().collect(Collectors.joining(" "));
        db.inTransaction(() -> {
            Optional<Row> existing = row(db, id);
            if (existing.isEmpty()) {
                store.insert(actor, id, Changes.of(OAuthTables.CONSENTS).set(OAuthTables.CONSENT_CLIENT_ID, consent.getRegisteredClientId())
                        .set(OAuthTables.CONSENT_USER_ID, consent.getPrincipalName()).set(OAuthTables.CONSENT_SCOPES, scopes), "created");
            } else if (!existing.get().scopes().equals(scopes)) {
                store.update(actor, RecordKey.of(id), existing.get().version(),
                        Changes.of(OAuthTables.CONSENTS).set(OAuthTables.CONSENT_SCOPES, scopes));
            }
        });
    }

    @Override
    public void remove(OAuth2AuthorizationConsent consent) {
        CompanyDatabase db = databases.of(issuers.current().id());
        String id = consent.getRegisteredClientId() + ":" + consent.getPrincipalName();
        db.inTransaction(() -> row(db, id).ifPresent(r -> store.delete(actor(db), OAuthTables.CONSENTS, RecordKey.of(id), r.version())));
    }

    @Override
    public OAuth2AuthorizationConsent findById(String registeredClientId, String principalName) {
        CompanyDatabase db = databases.of(issuers.current().id());
        return row(db, registeredClientId + ":" + principalName)
                .filter(r -> !r.scopes().isBlank())
                .map(r -> {
                    OAuth2AuthorizationConsent.Builder b = OAuth2AuthorizationConsent.withId(registeredClientId, principalName);
                    GrantRow.split(r.scopes()).forEach(b::scope);
                    return b.build();
                }).orElse(null);
    }

    private static Actor actor(CompanyDatabase db) {
        Authentication auth = SecurityContextHolder.getContext().getAuthentication();
        return auth != null && auth.getPrincipal() instanceof SignedIn user ? user.actor() : Actor.system(db.tenant(), Channel.SYSTEM);
    }
}
