package org.fieldstone.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.util.Base64;
import org.fieldstone.shared.InvalidInput;
import org.fieldstone.support.TestImages;
import org.junit.jupiter.api.Test;

/** A signature's data URL: only a small PNG (by content) with a name; nothing drawn and no name is no signature. */
class NewSignatureTests {

    static String dataUrl(byte[] bytes) {
        return "data:image/png;base64," + Base64.getEncoder().encodeToString(bytes);
    }

    @Test
    void aDrawnPngWithANameIsASignature() {
        byte[] png = TestImages.image("png", 360, 160);
        NewSignature s = NewSignature.of(dataUrl(png), "  Ada Lovelace ");
        assertThat(s.png()).isEqualTo(png);
        assertThat(s.signedBy()).isEqualTo("Ada Lovelace");
    }

    @Test
    void nothingDrawnAndNoNameIsNoSignature() {
        assertThat(NewSignature.of("", "")).isNull();
        assertThat(NewSignature.of(null, "  ")).isNull();
    }

    @Test
    void refusesAnythingButASmallPngWithAName() {
        byte[] png = TestImages.image("png", 100, 50);
        assertThatThrownBy(() -> NewSignature.of("", "Ada")).isInstanceOf(InvalidInput.class)
                .hasMessageContaining("Draw the signature");
        assertThatThrownBy(() -> NewSignature.of(dataUrl(png), "")).isInstanceOf(InvalidInput.class)
                .hasMessageContaining("name");
        assertThatThrownBy(() -> NewSignature.of(dataUrl(TestImages.image("jpeg", 100, 50)), "Ada"))
                .isInstanceOf(InvalidInput.class).hasMessageContaining("PNG");
        assertThatThrownBy(() -> NewSignature.of("data:text/html;base64,PGgxPmhpPC9oMT4=", "Ada"))
                .isInstanceOf(InvalidInput.class).hasMessageContaining("PNG");
        assertThatThrownBy(() -> NewSignature.of("data:image/png;base64,%%%not-base64", "Ada"))
                .isInstanceOf(InvalidInput.class).hasMessageContaining("PNG");
        assertThatThrownBy(() -> NewSignature.of(dataUrl(new byte[600 * 1024]), "Ada"))
                .isInstanceOf(InvalidInput.class).hasMessageContaining("512 KiB");
        byte[] huge = png.clone();
        ByteBuffer.wrap(huge, 16, 8).putInt(50_000).putInt(40_000);
        assertThatThrownBy(() -> NewSignature.of(dataUrl(huge), "Ada"))
                .isInstanceOf(InvalidInput.class).hasMessageContaining("pixels");
        assertThatThrownBy(() -> NewSignature.of(dataUrl(png), "x".repeat(201)))
                .isInstanceOf(InvalidInput.class).hasMessageContaining("200");
    }
}
