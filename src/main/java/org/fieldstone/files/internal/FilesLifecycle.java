package org.fieldstone.files.internal;

import java.io.IOException;
import java.util.function.Consumer;
import org.fieldstone.tenancy.CompanyDatabase;
import org.fieldstone.tenancy.CompanyEvents;
import org.fieldstone.files.TargetKind;
import org.fieldstone.tenancy.ExportSection;
import org.fieldstone.tenancy.FieldProtection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * The files of a company's lifecycle: its export lists them (metadata, never content or keys), and when it is
 * destroyed — its keys already shredded, so nothing could be read any more — its ciphertexts are removed from the
 * store too.
 */
@Component
@Order(45)
class FilesLifecycle implements ExportSection {

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
