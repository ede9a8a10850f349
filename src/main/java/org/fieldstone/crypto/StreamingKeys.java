package org.fieldstone.crypto;

import com.google.crypto.tink.InsecureSecretKeyAccess;
import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.RegistryConfiguration;
import com.google.crypto.tink.StreamingAead;
import com.google.crypto.tink.TinkJsonProtoKeysetFormat;
import com.google.crypto.tink.streamingaead.PredefinedStreamingAeadParameters;
import com.google.crypto.tink.streamingaead.StreamingAeadConfig;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.security.GeneralSecurityException;

/**
 * Keys for large content (files): Tink's streaming AEAD ({@code AES256_GCM_HKDF_1MB}, segments of 1 MiB each
 * authenticated), so content of any size is encrypted and opened as a stream, never held or written whole in
 * plaintext. A key is a Tink keyset as text ({@link #newKey()}); its owner keeps it sealed under the company's own
 * key (the files module: a sealed secret column), so rotating the company's keys re-seals it and crypto-shredding the
 * company makes it — and so every ciphertext under it — unreadable. No cryptography here is hand-written.
 */
public final class StreamingKeys {

    static {
        try {
            StreamingAeadConfig.register();
        } catch (GeneralSecurityException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private StreamingKeys() {
    }

    /** A new random streaming key, as a Tink JSON keyset: a secret, to be sealed by whoever keeps it. */
    public static String newKey() {
        try {
            KeysetHandle key = KeysetHandle.generateNew(PredefinedStreamingAeadParameters.AES256_GCM_HKDF_1MB);
            return TinkJsonProtoKeysetFormat.serializeKeyset(key, InsecureSecretKeyAccess.get());
        } catch (GeneralSecurityException e) {
            throw new CryptoFailure("Could not make a streaming key", e);
        }
    }

    /** Opens a key made by {@link #newKey()}. */
    public static StreamingKey open(String keyset) {
        try {
            KeysetHandle handle = TinkJsonProtoKeysetFormat.parseKeyset(keyset, InsecureSecretKeyAccess.get());
            return new StreamingKey(handle.getPrimitive(RegistryConfiguration.get(), StreamingAead.class));
        } catch (GeneralSecurityException e) {
            throw new CryptoFailure("Not a streaming key", e);
        }
    }

    /** One opened streaming key. */
    public static final class StreamingKey {

        private final StreamingAead aead;

        private StreamingKey(StreamingAead aead) {
            this.aead = aead;
        }

        /** A stream that encrypts what is written to it into {@code ciphertext}, bound to {@code associatedData}. */
        public OutputStream encrypting(OutputStream ciphertext, byte[] associatedData) throws IOException {
            try {
                return aead.newEncryptingStream(ciphertext, associatedData);
            } catch (GeneralSecurityException e) {
                throw new CryptoFailure("Could not encrypt", e);
            }
        }

        /**
         * A stream of the plaintext of {@code ciphertext}; a segment that does not open with these associated data
         * (tampered, truncated, another file's) fails the read with an {@link IOException}.
         */
        public InputStream decrypting(InputStream ciphertext, byte[] associatedData) throws IOException {
            try {
                return aead.newDecryptingStream(ciphertext, associatedData);
            } catch (GeneralSecurityException e) {
                throw new CryptoFailure("Could not decrypt", e);
            }
        }
    }
}
