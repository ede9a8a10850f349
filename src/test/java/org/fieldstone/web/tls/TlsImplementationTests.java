package org.fieldstone.web.tls;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;

/** The TLS implementation is JSSE unless OpenSSL is asked for and present; anything else stops the start. */
class TlsImplementationTests {

    private final TlsImplementation tls = new TlsImplementation();

    @Test
    void jsseNeedsNothing() {
        assertThatCode(() -> tls.tlsImplementationCustomizer("jsse").customize(new TomcatServletWebServerFactory()))
                .doesNotThrowAnyException();
    }

    @Test
    void openSslWithoutTomcatsFfmJarSaysWhatIsMissing() {
        // the build does not ship tomcat-coyote-ffm.jar (decision 0028)
        assertThatThrownBy(() -> tls.tlsImplementationCustomizer("openssl").customize(new TomcatServletWebServerFactory()))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("tomcat-coyote-ffm.jar");
    }

    @Test
    void anUnknownImplementationIsRefused() {
        assertThatThrownBy(() -> tls.tlsImplementationCustomizer("boringssl").customize(new TomcatServletWebServerFactory()))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("jsse or openssl");
    }
}
