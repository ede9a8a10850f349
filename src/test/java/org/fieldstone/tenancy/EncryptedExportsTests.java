package org.fieldstone.tenancy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The encrypted export format: opens with its passphrase only, detects any changed byte, header included. */
class EncryptedExportsTests {

    private static final char[] PASSPHRASE = "correct horse battery".toCharArray();

    static byte[] encrypt(byte[] plain, char[] passphrase) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (OutputStream enc = EncryptedExports.encrypting(out, passphrase.clone(), EncryptedExports.MIN_ITERATIONS)) {
            enc.write(plain);
        }
        return out.toByteArray();
    }

    static byte[] decrypt(byte[] encrypted, char[] passphrase) throws IOException {
        try (InputStream in = EncryptedExports.decrypting(new ByteArrayInputStream(encrypted), passphrase.clone())) {
            return in.readAllBytes();
        }
    }

    static byte[] content() {
        byte[] plain = new byte[(1 << 20) * 2 + 12345]; // three segments
        new Random(7).nextBytes(plain);
        byte[] mark = "PLAINTEXT-MARKER".getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(mark, 0, plain, 100, mark.length);
        return plain;
    }

    @Test
    void opensWithThePassphraseAndHidesThePlaintext() throws IOException {
        byte[] plain = content();
        byte[] encrypted = encrypt(plain, PASSPHRASE);
        assertThat(new String(encrypted, 0, 8, StandardCharsets.US_ASCII)).isEqualTo("FSEXPENC");
        assertThat(new String(encrypted, StandardCharsets.ISO_8859_1)).doesNotContain("PLAINTEXT-MARKER");
        assertThat(decrypt(encrypted, PASSPHRASE)).isEqualTo(plain);
        assertThat(encrypt(plain, PASSPHRASE)).as("a fresh salt every time").isNotEqualTo(encrypted);
    }

    @Test
    void aWrongPassphraseIsRefusedClearly() throws IOException {
        byte[] encrypted = encrypt(content(), PASSPHRASE);
        assertThatThrownBy(() -> decrypt(encrypted, "correct horse battery!".toCharArray()))
                .isInstanceOf(EncryptedExports.NotOpened.class).hasMessageContaining("wrong passphrase");
    }

    @Test
    void everyChangedByteIsDetected() throws IOException {
        byte[] encrypted = encrypt(content(), PASSPHRASE);
        // header (magic, count, salt), first, middle and last segment, and a cut-off end
        for (int at : new int[] {9, 14, 20, 40, 200, (1 << 20) + 5, encrypted.length - 1}) {
            byte[] tampered = encrypted.clone();
            tampered[at] ^= 1;
            assertThatThrownBy(() -> decrypt(tampered, PASSPHRASE)).as("byte " + at).isInstanceOf(IOException.class);
        }
        byte[] cut = Arrays.copyOf(encrypted, encrypted.length - 100);
        assertThatThrownBy(() -> decrypt(cut, PASSPHRASE)).isInstanceOf(EncryptedExports.NotOpened.class);
        byte[] truncatedToSegment = Arrays.copyOf(encrypted, EncryptedExports.HEADER_LENGTH + (1 << 20));
        assertThatThrownBy(() -> decrypt(truncatedToSegment, PASSPHRASE)).isInstanceOf(IOException.class);
    }

    @Test
    void somethingElseIsNotAnExport() {
        assertThatThrownBy(() -> decrypt("PK\3\4 not encrypted at all, just a zip".getBytes(StandardCharsets.US_ASCII), PASSPHRASE))
                .isInstanceOf(EncryptedExports.NotOpened.class).hasMessageContaining("Not an encrypted Fieldstone export");
        assertThatThrownBy(() -> EncryptedExports.encrypting(new ByteArrayOutputStream(), "short".toCharArray()))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
