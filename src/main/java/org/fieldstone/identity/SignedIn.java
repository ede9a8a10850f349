package org.fieldstone.identity;

import java.io.Serial;
import java.io.Serializable;
import java.util.Optional;
import org.fieldstone.shared.Actor;
import org.fieldstone.shared.Channel;
import org.fieldstone.shared.Role;
import org.fieldstone.shared.TenantId;
import org.fieldstone.shared.UserId;

/**
 * The authenticated principal of a request: a user of one company, through a session or an API key.
 * Built afresh on every request from the company database, so a role change or deactivation counts at once.
 * {@code companyCountry} (ISO 3166-1 alpha-2) is the company's own country, e.g. for showing phone numbers.
 */
public record SignedIn(TenantId tenant, String companySlug, String companyName, String companyCountry, UserId userId, String email,
                       String name, Role role, Optional<String> apiKeyId, Optional<String> sessionId,
                       Channel channel, String ip, String userAgent) implements Serializable {

    @Serial
    private static final long serialVersionUID = 1L;

    public Actor actor() {
        return new Actor(tenant, Optional.of(userId), name, role, apiKeyId, channel, ip, userAgent);
    }
}
