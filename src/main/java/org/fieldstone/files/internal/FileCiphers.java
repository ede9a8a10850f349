package org.fieldstone.files.internal;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import org.fieldstone.crypto.StreamingKeys;
import org.fieldstone.shared.TenantId;

/**
 * The one way content goes into a {@link FileStore} and comes out: through Tink's streaming AEAD, bound to
 * {@code <company>/<file id>} ({@code …/thumb} for a thumbnail), so the store only ever sees ciphertext and a
 * ciphertext moved to another file or company does not open.
 */
final class FileCiphers {

    private FileCiphers() {
    }

    static byte[] associatedData(TenantId tenant, String fileId, boolean thumbnail) {
        return (tenant.compact() + "/" + fileId + (thumbnail ? "/thumb" : "")).getBytes(StandardCharsets.UTF_8);
    }

    /** Encrypts {@code plaintext} into the store under {@code storageKey}. */
    static void store(FileStore store, StreamingKeys.StreamingKey key, String storageKey, byte[] associatedData,
                      byte[] plaintext) throws IOException {
        store.write(storageKey, out -> {
            try (OutputStream encrypting = key.encrypting(nonClosing(out), associatedData)) {
                encrypting.write(plaintext);
            }
        });
    }

    /** The plaintext of what is stored under {@code storageKey}, decrypted as it is read. */
    static InputStream open(FileStore store, StreamingKeys.StreamingKey key, String storageKey, byte[] associatedData)
            throws IOException {
        InputStream ciphertext = store.open(storageKey);
        try {
            return key.decrypting(ciphertext, associatedData);
        } catch (IOException | RuntimeException e) {
            ciphertext.close();
            throw e;
        }
    }

    /** The store closes its own stream; the encrypting stream's close writes its last segment and flushes. */
    private static OutputStream nonClosing(OutputStream out) {
        return new FilterOutputStream(out) {
            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                out.write(b, off, len);
            }

            @Override
            public void close() throws IOException {
                flush();
            }
        };
    }
}
