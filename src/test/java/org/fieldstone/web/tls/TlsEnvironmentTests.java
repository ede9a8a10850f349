package org.fieldstone.web.tls;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.mock.env.MockEnvironment;

class TlsEnvironmentTests {

    @TempDir Path dir;

    @Test
    void theEmbeddedDefaultGeneratesAPrivateKeyOnlyItsOwnerCanReadAndALocalhostCertificate() throws Exception {
        SelfSignedCertificate files = SelfSignedCertificate.ensure(dir.resolve("tls"));
        assertThat(Files.getPosixFilePermissions(files.privateKey()))
                .containsExactlyInAnyOrder(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);
        X509Certificate cert;
        try (var in = Files.newInputStream(files.certificate())) {
            cert = (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
        }
        assertThat(cert.getSubjectAlternativeNames().stream().map(n -> String.valueOf(n.get(1))).toList())
                .contains("localhost", "127.0.0.1");
        cert.checkValidity();
        String key = Files.readString(files.privateKey());
        // generated once: a second start keeps the same key
        assertThat(Files.readString(SelfSignedCertificate.ensure(dir.resolve("tls")).privateKey())).isEqualTo(key);
    }

    @Test
    void withoutConfiguredFilesTheBundleUsesTheGeneratedCertificateAndOnlyTls13() {
        MockEnvironment env = new MockEnvironment().withProperty("fieldstone.data-dir", dir.toString());
        new TlsEnvironment().postProcessEnvironment(env, web());
        assertThat(env.getProperty("server.ssl.bundle")).isEqualTo("fieldstone");
        assertThat(env.getProperty("spring.ssl.bundle.pem.fieldstone.options.enabled-protocols")).isEqualTo("TLSv1.3");
        assertThat(env.getProperty("spring.ssl.bundle.pem.fieldstone.keystore.certificate"))
                .isEqualTo("file:" + dir.resolve("tls/cert.pem").toAbsolutePath());
        assertThat(dir.resolve("tls/key.pem")).exists();
    }

    @Test
    void configuredPemFilesAreUsedAndReloadedWhenTheyChange() {
        MockEnvironment env = new MockEnvironment().withProperty("fieldstone.data-dir", dir.toString())
                .withProperty("fieldstone.tls.certificate", "/etc/fieldstone/fullchain.pem")
                .withProperty("fieldstone.tls.private-key", "/etc/fieldstone/privkey.pem");
        new TlsEnvironment().postProcessEnvironment(env, web());
        assertThat(env.getProperty("spring.ssl.bundle.pem.fieldstone.keystore.certificate")).isEqualTo("file:/etc/fieldstone/fullchain.pem");
        assertThat(env.getProperty("spring.ssl.bundle.pem.fieldstone.keystore.private-key")).isEqualTo("file:/etc/fieldstone/privkey.pem");
        assertThat(env.getProperty("spring.ssl.bundle.pem.fieldstone.reload-on-update")).isEqualTo("true");
        assertThat(env.getProperty("spring.ssl.bundle.pem.fieldstone.options.enabled-protocols")).isEqualTo("TLSv1.3");
        assertThat(dir.resolve("tls")).doesNotExist();
    }

    @Test
    void theCliGeneratesNoCertificate() {
        MockEnvironment env = new MockEnvironment().withProperty("fieldstone.data-dir", dir.toString());
        SpringApplication cli = new SpringApplication();
        cli.setWebApplicationType(WebApplicationType.NONE);
        new TlsEnvironment().postProcessEnvironment(env, cli);
        assertThat(env.getProperty("server.ssl.bundle")).isNull();
        assertThat(dir.resolve("tls")).doesNotExist();
    }

    private static SpringApplication web() {
        SpringApplication app = new SpringApplication();
        app.setWebApplicationType(WebApplicationType.SERVLET);
        return app;
    }

}
