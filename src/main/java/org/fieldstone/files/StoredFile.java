package org.fieldstone.files;

import java.time.Instant;
import org.fieldstone.shared.Versioned;

/**
 * A file's metadata, as its readers see it (never its key or where its ciphertext is).
 *
 * @param contentType the type detected from the content (what a download is served as)
 * @param verdict     the scanner's signature name when {@code INFECTED}, else null
 * @param uploadedBy  the uploader's user id (null when the platform uploaded it)
 * @param thumbnail   whether a thumbnail exists (images)
 */
public record StoredFile(String id, long version, TargetKind targetKind, String targetId, String name, String contentType,
                         long size, FileStatus status, String verdict, String uploadedBy, Instant createdAt,
                         boolean thumbnail) implements Versioned {

    public boolean isImage() {
        return contentType.startsWith("image/");
    }
}
