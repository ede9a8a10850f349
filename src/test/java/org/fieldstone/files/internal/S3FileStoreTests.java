package org.fieldstone.files.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import org.fieldstone.crypto.StreamingKeys;
import org.fieldstone.shared.TenantId;
import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.auth.AuthenticationType;
import org.gaul.s3proxy.nio2blob.FilesystemNio2BlobStore;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The S3 file store against an in-process s3proxy that checks AWS v4 request signatures (a filesystem blob store in a
 * temporary directory, so the bucket's bytes can be searched): the same encryption as every upload
 * ({@link FileCiphers}) round-trips, no plaintext byte reaches the bucket, a wrong secret is refused, and a ciphertext
 * does not open as another file's.
 */
class S3FileStoreTests {

    private static final String ACCESS_KEY = "fieldstone-test-access";
    private static final String SECRET = "fieldstone-test-secret-not-real";
    private static final String BUCKET = "fieldstone-files";

    private static S3Proxy proxy;
    private static Path blobs;
    private static String endpoint;

    @BeforeAll
    static void start() throws Exception {
        blobs = Files.createTempDirectory("fieldstone-s3proxy-");
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        endpoint = "http://127.0.0.1:" + port;
        proxy = S3Proxy.builder().blobStore(new FilesystemNio2BlobStore(blobs.toString()))
                .endpoint(URI.create(endpoint)).awsAuthentication(AuthenticationType.AWS_V4, ACCESS_KEY, SECRET).build();
        proxy.start();
        for (int i = 0; i < 200 && !"STARTED".equals(proxy.getState()); i++) {
            Thread.sleep(25);
        }
        try (S3Client s3 = FilesConfiguration.s3Client(endpoint, "us-east-1", ACCESS_KEY, SECRET)) {
            s3.createBucket(b -> b.bucket(BUCKET));
        }
    }

    @AfterAll
    static void stop() throws Exception {
        proxy.stop();
    }

    @Test
    void encryptedContentRoundTripsAndNoPlaintextReachesTheBucket() throws IOException {
        String marker = "FSMARK" + UUID.randomUUID().toString().replace("-", "");
        byte[] plaintext = ("Signed by the customer " + marker + "\n").repeat(50_000).getBytes(StandardCharsets.UTF_8);
        TenantId tenant = TenantId.random();
        String fileId = UUID.randomUUID().toString();
        String key = tenant.compact() + "/" + fileId;
        StreamingKeys.StreamingKey streaming = StreamingKeys.open(StreamingKeys.newKey());
        try (S3Client s3 = FilesConfiguration.s3Client(endpoint, "us-east-1", ACCESS_KEY, SECRET)) {
            S3FileStore store = new S3FileStore(s3, BUCKET);
            FileCiphers.store(store, streaming, key, FileCiphers.associatedData(tenant, fileId, false), plaintext);
            assertThat(store.exists(key)).isTrue();
            try (InputStream in = FileCiphers.open(store, streaming, key, FileCiphers.associatedData(tenant, fileId, false))) {
                assertThat(in.readAllBytes()).isEqualTo(plaintext);
            }
            byte[] stored;
            try (InputStream raw = store.open(key)) {
                stored = raw.readAllBytes();
            }
            assertThat(stored.length).isGreaterThan(plaintext.length);
            assertThat(contains(stored, marker)).isFalse();
            assertThat(filesContaining(blobs, marker)).as("the bucket's files holding the marker").isEmpty();
            // bound to the company and the file: as another file's ciphertext it does not open
            assertThatThrownBy(() -> {
                try (InputStream in = FileCiphers.open(store, streaming, key,
                        FileCiphers.associatedData(tenant, UUID.randomUUID().toString(), false))) {
                    in.readAllBytes();
                }
            }).isInstanceOf(IOException.class);
            store.delete(key);
            assertThat(store.exists(key)).isFalse();
        }
    }

    @Test
    void aWrongSecretIsRefusedByTheServer() {
        try (S3Client s3 = FilesConfiguration.s3Client(endpoint, "us-east-1", ACCESS_KEY, "not-the-secret")) {
            S3FileStore store = new S3FileStore(s3, BUCKET);
            assertThatThrownBy(() -> store.write("abc/def", out -> out.write(new byte[] {1, 2, 3})))
                    .isInstanceOf(IOException.class);
            assertThatThrownBy(() -> store.open("abc/def")).isInstanceOf(IOException.class);
        }
        try (S3Client s3 = FilesConfiguration.s3Client(endpoint, "us-east-1", "someone-else", SECRET)) {
            assertThatThrownBy(() -> new S3FileStore(s3, BUCKET).write("abc/def", out -> out.write(1)))
                    .isInstanceOf(IOException.class);
        }
    }

    private static boolean contains(byte[] haystack, String marker) {
        return new String(haystack, StandardCharsets.ISO_8859_1).contains(marker);
    }

    private static List<Path> filesContaining(Path dir, String marker) throws IOException {
        List<Path> hits = new ArrayList<>();
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : (Iterable<Path>) walk::iterator) {
                if (Files.isRegularFile(p) && contains(Files.readAllBytes(p), marker)) {
                    hits.add(p);
                }
            }
        }
        return hits;
    }
}
