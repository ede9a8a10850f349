package org.fieldstone.web.tls;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.apache.catalina.connector.Connector;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.boot.web.server.context.WebServerInitializedEvent;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.ApplicationListener;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * A plain-HTTP connector on {@code fieldstone.http-port} that serves nothing: the first filter answers every
 * request that did not arrive over TLS with a redirect to the same path on the HTTPS port. (A Tomcat
 * CONFIDENTIAL constraint would do the same, but its authenticator marks every response
 * {@code Cache-Control: private}, which keeps Spring Security from sending {@code no-store}.)
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication
class HttpRedirect {

    private volatile int httpsPort = -1;

    @Bean
    WebServerFactoryCustomizer<TomcatServletWebServerFactory> httpRedirectConnector(
            @Value("${fieldstone.http-port:8080}") int httpPort) {
        return factory -> {
            if (httpPort < 0) {
                return;
            }
            Connector http = new Connector(TomcatServletWebServerFactory.DEFAULT_PROTOCOL);
            http.setScheme("http");
            http.setPort(httpPort);
            http.setSecure(false);
            factory.addAdditionalConnectors(http);
        };
    }

    /**
     * The HTTPS port is known only once the server runs (it may be chosen at random). The management server (its own
     * port, ops.monitoring) announces itself here too: never redirect people to it.
     */
    @Bean
    ApplicationListener<WebServerInitializedEvent> httpsPortListener() {
        return event -> {
            if (!"management".equals(event.getApplicationContext().getServerNamespace())) {
                httpsPort = event.getWebServer().getPort();
            }
        };
    }

    @Bean
    FilterRegistrationBean<OncePerRequestFilter> httpsOnly() {
        var registration = new FilterRegistrationBean<OncePerRequestFilter>(new OncePerRequestFilter() {
            @Override
            protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
                    throws ServletException, IOException {
                if (request.isSecure()) {
                    chain.doFilter(request, response);
                    return;
                }
                String host = request.getServerName();
                if (host.indexOf(':') >= 0 && !host.startsWith("[")) {
                    host = "[" + host + "]";
                }
                String query = request.getQueryString() == null ? "" : "?" + request.getQueryString();
                response.setStatus(HttpServletResponse.SC_FOUND);
                response.setHeader("Location", "https://" + host + ":" + httpsPort + request.getRequestURI() + query);
            }
        });
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
        registration.addUrlPatterns("/*");
        return registration;
    }
}
