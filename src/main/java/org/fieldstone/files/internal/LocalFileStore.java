package org.fieldstone.files.internal;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Ciphertexts in a directory ({@code <data dir>/files} by default): written to a {@code .part} file beside the
 * target (ciphertext too) and moved into place, so a reader never sees half an object.
 */
final class LocalFileStore implements FileStore {

    private static final Pattern KEY = Pattern.compile("^[a-z0-9-]+(/[a-z0-9.-]+)+$");

    private final Path root;

    LocalFileStore(Path root) {
        this.root = root.toAbsolutePath().normalize();
    }

    @Override
    public void write(String key, Writer writer) throws IOException {
        Path target = path(key);
        Files.createDirectories(target.getParent());
        Path part = target.resolveSibling(target.getFileName() + "." + UUID.randomUUID() + ".part");
        try {
            try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(part), 64 * 1024)) {
                writer.writeTo(out);
            }
            try {
                Files.move(part, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(part, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(part);
        }
    }

    @Override
    public InputStream open(String key) throws IOException {
        return Files.newInputStream(path(key));
    }

    @Override
    public void delete(String key) throws IOException {
        Files.deleteIfExists(path(key));
    }

    @Override
    public boolean exists(String key) {
        return Files.exists(path(key));
    }

    @Override
    public int deleteAll(String prefix) throws IOException {
        if (!prefix.matches("^[a-z0-9-]+/$")) {
            throw new IllegalArgumentException("Not a company's prefix: " + prefix);
        }
        Path dir = root.resolve(prefix.substring(0, prefix.length() - 1)).normalize();
        if (!dir.startsWith(root) || !Files.isDirectory(dir)) {
            return 0;
        }
        int removed = 0;
        try (var walk = Files.walk(dir)) {
            for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                if (Files.isRegularFile(p)) {
                    removed++;
                }
                Files.deleteIfExists(p);
            }
        }
        return removed;
    }

    @Override
    public String name() {
        return "local";
    }

    private Path path(String key) {
        if (!KEY.matcher(key).matches() || key.contains("..")) {
            throw new IllegalArgumentException("Not a file key: " + key);
        }
        Path p = root.resolve(key).normalize();
        if (!p.startsWith(root)) {
            throw new IllegalArgumentException("Not a file key: " + key);
        }
        return p;
    }
}
