package org.fieldstone.web.tls;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * HTTPS only, TLS 1.3 only (SPEC §3.7), as the Spring Boot SSL bundle {@code fieldstone}. With
 * {@code fieldstone.tls.certificate} and {@code fieldstone.tls.private-key} (PEM files) those are used and
 * reloaded when they change; otherwise a self-signed certificate is generated once into
 * {@code <data-dir>/tls/} (or {@code fieldstone.tls.self-signed-dir}).
 */
public class TlsEnvironment implements EnvironmentPostProcessor {

    static final String BUNDLE = "fieldstone";

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment env, SpringApplication application) {
        if (application.getWebApplicationType() == WebApplicationType.NONE) {
            return;
        }
        String certificate = env.getProperty("fieldstone.tls.certificate", "");
        String privateKey = env.getProperty("fieldstone.tls.private-key", "");
        Map<String, Object> props = new HashMap<>();
        String prefix = "spring.ssl.bundle.pem." + BUNDLE + ".";
        if (certificate.isBlank() || privateKey.isBlank()) {
            String selfSignedDir = env.getProperty("fieldstone.tls.self-signed-dir", "");
            Path dir = selfSignedDir.isBlank()
                    ? Path.of(env.getProperty("fieldstone.data-dir", "data")).resolve("tls")
                    : Path.of(selfSignedDir);
            SelfSignedCertificate generated = SelfSignedCertificate.ensure(dir);
            certificate = generated.certificate().toAbsolutePath().toString();
            privateKey = generated.privateKey().toAbsolutePath().toString();
        } else {
            props.put(prefix + "reload-on-update", "true");
        }
        props.put(prefix + "keystore.certificate", "file:" + certificate);
        props.put(prefix + "keystore.private-key", "file:" + privateKey);
        props.put(prefix + "options.enabled-protocols", "TLSv1.3");
        props.put("server.ssl.bundle", BUNDLE);
        props.put("server.ssl.enabled", "true");
        env.getPropertySources().addLast(new MapPropertySource("fieldstone-tls", props));
    }
}
