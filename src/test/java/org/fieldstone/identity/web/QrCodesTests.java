package org.fieldstone.identity.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.zxing.BinaryBitmap;
import com.google.zxing.RGBLuminanceSource;
import com.google.zxing.common.BitMatrix;
import com.google.zxing.common.HybridBinarizer;
import com.google.zxing.qrcode.QRCodeReader;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;

/** The enrolment QR code reads back as the otpauth URI, and is an SVG image the CSP allows (a data: URI, no script). */
class QrCodesTests {

    static final String URI = "otpauth://totp/Fieldstone%20Acme:dana%40acme.example?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ"
            + "&issuer=Fieldstone%20Acme&algorithm=SHA1&digits=6&period=30";

    @Test
    void theCodeReadsBackAsTheUri() throws Exception {
        BitMatrix m = QrCodes.matrix(URI);
        int scale = 4;
        int w = m.getWidth() * scale;
        int h = m.getHeight() * scale;
        int[] pixels = new int[w * h];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                pixels[y * w + x] = m.get(x / scale, y / scale) ? 0xFF000000 : 0xFFFFFFFF;
            }
        }
        var bitmap = new BinaryBitmap(new HybridBinarizer(new RGBLuminanceSource(w, h, pixels)));
        assertThat(new QRCodeReader().decode(bitmap).getText()).isEqualTo(URI);
    }

    @Test
    void itIsAnSvgDataUriWithoutScript() {
        String uri = QrCodes.svgDataUri(URI);
        assertThat(uri).startsWith("data:image/svg+xml;base64,");
        String svg = new String(Base64.getDecoder().decode(uri.substring(uri.indexOf(',') + 1)), StandardCharsets.UTF_8);
        assertThat(svg).startsWith("<svg xmlns=\"http://www.w3.org/2000/svg\"").doesNotContain("<script").doesNotContainPattern(" on[a-z]+=");
    }
}
