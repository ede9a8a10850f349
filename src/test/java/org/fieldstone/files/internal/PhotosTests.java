package org.fieldstone.files.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

/** A phone's portrait photo (landscape pixels, EXIF orientation 6) stands upright once its metadata is dropped. */
class PhotosTests {

    @Test
    void theCamerasOrientationIsReadAndAppliedToThePixels() throws Exception {
        BufferedImage landscape = new BufferedImage(40, 20, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = landscape.createGraphics();
        g.setColor(Color.BLUE);
        g.fillRect(0, 0, 40, 20);
        g.setColor(Color.RED);
        g.fillRect(0, 0, 8, 8);
        g.dispose();
        ByteArrayOutputStream jpeg = new ByteArrayOutputStream();
        ImageIO.write(landscape, "jpeg", jpeg);
        byte[] withExif = withOrientation(jpeg.toByteArray(), 6);

        assertThat(Photos.orientation(jpeg.toByteArray())).isEqualTo(1);
        assertThat(Photos.orientation(withExif)).isEqualTo(6);
        assertThat(Photos.orientation(new byte[] {(byte) 0xff, (byte) 0xd8, (byte) 0xff, (byte) 0xe1, 0, 40})).isEqualTo(1);

        BufferedImage upright = Photos.oriented(Photos.decode(withExif), 6);
        assertThat(upright.getWidth()).isEqualTo(20);
        assertThat(upright.getHeight()).isEqualTo(40);
        Color topRight = new Color(upright.getRGB(17, 2));
        assertThat(topRight.getRed()).as("the top-left corner turned to the top right").isGreaterThan(200);
        assertThat(new Color(upright.getRGB(2, 2)).getBlue()).isGreaterThan(200);
        // and turned back by orientation 8
        BufferedImage back = Photos.oriented(upright, 8);
        assertThat(new Color(back.getRGB(2, 2)).getRed()).isGreaterThan(200);
        // re-encoded: no EXIF left to turn it twice
        assertThat(Photos.orientation(Photos.encode(upright, "jpeg"))).isEqualTo(1);
    }

    /** A JPEG with an APP1 EXIF segment holding only an orientation, inserted after its SOI marker. */
    static byte[] withOrientation(byte[] jpeg, int orientation) {
        ByteBuffer tiff = ByteBuffer.allocate(26);
        tiff.put("MM".getBytes(StandardCharsets.US_ASCII)).putShort((short) 42).putInt(8).putShort((short) 1)
                .putShort((short) 0x0112).putShort((short) 3).putInt(1).putShort((short) orientation).putShort((short) 0)
                .putInt(0);
        byte[] exif = "Exif\0\0".getBytes(StandardCharsets.ISO_8859_1);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(jpeg, 0, 2);
        out.write(0xff);
        out.write(0xe1);
        int length = 2 + exif.length + tiff.capacity();
        out.write(length >> 8);
        out.write(length & 0xff);
        out.writeBytes(exif);
        out.writeBytes(tiff.array());
        out.write(jpeg, 2, jpeg.length - 2);
        return out.toByteArray();
    }
}
