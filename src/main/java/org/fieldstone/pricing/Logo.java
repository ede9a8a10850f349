package org.fieldstone.pricing;

import java.util.Base64;
import java.util.Objects;

/**
 * The company's logo as printed at the head of its quotes and invoices: a PNG or JPEG image, checked when it was
 * uploaded (type, size, dimensions, that it decodes) and kept as uploaded.
 *
 * @param contentType {@code image/png} or {@code image/jpeg}
 * @param image       the image's bytes
 * @param sha256      the SHA-256 of {@code image} in hex, which names the image in the audit trail
 * @param width       its width in pixels
 * @param height      its height in pixels
 */
public record Logo(String contentType, byte[] image, String sha256, int width, int height) {

    /** The largest logo accepted, in bytes. */
    public static final int MAX_BYTES = 256 * 1024;
    /** The largest width or height accepted, in pixels. */
    public static final int MAX_SIDE = 2_000;

    public Logo {
        Objects.requireNonNull(contentType, "contentType");
        Objects.requireNonNull(image, "image");
        Objects.requireNonNull(sha256, "sha256");
    }

    /** The image as a {@code data:} URI, which a page and the PDF renderer both show without another request. */
    public String dataUri() {
        return "data:" + contentType + ";base64," + Base64.getEncoder().encodeToString(image);
    }

    /** How large a logo is printed: at most this wide, in CSS pixels (60 mm). */
    static final int PRINTED_WIDTH = 227;
    /** How large a logo is printed: at most this high, in CSS pixels (16 mm). */
    static final int PRINTED_HEIGHT = 60;

    /** A width and height in CSS pixels. */
    public record Size(int width, int height) {
    }

    /** The size it is printed at: as large as fits 60 × 16 mm, never larger than it is, its proportions kept. */
    public Size printed() {
        double scale = Math.min(1.0, Math.min((double) PRINTED_WIDTH / width, (double) PRINTED_HEIGHT / height));
        return new Size(Math.max(1, (int) Math.round(width * scale)), Math.max(1, (int) Math.round(height * scale)));
    }

    /** Its size in bytes. */
    public int size() {
        return image.length;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Logo l && l.sha256.equals(sha256) && l.contentType.equals(contentType);
    }

    @Override
    public int hashCode() {
        return sha256.hashCode();
    }

    @Override
    public String toString() {
        return "Logo[" + contentType + ", " + image.length + " bytes, " + width + "×" + height + ", sha256=" + sha256 + "]";
    }
}
