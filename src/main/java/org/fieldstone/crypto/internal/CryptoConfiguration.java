package org.fieldstone.crypto.internal;

import com.google.crypto.tink.aead.AeadConfig;
import com.google.crypto.tink.prf.PrfConfig;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.time.Clock;
import org.fieldstone.crypto.KeysetStore;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(CryptoProperties.class)
class CryptoConfiguration {

    static {
        try {
            AeadConfig.register();
            PrfConfig.register();
        } catch (GeneralSecurityException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    @Bean
    MasterKey masterKey(CryptoProperties properties, @Value("${fieldstone.data-dir:data}") Path dataDir) {
        return properties.usesKms()
                ? MasterKey.fromKms(properties.masterKeyUri())
                : MasterKey.fromFile(properties.masterKeyFile(), dataDir);
    }

    @Bean
    TinkKeyRing keyRing(KeysetStore store, MasterKey masterKey, Clock clock, CryptoProperties properties) {
        TinkKeyRing keyRing = new TinkKeyRing(store, masterKey, clock, properties.cacheCheck());
        keyRing.warmUp();
        return keyRing;
    }
}
