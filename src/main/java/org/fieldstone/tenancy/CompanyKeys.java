package org.fieldstone.tenancy;

import java.util.function.LongConsumer;
import org.fieldstone.crypto.KeyStatus;
import org.fieldstone.shared.Actor;
import org.fieldstone.shared.TenantId;

/**
 * Rotation of a company's keys (ASVS 11.2.2). {@link #rotate} adds new primary keys; a background job then
 * re-encrypts every value and rebuilds every blind index still under an old key, in small transactions that
 * check the value has not changed meanwhile (so the company stays usable and nothing is lost), resuming where
 * it stopped after a restart. When nothing remains the old keys are disabled, and destroyed after a grace period.
 */
public interface CompanyKeys {

    /** Adds new primary keys (audited); the re-encryption starts in the background. */
    Status rotate(Actor operator, TenantId tenant);

    Status status(TenantId tenant);

    /**
     * Re-encrypts in the calling thread until nothing remains (what the background job does), reporting the
     * number remaining after each batch; then disables the old keys. Returns how many values were re-encrypted.
     */
    long reencrypt(TenantId tenant, LongConsumer remaining);

    /** @param remaining values and index entries still under an old key (0: the rotation is complete) */
    record Status(KeyStatus keys, long remaining) {
    }
}
