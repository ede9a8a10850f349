package org.fieldstone.web.tls;

import org.apache.catalina.connector.Connector;
import org.apache.tomcat.util.descriptor.web.SecurityCollection;
import org.apache.tomcat.util.descriptor.web.SecurityConstraint;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.boot.web.server.context.WebServerInitializedEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * A plain-HTTP connector on {@code fieldstone.http-port} that serves nothing: Tomcat answers every request
 * with a redirect to the same path on the HTTPS port (a CONFIDENTIAL transport constraint on {@code /*}).
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication
class HttpRedirect {

    private final Connector http = new Connector(TomcatServletWebServerFactory.DEFAULT_PROTOCOL);

    @Bean
    WebServerFactoryCustomizer<TomcatServletWebServerFactory> httpRedirectConnector(
            @Value("${fieldstone.http-port:8080}") int httpPort) {
        return factory -> {
            if (httpPort < 0) {
                return;
            }
            http.setScheme("http");
            http.setPort(httpPort);
            http.setSecure(false);
            factory.addAdditionalConnectors(http);
            factory.addContextCustomizers(context -> {
                SecurityConstraint confidential = new SecurityConstraint();
                confidential.setUserConstraint("CONFIDENTIAL");
                SecurityCollection everything = new SecurityCollection();
                everything.addPattern("/*");
                confidential.addCollection(everything);
                context.addConstraint(confidential);
            });
        };
    }

    /** The HTTPS port is known only once the server runs (it may be chosen at random). */
    @Bean
    ApplicationListener<WebServerInitializedEvent> httpRedirectTarget() {
        return event -> http.setRedirectPort(event.getWebServer().getPort());
    }
}
