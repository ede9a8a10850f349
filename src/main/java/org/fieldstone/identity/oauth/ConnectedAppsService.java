package org.fieldstone.identity.oauth;

import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.fieldstone.identity.ConnectedApps;
import org.fieldstone.shared.Actor;
import org.fieldstone.shared.Forbidden;
import org.fieldstone.shared.InvalidInput;
import org.fieldstone.shared.Message;
import org.fieldstone.shared.NotFound;
import org.fieldstone.shared.Permission;
import org.fieldstone.tenancy.Changes;
import org.fieldstone.tenancy.CompanyDatabase;
import org.fieldstone.tenancy.CompanyDatabases;
import org.fieldstone.tenancy.FieldProtection;
import org.fieldstone.tenancy.RecordKey;
import org.fieldstone.tenancy.RecordStore;
import org.springframework.stereotype.Component;

@Component
class ConnectedAppsService implements ConnectedApps {

    static final String CLIENT_PREFIX = "fsc_";
    private static final int MAX_REDIRECT_URIS = 10;

    private final CompanyDatabases databases;
    private final RecordStore store;
    private final Grants grants;
    private final FieldProtection protection;

    ConnectedAppsService(CompanyDatabases databases, RecordStore store, Grants grants, FieldProtection protection) {
        this.databases = databases;
        this.store = store;
        this.grants = grants;
        this.protection = protection;
    }

    @Override
    public Registered register(Actor actor, String name, List<String> redirectUris, boolean confidential) {
        actor.require(Permission.SETTINGS_MANAGE);
        String label = name == null ? "" : name.strip();
        if (label.isEmpty() || label.length() > 100) {
            throw new InvalidInput("name", Message.of("oauth.refused.client-name"));
        }
        Set<String> uris = new LinkedHashSet<>();
        for (String uri : redirectUris == null ? List.<String>of() : redirectUris) {
            if (uri != null && !uri.isBlank()) {
                uris.add(validRedirectUri(uri.strip()));
            }
        }
        if (uris.isEmpty() || uris.size() > MAX_REDIRECT_URIS) {
            throw new InvalidInput("redirectUris", Message.of("oauth.refused.redirect-uris", MAX_REDIRECT_URIS));
        }
        String clientId = CLIENT_PREFIX + Hashes.random().substring(0, 22);
        Optional<String> secret = confidential ? Optional.of("fss_" + Hashes.random()) : Optional.empty();
        String id = store.insert(actor, Changes.of(OAuthTables.CLIENTS).set(OAuthTables.CLIENT_CLIENT_ID, clientId)
                .set(OAuthTables.CLIENT_NAME, label).set(OAuthTables.CLIENT_REDIRECT_URIS, String.join(" ", uris))
                .set(OAuthTables.CLIENT_SECRET_HASH, secret.map(Hashes::sha256).orElse(null))).id();
        App app = find(databases.of(actor.tenant()), id).orElseThrow();
        return new Registered(app, secret);
    }

    /**
     * An exact redirect URI: https, or http on a loopback address (RFC 8252 §7.3); no fragment, no user info, at most
     * 500 characters.
     */
    static String validRedirectUri(String text) {
        try {
            URI uri = new URI(text);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            String host = uri.getHost() == null ? "" : uri.getHost().toLowerCase(Locale.ROOT);
            boolean loopback = host.equals("127.0.0.1") || host.equals("[::1]") || host.equals("localhost");
            if (text.length() <= 500 && uri.isAbsolute() && uri.getRawFragment() == null && uri.getRawUserInfo() == null
                    && !host.isEmpty() && ("https".equals(scheme) || ("http".equals(scheme) && loopback))) {
                return text;
            }
        } catch (java.net.URISyntaxException e) {
            // refused below
        }
        throw new InvalidInput("redirectUris", Message.of("oauth.refused.redirect-uri", text.length() > 100 ? text.substring(0, 100) : text));
    }

    @Override
    public List<App> list(Actor actor) {
        actor.require(Permission.SETTINGS_MANAGE);
        return databases.of(actor.tenant()).jdbc().sql("SELECT * FROM oauth_clients WHERE client_id NOT LIKE 'https://%' ORDER BY created_at DESC")
                .query((rs, i) -> app(rs)).list();
    }

    private static App app(java.sql.ResultSet rs) throws java.sql.SQLException {
        return new App(rs.getString("id"), rs.getString("client_id"), rs.getString("name"),
                List.of(rs.getString("redirect_uris").split(" ")), rs.getString("secret_hash") != null,
                Instant.ofEpochMilli(rs.getLong("created_at")));
    }

    private Optional<App> find(CompanyDatabase db, String id) {
        return db.jdbc().sql("SELECT * FROM oauth_clients WHERE id = :id").param("id", id).query((rs, i) -> app(rs)).optional();
    }

    @Override
    public void remove(Actor actor, String id) {
        actor.require(Permission.SETTINGS_MANAGE);
        CompanyDatabase db = databases.of(actor.tenant());
        db.inTransaction(() -> {
            long version = db.jdbc().sql("SELECT version FROM oauth_clients WHERE id = :id").param("id", id).query(Long.class)
                    .optional().orElseThrow(() -> new NotFound(Message.of("oauth.thing.client")));
            for (String grant : db.jdbc().sql("SELECT id FROM oauth_grants WHERE client_id = :id AND status = 'granted'")
                    .param("id", id).query(String.class).list()) {
                grants.revoke(actor, db, grant, "client_removed");
            }
            for (var consent : db.jdbc().sql("SELECT id, version FROM oauth_consents WHERE client_id = :id").param("id", id)
                    .query((rs, i) -> new String[] {rs.getString("id"), Long.toString(rs.getLong("version"))}).list()) {
                store.delete(actor, OAuthTables.CONSENTS, RecordKey.of(consent[0]), Long.parseLong(consent[1]));
            }
            // the grants stay (revoked) for the record; the client row goes
            store.delete(actor, OAuthTables.CLIENTS, RecordKey.of(id), version, "removed");
        });
    }

    @Override
    public List<Grant> grants(Actor actor) {
        String self = actor.userId().map(Object::toString).orElse("");
        boolean all = actor.can(Permission.SETTINGS_MANAGE);
        CompanyDatabase db = databases.of(actor.tenant());
        List<Grant> out = new ArrayList<>();
        db.jdbc().sql("""
                        SELECT g.id, c.client_id, c.name AS client_name, g.user_id, u.name AS user_name, g.scopes, g.resource,
                               g.updated_at, g.last_used_at
                        FROM oauth_grants g JOIN oauth_clients c ON c.id = g.client_id JOIN users u ON u.id = g.user_id
                        WHERE g.status = 'granted' AND (:all = 1 OR g.user_id = :self)
                        ORDER BY g.updated_at DESC""")
                .param("all", all ? 1 : 0).param("self", self)
                .query((rs, i) -> new Grant(rs.getString("id"), rs.getString("client_id"), rs.getString("client_name"),
                        rs.getString("user_id"), protection.open(db.tenant(), "users", "name", rs.getString("user_id"), rs.getString("user_name")),
                        GrantRow.split(rs.getString("scopes")), rs.getString("resource"),
                        Instant.ofEpochMilli(rs.getLong("updated_at")),
                        GrantRow.longOrNull(rs, "last_used_at") == null ? null : Instant.ofEpochMilli(rs.getLong("last_used_at"))))
                .list().forEach(out::add);
        return out;
    }

    @Override
    public void revoke(Actor actor, String grantId) {
        CompanyDatabase db = databases.of(actor.tenant());
        GrantRow grant = grants.find(db, grantId).filter(GrantRow::granted)
                .orElseThrow(() -> new NotFound(Message.of("oauth.thing.grant")));
        if (!actor.userId().map(u -> u.toString().equals(grant.userId())).orElse(false)) {
            if (!actor.can(Permission.SETTINGS_MANAGE)) {
                throw new NotFound(Message.of("oauth.thing.grant"));
            }
        }
        if (actor.apiKeyId().filter(k -> k.startsWith("oauth:")).isPresent()) {
            throw new Forbidden(Message.of("oauth.refused.revoke-with-token"));
        }
        db.inTransaction(() -> {
            grants.revoke(actor, db, grantId, "revoked");
            // the app asks again next time: a revoked app does not come back silently on the remembered consent
            String consentId = grant.clientId() + ":" + grant.userId();
            db.jdbc().sql("SELECT version FROM oauth_consents WHERE id = :id").param("id", consentId).query(Long.class).optional()
                    .ifPresent(version -> store.delete(actor, OAuthTables.CONSENTS, RecordKey.of(consentId), version, "revoked"));
        });
    }
}
