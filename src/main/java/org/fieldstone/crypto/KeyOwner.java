package org.fieldstone.crypto;

import java.util.Objects;
import org.fieldstone.shared.TenantId;

/** Whose keys: one company's, or the platform's (for platform-wide secrets). */
public record KeyOwner(String id) {

    public static final KeyOwner PLATFORM = new KeyOwner("platform");

    public KeyOwner {
        Objects.requireNonNull(id, "key owner");
    }

    public static KeyOwner of(TenantId tenant) {
        return new KeyOwner(tenant.compact());
    }

    @Override
    public String toString() {
        return id;
    }
}
