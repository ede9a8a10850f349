package org.fieldstone.pricing.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.fieldstone.pricing.Logo;
import org.fieldstone.shared.InvalidInput;
import org.fieldstone.support.TestImages;
import org.junit.jupiter.api.Test;

/** An uploaded logo is taken only as a PNG or JPEG that is small, not too large a canvas, and decodes. */
class LogoImagesTest {

    static byte[] image(String format, int width, int height) {
        return TestImages.image(format, width, height);
    }

    @Test
    void aPngAndAJpegAreTakenWithTheirTypeSizeAndDigest() {
        Logo png = LogoImages.check(image("png", 300, 100));
        assertThat(png.contentType()).isEqualTo("image/png");
        assertThat(png.width()).isEqualTo(300);
        assertThat(png.height()).isEqualTo(100);
        assertThat(png.sha256()).hasSize(64).isEqualTo(LogoImages.sha256(png.image()));
        assertThat(png.dataUri()).startsWith("data:image/png;base64,iVBORw0KGgo");
        Logo jpeg = LogoImages.check(image("jpeg", 120, 80));
        assertThat(jpeg.contentType()).isEqualTo("image/jpeg");
        assertThat(jpeg.width()).isEqualTo(120);
    }

    @Test
    void theTypeIsReadFromTheBytesNotFromANameSoGifSvgAndTextAreRefused() {
        assertRefused(image("gif", 50, 50), "PNG or JPEG");
        assertRefused("<svg xmlns=\"http://www.w3.org/2000/svg\"><script>alert(1)</script></svg>"
                .getBytes(StandardCharsets.UTF_8), "PNG or JPEG");
        assertRefused("just text".getBytes(StandardCharsets.UTF_8), "PNG or JPEG");
        assertRefused(new byte[0], "Choose an image");
        assertRefused(null, "Choose an image");
    }

    @Test
    void aLargeFileOrCanvasIsRefusedBeforeAnyPixelIsDecoded() {
        byte[] big = Arrays.copyOf(image("png", 10, 10), Logo.MAX_BYTES + 1);
        assertRefused(big, "at most 256 KB");
        // a wide, flat canvas compresses to a few bytes: the header's size is what counts
        byte[] wide = image("png", Logo.MAX_SIDE + 1, 1);
        assertThat(wide.length).isLessThan(Logo.MAX_BYTES);
        assertRefused(wide, "at most 2000 pixels");
        assertThat(LogoImages.check(image("png", Logo.MAX_SIDE, 1)).width()).isEqualTo(Logo.MAX_SIDE);
    }

    @Test
    void aTruncatedOrCorruptImageIsRefusedAsUnreadable() {
        byte[] png = image("png", 200, 200);
        assertRefused(Arrays.copyOf(png, png.length / 2), "can't be read");
        byte[] garbage = Arrays.copyOf(png, 64);
        Arrays.fill(garbage, 16, 64, (byte) 0x55);
        assertRefused(garbage, "can't be read");
        byte[] jpeg = image("jpeg", 200, 200);
        assertRefused(Arrays.copyOf(jpeg, 40), "can't be read");
    }

    @Test
    void aLogoIsPrintedAsLargeAsFitsSixtyBySixteenMillimetresNeverLargerThanItIs() {
        assertThat(LogoImages.check(image("png", 600, 100)).printed()).isEqualTo(new Logo.Size(227, 38));
        assertThat(LogoImages.check(image("png", 100, 200)).printed()).isEqualTo(new Logo.Size(30, 60));
        assertThat(LogoImages.check(image("png", 40, 20)).printed()).isEqualTo(new Logo.Size(40, 20));
    }

    private static void assertRefused(byte[] image, String says) {
        assertThatThrownBy(() -> LogoImages.check(image)).isInstanceOfSatisfying(InvalidInput.class, e -> {
            assertThat(e.field()).isEqualTo("logo");
            assertThat(e.fieldMessages().get("logo").english()).contains(says);
        });
    }
}
