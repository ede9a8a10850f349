package org.fieldstone.crypto;

import java.time.Duration;
import java.util.List;

/**
 * The keys of every company and of the platform, and the operations on data that need them.
 *
 * <p>Ciphertexts are text: {@code <key id, 8 hex digits>.<base64url Tink ciphertext>}, so which key sealed a
 * value can be seen (and counted in SQL) without opening it. Blind indexes likewise:
 * {@code <PRF key id>.<base64url of 16 bytes of HMAC-SHA256>}.
 */
public interface KeyRing {

    /** Creates an owner's keys (at provisioning); refused if it has keys. */
    void create(KeyOwner owner);

    boolean exists(KeyOwner owner);

    /** AEAD under the owner's primary key, bound to {@code associatedData}. */
    String encrypt(KeyOwner owner, String plaintext, byte[] associatedData);

    /** @throws CryptoFailure when the value does not open with these associated data and the owner's keys */
    String decrypt(KeyOwner owner, String ciphertext, byte[] associatedData);

    /** The prefix every ciphertext under the current primary key starts with. */
    String ciphertextPrefix(KeyOwner owner);

    /** The blind index of {@code value} in {@code domain} (e.g. {@code clients.email}) under the primary PRF key. */
    String blindIndex(KeyOwner owner, String domain, String value);

    /** The blind indexes of a value under every enabled PRF key (primary first): what a lookup searches for. */
    List<String> blindIndexes(KeyOwner owner, String domain, String value);

    /** The prefix every blind index under the current primary PRF key starts with. */
    String blindIndexPrefix(KeyOwner owner);

    /** A new random data key, returned wrapped under the owner's primary key (bound to {@code associatedData}). */
    String newDataKey(KeyOwner owner, byte[] associatedData);

    /** Unwraps a data key made by {@link #newDataKey}. */
    DataKey dataKey(KeyOwner owner, String wrapped, byte[] associatedData);

    KeyStatus status(KeyOwner owner);

    /** Adds a new primary field key and index key; the old ones still open and find old data. */
    KeyStatus rotate(KeyOwner owner);

    /** Disables every key that is not primary (when no data uses them any more); records when. */
    KeyStatus retire(KeyOwner owner);

    /** Destroys keys disabled for longer than {@code grace}; returns how many. */
    int destroyRetired(KeyOwner owner, Duration grace);

    /** Destroys all of an owner's keys: whatever they protected can no longer be read (crypto-shredding). */
    void shred(KeyOwner owner);

    List<KeyOwner> owners();
}
