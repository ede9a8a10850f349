package org.fieldstone.shared;

import java.util.Objects;
import java.util.UUID;

/**
 * Identifies one company (tenant). Its compact form (32 lower-case hex digits) names the company's
 * database and appears in session cookies and API keys, which is how a request finds its company.
 */
public record TenantId(UUID value) {

    public TenantId {
        Objects.requireNonNull(value, "tenant id");
    }

    public static TenantId random() {
        return new TenantId(UUID.randomUUID());
    }

    /** Parses the canonical UUID form or the compact 32-hex-digit form; throws {@link InvalidInput}. */
    public static TenantId parse(String text) {
        if (text == null) {
            throw new InvalidInput("tenantId", Message.of("shared.refused.tenant-id-required"));
        }
        String t = text.trim();
        try {
            if (t.length() == 32 && t.chars().allMatch(c -> Character.digit(c, 16) >= 0)) {
                return new TenantId(new UUID(Long.parseUnsignedLong(t.substring(0, 16), 16),
                        Long.parseUnsignedLong(t.substring(16), 16)));
            }
            return new TenantId(UUID.fromString(t));
        } catch (IllegalArgumentException e) {
            throw new InvalidInput("tenantId", Message.of("shared.refused.tenant-id"));
        }
    }

    public String compact() {
        return value.toString().replace("-", "");
    }

    @Override
    public String toString() {
        return value.toString();
    }
}
