package org.fieldstone.tenancy;

import com.google.crypto.tink.subtle.AesGcmHkdfStreaming;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.security.spec.InvalidKeySpecException;
import java.util.Arrays;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

/**
 * The encrypted export archive's format: a {@value #HEADER_LENGTH}-byte header — the magic {@code FSEXPENC},
 * a format version byte ({@code 1}), the PBKDF2-HMAC-SHA256 iteration count (4 bytes, big-endian), 16 bytes of random
 * salt, 3 bytes reserved (zero) — then the ZIP archive through Tink's streaming AEAD ({@code AesGcmHkdfStreaming}:
 * HKDF-SHA256, AES-256-GCM, 1 MiB segments, each authenticated) under the 32-byte key PBKDF2 derives from the
 * owner's passphrase, the header as associated data (so changing the salt or count is detected too). No cryptography
 * is hand-written: the KDF is the JDK's, the stream cipher Tink's.
 */
public final class EncryptedExports {

    public static final int HEADER_LENGTH = 32;
    /** OWASP's 2023 recommendation for PBKDF2-HMAC-SHA256. */
    public static final int ITERATIONS = 600_000;
    static final int MIN_ITERATIONS = 100_000;
    static final int MAX_ITERATIONS = 10_000_000;
    public static final int MIN_PASSPHRASE = 12;
    private static final byte[] MAGIC = "FSEXPENC".getBytes(StandardCharsets.US_ASCII);
    private static final byte VERSION = 1;
    private static final int SEGMENT = 1 << 20;
    private static final SecureRandom RANDOM = new SecureRandom();

    private EncryptedExports() {
    }

    /** Why an archive does not open: not an archive of this format, or a wrong passphrase or damaged content. */
    public static final class NotOpened extends IOException {
        NotOpened(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /** Writes the header to {@code out} and answers a stream that encrypts into it; closing it finishes (and closes {@code out}). */
    public static OutputStream encrypting(OutputStream out, char[] passphrase) throws IOException {
        return encrypting(out, passphrase, ITERATIONS);
    }

    static OutputStream encrypting(OutputStream out, char[] passphrase, int iterations) throws IOException {
        if (passphrase == null || passphrase.length < MIN_PASSPHRASE) {
            throw new IllegalArgumentException("A passphrase of at least " + MIN_PASSPHRASE + " characters is needed");
        }
        byte[] salt = new byte[16];
        RANDOM.nextBytes(salt);
        byte[] header = ByteBuffer.allocate(HEADER_LENGTH).put(MAGIC).put(VERSION).putInt(iterations).put(salt).array();
        out.write(header);
        try {
            return aead(passphrase, salt, iterations).newEncryptingStream(out, header);
        } catch (GeneralSecurityException e) {
            throw new IOException("Could not start the encryption", e);
        }
    }

    /** Reads the header from {@code in} and answers the decrypted archive; a wrong passphrase or a changed byte fails reading it. */
    public static InputStream decrypting(InputStream in, char[] passphrase) throws IOException {
        byte[] header = new byte[HEADER_LENGTH];
        try {
            new DataInputStream(in).readFully(header);
        } catch (EOFException e) {
            throw new NotOpened("Not an encrypted Fieldstone export (too short)", e);
        }
        ByteBuffer b = ByteBuffer.wrap(header);
        byte[] magic = new byte[MAGIC.length];
        b.get(magic);
        if (!Arrays.equals(magic, MAGIC)) {
            throw new NotOpened("Not an encrypted Fieldstone export", null);
        }
        if (b.get() != VERSION) {
            throw new NotOpened("An encrypted Fieldstone export of an unknown version", null);
        }
        int iterations = b.getInt();
        if (iterations < MIN_ITERATIONS || iterations > MAX_ITERATIONS) {
            throw new NotOpened("An encrypted Fieldstone export with an implausible iteration count", null);
        }
        byte[] salt = new byte[16];
        b.get(salt);
        try {
            InputStream plain = aead(passphrase, salt, iterations).newDecryptingStream(in, header);
            return new java.io.FilterInputStream(plain) {
                @Override
                public int read() throws IOException {
                    try {
                        return super.read();
                    } catch (IOException e) {
                        throw notOpened(e);
                    }
                }

                @Override
                public int read(byte[] buf, int off, int len) throws IOException {
                    try {
                        return super.read(buf, off, len);
                    } catch (IOException e) {
                        throw notOpened(e);
                    }
                }
            };
        } catch (GeneralSecurityException e) {
            throw new NotOpened("Could not start the decryption", e);
        }
    }

    private static IOException notOpened(IOException e) {
        return e instanceof NotOpened ? e
                : new NotOpened("The archive does not open: wrong passphrase, or the file was changed or cut short", e);
    }

    private static AesGcmHkdfStreaming aead(char[] passphrase, byte[] salt, int iterations) throws GeneralSecurityException {
        PBEKeySpec spec = new PBEKeySpec(passphrase, salt, iterations, 256);
        try {
            byte[] key = SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256").generateSecret(spec).getEncoded();
            try {
                return new AesGcmHkdfStreaming(key, "HmacSha256", 32, SEGMENT, 0);
            } finally {
                Arrays.fill(key, (byte) 0);
            }
        } catch (InvalidKeySpecException e) {
            throw new GeneralSecurityException("Could not derive the key", e);
        } finally {
            spec.clearPassword();
        }
    }
}
