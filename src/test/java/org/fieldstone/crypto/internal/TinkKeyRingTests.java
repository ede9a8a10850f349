package org.fieldstone.crypto.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.crypto.tink.aead.AeadConfig;
import com.google.crypto.tink.prf.PrfConfig;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.fieldstone.crypto.CryptoFailure;
import org.fieldstone.crypto.KeyOwner;
import org.fieldstone.crypto.KeyStatus;
import org.fieldstone.crypto.KeysetStore;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The key ring and the master key file, without a database: keysets kept in a map. */
class TinkKeyRingTests {

    @TempDir Path dir;
    final MutableClock clock = new MutableClock();
    final MapStore store = new MapStore();
    static final byte[] AD = "fieldstone/c/clients/name/1".getBytes(StandardCharsets.UTF_8);
    static final KeyOwner OWNER = new KeyOwner("0123456789abcdef0123456789abcdef");

    @BeforeAll
    static void register() throws Exception {
        AeadConfig.register();
        PrfConfig.register();
    }

    TinkKeyRing ring() {
        return new TinkKeyRing(store, MasterKey.fromFile(dir.resolve("keys/master.key"), dir.resolve("data")), clock, Duration.ZERO);
    }

    @Test
    void theMasterKeyFileIsCreatedForItsOwnerOnlyAndRefusedWhenOthersMayReadIt() throws Exception {
        Path key = dir.resolve("keys/master.key");
        MasterKey.fromFile(key, dir.resolve("data"));
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(key))).isEqualTo("rw-------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(key.getParent()))).isEqualTo("rwx------");

        Files.setPosixFilePermissions(key, PosixFilePermissions.fromString("rw-r--r--"));
        assertThatThrownBy(() -> MasterKey.fromFile(key, dir.resolve("data"))).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("may be read by others").hasMessageContaining("chmod 600");
        assertThatThrownBy(() -> MasterKey.fromFile(dir.resolve("data/master.key"), dir.resolve("data")))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("inside the data directory");
    }

    @Test
    void aBurstOfFirstUsesOpensAnOwnersKeysOnce() throws Exception {
        TinkKeyRing creator = ring();
        creator.create(OWNER);
        String sealed = creator.encrypt(OWNER, "Jane Doe", AD);
        // a fresh ring (a node just started) that checks the store's version only every minute
        TinkKeyRing ring = new TinkKeyRing(store, MasterKey.fromFile(dir.resolve("keys/master.key"), dir.resolve("data")),
                clock, Duration.ofMinutes(1));
        ring.warmUp();
        int before = store.finds.get();
        var go = new java.util.concurrent.CountDownLatch(1);
        List<java.util.concurrent.Future<String>> burst = new ArrayList<>();
        try (var threads = java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < 32; i++) {
                burst.add(threads.submit(() -> {
                    go.await();
                    return ring.decrypt(OWNER, sealed, AD);
                }));
            }
            go.countDown();
            for (var opened : burst) {
                assertThat(opened.get()).isEqualTo("Jane Doe");
            }
        }
        assertThat(store.finds.get() - before).as("keysets read from the store").isEqualTo(1);
    }

    @Test
    void valuesOpenOnlyWithTheirAssociatedDataAndTheOwnersKeys() {
        TinkKeyRing ring = ring();
        ring.create(OWNER);
        KeyOwner other = new KeyOwner("fedcba9876543210fedcba9876543210");
        ring.create(other);
        String sealed = ring.encrypt(OWNER, "Jane Doe", AD);
        assertThat(sealed).startsWith(ring.ciphertextPrefix(OWNER)).doesNotContain("Jane");
        assertThat(ring.encrypt(OWNER, "Jane Doe", AD)).as("randomized").isNotEqualTo(sealed);
        assertThat(ring.decrypt(OWNER, sealed, AD)).isEqualTo("Jane Doe");
        assertThatThrownBy(() -> ring.decrypt(OWNER, sealed, "fieldstone/c/clients/name/2".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(CryptoFailure.class);
        assertThatThrownBy(() -> ring.decrypt(other, sealed, AD)).isInstanceOf(CryptoFailure.class);
        assertThatThrownBy(() -> ring.decrypt(OWNER, "Jane Doe", AD)).as("plaintext is not accepted")
                .isInstanceOf(CryptoFailure.class);
        assertThat(ring.blindIndex(OWNER, "clients.email", "a@b.example"))
                .isEqualTo(ring.blindIndex(OWNER, "clients.email", "a@b.example"))
                .isNotEqualTo(ring.blindIndex(OWNER, "users.email", "a@b.example"))
                .isNotEqualTo(ring.blindIndex(other, "clients.email", "a@b.example"));
    }

    @Test
    void rotationKeepsOldDataReadableUntilRetiredAndDestroysRetiredKeysAfterTheGracePeriod() {
        TinkKeyRing ring = ring();
        ring.create(OWNER);
        String old = ring.encrypt(OWNER, "before", AD);
        String oldIndex = ring.blindIndex(OWNER, "d", "v");
        ring.rotate(OWNER);
        assertThat(ring.decrypt(OWNER, old, AD)).isEqualTo("before");
        assertThat(old).doesNotStartWith(ring.ciphertextPrefix(OWNER));
        assertThat(ring.encrypt(OWNER, "after", AD)).startsWith(ring.ciphertextPrefix(OWNER));
        assertThat(ring.blindIndexes(OWNER, "d", "v")).hasSize(2).contains(oldIndex)
                .first().isEqualTo(ring.blindIndex(OWNER, "d", "v"));
        assertThat(ring.status(OWNER).rotating()).isTrue();

        ring.retire(OWNER);
        assertThat(ring.status(OWNER).rotating()).isFalse();
        assertThatThrownBy(() -> ring.decrypt(OWNER, old, AD)).as("a disabled key opens nothing").isInstanceOf(CryptoFailure.class);
        assertThat(ring.destroyRetired(OWNER, Duration.ofDays(7))).isZero();
        clock.advance(Duration.ofDays(8));
        assertThat(ring.destroyRetired(OWNER, Duration.ofDays(7))).isEqualTo(2);
        assertThat(ring.status(OWNER).keys()).extracting(KeyStatus.Key::state).containsOnly(KeyStatus.State.PRIMARY);
    }

    @Test
    void shreddingDestroysEveryKeyOfAnOwner() {
        TinkKeyRing ring = ring();
        ring.create(OWNER);
        String sealed = ring.encrypt(OWNER, "gone", AD);
        ring.shred(OWNER);
        assertThat(store.keysets).doesNotContainKey(OWNER.id());
        assertThatThrownBy(() -> ring.decrypt(OWNER, sealed, AD)).isInstanceOf(CryptoFailure.class);
        assertThatThrownBy(() -> ring().decrypt(OWNER, sealed, AD)).as("nor after a restart").isInstanceOf(CryptoFailure.class);
    }

    @Test
    void masterKeyRotationResumesAfterAnInterruptionAndReplacesTheKeyFile() throws Exception {
        TinkKeyRing ring = ring();
        List<KeyOwner> owners = List.of(OWNER, new KeyOwner("11111111111111111111111111111111"),
                new KeyOwner("22222222222222222222222222222222"));
        List<String> sealed = new ArrayList<>();
        for (KeyOwner o : owners) {
            ring.create(o);
            sealed.add(ring.encrypt(o, "v-" + o.id(), AD));
        }
        String oldId = ring.currentId();
        String oldFile = Files.readString(dir.resolve("keys/master.key"));
        store.failAfter = 1; // the process dies after re-wrapping the first keyset
        assertThatThrownBy(() -> ring.rotate(o -> { })).isInstanceOf(IllegalStateException.class);
        assertThat(dir.resolve("keys/master.key.next")).exists();
        store.failAfter = -1;

        TinkKeyRing restarted = ring(); // knows both keys while the next one exists
        for (int i = 0; i < owners.size(); i++) {
            assertThat(restarted.decrypt(owners.get(i), sealed.get(i), AD)).isEqualTo("v-" + owners.get(i).id());
        }
        AtomicInteger progress = new AtomicInteger();
        assertThat(restarted.rotate(o -> progress.incrementAndGet())).isEqualTo(2);
        assertThat(progress).hasValue(2);
        assertThat(restarted.currentId()).isNotEqualTo(oldId);
        assertThat(dir.resolve("keys/master.key.next")).doesNotExist();
        assertThat(Files.readString(dir.resolve("keys/master.key"))).isNotEqualTo(oldFile);
        assertThat(store.keysets.values()).extracting(KeysetStore.StoredKeyset::masterKeyId).containsOnly(restarted.currentId());
        TinkKeyRing afterwards = ring();
        for (int i = 0; i < owners.size(); i++) {
            assertThat(afterwards.decrypt(owners.get(i), sealed.get(i), AD)).isEqualTo("v-" + owners.get(i).id());
        }
    }

    static final class MapStore implements KeysetStore {
        final Map<String, StoredKeyset> keysets = new ConcurrentHashMap<>();
        final AtomicInteger finds = new AtomicInteger();
        int failAfter = -1;
        int updates;

        @Override
        public Optional<StoredKeyset> find(String owner) {
            finds.incrementAndGet();
            return Optional.ofNullable(keysets.get(owner));
        }

        @Override
        public void insert(StoredKeyset k) {
            if (keysets.putIfAbsent(k.owner(), new StoredKeyset(k.owner(), k.aead(), k.prf(), k.masterKeyId(), k.retired(),
                    k.rotatedAt(), 1)) != null) {
                throw new IllegalStateException("exists");
            }
        }

        @Override
        public synchronized boolean update(StoredKeyset k, long expectedVersion) {
            if (failAfter >= 0 && updates++ >= failAfter) {
                throw new IllegalStateException("crash");
            }
            StoredKeyset now = keysets.get(k.owner());
            if (now == null || now.version() != expectedVersion) {
                return false;
            }
            keysets.put(k.owner(), new StoredKeyset(k.owner(), k.aead(), k.prf(), k.masterKeyId(), k.retired(), k.rotatedAt(),
                    expectedVersion + 1));
            return true;
        }

        @Override
        public void delete(String owner) {
            keysets.remove(owner);
        }

        @Override
        public List<String> owners() {
            return keysets.keySet().stream().sorted().toList();
        }
    }

    static final class MutableClock extends Clock {
        private Instant now = Instant.parse("2026-11-22T10:00:00Z");

        void advance(Duration d) {
            now = now.plus(d);
        }

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
