package org.fieldstone.ops.backup;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import org.fieldstone.audit.AuditRecord;
import org.fieldstone.audit.AuditTrail;
import org.fieldstone.audit.Verification;
import org.fieldstone.crypto.CryptoFailure;
import org.fieldstone.crypto.KeyOwner;
import org.fieldstone.crypto.KeyRing;
import org.fieldstone.crypto.StreamingKeys;
import org.fieldstone.shared.Actor;
import org.fieldstone.shared.Conflict;
import org.fieldstone.shared.InvalidInput;
import org.fieldstone.shared.Message;
import org.fieldstone.shared.TenantId;
import org.fieldstone.tenancy.Companies;
import org.fieldstone.tenancy.Company;
import org.fieldstone.tenancy.CompanyDatabase;
import org.fieldstone.tenancy.CompanyDatabases;
import org.fieldstone.tenancy.CompanySnapshots;
import org.fieldstone.tenancy.CompanySnapshots.Restored;
import org.fieldstone.tenancy.CompanySnapshots.Snapshot;
import org.fieldstone.tenancy.CompanyStatus;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Encrypted backups of company databases in the backup location (decision 0062), their retention, verification,
 * restore and restore drill.
 *
 * <p>Layout: {@code <dir>/companies/<company id>/<backup id>.backup} (gzip, then Tink streaming AEAD under a key made for
 * that backup) beside {@code <backup id>.manifest} ({@link BackupManifest}: no business data; the key sealed under the
 * company's own key). The manifests are the catalogue: they travel with the backups, so a backup location copied to
 * another machine is complete, and a lost control plane takes no knowledge of the backups with it.
 */
public final class Backups {

    private static final Logger log = LoggerFactory.getLogger(Backups.class);
    private static final DateTimeFormatter ID_TIME = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);
    private static final SecureRandom RANDOM = new SecureRandom();
    /** How often the gauges look at the backup location again. */
    private static final Duration AGE_REFRESH = Duration.ofSeconds(30);

    private final Path dir;
    private final Companies companies;
    private final CompanyDatabases databases;
    private final CompanySnapshots snapshots;
    private final KeyRing keys;
    private final AuditTrail audit;
    private final Clock clock;
    private final Retention retention;
    private final MeterRegistry meters;

    private final Map<TenantId, Instant> newestGood = new ConcurrentHashMap<>();
    private final Set<TenantId> gauged = ConcurrentHashMap.newKeySet();
    private volatile Instant agesRefreshedAt = Instant.EPOCH;
    private final AtomicInteger drillFailed = new AtomicInteger();

    Backups(Path dir, Companies companies, CompanyDatabases databases, CompanySnapshots snapshots, KeyRing keys,
            AuditTrail audit, Clock clock, Retention retention, MeterRegistry meters) {
        this.dir = dir;
        this.companies = companies;
        this.databases = databases;
        this.snapshots = snapshots;
        this.keys = keys;
        this.audit = audit;
        this.clock = clock;
        this.retention = retention;
        this.meters = meters;
        if (meters != null) {
            Gauge.builder("fieldstone.backup.age.max", this, Backups::maxAgeSeconds)
                    .description("Seconds since the newest good backup of the company whose backup is oldest").register(meters);
            Gauge.builder("fieldstone.backup.drill.failed", drillFailed, AtomicInteger::get)
                    .description("1 after a failed restore drill until the next good one").register(meters);
        }
    }

    /** The backup location. */
    public Path location() {
        return dir;
    }

    // ---- taking backups

    /** Takes a backup of one company now; {@code progress} hears of each step. */
    public BackupManifest take(Company company, Consumer<String> progress) {
        Instant takenAt = clock.instant();
        String id = ID_TIME.format(takenAt) + "-" + HexFormat.of().formatHex(random(3));
        Path folder = folder(company.id());
        Path data = folder.resolve(id + ".backup");
        String streamingKey = StreamingKeys.newKey();
        String sealedKey = keys.encrypt(KeyOwner.of(company.id()), streamingKey, keyAd(company.id(), id));
        MessageDigest sha = sha256();
        Snapshot snapshot;
        progress.accept(company.slug() + ": taking a snapshot");
        try (OutputStream file = Files.newOutputStream(data);
             DigestOutputStream digest = new DigestOutputStream(new BufferedOutputStream(file), sha);
             OutputStream encrypted = StreamingKeys.open(streamingKey).encrypting(digest, streamAd(company.id(), id));
             GZIPOutputStream gzip = new GZIPOutputStream(encrypted, 64 * 1024)) {
            snapshot = snapshots.take(company.id(), gzip);
        } catch (IOException e) {
            deleteQuietly(data);
            throw new UncheckedIOException("Cannot write the backup of " + company.slug() + " to " + data, e);
        } catch (RuntimeException e) {
            deleteQuietly(data);
            throw e;
        }
        long size;
        try {
            size = Files.size(data);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        BackupManifest manifest = new BackupManifest(id, company.id(), company.slug(), snapshot.engine(), snapshot.schemaVersion(),
                takenAt, snapshot.counts(), snapshot.auditHead(), size, HexFormat.of().formatHex(sha.digest()), sealedKey);
        manifest.write(folder.resolve(id + ".manifest"));
        newestGood.merge(company.id(), takenAt, (a, b) -> a.isAfter(b) ? a : b);
        progress.accept(company.slug() + ": backup " + id + " written, " + size + " bytes, "
                + snapshot.counts().values().stream().mapToLong(Long::longValue).sum() + " rows");
        return manifest;
    }

    /** A company needs a new backup unless its newest one holds its audit head: every business change appends to the trail. */
    boolean changedSinceNewest(Company company) {
        Optional<BackupManifest> newest = newest(company.id());
        if (newest.isEmpty()) {
            return true;
        }
        long head = databases.of(company.id()).jdbc().sql("SELECT last_seq FROM audit_chain WHERE id = 1")
                .query(Long.class).single();
        return head != newest.get().audit().seq();
    }

    /**
     * One scheduled round: every active or suspended company changed since its newest backup, then retention. A company
     * whose backup fails does not stop the others.
     *
     * @return how many backups were taken
     */
    public int backUpAll(Consumer<String> progress) {
        int taken = 0;
        for (Company company : companies.list()) {
            if (company.status() != CompanyStatus.ACTIVE && company.status() != CompanyStatus.SUSPENDED) {
                continue;
            }
            try {
                if (changedSinceNewest(company)) {
                    take(company, progress);
                    taken++;
                } else {
                    confirm(company.id());
                    progress.accept(company.slug() + ": unchanged since its newest backup");
                }
                prune(company.id());
            } catch (RuntimeException e) {
                log.error("The backup of company {} ({}) failed; the next round tries again", company.slug(), company.id(), e);
                progress.accept(company.slug() + ": FAILED: " + e.getMessage());
            }
        }
        return taken;
    }

    /** Removes the backups no retention tier keeps; returns how many. */
    public int prune(TenantId company) {
        List<BackupManifest> all = list(company);
        Set<BackupManifest> keep = retention.keep(all, BackupManifest::takenAt);
        int removed = 0;
        for (BackupManifest m : all) {
            if (!keep.contains(m)) {
                // the manifest first: a backup without one is incomplete and is never offered for a restore
                deleteQuietly(folder(company).resolve(m.id() + ".manifest"));
                deleteQuietly(folder(company).resolve(m.id() + ".backup"));
                removed++;
            }
        }
        return removed;
    }

    // ---- the catalogue

    /** The company's complete backups, oldest first. */
    public List<BackupManifest> list(TenantId company) {
        Path folder = dir.resolve("companies").resolve(company.compact());
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        List<BackupManifest> manifests = new ArrayList<>();
        try (Stream<Path> files = Files.list(folder)) {
            for (Path file : files.filter(f -> f.getFileName().toString().endsWith(".manifest")).toList()) {
                try {
                    manifests.add(BackupManifest.read(file));
                } catch (RuntimeException e) {
                    log.warn("Ignoring {}: {}", file, e.getMessage());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot list " + folder, e);
        }
        manifests.sort(Comparator.comparing(BackupManifest::takenAt).thenComparing(BackupManifest::id));
        return manifests;
    }

    public Optional<BackupManifest> newest(TenantId company) {
        List<BackupManifest> all = list(company);
        return all.isEmpty() ? Optional.empty() : Optional.of(all.getLast());
    }

    /** The newest backup taken at or before {@code at}. */
    public Optional<BackupManifest> newestAtOrBefore(TenantId company, Instant at) {
        return list(company).stream().filter(m -> !m.takenAt().isAfter(at)).reduce((a, b) -> b);
    }

    // ---- checking

    /** The outcome of opening a backup and comparing it with its manifest. */
    public record Check(BackupManifest backup, boolean good, String reason) {
    }

    /**
     * Checks a backup of {@code company} as a restore would use it: the ciphertext's hash, its key (sealed under the
     * company's key), decryption, loading it into a scratch database, its record counts and audit head against the
     * manifest, and its audit chain. The live company is not touched.
     */
    public Check check(Company company, BackupManifest backup, Consumer<String> progress) {
        try {
            progress.accept(company.slug() + ": checking backup " + backup.id() + " (hash, key)");
            checkFile(company, backup);
            progress.accept(company.slug() + ": opening backup " + backup.id() + " in a scratch database");
            try (InputStream plain = open(company, backup); Restored scratch = snapshots.open(company.id(), plain)) {
                Snapshot contents = scratch.contents();
                if (!contents.counts().equals(backup.counts())) {
                    return new Check(backup, false, "its record counts differ from the manifest: " + contents.counts()
                            + " instead of " + backup.counts());
                }
                if (!contents.auditHead().equals(backup.audit())) {
                    return new Check(backup, false, "its audit head differs from the manifest");
                }
                Verification v = audit.verify(company.id(), scratch.jdbc(), backup.audit());
                if (!v.intact()) {
                    return new Check(backup, false, "its audit trail does not verify at seq " + v.firstBadSeq() + ": " + v.reason());
                }
                return new Check(backup, true, "opens; " + contents.counts().values().stream().mapToLong(Long::longValue).sum()
                        + " rows in " + contents.counts().size() + " tables as recorded; audit trail intact through seq "
                        + backup.audit().seq());
            }
        } catch (InvalidInput e) {
            return new Check(backup, false, e.getMessage());
        } catch (IOException | UncheckedIOException e) {
            return new Check(backup, false, "it does not decrypt or decompress: it was altered or is incomplete ("
                    + e.getMessage() + ")");
        } catch (RuntimeException e) {
            return new Check(backup, false, "it does not open: " + e.getMessage());
        }
    }

    /**
     * The restore drill: checks the newest backup of a company chosen at random among those that have one (or the one
     * given), sets {@code fieldstone.backup.drill.failed} and logs an error when it fails.
     */
    public Optional<Check> drill(Optional<Company> chosen, Consumer<String> progress) {
        Optional<Company> company = chosen.or(() -> {
            List<Company> candidates = companies.list().stream()
                    .filter(c -> c.status() == CompanyStatus.ACTIVE || c.status() == CompanyStatus.SUSPENDED)
                    .filter(c -> newest(c.id()).isPresent()).toList();
            return candidates.isEmpty() ? Optional.empty()
                    : Optional.of(candidates.get(ThreadLocalRandom.current().nextInt(candidates.size())));
        });
        if (company.isEmpty()) {
            return Optional.empty();
        }
        Optional<BackupManifest> newest = newest(company.get().id());
        Check check = newest.map(b -> check(company.get(), b, progress))
                .orElseGet(() -> new Check(null, false, "it has no backup"));
        if (check.good()) {
            drillFailed.set(0);
            log.info("Restore drill of {}: backup {} {}", company.get().slug(), check.backup().id(), check.reason());
        } else {
            drillFailed.set(1);
            log.error("Restore drill of {} FAILED: backup {} {}", company.get().slug(),
                    check.backup() == null ? "-" : check.backup().id(), check.reason());
        }
        return Optional.of(check);
    }

    // ---- restoring

    /**
     * Restores a company's database in place from one of its backups: checked first (nothing changes if it does not
     * open), the company suspended meanwhile (and resumed if it was active), the audit trail re-anchored at the backup's
     * head and the restore recorded in it.
     */
    public Snapshot restoreInPlace(Company company, BackupManifest backup, Actor operator, Consumer<String> progress) {
        checkFile(company, backup);
        if (company.status() != CompanyStatus.ACTIVE && company.status() != CompanyStatus.SUSPENDED) {
            throw new Conflict(Message.of("ops.backup.refused.status", company.slug(), company.status().word()));
        }
        boolean wasActive = company.status() == CompanyStatus.ACTIVE;
        if (wasActive) {
            progress.accept(company.slug() + ": suspending the company during the restore");
            companies.suspend(company.slug(), operator);
        }
        try {
            audit.flushAnchors(); // nothing of the replaced trail is anchored after the restore
            progress.accept(company.slug() + ": restoring backup " + backup.id() + " taken " + backup.takenAt());
            Snapshot restored;
            try (InputStream plain = open(company, backup)) {
                restored = snapshots.replace(company.id(), plain);
            } catch (IOException e) {
                throw new UncheckedIOException("The backup does not decrypt: " + e.getMessage(), e);
            }
            CompanyDatabase db = databases.of(company.id());
            Actor inCompany = new Actor(company.id(), operator.userId(), operator.displayName(), operator.role(),
                    operator.apiKeyId(), operator.channel(), operator.ip(), operator.userAgent());
            db.inTransaction(() -> audit.append(db.jdbc(), AuditRecord.of(inCompany, "company", company.id(), "company.restored-from-backup",
                    new AuditRecord.Change("backup", null, backup.id()),
                    new AuditRecord.Change("taken_at", null, backup.takenAt().toString()))));
            audit.flushAnchors();
            return restored;
        } finally {
            if (wasActive) {
                companies.resume(company.slug(), operator);
                progress.accept(company.slug() + ": active again");
            }
        }
    }

    /**
     * Restores a backup as an inspection copy named {@code name}, beside the company's database (never in its place):
     * still the company's data under the company's keys (decision 0062), opened by the engine's own tools.
     */
    public Restored restoreAsCopy(Company company, BackupManifest backup, String name, Consumer<String> progress) {
        checkFile(company, backup);
        progress.accept(company.slug() + ": restoring backup " + backup.id() + " as the copy " + name);
        try (InputStream plain = open(company, backup)) {
            return snapshots.keep(company.id(), plain, name);
        } catch (IOException e) {
            throw new UncheckedIOException("The backup does not decrypt: " + e.getMessage(), e);
        }
    }

    // ---- gauges

    /** Seconds since the newest good backup of {@code company} (since its creation when it has none). */
    double ageSeconds(Company company) {
        refreshAges();
        Instant newest = newestGood.getOrDefault(company.id(), company.createdAt());
        return Math.max(0, Duration.between(newest, clock.instant()).toSeconds());
    }

    private double maxAgeSeconds() {
        double max = 0;
        for (Company company : companies.list()) {
            if (company.status() == CompanyStatus.ACTIVE || company.status() == CompanyStatus.SUSPENDED) {
                max = Math.max(max, ageSeconds(company));
            }
        }
        return max;
    }

    /** Reads the newest backup (or confirmation) of every company from the location, at most every 30 seconds. */
    private void refreshAges() {
        Instant now = Instant.now();
        if (Duration.between(agesRefreshedAt, now).compareTo(AGE_REFRESH) < 0) {
            return;
        }
        agesRefreshedAt = now;
        for (Company company : companies.list()) {
            Optional<Instant> newest = newest(company.id()).map(BackupManifest::takenAt);
            Optional<Instant> confirmed = confirmedAt(company.id());
            Optional<Instant> good = Stream.of(newest, confirmed).flatMap(Optional::stream).max(Comparator.naturalOrder());
            good.ifPresent(at -> newestGood.put(company.id(), at));
            if (meters != null && gauged.add(company.id())) {
                Gauge.builder("fieldstone.backup.age", () -> ageSeconds(company)).tag("company", company.slug())
                        .baseUnit("seconds").description("Seconds since the company's newest good backup").register(meters);
            }
        }
    }

    /** Registers the per-company gauges now (at start-up and after each round). */
    void registerGauges() {
        agesRefreshedAt = Instant.EPOCH;
        refreshAges();
    }

    // ---- internals

    /** Records that the newest backup still holds the company's current state (an unchanged company is not backed up again). */
    private void confirm(TenantId company) {
        Instant now = clock.instant();
        try {
            Files.writeString(folder(company).resolve("confirmed-at"), now.toString(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        newestGood.merge(company, now, (a, b) -> a.isAfter(b) ? a : b);
    }

    private Optional<Instant> confirmedAt(TenantId company) {
        Path file = dir.resolve("companies").resolve(company.compact()).resolve("confirmed-at");
        try {
            return Files.exists(file) ? Optional.of(Instant.parse(Files.readString(file).strip())) : Optional.empty();
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /** The ciphertext is the one the manifest describes, the manifest is this company's, and its key opens. */
    private void checkFile(Company company, BackupManifest backup) {
        if (!backup.company().equals(company.id())) {
            throw new InvalidInput("backup", Message.of("ops.backup.refused.other-company", backup.id(), company.slug()));
        }
        Path data = folder(company.id()).resolve(backup.id() + ".backup");
        MessageDigest sha = sha256();
        try (InputStream in = new DigestInputStream(new BufferedInputStream(Files.newInputStream(data)), sha)) {
            in.transferTo(OutputStream.nullOutputStream());
        } catch (IOException e) {
            throw new InvalidInput("backup", Message.of("ops.backup.refused.unreadable", backup.id(), String.valueOf(e.getMessage())));
        }
        if (!HexFormat.of().formatHex(sha.digest()).equals(backup.sha256())) {
            throw new InvalidInput("backup", Message.of("ops.backup.refused.altered", backup.id()));
        }
        streamingKey(company, backup);
    }

    private StreamingKeys.StreamingKey streamingKey(Company company, BackupManifest backup) {
        return streamingKey(company.id(), company.slug(), backup);
    }

    /** Opens the backup's key under the keys of {@code company}; refused when they are destroyed or not the backup's. */
    StreamingKeys.StreamingKey streamingKey(TenantId company, String slug, BackupManifest backup) {
        try {
            return StreamingKeys.open(keys.decrypt(KeyOwner.of(company), backup.sealedKey(), keyAd(company, backup.id())));
        } catch (CryptoFailure e) {
            throw new InvalidInput("backup", Message.of("ops.backup.refused.key", backup.id(), slug));
        }
    }

    /** The backup's plaintext (a snapshot), decrypted and decompressed as it is read. */
    private InputStream open(Company company, BackupManifest backup) throws IOException {
        Path data = folder(company.id()).resolve(backup.id() + ".backup");
        InputStream file = new BufferedInputStream(Files.newInputStream(data));
        try {
            return new GZIPInputStream(streamingKey(company, backup).decrypting(file, streamAd(company.id(), backup.id())), 64 * 1024);
        } catch (IOException | RuntimeException e) {
            file.close();
            throw e;
        }
    }

    private Path folder(TenantId company) {
        Path folder = dir.resolve("companies").resolve(company.compact());
        try {
            Files.createDirectories(folder);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create " + folder, e);
        }
        return folder;
    }

    /** A backup's streaming key is sealed under the company's key, bound to the company and the backup. */
    private static byte[] keyAd(TenantId company, String backupId) {
        return ("fieldstone/" + company.compact() + "/backups/" + backupId + "/key").getBytes(StandardCharsets.UTF_8);
    }

    /** The ciphertext is bound to the company and the backup: it cannot pass for another. */
    private static byte[] streamAd(TenantId company, String backupId) {
        return ("fieldstone/" + company.compact() + "/backups/" + backupId).getBytes(StandardCharsets.UTF_8);
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] random(int n) {
        byte[] bytes = new byte[n];
        RANDOM.nextBytes(bytes);
        return bytes;
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            log.warn("Could not remove {}: {}", file, e.toString());
        }
    }
}
