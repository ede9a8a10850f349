package org.fieldstone.files.internal;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.function.Consumer;
import org.fieldstone.tenancy.CompanyDatabase;
import org.fieldstone.tenancy.CompanyEvents;
import org.fieldstone.files.TargetKind;
import org.fieldstone.crypto.StreamingKeys;
import org.fieldstone.files.FileStatus;
import org.fieldstone.tenancy.ExportContent;
import org.fieldstone.tenancy.ExportSection;
import org.fieldstone.tenancy.FieldProtection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * The files of a company's lifecycle: its export lists them (metadata, never keys) with their status, its export
 * archive holds every {@code CLEAN} one as {@code files/<file id>/<name>} (decrypted as it is written into the
 * archive; never one in quarantine or infected), and when it is
 * destroyed — its keys already shredded, so nothing could be read any more — its ciphertexts are removed from the
 * store too.
 */
@Component
@Order(45)
class FilesLifecycle implements ExportSection, ExportContent {

    private static final Logger log = LoggerFactory.getLogger(FilesLifecycle.class);

    private final FileStore store;
    private final FieldProtection protection;

    FilesLifecycle(FileStore store, FieldProtection protection) {
        this.store = store;
        this.protection = protection;
    }

    /** A file as the export lists it. */
    record ExportedFile(String id, String targetType, String targetId, String name, String contentType, long size,
                        String status, String verdict, String uploadedBy, java.time.Instant createdAt) {
    }

    @Override
    public String name() {
        return "files";
    }

    @Override
    public void export(CompanyDatabase db, Consumer<Object> item) {
        db.jdbc().sql("""
                        SELECT id, target_kind, target_id, name, content_type, size, status, verdict, uploaded_by, created_at
                        FROM files ORDER BY created_at, id""")
                .query((rs, i) -> {
                    String id = rs.getString("id");
                    return new ExportedFile(id, TargetKind.valueOf(rs.getString("target_kind")).path(),
                            rs.getString("target_id"), protection.open(db.tenant(), "files", "name", id, rs.getString("name")),
                            rs.getString("content_type"), rs.getLong("size"), rs.getString("status"),
                            rs.getString("verdict"), rs.getString("uploaded_by"),
                            java.time.Instant.ofEpochMilli(rs.getLong("created_at")));
                }).list().forEach(item);
    }

    /** Every clean file's content, one at a time, decrypted straight into the archive (never held whole or written elsewhere). */
    @Override
    public void contents(CompanyDatabase db, Entries entries) throws IOException {
        record Clean(String id, String name, String storageKey, String dataKey) {
        }
        List<Clean> clean = db.jdbc().sql("SELECT id, name, storage_key, data_key FROM files WHERE status = :clean ORDER BY created_at, id")
                .param("clean", FileStatus.CLEAN.name())
                .query((rs, i) -> new Clean(rs.getString("id"), rs.getString("name"), rs.getString("storage_key"),
                        rs.getString("data_key"))).list();
        for (Clean file : clean) {
            String name = protection.open(db.tenant(), "files", "name", file.id(), file.name());
            StreamingKeys.StreamingKey key = StreamingKeys.open(
                    protection.open(db.tenant(), "files", "data_key", file.id(), file.dataKey()));
            entries.add("files/" + file.id() + "/" + entryName(name), out -> {
                try (InputStream in = FileCiphers.open(store, key, file.storageKey(),
                        FileCiphers.associatedData(db.tenant(), file.id(), false))) {
                    in.transferTo(out);
                }
            });
        }
    }

    /** A file's name as one path segment of an archive entry: no separators or control characters, never {@code ..}. */
    static String entryName(String name) {
        StringBuilder safe = new StringBuilder();
        (name == null ? "" : name).codePoints().forEach(c -> safe.appendCodePoint(
                c == '/' || c == '\\' || Character.isISOControl(c) ? '_' : c));
        String s = safe.toString().strip();
        return s.isEmpty() || s.chars().allMatch(c -> c == '.') ? "file" : s;
    }

    @EventListener
    void destroyed(CompanyEvents.CompanyDestroyed event) {
        try {
            int removed = store.deleteAll(event.tenant().compact() + "/");
            log.info("Removed {} file ciphertexts of destroyed company {} from the {} file store", removed, event.slug(),
                    store.name());
        } catch (IOException | RuntimeException e) {
            log.warn("Could not remove the file ciphertexts of destroyed company {} ({}): they are unreadable (its keys "
                    + "are destroyed); remove {}/ from the {} file store by hand", event.slug(), e.toString(),
                    event.tenant().compact(), store.name());
        }
    }
}
