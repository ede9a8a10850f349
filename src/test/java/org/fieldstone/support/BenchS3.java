package org.fieldstone.support;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.auth.AuthenticationType;
import org.gaul.s3proxy.nio2blob.FilesystemNio2BlobStore;

/**
 * An S3-compatible server for {@code bench/run.sh --mix files --storage s3}: the in-process s3proxy the tests use
 * (a filesystem blob store, AWS v4 signatures checked). Usage:
 * {@code BenchS3 <port> <blob-dir> <bucket> <access-key-id> <secret-access-key-file>}. Creates the bucket, prints the
 * endpoint ({@code http://127.0.0.1:<port>}) on one line once it answers, then runs until the JVM is stopped.
 */
public final class BenchS3 {

    private BenchS3() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 5) {
            System.err.println("usage: BenchS3 <port> <blob-dir> <bucket> <access-key-id> <secret-access-key-file>");
            System.exit(2);
        }
        String endpoint = "http://127.0.0.1:" + Integer.parseInt(args[0]);
        Path blobs = Files.createDirectories(Path.of(args[1]));
        String secret = Files.readString(Path.of(args[4])).strip();
        FilesystemNio2BlobStore store = new FilesystemNio2BlobStore(blobs.toString());
        S3Proxy proxy = S3Proxy.builder().blobStore(store).endpoint(URI.create(endpoint))
                .awsAuthentication(AuthenticationType.AWS_V4, args[3], secret).build();
        proxy.start();
        for (int i = 0; i < 400 && !"STARTED".equals(proxy.getState()); i++) {
            Thread.sleep(25);
        }
        if (!"STARTED".equals(proxy.getState())) {
            System.err.println("s3proxy did not start: " + proxy.getState());
            System.exit(1);
        }
        try (software.amazon.awssdk.services.s3.S3Client s3 = software.amazon.awssdk.services.s3.S3Client.builder()
                .endpointOverride(URI.create(endpoint)).region(software.amazon.awssdk.regions.Region.US_EAST_1)
                .forcePathStyle(true)
                .credentialsProvider(software.amazon.awssdk.auth.credentials.StaticCredentialsProvider.create(
                        software.amazon.awssdk.auth.credentials.AwsBasicCredentials.create(args[3], secret)))
                .build()) {
            s3.createBucket(b -> b.bucket(args[2]));
        }
        System.out.println(endpoint);
        System.out.flush();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                proxy.stop();
            } catch (Exception ignored) {
                // stopping anyway
            }
        }));
        Thread.currentThread().join();
    }
}
