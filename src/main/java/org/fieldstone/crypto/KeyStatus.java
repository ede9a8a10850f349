package org.fieldstone.crypto;

import java.time.Instant;
import java.util.List;

/**
 * The keys of one owner: which are primary (new data is encrypted/indexed with them), which still open or
 * find old data, which are disabled and since when (destroyed after the grace period).
 */
public record KeyStatus(String owner, String masterKeyId, Instant rotatedAt, List<Key> keys) {

    public enum Purpose { FIELDS, INDEX }

    public enum State { PRIMARY, ENABLED, DISABLED }

    public record Key(Purpose purpose, String id, State state, Instant disabledAt) {
    }

    /** True while data may still be under an older key: more than one enabled key of a purpose. */
    public boolean rotating() {
        return keys.stream().anyMatch(k -> k.state() == State.ENABLED);
    }
}
