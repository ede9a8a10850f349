package org.fieldstone.web.tls;

import org.apache.coyote.http11.AbstractHttp11Protocol;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Which TLS implementation the HTTPS connector uses: {@code fieldstone.tls.implementation=jsse} (the default, Java's
 * own) or {@code openssl}, Tomcat's OpenSSL through Java's foreign-function API with the system's libssl. The second
 * needs {@code tomcat-coyote-ffm.jar} on the class path (it is not in the jar: decision 0028 says why JSSE stays the
 * default) and {@code --enable-native-access=ALL-UNNAMED}; TLS 1.3 only either way.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication
class TlsImplementation {

    static final String OPENSSL_FFM = "org.apache.tomcat.util.net.openssl.panama.OpenSSLImplementation";

    @Bean
    WebServerFactoryCustomizer<TomcatServletWebServerFactory> tlsImplementationCustomizer(
            @Value("${fieldstone.tls.implementation:jsse}") String implementation) {
        return factory -> {
            switch (implementation) {
                case "jsse" -> { }
                case "openssl" -> {
                    try {
                        Class.forName(OPENSSL_FFM);
                    } catch (ClassNotFoundException e) {
                        throw new IllegalStateException("fieldstone.tls.implementation=openssl needs Tomcat's "
                                + "tomcat-coyote-ffm.jar on the class path (-Dloader.path=…)", e);
                    }
                    factory.addConnectorCustomizers(connector -> {
                        if (connector.getSecure() && connector.getProtocolHandler() instanceof AbstractHttp11Protocol<?> http) {
                            http.setSslImplementationName(OPENSSL_FFM);
                        }
                    });
                }
                default -> throw new IllegalStateException(
                        "fieldstone.tls.implementation must be jsse or openssl, not \"" + implementation + "\"");
            }
        };
    }
}
