package org.fieldstone.crypto;

import java.util.List;
import java.util.Optional;

/**
 * Where wrapped keysets are kept (the control plane). Implemented outside this module; every keyset
 * arrives here already encrypted under the master key.
 */
public interface KeysetStore {

    Optional<StoredKeyset> find(String owner);

    /** @throws RuntimeException when the owner has a keyset already */
    void insert(StoredKeyset keyset);

    /** Replaces a keyset if it is still at {@code expectedVersion}; false when someone else changed it. */
    boolean update(StoredKeyset keyset, long expectedVersion);

    void delete(String owner);

    List<String> owners();

    /**
     * @param aead        the AEAD keyset (Tink JSON, encrypted under the master key)
     * @param prf         the PRF keyset for blind indexes (likewise)
     * @param masterKeyId which master key wrapped both
     * @param retired     keys disabled after a rotation and when: {@code id:epochMillis} comma-separated
     * @param rotatedAt   when the newest primary keys were added (epoch milliseconds), or 0
     */
    record StoredKeyset(String owner, String aead, String prf, String masterKeyId, String retired, long rotatedAt,
                        long version) {
    }
}
