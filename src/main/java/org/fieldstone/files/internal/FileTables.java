package org.fieldstone.files.internal;

import org.fieldstone.shared.Permission;
import org.fieldstone.tenancy.Column;
import org.fieldstone.tenancy.ProtectedTable;
import org.fieldstone.tenancy.RecordType;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The {@code files} table as the one write path sees it. The name is sealed (a file name can be personal); the
 * file's own streaming key is sealed and a secret (never in the audit trail), so rotating the company's keys re-seals
 * it ({@link Protected}) and crypto-shredding the company leaves every ciphertext unreadable. The write permission is
 * {@code clients:write}, the floor every role that may attach anything holds; what each target needs is checked
 * through {@link org.fieldstone.files.AttachmentTargets} before a write.
 */
final class FileTables {

    static final Column<String> TARGET_KIND = Column.of("target_kind", String.class);
    static final Column<String> TARGET_ID = Column.of("target_id", String.class);
    static final Column<String> NAME = Column.of("name", String.class).sealed();
    static final Column<String> CONTENT_TYPE = Column.of("content_type", String.class);
    static final Column<Long> SIZE = Column.of("size", Long.class);
    /** A {@link org.fieldstone.files.FileStatus}'s name. */
    static final Column<String> STATUS = Column.of("status", String.class);
    static final Column<String> VERDICT = Column.of("verdict", String.class);
    static final Column<Long> SCANNED_AT = Column.of("scanned_at", Long.class);
    static final Column<Integer> SCAN_ATTEMPTS = Column.of("scan_attempts", Integer.class);
    static final Column<Long> NEXT_SCAN_AT = Column.of("next_scan_at", Long.class);
    static final Column<String> UPLOADED_BY = Column.of("uploaded_by", String.class);
    static final Column<String> STORAGE_KEY = Column.of("storage_key", String.class);
    static final Column<String> DATA_KEY = Column.of("data_key", String.class).sealed().secret();
    static final Column<String> THUMBNAIL_KEY = Column.of("thumbnail_key", String.class);

    static final RecordType FILES = RecordType.of("files", "file", Permission.CLIENTS_WRITE, null,
            TARGET_KIND, TARGET_ID, NAME, CONTENT_TYPE, SIZE, STATUS, VERDICT, SCANNED_AT, SCAN_ATTEMPTS, NEXT_SCAN_AT,
            UPLOADED_BY, STORAGE_KEY, DATA_KEY, THUMBNAIL_KEY);

    private FileTables() {
    }

    /** The encrypted table, for key rotation. */
    @Configuration(proxyBeanMethods = false)
    static class Protected {

        @Bean
        ProtectedTable filesTable() {
            return FILES.protectedTable();
        }
    }
}
