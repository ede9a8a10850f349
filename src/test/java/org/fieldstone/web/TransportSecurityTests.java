package org.fieldstone.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLSocket;
import org.fieldstone.support.Https;
import org.fieldstone.support.SqliteApplicationTest;
import org.junit.jupiter.api.Test;
import org.apache.catalina.connector.Connector;
import org.apache.tomcat.util.threads.ThreadPoolExecutor;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.tomcat.TomcatWebServer;
import org.springframework.boot.web.server.context.WebServerApplicationContext;

/** HTTPS only, TLS 1.3 only, plain HTTP only redirects, and the security headers on every response. */
@SqliteApplicationTest
class TransportSecurityTests {

    @Value("${server.port}") int httpsPort;
    @Value("${fieldstone.http-port}") int httpPort;
    @Autowired WebServerApplicationContext context;

    @Test
    void requestsRunOnReusedVirtualThreads() {
        TomcatWebServer server = (TomcatWebServer) context.getWebServer();
        Connector https = server.getTomcat().getConnector();
        assertThat(https.getPort()).isEqualTo(httpsPort);
        ThreadPoolExecutor pool = (ThreadPoolExecutor) https.getProtocolHandler().getExecutor();
        long before = pool.getCompletedTaskCount();
        Https http = new Https(httpsPort);
        for (int i = 0; i < 60; i++) {
            assertThat(http.get("/api/v1/me").status()).isEqualTo(401);
        }
        // sixty requests one after another ran as tasks of the pool (a keep-alive connection's next request may run in
        // the same task), and the pool stayed small: its threads are reused
        assertThat(pool.getCompletedTaskCount() - before).isPositive();
        assertThat(pool.getPoolSize()).isLessThan(60);
        assertThat(pool.getThreadFactory().newThread(() -> { }).isVirtual()).isTrue();
    }

    @Test
    void aClientLimitedToTls12CannotConnect() throws Exception {
        try (SSLSocket socket = (SSLSocket) Https.trustingTestCertificate().getSocketFactory().createSocket("localhost", httpsPort)) {
            socket.setEnabledProtocols(new String[] {"TLSv1.2"});
            assertThatThrownBy(socket::startHandshake).isInstanceOf(SSLHandshakeException.class);
        }
    }

    @Test
    void aTls13ClientConnects() throws Exception {
        try (SSLSocket socket = (SSLSocket) Https.trustingTestCertificate().getSocketFactory().createSocket("localhost", httpsPort)) {
            socket.setEnabledProtocols(new String[] {"TLSv1.3"});
            socket.startHandshake();
            assertThat(socket.getSession().getProtocol()).isEqualTo("TLSv1.3");
        }
    }

    @Test
    void plainHttpOnlyRedirectsToHttps() throws Exception {
        HttpClient plain = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
        for (String path : new String[] {"/c/demo/login?x=1", "/api/v1/me", "/"}) {
            HttpResponse<String> r = plain.send(HttpRequest.newBuilder(URI.create("http://localhost:" + httpPort + path)).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(r.statusCode()).as(path).isEqualTo(302);
            assertThat(r.headers().firstValue("Location")).as(path).hasValue("https://localhost:" + httpsPort + path);
        }
    }

    @Test
    void everyResponseCarriesTheSecurityHeaders() {
        Https http = new Https(httpsPort);
        for (Https.Response r : new Https.Response[] {http.get("/"), http.get("/css/app.css"), http.get("/no/such/page"),
                http.get("/api/v1/me"), http.get("/c/nobody/login")}) {
            assertThat(r.header("Strict-Transport-Security")).contains("max-age=31536000");
            String csp = r.header("Content-Security-Policy");
            assertThat(csp).contains("frame-ancestors 'none'", "script-src 'self'").doesNotContain("unsafe-inline");
            assertThat(r.header("Referrer-Policy")).isEqualTo("no-referrer");
            assertThat(r.header("X-Content-Type-Options")).isEqualTo("nosniff");
            assertThat(r.header("X-Frame-Options")).isEqualTo("DENY");
        }
    }

    @Test
    void responsesThatMayCarrySecretsAreNeverStored() {
        Https http = new Https(httpsPort);
        for (Https.Response r : new Https.Response[] {http.get("/c/nobody/login"), http.get("/api/v1/me"), http.get("/")}) {
            assertThat(r.header("Cache-Control")).contains("no-store");
        }
    }

    @Test
    void pagesUseNoInlineScripts() {
        String page = new Https(httpsPort).get("/").body();
        assertThat(page).doesNotContainPattern("<script(?![^>]*\\ssrc=)[^>]*>").doesNotContain("onclick=").doesNotContain("style=\"");
    }
}
