package org.fieldstone.jobs;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Base64;
import org.fieldstone.shared.InvalidInput;
import org.fieldstone.shared.Message;

/**
 * A signature drawn at Finish, as the form sends it: a {@code data:image/png;base64,…} URL and the printed name.
 * {@link #of(String, String)} refuses anything but a small PNG (checked by its content: the PNG signature and an
 * {@code IHDR} chunk of sane dimensions) before anything is stored.
 */
public record NewSignature(byte[] png, String signedBy) {

    /** The largest signature image accepted, in bytes (a drawn signature is a few KiB). */
    public static final int MAX_BYTES = 512 * 1024;
    /** The largest width or height accepted, in pixels. */
    public static final int MAX_SIDE = 2000;

    private static final String PREFIX = "data:image/png;base64,";
    private static final byte[] MAGIC = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};

    /**
     * The signature in {@code dataUrl} signed by {@code name}, or null when no signature was drawn (both blank).
     *
     * @throws InvalidInput ({@code signature} or {@code signedBy}) for anything else but a small PNG with a name
     */
    public static NewSignature of(String dataUrl, String name) {
        String url = dataUrl == null ? "" : dataUrl.strip();
        String signer = name == null ? "" : name.strip();
        if (url.isEmpty()) {
            if (!signer.isEmpty()) {
                throw new InvalidInput("signature", Message.of("jobs.refused.signature.missing"));
            }
            return null;
        }
        if (url.length() > PREFIX.length() + (MAX_BYTES / 3 + 1) * 4) {
            throw new InvalidInput("signature", Message.of("jobs.refused.signature.too-large", MAX_BYTES / 1024));
        }
        if (!url.startsWith(PREFIX)) {
            throw new InvalidInput("signature", Message.of("jobs.refused.signature.not-png"));
        }
        byte[] png;
        try {
            png = Base64.getDecoder().decode(url.substring(PREFIX.length()));
        } catch (IllegalArgumentException e) {
            throw new InvalidInput("signature", Message.of("jobs.refused.signature.not-png"));
        }
        if (png.length > MAX_BYTES) {
            throw new InvalidInput("signature", Message.of("jobs.refused.signature.too-large", MAX_BYTES / 1024));
        }
        // the PNG signature, then the IHDR chunk (length 13) with width and height
        if (png.length < 33 || !Arrays.equals(Arrays.copyOf(png, 8), MAGIC)
                || ByteBuffer.wrap(png, 8, 4).getInt() != 13 || !"IHDR".equals(new String(png, 12, 4, java.nio.charset.StandardCharsets.US_ASCII))) {
            throw new InvalidInput("signature", Message.of("jobs.refused.signature.not-png"));
        }
        int width = ByteBuffer.wrap(png, 16, 4).getInt();
        int height = ByteBuffer.wrap(png, 20, 4).getInt();
        if (width < 1 || height < 1 || width > MAX_SIDE || height > MAX_SIDE) {
            throw new InvalidInput("signature", Message.of("jobs.refused.signature.size", MAX_SIDE));
        }
        if (signer.isEmpty() || signer.length() > 200) {
            throw new InvalidInput("signedBy", Message.of("jobs.refused.signature.name"));
        }
        return new NewSignature(png, signer);
    }
}
