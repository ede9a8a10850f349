package org.fieldstone.crypto;

/**
 * A data key of envelope encryption: it seals values, and is itself kept only wrapped under an owner's key
 * ({@link KeyRing#newDataKey}). Rotating the owner's key re-wraps the data key; the values it sealed stay as
 * they are (which is what an append-only, hash-chained record needs).
 */
public interface DataKey {

    String encrypt(String plaintext, byte[] associatedData);

    /** @throws CryptoFailure when the value does not open with these associated data */
    String decrypt(String ciphertext, byte[] associatedData);
}
