package org.fieldstone.identity.oauth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.json.JsonMapper;

/** The fetcher's rules that need no server: URLs, documents, cache lifetimes, and loopback refused before connecting. */
class ClientMetadataDocumentsTests {

    static final JsonMapper JSON = JsonMapper.builder().build();

    @Test
    void withPrivateAddressesOffALoopbackClientIdIsRefusedBeforeAnyConnection() throws Exception {
        AtomicInteger connections = new AtomicInteger();
        try (ServerSocket server = new ServerSocket()) {
            server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            Thread accepter = Thread.ofVirtual().start(() -> {
                while (!server.isClosed()) {
                    try (Socket s = server.accept()) {
                        connections.incrementAndGet();
                    } catch (Exception e) {
                        return;
                    }
                }
            });
            ClientMetadataDocuments documents = new ClientMetadataDocuments(false, "", Duration.ofSeconds(3));
            for (String host : new String[] {"localhost", "127.0.0.1", "[::1]", "[::ffff:127.0.0.1]"}) {
                String url = "https://" + host + ":" + server.getLocalPort() + "/client.json";
                ClientMetadataDocuments.Result result = documents.resolve(url);
                assertThat(result.document()).as(url).isEmpty();
                assertThat(result.failure()).as(url).isEqualTo("address refused");
            }
            // the same fetcher allowed private addresses does connect (so the count above can tell)
            new ClientMetadataDocuments(true, "", Duration.ofSeconds(1))
                    .resolve("https://127.0.0.1:" + server.getLocalPort() + "/client.json");
            Thread.sleep(200);
            assertThat(connections.get()).isEqualTo(1);
            server.close();
            accepter.join(1000);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"http://example.com/client.json", "https://user@example.com/client.json",
            "https://example.com/client.json#x", "https://example.com", "https://example.com/",
            "https://example.com/a/../client.json", "https:///client.json", "ftp://example.com/c.json"})
    void refusesUnacceptableClientIdUrls(String url) {
        assertThatThrownBy(() -> ClientMetadataDocuments.validUrl(url)).isInstanceOf(IllegalArgumentException.class);
        assertThat(new ClientMetadataDocuments(true, "", Duration.ofSeconds(1)).resolve(url).document()).isEmpty();
    }

    @Test
    void refusesOverlongUrls() {
        String url = "https://example.com/" + "a".repeat(300);
        assertThatThrownBy(() -> ClientMetadataDocuments.validUrl(url)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aDocumentMustNameItsOwnUrlAndBeAPublicClient() {
        String url = "https://app.example/client.json";
        var ok = ClientMetadataDocuments.document(url, "app.example", JSON.readTree("""
                {"client_id":"https://app.example/client.json","client_name":"Example","redirect_uris":["https://app.example/cb"],
                 "token_endpoint_auth_method":"none"}"""));
        assertThat(ok.name()).isEqualTo("Example");
        assertThat(ok.redirectUris()).containsExactly("https://app.example/cb");
        for (String bad : new String[] {
                "{\"client_id\":\"https://other.example/client.json\",\"redirect_uris\":[\"https://app.example/cb\"]}",
                "{\"client_id\":\"https://app.example/client.json\",\"redirect_uris\":[]}",
                "{\"client_id\":\"https://app.example/client.json\",\"redirect_uris\":[\"http://app.example/cb\"]}",
                "{\"client_id\":\"https://app.example/client.json\",\"redirect_uris\":[\"https://app.example/cb\"],\"token_endpoint_auth_method\":\"client_secret_basic\"}",
                "{\"client_id\":\"https://app.example/client.json\",\"redirect_uris\":[\"https://app.example/cb\"],\"client_secret\":\"x\"}",
                "[1]"}) {
            assertThatThrownBy(() -> ClientMetadataDocuments.document(url, "app.example", JSON.readTree(bad)))
                    .as(bad).isInstanceOf(IllegalArgumentException.class);
        }
        // without a name the host stands for it
        assertThat(ClientMetadataDocuments.document(url, "app.example", JSON.readTree(
                "{\"client_id\":\"https://app.example/client.json\",\"redirect_uris\":[\"https://app.example/cb\"]}")).name())
                .isEqualTo("app.example");
    }

    @Test
    void cacheLifetimeFollowsMaxAgeWithinFiveMinutesAndAnHour() {
        assertThat(ClientMetadataDocuments.cacheFor("")).isEqualTo(Duration.ofMinutes(5));
        assertThat(ClientMetadataDocuments.cacheFor("max-age=10")).isEqualTo(Duration.ofMinutes(5));
        assertThat(ClientMetadataDocuments.cacheFor("public, max-age=1200")).isEqualTo(Duration.ofMinutes(20));
        assertThat(ClientMetadataDocuments.cacheFor("max-age=999999")).isEqualTo(Duration.ofHours(1));
    }
}
