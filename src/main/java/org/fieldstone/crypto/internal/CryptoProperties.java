package org.fieldstone.crypto.internal;

import java.nio.file.Path;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code fieldstone.keys.*}: where the master key is (a file, or a KMS key URI), and how long keys disabled
 * after a rotation are kept before they are destroyed.
 */
@ConfigurationProperties("fieldstone.keys")
record CryptoProperties(Path masterKeyFile, String masterKeyUri, Duration retiredGrace, Duration cacheCheck) {

    CryptoProperties {
        if (masterKeyFile == null) {
            masterKeyFile = Path.of(System.getProperty("user.home"), ".fieldstone", "master.key");
        }
        if (retiredGrace == null) {
            retiredGrace = Duration.ofDays(7);
        }
        if (cacheCheck == null) {
            cacheCheck = Duration.ofSeconds(2);
        }
    }

    boolean usesKms() {
        return masterKeyUri != null && !masterKeyUri.isBlank();
    }
}
