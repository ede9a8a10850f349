package org.fieldstone.files.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.event.EventListener;
import org.springframework.util.unit.DataSize;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The file store ({@code fieldstone.files.storage}: {@code local} under the data directory, or {@code s3}) and the
 * malware scanner ({@code fieldstone.files.clamd-address}). At start-up a scanner that does not answer is said
 * clearly in the log: uploads then wait in quarantine until it does.
 */
@Configuration(proxyBeanMethods = false)
class FilesConfiguration {

    private static final Logger log = LoggerFactory.getLogger(FilesConfiguration.class);

    @Bean
    FilesProperties filesProperties(@Value("${fieldstone.files.max-size-ceiling:100MB}") DataSize ceiling,
                                    @Value("${fieldstone.files.clamd-address:127.0.0.1:3310}") String clamd,
                                    @Value("${fieldstone.files.clamd-connect-timeout:PT2S}") Duration connect,
                                    @Value("${fieldstone.files.clamd-read-timeout:PT30S}") Duration read) {
        return new FilesProperties(ceiling.toBytes(), clamd.strip(), connect, read);
    }

    @Bean
    MalwareScanner malwareScanner(FilesProperties properties) {
        return new ClamdScanner(properties.clamdAddress(), properties.clamdConnectTimeout(), properties.clamdReadTimeout());
    }

    @Bean
    FileStore fileStore(@Value("${fieldstone.files.storage:local}") String storage,
                        @Value("${fieldstone.data-dir:data}") String dataDir,
                        @Value("${fieldstone.files.local-dir:}") String localDir,
                        @Value("${fieldstone.files.s3.endpoint:}") String endpoint,
                        @Value("${fieldstone.files.s3.region:us-east-1}") String region,
                        @Value("${fieldstone.files.s3.bucket:}") String bucket,
                        @Value("${fieldstone.files.s3.access-key-id:}") String accessKeyId,
                        @Value("${fieldstone.files.s3.secret-access-key-file:}") String secretFile) {
        switch (storage.strip().toLowerCase(Locale.ROOT)) {
            case "local" -> {
                Path root = localDir.isBlank() ? Path.of(dataDir).resolve("files") : Path.of(localDir);
                return new LocalFileStore(root);
            }
            case "s3" -> {
                if (bucket.isBlank() || accessKeyId.isBlank() || secretFile.isBlank()) {
                    throw new IllegalStateException("fieldstone.files.storage=s3 needs fieldstone.files.s3.bucket, "
                            + ".access-key-id and .secret-access-key-file");
                }
                return new S3FileStore(s3Client(endpoint, region, accessKeyId, readSecret(Path.of(secretFile))), bucket);
            }
            default -> throw new IllegalStateException("fieldstone.files.storage is local or s3, not " + storage);
        }
    }

    /** An S3 client with path-style addressing (what MinIO, Garage, Ceph and s3proxy expect) and the given endpoint. */
    static S3Client s3Client(String endpoint, String region, String accessKeyId, String secret) {
        var builder = S3Client.builder()
                .region(Region.of(region))
                .forcePathStyle(true)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(accessKeyId, secret)))
                // the synchronous HTTP client on the class path (apache5-client, the s3 artifact's runtime default)
                .overrideConfiguration(o -> o.apiCallAttemptTimeout(Duration.ofSeconds(60)));
        if (!endpoint.isBlank()) {
            builder.endpointOverride(URI.create(endpoint.strip()));
        }
        return builder.build();
    }

    private static String readSecret(Path file) {
        try {
            return java.nio.file.Files.readString(file, StandardCharsets.UTF_8).strip();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read fieldstone.files.s3.secret-access-key-file " + file, e);
        }
    }

    /** Says at start-up when the scanner does not answer (uploads then wait in quarantine). */
    @Bean
    StartupCheck filesStartupCheck(MalwareScanner scanner, FileStore store) {
        return new StartupCheck(scanner, store);
    }

    static final class StartupCheck {

        private final MalwareScanner scanner;
        private final FileStore store;

        StartupCheck(MalwareScanner scanner, FileStore store) {
            this.scanner = scanner;
            this.store = store;
            // Tika's type table is read from its XML once, when first used: at start-up, not behind a burst of uploads
            ContentTypes.detect("%PDF-1.7\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        }

        @EventListener(ApplicationReadyEvent.class)
        void check() {
            // off the start-up thread: a clamd that does not answer costs the connect timeout, not the start
            Thread.ofVirtual().name("files-startup-check").start(this::report);
        }

        /** Logs whether clamd answers; answers whether it did. */
        boolean report() {
            if (scanner.ping()) {
                log.info("Files: clamd at {} answers; files are stored in the {} file store", scanner.address(),
                        store.name());
                return true;
            }
            log.warn("Files: uploads will wait in quarantine (scanning…) until clamd at {} answers", scanner.address());
            return false;
        }
    }
}
