package org.fieldstone.files.internal;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.HeadObjectRequest;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * Ciphertexts in an S3-compatible bucket (AWS SDK v2, path-style addressing, the endpoint configurable for MinIO,
 * Garage, Ceph or s3proxy). An object is put whole: the ciphertext is gathered in memory first (never the
 * plaintext), at most the platform's size ceiling plus Tink's per-segment overhead.
 */
final class S3FileStore implements FileStore {

    private final S3Client s3;
    private final String bucket;

    S3FileStore(S3Client s3, String bucket) {
        this.s3 = s3;
        this.bucket = bucket;
    }

    @Override
    public void write(String key, Writer writer) throws IOException {
        ByteArrayOutputStream ciphertext = new ByteArrayOutputStream();
        writer.writeTo(ciphertext);
        try {
            s3.putObject(b -> b.bucket(bucket).key(key).contentType("application/octet-stream"),
                    RequestBody.fromBytes(ciphertext.toByteArray()));
        } catch (S3Exception e) {
            throw new IOException("S3 refused to store " + key + ": " + e.awsErrorDetails().errorCode(), e);
        }
    }

    @Override
    public InputStream open(String key) throws IOException {
        try {
            return s3.getObject(b -> b.bucket(bucket).key(key));
        } catch (S3Exception e) {
            throw new IOException("S3 could not read " + key + ": " + e.statusCode(), e);
        }
    }

    @Override
    public void delete(String key) throws IOException {
        try {
            s3.deleteObject(b -> b.bucket(bucket).key(key));
        } catch (S3Exception e) {
            throw new IOException("S3 could not delete " + key + ": " + e.statusCode(), e);
        }
    }

    @Override
    public boolean exists(String key) throws IOException {
        try {
            s3.headObject(HeadObjectRequest.builder().bucket(bucket).key(key).build());
            return true;
        } catch (NoSuchKeyException e) {
            return false;
        } catch (S3Exception e) {
            if (e.statusCode() == 404) {
                return false;
            }
            throw new IOException("S3 could not look up " + key + ": " + e.statusCode(), e);
        }
    }

    @Override
    public int deleteAll(String prefix) throws IOException {
        int removed = 0;
        try {
            for (var page : s3.listObjectsV2Paginator(b -> b.bucket(bucket).prefix(prefix))) {
                for (var object : page.contents()) {
                    s3.deleteObject(b -> b.bucket(bucket).key(object.key()));
                    removed++;
                }
            }
        } catch (S3Exception e) {
            throw new IOException("S3 could not remove the objects under " + prefix + ": " + e.statusCode(), e);
        }
        return removed;
    }

    @Override
    public String name() {
        return "s3";
    }
}
