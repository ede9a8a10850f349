package org.fieldstone.files.internal;

import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import javax.imageio.ImageIO;

/**
 * Photos in memory, before anything is encrypted or stored: re-encoded from their pixels alone (which drops EXIF,
 * GPS location, XMP and comments), and a thumbnail for lists. Nothing here touches the disk
 * ({@link ImageIO#setUseCache} off).
 */
final class Photos {

    static final int THUMBNAIL = 320;
    /** Larger images are refused rather than decoded (a decompression bomb would exhaust the heap). */
    static final long MAX_PIXELS = 50_000_000L;

    static {
        ImageIO.setUseCache(false);
    }

    private Photos() {
    }

    /** The pixels of a JPEG or PNG; null when the bytes do not decode as one. */
    static BufferedImage decode(byte[] content) {
        try (var in = ImageIO.createImageInputStream(new ByteArrayInputStream(content))) {
            var readers = ImageIO.getImageReaders(in);
            if (!readers.hasNext()) {
                return null;
            }
            var reader = readers.next();
            try {
                reader.setInput(in, true, true);
                if ((long) reader.getWidth(0) * reader.getHeight(0) > MAX_PIXELS) {
                    return null;
                }
                return reader.read(0);
            } finally {
                reader.dispose();
            }
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /**
     * The EXIF orientation (1–8) a JPEG's camera recorded, 1 when there is none: phones store a portrait photo as
     * landscape pixels with orientation 6, which viewers apply — so a copy without the metadata must apply it itself.
     */
    static int orientation(byte[] jpeg) {
        try {
            if (jpeg.length < 4 || (jpeg[0] & 0xff) != 0xff || (jpeg[1] & 0xff) != 0xd8) {
                return 1;
            }
            int pos = 2;
            while (pos + 4 <= jpeg.length && (jpeg[pos] & 0xff) == 0xff) {
                int marker = jpeg[pos + 1] & 0xff;
                int length = ((jpeg[pos + 2] & 0xff) << 8) | (jpeg[pos + 3] & 0xff);
                if (marker == 0xda || marker == 0xd9 || length < 2) {
                    return 1;
                }
                int data = pos + 4;
                if (marker == 0xe1 && length >= 16 && data + 6 <= jpeg.length
                        && new String(jpeg, data, 6, java.nio.charset.StandardCharsets.ISO_8859_1).equals("Exif\0\0")) {
                    int tiff = data + 6;
                    boolean little = jpeg[tiff] == 'I';
                    int ifd = tiff + (int) u32(jpeg, tiff + 4, little);
                    int count = u16(jpeg, ifd, little);
                    for (int i = 0; i < count; i++) {
                        int entry = ifd + 2 + 12 * i;
                        if (u16(jpeg, entry, little) == 0x0112) {
                            int value = u16(jpeg, entry + 8, little);
                            return value >= 1 && value <= 8 ? value : 1;
                        }
                    }
                    return 1;
                }
                pos = data + length - 2;
            }
        } catch (ArrayIndexOutOfBoundsException e) {
            // a truncated or lying segment: no orientation
        }
        return 1;
    }

    /** The image turned (and mirrored) as its EXIF orientation says, so it looks right without the metadata. */
    static BufferedImage oriented(BufferedImage image, int orientation) {
        if (orientation <= 1 || orientation > 8) {
            return image;
        }
        double w = image.getWidth();
        double h = image.getHeight();
        java.awt.geom.AffineTransform t = switch (orientation) {
            case 2 -> new java.awt.geom.AffineTransform(-1, 0, 0, 1, w, 0);
            case 3 -> new java.awt.geom.AffineTransform(-1, 0, 0, -1, w, h);
            case 4 -> new java.awt.geom.AffineTransform(1, 0, 0, -1, 0, h);
            case 5 -> new java.awt.geom.AffineTransform(0, 1, 1, 0, 0, 0);
            case 6 -> new java.awt.geom.AffineTransform(0, 1, -1, 0, h, 0);
            case 7 -> new java.awt.geom.AffineTransform(0, -1, -1, 0, h, w);
            default -> new java.awt.geom.AffineTransform(0, -1, 1, 0, 0, w);
        };
        boolean swap = orientation >= 5;
        BufferedImage turned = new BufferedImage(swap ? image.getHeight() : image.getWidth(),
                swap ? image.getWidth() : image.getHeight(),
                image.getColorModel().hasAlpha() ? BufferedImage.TYPE_INT_ARGB : BufferedImage.TYPE_INT_RGB);
        Graphics2D g = turned.createGraphics();
        try {
            g.drawImage(image, t, null);
        } finally {
            g.dispose();
        }
        return turned;
    }

    private static int u16(byte[] b, int at, boolean little) {
        return little ? (b[at] & 0xff) | ((b[at + 1] & 0xff) << 8) : ((b[at] & 0xff) << 8) | (b[at + 1] & 0xff);
    }

    private static long u32(byte[] b, int at, boolean little) {
        return little ? (u16(b, at, true) & 0xffffL) | ((long) u16(b, at + 2, true) << 16)
                : ((long) u16(b, at, false) << 16) | (u16(b, at + 2, false) & 0xffffL);
    }

    /** The image again, from its pixels only, in {@code format} ({@code jpeg} or {@code png}). */
    static byte[] encode(BufferedImage image, String format) {
        BufferedImage pixels = format.equals("jpeg") ? opaque(image) : image;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            if (!ImageIO.write(pixels, format, out)) {
                throw new IllegalStateException("No ImageIO writer for " + format);
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return out.toByteArray();
    }

    /** A copy at most {@link #THUMBNAIL} pixels on its longer side. */
    static BufferedImage thumbnail(BufferedImage image) {
        int w = image.getWidth();
        int h = image.getHeight();
        double scale = Math.min(1.0, (double) THUMBNAIL / Math.max(w, h));
        int tw = Math.max(1, (int) Math.round(w * scale));
        int th = Math.max(1, (int) Math.round(h * scale));
        BufferedImage small = new BufferedImage(tw, th, image.getColorModel().hasAlpha() ? BufferedImage.TYPE_INT_ARGB
                : BufferedImage.TYPE_INT_RGB);
        Graphics2D g = small.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
            g.drawImage(image, 0, 0, tw, th, null);
        } finally {
            g.dispose();
        }
        return small;
    }

    private static BufferedImage opaque(BufferedImage image) {
        if (image.getType() == BufferedImage.TYPE_INT_RGB || image.getType() == BufferedImage.TYPE_3BYTE_BGR) {
            return image;
        }
        BufferedImage rgb = new BufferedImage(image.getWidth(), image.getHeight(), BufferedImage.TYPE_INT_RGB);
        Graphics2D g = rgb.createGraphics();
        try {
            g.drawImage(image, 0, 0, java.awt.Color.WHITE, null);
        } finally {
            g.dispose();
        }
        return rgb;
    }
}
