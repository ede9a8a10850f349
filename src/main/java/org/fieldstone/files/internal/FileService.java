package org.fieldstone.files.internal;

import static org.fieldstone.files.internal.FileTables.FILES;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.fieldstone.crypto.StreamingKeys;
import org.fieldstone.files.AttachmentTargets;
import org.fieldstone.files.FileEvents;
import org.fieldstone.files.FileSettings;
import org.fieldstone.files.FileStatus;
import org.fieldstone.files.FileTooLarge;
import org.fieldstone.files.Files;
import org.fieldstone.files.StoredFile;
import org.fieldstone.files.TargetKind;
import org.fieldstone.shared.Actor;
import org.fieldstone.shared.Channel;
import org.fieldstone.shared.Conflict;
import org.fieldstone.shared.DomainEvent;
import org.fieldstone.shared.Forbidden;
import org.fieldstone.shared.InvalidInput;
import org.fieldstone.shared.Message;
import org.fieldstone.shared.NotFound;
import org.fieldstone.shared.Permission;
import org.fieldstone.shared.Role;
import org.fieldstone.shared.TenantId;
import org.fieldstone.shared.VersionConflict;
import org.fieldstone.tenancy.Changes;
import org.fieldstone.tenancy.Companies;
import org.fieldstone.tenancy.Company;
import org.fieldstone.tenancy.CompanyDatabase;
import org.fieldstone.tenancy.CompanyDatabases;
import org.fieldstone.tenancy.CompanySetting;
import org.fieldstone.tenancy.CompanySettings;
import org.fieldstone.tenancy.DomainEvents;
import org.fieldstone.tenancy.FieldProtection;
import org.fieldstone.tenancy.RecordKey;
import org.fieldstone.tenancy.RecordStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@link Files}: the upload path (limit, type by content, photos re-encoded, streaming encryption into the store, a
 * row in quarantine through the write path, a first scan), the scan and its verdict through {@link FileAggregate},
 * downloads decrypted as they are written out, signed links and the company's file settings.
 *
 * <p>Plaintext exists only in memory: the upload's bytes (Tomcat keeps multipart parts below
 * {@code spring.servlet.multipart.file-size-threshold} in memory, set above the size ceiling), the re-encoded photo
 * and its thumbnail; what reaches the store is the encrypting stream's output. The associated data of a ciphertext is
 * {@code <company>/<file id>} ({@code …/thumb} for the thumbnail), so a ciphertext moved to another file or company
 * does not open.
 */
@Service
class FileService implements Files {

    private static final Logger log = LoggerFactory.getLogger(FileService.class);
    private static final JsonMapper JSON = JsonMapper.builder().build();
    /** A signed link's lifetime (the issue: at most five minutes). */
    static final Duration LINK_LIFETIME = Duration.ofMinutes(5);

    static final CompanySetting<FileSettings> SETTINGS = new CompanySetting<>("files.settings",
            Permission.SETTINGS_MANAGE, FileSettings.DEFAULT, FileService::parseSettings, FileService::formatSettings);

    private final CompanyDatabases databases;
    private final RecordStore store;
    private final DomainEvents events;
    private final FieldProtection protection;
    private final CompanySettings settings;
    private final Companies companies;
    private final Map<TargetKind, AttachmentTargets> targets = new EnumMap<>(TargetKind.class);
    private final FileStore files;
    private final MalwareScanner scanner;
    private final FilesProperties properties;
    private final Clock clock;
    /** Files in quarantine per company, as {@link #scanPending} last counted them. */
    private final Map<TenantId, Long> scanBacklog = new java.util.concurrent.ConcurrentHashMap<>();

    FileService(CompanyDatabases databases, RecordStore store, DomainEvents events, FieldProtection protection,
                CompanySettings settings, Companies companies, List<AttachmentTargets> targets, FileStore files,
                MalwareScanner scanner, FilesProperties properties, Clock clock, MeterRegistry meters) {
        this.databases = databases;
        // the operator's "scan backlog growing" alert (ops.monitoring): as the scan job last counted it
        Gauge.builder("fieldstone.files.scan.backlog", scanBacklog, m -> m.values().stream().mapToLong(Long::longValue).sum())
                .description("Files waiting in quarantine for the malware scan").register(meters);
        this.store = store;
        this.events = events;
        this.protection = protection;
        this.settings = settings;
        this.companies = companies;
        for (AttachmentTargets t : targets) {
            for (TargetKind kind : t.kinds()) {
                if (this.targets.put(kind, t) != null) {
                    throw new IllegalStateException("Two modules answer for attachments to " + kind);
                }
            }
        }
        this.files = files;
        this.scanner = scanner;
        this.properties = properties;
        this.clock = clock;
    }

    // ---- the upload

    @Override
    public StoredFile upload(Actor actor, TargetKind kind, String targetId, String name, InputStream content) {
        target(kind).checkAttach(actor, kind, targetId);
        CompanyDatabase db = databases.of(actor.tenant());
        FileSettings company = settings.get(db, SETTINGS);
        long limit = Math.min(company.maxSizeBytes(), properties.maxSizeCeiling());
        String shownName = cleanName(name);
        byte[] bytes;
        try {
            bytes = content.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, limit + 1));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (bytes.length > limit) {
            throw new FileTooLarge(limit);
        }
        if (bytes.length == 0) {
            throw new InvalidInput("file", Message.of("files.refused.empty"));
        }
        String type = ContentTypes.allowed(bytes, shownName);
        if (type == null) {
            throw new InvalidInput("file", Message.of("files.refused.type"));
        }
        byte[] thumbnail = null;
        if (type.startsWith("image/")) {
            BufferedImage decoded = Photos.decode(bytes);
            if (decoded == null) {
                throw new InvalidInput("file", Message.of("files.refused.image"));
            }
            String format = type.equals("image/png") ? "png" : "jpeg";
            // the camera's orientation is applied to the pixels: a copy without metadata must still stand upright
            BufferedImage image = format.equals("jpeg") ? Photos.oriented(decoded, Photos.orientation(bytes)) : decoded;
            if (!company.keepPhotoLocation()) {
                bytes = Photos.encode(image, format);
            }
            thumbnail = Photos.encode(Photos.thumbnail(image), format);
        }
        String id = UUID.randomUUID().toString();
        String key = StreamingKeys.newKey();
        String storageKey = actor.tenant().compact() + "/" + id;
        String thumbnailKey = thumbnail == null ? null : storageKey + ".thumb";
        StreamingKeys.StreamingKey streaming = StreamingKeys.open(key);
        try {
            FileCiphers.store(files, streaming, storageKey, FileCiphers.associatedData(actor.tenant(), id, false), bytes);
            if (thumbnail != null) {
                FileCiphers.store(files, streaming, thumbnailKey, FileCiphers.associatedData(actor.tenant(), id, true), thumbnail);
            }
        } catch (IOException e) {
            removeQuietly(storageKey, thumbnailKey);
            throw new UncheckedIOException("Could not store file " + id + " in " + files.name(), e);
        }
        String uploader = actor.userId().map(u -> u.value().toString()).orElse(null);
        long size = bytes.length;
        try {
            db.inTransaction(() -> {
                store.insert(actor, id, Changes.of(FILES).set(FileTables.TARGET_KIND, kind.name())
                        .set(FileTables.TARGET_ID, targetId).set(FileTables.NAME, shownName)
                        .set(FileTables.CONTENT_TYPE, type).set(FileTables.SIZE, size)
                        .set(FileTables.STATUS, FileStatus.SCANNING.name()).set(FileTables.SCAN_ATTEMPTS, 0)
                        .set(FileTables.NEXT_SCAN_AT, clock.millis()).set(FileTables.UPLOADED_BY, uploader)
                        .set(FileTables.STORAGE_KEY, storageKey).set(FileTables.DATA_KEY, key)
                        .set(FileTables.THUMBNAIL_KEY, thumbnailKey), "uploaded");
                events.publish(db, new FileEvents.FileUploaded(actor.tenant(), id, kind, targetId, uploader));
            });
        } catch (RuntimeException e) {
            removeQuietly(storageKey, thumbnailKey);
            throw e;
        }
        scan(actor.tenant(), id, clock.instant());
        return read(db, id).orElseThrow().file();
    }

    private static String cleanName(String name) {
        String n = name == null ? "" : name.replace('\\', '/');
        n = n.substring(n.lastIndexOf('/') + 1).replaceAll("\\p{Cntrl}", "").strip();
        if (n.isEmpty()) {
            n = "file";
        }
        return n.length() > 200 ? n.substring(n.length() - 200) : n;
    }

    // ---- reading

    @Override
    public List<StoredFile> list(Actor actor, TargetKind kind, String targetId) {
        target(kind).checkRead(actor, kind, targetId);
        CompanyDatabase db = databases.of(actor.tenant());
        List<Row> rows = db.jdbc().sql(SELECT + " WHERE target_kind = :kind AND target_id = :target ORDER BY created_at, id")
                .param("kind", kind.name()).param("target", targetId)
                .query((rs, i) -> row(actor.tenant(), rs)).list();
        return rows.stream().map(Row::file).toList();
    }

    @Override
    public StoredFile get(Actor actor, String fileId) {
        return visible(actor, fileId).file();
    }

    @Override
    public Content content(Actor actor, String fileId, boolean thumbnail) {
        return content(visible(actor, fileId), thumbnail);
    }

    private Content content(Row row, boolean thumbnail) {
        if (row.status() != FileStatus.CLEAN || (thumbnail && row.thumbnailKey() == null)) {
            throw notFound();
        }
        StoredFile file = row.file();
        String type = thumbnail ? (file.contentType().equals("image/png") ? "image/png" : "image/jpeg") : file.contentType();
        return new Content() {
            @Override
            public StoredFile file() {
                return file;
            }

            @Override
            public String contentType() {
                return type;
            }

            @Override
            public void writeTo(OutputStream out) throws IOException {
                try (InputStream in = plaintext(row, thumbnail)) {
                    in.transferTo(out);
                }
            }
        };
    }

    private InputStream plaintext(Row row, boolean thumbnail) throws IOException {
        return FileCiphers.open(files, StreamingKeys.open(row.dataKey().get()),
                thumbnail ? row.thumbnailKey() : row.storageKey(),
                FileCiphers.associatedData(row.tenant(), row.id(), thumbnail));
    }

    /** The row of a file the actor may read: its target visible to them, else not found. */
    private Row visible(Actor actor, String fileId) {
        Row row = read(databases.of(actor.tenant()), fileId).orElseThrow(FileService::notFound);
        AttachmentTargets t = targets.get(row.targetKind());
        if (t == null) {
            throw notFound();
        }
        t.checkRead(actor, row.targetKind(), row.targetId());
        return row;
    }

    // ---- deleting

    @Override
    public void delete(Actor actor, String fileId, long expectedVersion) {
        Row row = visible(actor, fileId);
        target(row.targetKind()).checkAttach(actor, row.targetKind(), row.targetId());
        boolean uploader = row.uploadedBy() != null && actor.userId().map(u -> u.value().toString().equals(row.uploadedBy()))
                .orElse(false);
        if (!uploader && !actor.role().covers(Role.ADMIN)) {
            throw new Forbidden(Message.of("files.refused.delete"));
        }
        CompanyDatabase db = databases.of(actor.tenant());
        db.inTransaction(() -> {
            store.delete(actor, FILES, RecordKey.of(fileId), expectedVersion, "deleted");
            events.publish(db, new FileEvents.FileDeleted(actor.tenant(), fileId, row.targetKind(), row.targetId()));
        });
        removeQuietly(row.storageKey(), row.thumbnailKey());
    }

    private void removeQuietly(String... keys) {
        for (String key : keys) {
            if (key == null) {
                continue;
            }
            try {
                files.delete(key);
            } catch (IOException | RuntimeException e) {
                log.warn("Could not remove ciphertext {} from the {} file store: {}", key, files.name(), e.toString());
            }
        }
    }

    // ---- signed links

    @Override
    public SignedLink link(Actor actor, String fileId) {
        Row row = visible(actor, fileId);
        if (row.status() != FileStatus.CLEAN) {
            throw notFound();
        }
        String user = actor.userId().map(u -> u.value().toString())
                .orElseThrow(() -> new Forbidden(Message.of("files.refused.link-user")));
        Instant expires = clock.instant().plus(LINK_LIFETIME);
        long exp = expires.getEpochSecond();
        String slug = companies.find(actor.tenant()).map(Company::slug).orElseThrow();
        String sig = protection.index(actor.tenant(), "files", "link", linkMessage(fileId, user, exp));
        return new SignedLink("/c/" + slug + "/files/" + fileId + "?exp=" + exp + "&sig=" + sig, expires);
    }

    @Override
    public Content contentByLink(Actor actor, String fileId, long expiresEpochSecond, String signature, boolean thumbnail) {
        String user = actor.userId().map(u -> u.value().toString()).orElseThrow(FileService::notFound);
        long now = clock.instant().getEpochSecond();
        if (signature == null || expiresEpochSecond < now || expiresEpochSecond > now + LINK_LIFETIME.toSeconds()) {
            throw notFound();
        }
        byte[] given = signature.getBytes(StandardCharsets.US_ASCII);
        boolean valid = false;
        for (String expected : protection.lookup(actor.tenant(), "files", "link", linkMessage(fileId, user, expiresEpochSecond))) {
            valid |= MessageDigest.isEqual(expected.getBytes(StandardCharsets.US_ASCII), given);
        }
        if (!valid) {
            throw notFound();
        }
        Row row = read(databases.of(actor.tenant()), fileId).orElseThrow(FileService::notFound);
        return content(row, thumbnail);
    }

    private static String linkMessage(String fileId, String userId, long exp) {
        return "file-link\n" + fileId + "\n" + userId + "\n" + exp;
    }

    // ---- scanning

    @Override
    public int scanPending(Actor actor, Instant now) {
        actor.require(Permission.SETTINGS_MANAGE);
        CompanyDatabase db = databases.of(actor.tenant());
        List<String> due = db.jdbc().sql("""
                        SELECT id FROM files WHERE status = 'SCANNING' AND (next_scan_at IS NULL OR next_scan_at <= :now)
                        ORDER BY created_at, id LIMIT 100""")
                .param("now", now.toEpochMilli()).query(String.class).list();
        long waiting = db.jdbc().sql("SELECT COUNT(*) FROM files WHERE status = 'SCANNING'").query(Long.class).single();
        if (due.isEmpty() || !scanner.ping()) {
            countScanBacklog(actor.tenant(), waiting);
            return 0;
        }
        int verdicts = 0;
        for (String id : due) {
            if (scan(actor.tenant(), id, now) != FileStatus.SCANNING) {
                verdicts++;
            }
        }
        countScanBacklog(actor.tenant(), waiting - verdicts);
        return verdicts;
    }

    private void countScanBacklog(TenantId tenant, long waiting) {
        if (waiting > 0) {
            scanBacklog.put(tenant, waiting);
        } else {
            scanBacklog.remove(tenant);
        }
    }

    /** Scans one file in quarantine and writes what came of it; answers its status afterwards. */
    FileStatus scan(TenantId tenant, String fileId, Instant now) {
        CompanyDatabase db = databases.of(tenant);
        Optional<Row> found = read(db, fileId);
        if (found.isEmpty() || found.get().status() != FileStatus.SCANNING) {
            return found.map(Row::status).orElse(null);
        }
        Row row = found.get();
        MalwareScanner.Verdict verdict;
        try (InputStream in = plaintext(row, false)) {
            verdict = scanner.scan(in);
        } catch (IOException | RuntimeException e) {
            // a ciphertext that does not open is never released: it waits, and the log says why
            log.error("File {} of company {} could not be read for its scan: {}", fileId, tenant, e.toString());
            verdict = new MalwareScanner.Unavailable("unreadable");
        }
        Actor system = Actor.system(tenant, Channel.SYSTEM);
        MalwareScanner.Verdict v = verdict;
        try {
            return db.inTransaction(() -> {
                Row current = read(db, fileId).orElse(null);
                if (current == null || current.status() != FileStatus.SCANNING) {
                    return current == null ? null : current.status();
                }
                FileAggregate file = current.aggregate();
                FileAggregate.Outcome outcome = switch (v) {
                    case MalwareScanner.Clean c -> file.release(now);
                    case MalwareScanner.Found f -> file.quarantine(f.signature(), now);
                    case MalwareScanner.Unavailable u -> {
                        log.info("File {} of company {} waits in quarantine: clamd at {} gave no verdict ({})", fileId,
                                tenant, scanner.address(), u.reason());
                        yield file.defer(now);
                    }
                };
                store.change(system, RecordKey.of(fileId), outcome.expectedVersion(), outcome.changes(), outcome.action());
                for (DomainEvent e : outcome.events()) {
                    events.publish(db, e);
                }
                if (v instanceof MalwareScanner.Found f) {
                    log.warn("Malware {} found in file {} of company {}: kept in quarantine", f.signature(), fileId, tenant);
                }
                return v instanceof MalwareScanner.Clean ? FileStatus.CLEAN
                        : v instanceof MalwareScanner.Found ? FileStatus.INFECTED : FileStatus.SCANNING;
            });
        } catch (VersionConflict | Conflict e) {
            // another scan of the same file wrote its verdict first
            return read(db, fileId).map(Row::status).orElse(null);
        }
    }

    // ---- settings

    @Override
    public FileSettings settings(Actor actor) {
        if (!actor.can(Permission.JOBS_READ) && !actor.can(Permission.SETTINGS_MANAGE)) {
            throw new Forbidden(Message.of("shared.refused.permission", Permission.JOBS_READ.code()));
        }
        FileSettings s = settings.get(databases.of(actor.tenant()), SETTINGS);
        return new FileSettings(Math.min(s.maxSizeBytes(), properties.maxSizeCeiling()), s.keepPhotoLocation());
    }

    @Override
    public FileSettings updateSettings(Actor actor, FileSettings changed) {
        actor.require(Permission.SETTINGS_MANAGE);
        if (changed.maxSizeBytes() < 1024 || changed.maxSizeBytes() > properties.maxSizeCeiling()) {
            throw new InvalidInput("maxSizeBytes", Message.of("files.refused.max-size", 1024,
                    properties.maxSizeCeiling()));
        }
        databases.of(actor.tenant()).inTransaction(() -> settings.set(actor, SETTINGS, changed));
        return changed;
    }

    record StoredSettings(long maxSizeBytes, boolean keepPhotoLocation) {
    }

    private static FileSettings parseSettings(String text) {
        StoredSettings s = JSON.readValue(text, StoredSettings.class);
        return new FileSettings(s.maxSizeBytes(), s.keepPhotoLocation());
    }

    private static String formatSettings(FileSettings s) {
        return JSON.writeValueAsString(new StoredSettings(s.maxSizeBytes(), s.keepPhotoLocation()));
    }

    // ---- rows

    private static final String SELECT = """
            SELECT id, version, target_kind, target_id, name, content_type, size, status, verdict, scan_attempts,
                   uploaded_by, storage_key, data_key, thumbnail_key, created_at FROM files""";

    /** A row of {@code files}; the sealed name and key are opened when asked for. */
    private record Row(TenantId tenant, String id, long version, TargetKind targetKind, String targetId,
                       java.util.function.Supplier<String> name, String contentType, long size, FileStatus status,
                       String verdict, int attempts, String uploadedBy, String storageKey,
                       java.util.function.Supplier<String> dataKey, String thumbnailKey, Instant createdAt) {

        StoredFile file() {
            return new StoredFile(id, version, targetKind, targetId, name.get(), contentType, size, status, verdict,
                    uploadedBy, createdAt, thumbnailKey != null);
        }

        FileAggregate aggregate() {
            return new FileAggregate(tenant, id, version, status, attempts, targetKind, targetId, uploadedBy);
        }
    }

    private Optional<Row> read(CompanyDatabase db, String fileId) {
        return db.jdbc().sql(SELECT + " WHERE id = :id").param("id", fileId)
                .query((rs, i) -> row(db.tenant(), rs)).optional();
    }

    private Row row(TenantId tenant, java.sql.ResultSet rs) throws java.sql.SQLException {
        String id = rs.getString("id");
        String name = rs.getString("name");
        String dataKey = rs.getString("data_key");
        return new Row(tenant, id, rs.getLong("version"), TargetKind.valueOf(rs.getString("target_kind")),
                rs.getString("target_id"), () -> protection.open(tenant, "files", "name", id, name),
                rs.getString("content_type"), rs.getLong("size"), FileStatus.valueOf(rs.getString("status")),
                rs.getString("verdict"), rs.getInt("scan_attempts"), rs.getString("uploaded_by"),
                rs.getString("storage_key"), () -> protection.open(tenant, "files", "data_key", id, dataKey),
                rs.getString("thumbnail_key"), Instant.ofEpochMilli(rs.getLong("created_at")));
    }

    private AttachmentTargets target(TargetKind kind) {
        AttachmentTargets t = targets.get(kind);
        if (t == null) {
            throw notFound();
        }
        return t;
    }

    private static NotFound notFound() {
        return new NotFound(Message.of("files.thing.file"));
    }
}
