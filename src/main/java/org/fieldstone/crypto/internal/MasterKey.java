package org.fieldstone.crypto.internal;

import com.google.crypto.tink.Aead;
import com.google.crypto.tink.InsecureSecretKeyAccess;
import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.KmsClients;
import com.google.crypto.tink.RegistryConfiguration;
import com.google.crypto.tink.TinkJsonProtoKeysetFormat;
import com.google.crypto.tink.aead.PredefinedAeadParameters;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The master key (KEK). Either a key file (the embedded default: created on first start, mode 0600, refused
 * when others may read it) or a KMS key through Tink's KMS integrations. Each master key has an id stored
 * beside every keyset it wraps, so that a rotation interrupted half-way can be resumed: while
 * {@code <file>.next} exists both keys are known.
 */
final class MasterKey {

    private static final Logger log = LoggerFactory.getLogger(MasterKey.class);
    private static final Set<PosixFilePermission> OWNER_ONLY =
            EnumSet.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);

    private final Path file;
    private final String kmsUri;
    private final Map<String, Aead> known = new ConcurrentHashMap<>();
    private volatile String currentId;

    private MasterKey(Path file, String kmsUri) {
        this.file = file;
        this.kmsUri = kmsUri;
    }

    /** The key file at {@code file}, created if there is none; refused inside {@code dataDir}. */
    static MasterKey fromFile(Path file, Path dataDir) {
        Path key = file.toAbsolutePath().normalize();
        if (dataDir != null && key.startsWith(dataDir.toAbsolutePath().normalize())) {
            throw new IllegalStateException("The master key file " + key + " is inside the data directory " + dataDir
                    + ": keep it elsewhere (fieldstone.keys.master-key-file), so that a copy of the data is not a copy of the key.");
        }
        MasterKey master = new MasterKey(key, null);
        if (!Files.exists(key) && Files.exists(next(key))) {
            move(next(key), key); // a rotation stopped between its last two steps
        }
        if (!Files.exists(key)) {
            create(key);
            log.warn("Created a new master key at {}. Back it up now and keep the copy apart from the data and its "
                    + "backups: without it no company's data can be read, and nobody can recover it.", key);
        }
        master.currentId = master.load(key);
        if (Files.exists(next(key))) {
            master.load(next(key));
        }
        return master;
    }

    /** A KMS key, e.g. {@code aws-kms://arn:aws:kms:…} or {@code gcp-kms://projects/…}. */
    static MasterKey fromKms(String uri) {
        MasterKey master = new MasterKey(null, uri);
        try {
            Aead aead = KmsClients.get(uri).getAead(uri);
            master.currentId = "kms:" + HexFormat.of().formatHex(sha256(uri)).substring(0, 16);
            master.known.put(master.currentId, aead);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("No KMS client can use " + uri + " (is tink-awskms or tink-gcpkms on the "
                    + "class path, and are its credentials configured?): " + e.getMessage(), e);
        }
        return master;
    }

    /** The id of the key new keysets are wrapped under (read from disk: another process may have rotated it). */
    String currentId() {
        return forWrapping().id();
    }

    /** The master key with this id; the key files are read again if it is not known (another process rotated). */
    Aead aead(String id) {
        Aead aead = known.get(id);
        if (aead == null && file != null) {
            synchronized (this) {
                if (Files.exists(file)) {
                    currentId = load(file);
                }
                if (Files.exists(next(file))) {
                    load(next(file));
                }
            }
            aead = known.get(id);
        }
        if (aead == null) {
            throw new IllegalStateException("Keysets are wrapped by master key " + id + ", which is not available ("
                    + (file != null ? file : kmsUri) + " holds " + currentId + ")");
        }
        return aead;
    }

    /** The key to wrap keysets with now, with its id. */
    record Wrapping(String id, Aead aead) {
    }

    /**
     * Read from disk each time (wrapping is rare): another process may have rotated the master key. While a
     * rotation is under way ({@code .next} exists) new keysets are wrapped under the next key already, so
     * that none is left under the key the rotation is about to destroy.
     */
    synchronized Wrapping forWrapping() {
        if (file == null) {
            return new Wrapping(currentId, known.get(currentId));
        }
        if (Files.exists(next(file))) {
            String id = load(next(file));
            return new Wrapping(id, known.get(id));
        }
        currentId = load(file);
        return new Wrapping(currentId, known.get(currentId));
    }

    boolean isFile() {
        return file != null;
    }

    Path file() {
        return file;
    }

    /** The next master key of a rotation: the one an interrupted rotation created, or a new one. */
    synchronized String prepareNext() {
        requireFile();
        Path next = next(file);
        if (!Files.exists(next)) {
            create(next);
        }
        return load(next);
    }

    /** Makes the next key the master key, replacing (and so destroying) the old key file in one step. */
    synchronized void promoteNext() {
        requireFile();
        String nextId = load(next(file));
        move(next(file), file);
        currentId = nextId;
    }

    private void requireFile() {
        if (file == null) {
            throw new IllegalStateException("The master key is a KMS key (" + kmsUri + "): rotate it in the KMS, "
                    + "which keeps its older versions for decryption.");
        }
    }

    private String load(Path path) {
        checkPermissions(path);
        try {
            KeysetHandle handle = TinkJsonProtoKeysetFormat.parseKeyset(Files.readString(path), InsecureSecretKeyAccess.get());
            String id = "file:" + String.format("%08x", handle.getPrimary().getId());
            known.put(id, handle.getPrimitive(RegistryConfiguration.get(), Aead.class));
            return id;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the master key " + path, e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("The master key file " + path + " is not a Tink keyset", e);
        }
    }

    private static void checkPermissions(Path path) {
        try {
            Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(path);
            if (!OWNER_ONLY.containsAll(permissions)) {
                throw new IllegalStateException("The master key file " + path + " may be read by others ("
                        + PosixFilePermissions.toString(permissions) + "). Allow only its owner: chmod 600 " + path);
            }
        } catch (UnsupportedOperationException e) {
            log.warn("Cannot check who may read the master key file {} on this file system", path);
        } catch (AccessDeniedException e) {
            throw new IllegalStateException("The master key file " + path + " cannot be read by this user", e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void create(Path path) {
        try {
            Path dir = path.getParent();
            if (dir != null && !Files.exists(dir)) {
                Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
            }
            KeysetHandle handle = KeysetHandle.generateNew(PredefinedAeadParameters.AES256_GCM);
            String json = TinkJsonProtoKeysetFormat.serializeKeyset(handle, InsecureSecretKeyAccess.get());
            Path tmp = path.resolveSibling(path.getFileName() + ".tmp");
            Files.deleteIfExists(tmp);
            Files.createFile(tmp, PosixFilePermissions.asFileAttribute(OWNER_ONLY));
            Files.writeString(tmp, json, StandardCharsets.UTF_8);
            try {
                Files.move(tmp, path, StandardCopyOption.ATOMIC_MOVE);
            } catch (FileAlreadyExistsException e) {
                Files.deleteIfExists(tmp); // another process created it first: use that one
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create the master key " + path, e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void move(Path from, Path to) {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot move " + from + " to " + to, e);
        }
    }

    static Path next(Path file) {
        return file.resolveSibling(file.getFileName() + ".next");
    }

    static Optional<Path> nextIfPresent(Path file) {
        return Files.exists(next(file)) ? Optional.of(next(file)) : Optional.empty();
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
