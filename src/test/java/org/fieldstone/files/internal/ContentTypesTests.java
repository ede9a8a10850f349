package org.fieldstone.files.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.fieldstone.support.TestImages;
import org.junit.jupiter.api.Test;

/** Types by content alone: a name or an extension changes nothing about what is refused. */
class ContentTypesTests {

    private static byte[] text(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void htmlSvgAndScriptsAreRefusedWhateverTheirName() {
        assertThat(ContentTypes.allowed(text("<!DOCTYPE html><html><body><script>alert(1)</script></body></html>"), "photo.jpg")).isNull();
        assertThat(ContentTypes.allowed(text("<html><head><title>x</title></head></html>"), "notes.txt")).isNull();
        assertThat(ContentTypes.allowed(text("<?xml version=\"1.0\"?><svg xmlns=\"http://www.w3.org/2000/svg\"></svg>"), "a.png")).isNull();
        assertThat(ContentTypes.allowed(text("<svg xmlns=\"http://www.w3.org/2000/svg\" onload=\"alert(1)\"/>"), "a.pdf")).isNull();
        assertThat(ContentTypes.allowed(new byte[] {'M', 'Z', (byte) 0x90, 0, 3, 0, 0, 0, 4, 0}, "invoice.pdf")).isNull();
        assertThat(ContentTypes.allowed(new byte[] {0x7f, 'E', 'L', 'F', 2, 1, 1, 0}, "a.txt")).isNull();
    }

    @Test
    void photosPdfTextAndCsvAreAllowedByContent() {
        assertThat(ContentTypes.allowed(TestImages.image("png", 20, 10), "whatever.bin")).isEqualTo("image/png");
        assertThat(ContentTypes.allowed(TestImages.image("jpeg", 20, 10), "x")).isEqualTo("image/jpeg");
        assertThat(ContentTypes.allowed(text("%PDF-1.7\n%âãÏÓ\n1 0 obj\n<<>>\nendobj\n"), "scan")).isEqualTo("application/pdf");
        assertThat(ContentTypes.allowed(text("date,amount\n2027-01-01,12.50\n"), "export.csv")).isEqualTo("text/plain");
        assertThat(ContentTypes.allowed(text("Meter reading 4711, all fine."), "note.txt")).isEqualTo("text/plain");
    }
}
