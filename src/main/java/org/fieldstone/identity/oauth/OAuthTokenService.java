package org.fieldstone.identity.oauth;

import java.time.Clock;
import java.util.Optional;
import org.fieldstone.identity.OAuthTokens;
import org.fieldstone.identity.SignedIn;
import org.fieldstone.shared.Channel;
import org.fieldstone.shared.Role;
import org.fieldstone.shared.TenantId;
import org.fieldstone.shared.UserId;
import org.fieldstone.tenancy.Companies;
import org.fieldstone.tenancy.Company;
import org.fieldstone.tenancy.CompanyDatabase;
import org.fieldstone.tenancy.CompanyDatabases;
import org.fieldstone.tenancy.FieldProtection;
import org.springframework.stereotype.Component;

/**
 * Checks an access token locally: its company from its prefix, then one statement for the token, its grant, its client
 * and its user. Expiry is by the platform clock; revocation (of the token or its grant) counts at once.
 */
@Component
class OAuthTokenService implements OAuthTokens {

    private static final int LENGTH = ACCESS_TOKEN_PREFIX.length() + 32 + 1 + 43;

    private final Companies companies;
    private final CompanyDatabases databases;
    private final FieldProtection protection;
    private final OAuthIssuers issuers;
    private final Clock clock;

    OAuthTokenService(Companies companies, CompanyDatabases databases, FieldProtection protection, OAuthIssuers issuers,
                      Clock clock) {
        this.companies = companies;
        this.databases = databases;
        this.protection = protection;
        this.issuers = issuers;
        this.clock = clock;
    }

    @Override
    public String restApiResource() {
        return issuers.restApi();
    }

    @Override
    public String mcpResource(String companySlug) {
        return issuers.mcp(companySlug);
    }

    private record Found(String grantId, String clientId, String clientName, String scopes, String resource, String userId,
                         String email, String name, Role role, boolean active) {
    }

    private static final String TOKEN = """
            SELECT g.id AS grant_id, c.client_id, c.name AS client_name, g.scopes, g.resource, u.id AS user_id,
                   u.email, u.name, u.role, u.active
            FROM oauth_tokens t JOIN oauth_grants g ON g.id = t.grant_id JOIN oauth_clients c ON c.id = g.client_id
                 JOIN users u ON u.id = g.user_id
            WHERE t.token_hash = :h AND t.kind = 'access' AND t.invalidated_at IS NULL AND t.expires_at > :now
              AND g.status = 'granted'
            """;

    @Override
    public Optional<SignedIn> authenticate(String bearer, String resource, String ip, String userAgent) {
        if (bearer == null || resource == null || bearer.length() != LENGTH || !bearer.startsWith(ACCESS_TOKEN_PREFIX)
                || bearer.charAt(ACCESS_TOKEN_PREFIX.length() + 32) != '_') {
            return Optional.empty();
        }
        TenantId tenant;
        try {
            tenant = TenantId.parse(bearer.substring(ACCESS_TOKEN_PREFIX.length(), ACCESS_TOKEN_PREFIX.length() + 32));
        } catch (RuntimeException e) {
            return Optional.empty();
        }
        Optional<Company> company = companies.find(tenant).filter(Company::isActive);
        if (company.isEmpty()) {
            return Optional.empty();
        }
        CompanyDatabase db = databases.of(company.get().id());
        Optional<Found> found = db.jdbc().sql(TOKEN).param("h", Hashes.sha256(bearer)).param("now", clock.millis())
                .query((rs, i) -> new Found(rs.getString("grant_id"), rs.getString("client_id"), rs.getString("client_name"),
                        rs.getString("scopes"), rs.getString("resource"), rs.getString("user_id"),
                        protection.open(db.tenant(), "users", "email", rs.getString("user_id"), rs.getString("email")),
                        protection.open(db.tenant(), "users", "name", rs.getString("user_id"), rs.getString("name")),
                        Role.valueOf(rs.getString("role")), rs.getBoolean("active")))
                .optional();
        if (found.isEmpty() || !found.get().active() || !resource.equals(found.get().resource())) {
            return Optional.empty();
        }
        Found f = found.get();
        Company c = company.get();
        return Optional.of(new SignedIn(c.id(), c.slug(), c.name(), c.country(), new UserId(java.util.UUID.fromString(f.userId())),
                f.email(), f.name(), f.role(), Optional.empty(), Optional.empty(), Channel.API, ip, userAgent,
                Optional.of(new SignedIn.Delegation(f.grantId(), f.clientId(), f.clientName(),
                        CompanyAuthorizations.permissions(GrantRow.split(f.scopes())), f.resource()))));
    }
}
