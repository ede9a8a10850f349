package org.fieldstone.pricing.internal;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Iterator;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import org.fieldstone.pricing.Logo;
import org.fieldstone.shared.InvalidInput;
import org.fieldstone.shared.Message;

/**
 * Checks an uploaded logo before it is kept: not empty, at most {@link Logo#MAX_BYTES}, a PNG or JPEG by its first
 * bytes (whatever the upload claimed; SVG, GIF and everything else are refused), at most {@link Logo#MAX_SIDE} pixels
 * a side as its header says — read before any pixel is decoded, so a small file cannot claim a huge canvas — and
 * decoding whole. Every refusal is the field {@code logo}'s.
 */
final class LogoImages {

    static final String FIELD = "logo";
    private static final byte[] PNG = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};
    private static final byte[] JPEG = {(byte) 0xff, (byte) 0xd8, (byte) 0xff};

    private LogoImages() {
    }

    /** Loads ImageIO's readers once, at start-up, rather than on the first upload's request. */
    static void warmUp() {
        ImageIO.getImageReadersByFormatName("png").hasNext();
        ImageIO.getImageReadersByFormatName("jpeg").hasNext();
    }

    /** The image as a logo, or the field {@code logo}'s refusal. */
    static Logo check(byte[] image) {
        if (image == null || image.length == 0) {
            throw refused("pricing.refused.logo-empty");
        }
        if (image.length > Logo.MAX_BYTES) {
            throw refused("pricing.refused.logo-size", Logo.MAX_BYTES / 1024);
        }
        String contentType = startsWith(image, PNG) ? "image/png" : startsWith(image, JPEG) ? "image/jpeg" : null;
        if (contentType == null) {
            throw refused("pricing.refused.logo-type");
        }
        int[] size = dimensions(image, contentType.equals("image/png") ? "png" : "jpeg");
        if (size == null) {
            throw refused("pricing.refused.logo-unreadable");
        }
        if (size[0] > Logo.MAX_SIDE || size[1] > Logo.MAX_SIDE) {
            throw refused("pricing.refused.logo-dimensions", Logo.MAX_SIDE);
        }
        if (!decodes(image, contentType.equals("image/png") ? "png" : "jpeg")) {
            throw refused("pricing.refused.logo-unreadable");
        }
        return new Logo(contentType, image.clone(), sha256(image), size[0], size[1]);
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    /** Width and height from the header alone, or null where it cannot be read (or claims an empty image). */
    private static int[] dimensions(byte[] image, String format) {
        return withReader(image, format, r -> {
            int w = r.getWidth(0);
            int h = r.getHeight(0);
            return w < 1 || h < 1 ? null : new int[] {w, h};
        });
    }

    private static boolean decodes(byte[] image, String format) {
        return Boolean.TRUE.equals(withReader(image, format, r -> {
            BufferedImage decoded = r.read(0);
            return decoded != null && decoded.getWidth() > 0;
        }));
    }

    private interface Reading<T> {
        T read(ImageReader reader) throws IOException;
    }

    private static <T> T withReader(byte[] image, String format, Reading<T> reading) {
        Iterator<ImageReader> readers = ImageIO.getImageReadersByFormatName(format);
        if (!readers.hasNext()) {
            throw new IllegalStateException("The JDK has no " + format + " reader");
        }
        ImageReader reader = readers.next();
        try (ImageInputStream in = ImageIO.createImageInputStream(new ByteArrayInputStream(image))) {
            reader.setInput(in, true, true);
            return reading.read(reader);
        } catch (IOException | RuntimeException e) {
            // a malformed or truncated file, or one ImageIO cannot decode (e.g. a CMYK JPEG)
            return null;
        } finally {
            reader.dispose();
        }
    }

    private static boolean startsWith(byte[] bytes, byte[] prefix) {
        if (bytes.length < prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if (bytes[i] != prefix[i]) {
                return false;
            }
        }
        return true;
    }

    private static InvalidInput refused(String code, Object... arguments) {
        return new InvalidInput(FIELD, Message.of(code, arguments));
    }
}
