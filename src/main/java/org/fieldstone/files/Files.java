package org.fieldstone.files;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Instant;
import java.util.List;
import org.fieldstone.shared.Actor;

/**
 * A company's files. Reading a file needs read access to its target, uploading needs the target's write access
 * (both answered by the target's module through {@link AttachmentTargets}); deleting needs write access and being
 * its uploader or an admin. A file of another company, or of a target hidden from the actor, is not found.
 */
public interface Files {

    /**
     * Stores an upload: checked by size (the company's limit) and by content type, photos stripped of their metadata
     * unless the company keeps it, encrypted and stored in quarantine, then scanned once right away (a scanner that
     * does not answer leaves it {@code SCANNING} for the retry job).
     *
     * @param content the upload's bytes, read at most to the company's limit plus one byte
     */
    StoredFile upload(Actor actor, TargetKind kind, String targetId, String name, InputStream content);

    List<StoredFile> list(Actor actor, TargetKind kind, String targetId);

    StoredFile get(Actor actor, String fileId);

    /** The content of a {@code CLEAN} file (anything else is not found), decrypted as it is written out. */
    Content content(Actor actor, String fileId, boolean thumbnail);

    void delete(Actor actor, String fileId, long expectedVersion);

    /** A link to a clean file's content for the actor's own session, valid for at most five minutes. */
    SignedLink link(Actor actor, String fileId);

    /**
     * The content behind a signed link, for the signed-in user it was made for: refused (not found) when expired,
     * made for another file or for another user, or not signed by this company.
     */
    Content contentByLink(Actor actor, String fileId, long expiresEpochSecond, String signature, boolean thumbnail);

    /** Scans the company's files still in quarantine whose retry is due at {@code now}; answers how many got a verdict. */
    int scanPending(Actor actor, Instant now);

    FileSettings settings(Actor actor);

    FileSettings updateSettings(Actor actor, FileSettings settings);

    /** A download: what it is, and how to write it out. */
    interface Content {

        StoredFile file();

        String contentType();

        void writeTo(OutputStream out) throws IOException;
    }

    /** A signed link: the path (with its query) and when it expires. */
    record SignedLink(String path, Instant expiresAt) {
    }
}
