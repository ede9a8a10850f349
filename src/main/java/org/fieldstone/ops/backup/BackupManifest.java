package org.fieldstone.ops.backup;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import org.fieldstone.audit.AuditAnchors.Anchor;
import org.fieldstone.shared.TenantId;

/**
 * What one backup holds, beside its ciphertext: no business data, only what identifies and checks it. The backup's
 * streaming key is in it sealed under the company's own key ({@code sealedKey}): destroying the company's keys makes the
 * backup unreadable. Stored as a properties file, so an operator can read it with any tool.
 *
 * @param id      unique per company; sorts by time
 * @param counts  rows per table when it was taken
 * @param audit   the audit chain's head (and base) in the backup
 * @param size    bytes of the ciphertext
 * @param sha256  hex SHA-256 of the ciphertext
 */
public record BackupManifest(String id, TenantId company, String slug, String engine, String schemaVersion, Instant takenAt,
                      Map<String, Long> counts, Anchor audit, long size, String sha256, String sealedKey) {

    static final String FORMAT = "fieldstone-backup-1";

    void write(Path file) {
        Map<String, String> p = new TreeMap<>(); // sorted: two manifests compare line by line
        p.put("format", FORMAT);
        p.put("id", id);
        p.put("company.id", company.toString());
        p.put("company.slug", slug);
        p.put("engine", engine);
        p.put("schema-version", schemaVersion);
        p.put("taken-at", takenAt.toString());
        counts.forEach((table, n) -> p.put("count." + table, Long.toString(n)));
        p.put("audit.seq", Long.toString(audit.seq()));
        p.put("audit.hash", audit.hash());
        p.put("audit.base-seq", Long.toString(audit.baseSeq()));
        p.put("audit.base-hash", audit.baseHash());
        p.put("size", Long.toString(size));
        p.put("sha256", sha256);
        p.put("sealed-key", sealedKey);
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        StringBuilder text = new StringBuilder("# Fieldstone backup manifest: no business data\n");
        // every value is plain ASCII without separators (ids, hashes, base64url, ISO times, table names)
        p.forEach((k, v) -> text.append(k).append('=').append(v).append('\n'));
        try (Writer w = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
            w.write(text.toString());
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write " + file, e);
        }
        try {
            // the manifest appears whole, after the backup it describes: a backup without one is incomplete
            Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write " + file, e);
        }
    }

    static BackupManifest read(Path file) {
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            p.load(r);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + file, e);
        }
        if (!FORMAT.equals(p.getProperty("format"))) {
            throw new IllegalArgumentException(file + " is not a Fieldstone backup manifest");
        }
        Map<String, Long> counts = new TreeMap<>();
        for (String name : p.stringPropertyNames()) {
            if (name.startsWith("count.")) {
                counts.put(name.substring("count.".length()), Long.parseLong(p.getProperty(name)));
            }
        }
        return new BackupManifest(p.getProperty("id"), TenantId.parse(p.getProperty("company.id")), p.getProperty("company.slug"),
                p.getProperty("engine"), p.getProperty("schema-version"), Instant.parse(p.getProperty("taken-at")), counts,
                new Anchor(Long.parseLong(p.getProperty("audit.seq")), p.getProperty("audit.hash"),
                        Long.parseLong(p.getProperty("audit.base-seq")), p.getProperty("audit.base-hash")),
                Long.parseLong(p.getProperty("size")), p.getProperty("sha256"), p.getProperty("sealed-key"));
    }
}
