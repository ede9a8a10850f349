package org.fieldstone.crypto.internal;

import com.google.crypto.tink.Aead;
import com.google.crypto.tink.InsecureSecretKeyAccess;
import com.google.crypto.tink.KeyStatus;
import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.RegistryConfiguration;
import com.google.crypto.tink.TinkJsonProtoKeysetFormat;
import com.google.crypto.tink.aead.PredefinedAeadParameters;
import com.google.crypto.tink.prf.PredefinedPrfParameters;
import com.google.crypto.tink.prf.Prf;
import com.google.crypto.tink.prf.PrfSet;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import org.fieldstone.crypto.CryptoFailure;
import org.fieldstone.crypto.DataKey;
import org.fieldstone.crypto.KeyOwner;
import org.fieldstone.crypto.KeyRing;
import org.fieldstone.crypto.KeysetStore;
import org.fieldstone.crypto.KeysetStore.StoredKeyset;
import org.fieldstone.crypto.MasterKeys;
import org.fieldstone.crypto.KeyStatus.Key;
import org.fieldstone.crypto.KeyStatus.Purpose;
import org.fieldstone.crypto.KeyStatus.State;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link KeyRing} over Tink keysets kept wrapped in a {@link KeysetStore}. Opened keysets are cached per
 * owner and checked against the store's version every {@code cacheCheck}, so a rotation done by another
 * process (the CLI) is taken up within that time; a ciphertext under a key not yet known reloads at once.
 */
final class TinkKeyRing implements KeyRing, MasterKeys {

    private static final Logger log = LoggerFactory.getLogger(TinkKeyRing.class);
    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder B64D = Base64.getUrlDecoder();
    /** Bytes of a blind index: 128 bits make accidental collisions negligible. */
    private static final int INDEX_BYTES = 16;

    private final KeysetStore store;
    private final MasterKey master;
    private final Clock clock;
    private final long checkNanos;
    private final Map<String, Opened> cache = new ConcurrentHashMap<>();
    /** One unwrapping per owner at a time: a burst of first requests for a company opens its keys once. */
    private final Map<String, ReentrantLock> opening = new ConcurrentHashMap<>();

    TinkKeyRing(KeysetStore store, MasterKey master, Clock clock, Duration cacheCheck) {
        this.store = store;
        this.master = master;
        this.clock = clock;
        this.checkNanos = cacheCheck.toNanos();
    }

    /**
     * Runs every kind of keyset handling a request may need once, on throwaway keys, so that Tink's classes are
     * loaded and initialised at start-up. A class initialiser that runs on a request thread makes every other
     * virtual thread that needs the class wait pinned to its carrier; under a cold burst that once took every
     * carrier and the node answered nothing.
     */
    void warmUp() {
        try {
            KeysetHandle aead = KeysetHandle.generateNew(PredefinedAeadParameters.AES256_GCM);
            KeysetHandle prf = KeysetHandle.generateNew(PredefinedPrfParameters.HMAC_SHA256_PRF);
            Aead wrapper = KeysetHandle.generateNew(PredefinedAeadParameters.AES256_GCM)
                    .getPrimitive(RegistryConfiguration.get(), Aead.class);
            byte[] ad = ad("warm-up", "aead");
            KeysetHandle aeadAgain = TinkJsonProtoKeysetFormat.parseEncryptedKeyset(
                    TinkJsonProtoKeysetFormat.serializeEncryptedKeyset(aead, wrapper, ad), wrapper, ad);
            KeysetHandle prfAgain = TinkJsonProtoKeysetFormat.parseEncryptedKeyset(
                    TinkJsonProtoKeysetFormat.serializeEncryptedKeyset(prf, wrapper, ad), wrapper, ad);
            Aead fields = aeadAgain.getPrimitive(RegistryConfiguration.get(), Aead.class);
            fields.decrypt(fields.encrypt(ad, ad), ad);
            PrfSet index = prfAgain.getPrimitive(RegistryConfiguration.get(), PrfSet.class);
            index.computePrimary(ad, INDEX_BYTES);
            KeysetHandle dataKey = TinkJsonProtoKeysetFormat.parseKeyset(
                    TinkJsonProtoKeysetFormat.serializeKeyset(aead, InsecureSecretKeyAccess.get()), InsecureSecretKeyAccess.get());
            new TinkDataKey(dataKey.getPrimitive(RegistryConfiguration.get(), Aead.class)).decrypt(
                    new TinkDataKey(fields).encrypt("warm-up", ad), ad);
            describe(aeadAgain, Purpose.FIELDS, Map.of(), new ArrayList<>());
            KeysetHandle.newBuilder(aeadAgain).build();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Tink does not work on this JVM", e);
        }
    }

    /** An owner's keysets, opened. */
    private record Opened(long version, KeysetHandle aeadKeys, Aead aead, String aeadPrefix, KeysetHandle prfKeys,
                          PrfSet prf, String prfPrefix, StoredKeyset stored, long checkedAt) {

        Opened checked(long now) {
            return new Opened(version, aeadKeys, aead, aeadPrefix, prfKeys, prf, prfPrefix, stored, now);
        }
    }

    @Override
    public void create(KeyOwner owner) {
        try {
            KeysetHandle aead = KeysetHandle.generateNew(PredefinedAeadParameters.AES256_GCM);
            KeysetHandle prf = KeysetHandle.generateNew(PredefinedPrfParameters.HMAC_SHA256_PRF);
            store.insert(wrap(owner.id(), aead, prf, "", 0, 0));
            cache.remove(owner.id());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Cannot create keys for " + owner, e);
        }
    }

    @Override
    public boolean exists(KeyOwner owner) {
        // the store decides: another process (the CLI, another node) may have destroyed keys this one has open
        if (store.find(owner.id()).isPresent()) {
            return true;
        }
        cache.remove(owner.id());
        return false;
    }

    @Override
    public String encrypt(KeyOwner owner, String plaintext, byte[] associatedData) {
        Opened keys = opened(owner);
        try {
            byte[] ciphertext = keys.aead().encrypt(plaintext.getBytes(StandardCharsets.UTF_8), associatedData);
            return hex(ByteBuffer.wrap(ciphertext, 1, 4).getInt()) + "." + B64.encodeToString(ciphertext);
        } catch (GeneralSecurityException e) {
            throw new CryptoFailure("Cannot encrypt for " + owner, e);
        }
    }

    @Override
    public String decrypt(KeyOwner owner, String ciphertext, byte[] associatedData) {
        int dot = ciphertext.indexOf('.');
        byte[] bytes;
        try {
            if (dot != 8) {
                throw new IllegalArgumentException("no key id");
            }
            bytes = B64D.decode(ciphertext.substring(dot + 1));
        } catch (IllegalArgumentException e) {
            throw new CryptoFailure("A protected value of " + owner + " is not a ciphertext");
        }
        Opened keys = opened(owner);
        try {
            return new String(keys.aead().decrypt(bytes, associatedData), StandardCharsets.UTF_8);
        } catch (GeneralSecurityException e) {
            if (!keys.aeadPrefix().equals(ciphertext.substring(0, 9)) && !hasKey(keys.aeadKeys(), ciphertext.substring(0, 8))) {
                // perhaps sealed under a key another process added since we looked: look again, once
                Opened fresh = reload(owner, keys);
                try {
                    return new String(fresh.aead().decrypt(bytes, associatedData), StandardCharsets.UTF_8);
                } catch (GeneralSecurityException again) {
                    e = again;
                }
            }
            throw new CryptoFailure("A protected value of " + owner + " does not open: it was altered, moved to "
                    + "another place, or its key was destroyed", e);
        }
    }

    @Override
    public String ciphertextPrefix(KeyOwner owner) {
        return opened(owner).aeadPrefix();
    }

    @Override
    public String blindIndex(KeyOwner owner, String domain, String value) {
        Opened keys = opened(owner);
        try {
            return index(keys.prf().getPrimaryId(), keys.prf().computePrimary(input(domain, value), INDEX_BYTES));
        } catch (GeneralSecurityException e) {
            throw new CryptoFailure("Cannot compute a blind index for " + owner, e);
        }
    }

    @Override
    public List<String> blindIndexes(KeyOwner owner, String domain, String value) {
        Opened keys = opened(owner);
        try {
            byte[] input = input(domain, value);
            int primary = keys.prf().getPrimaryId();
            List<String> indexes = new ArrayList<>();
            indexes.add(index(primary, keys.prf().computePrimary(input, INDEX_BYTES)));
            for (Map.Entry<Integer, Prf> e : keys.prf().getPrfs().entrySet()) {
                if (e.getKey() != primary) {
                    indexes.add(index(e.getKey(), e.getValue().compute(input, INDEX_BYTES)));
                }
            }
            return indexes;
        } catch (GeneralSecurityException e) {
            throw new CryptoFailure("Cannot compute a blind index for " + owner, e);
        }
    }

    @Override
    public String blindIndexPrefix(KeyOwner owner) {
        return opened(owner).prfPrefix();
    }

    @Override
    public String newDataKey(KeyOwner owner, byte[] associatedData) {
        try {
            KeysetHandle key = KeysetHandle.generateNew(PredefinedAeadParameters.AES256_GCM);
            return encrypt(owner, TinkJsonProtoKeysetFormat.serializeKeyset(key, InsecureSecretKeyAccess.get()), associatedData);
        } catch (GeneralSecurityException e) {
            throw new CryptoFailure("Cannot create a data key for " + owner, e);
        }
    }

    @Override
    public DataKey dataKey(KeyOwner owner, String wrapped, byte[] associatedData) {
        try {
            KeysetHandle key = TinkJsonProtoKeysetFormat.parseKeyset(decrypt(owner, wrapped, associatedData),
                    InsecureSecretKeyAccess.get());
            return new TinkDataKey(key.getPrimitive(RegistryConfiguration.get(), Aead.class));
        } catch (GeneralSecurityException e) {
            throw new CryptoFailure("A data key of " + owner + " does not open", e);
        }
    }

    /** A data key's AEAD; ciphertexts in the same text form as the key ring's. */
    private record TinkDataKey(Aead aead) implements DataKey {

        @Override
        public String encrypt(String plaintext, byte[] associatedData) {
            try {
                byte[] ciphertext = aead.encrypt(plaintext.getBytes(StandardCharsets.UTF_8), associatedData);
                return hex(ByteBuffer.wrap(ciphertext, 1, 4).getInt()) + "." + B64.encodeToString(ciphertext);
            } catch (GeneralSecurityException e) {
                throw new CryptoFailure("Cannot encrypt with a data key", e);
            }
        }

        @Override
        public String decrypt(String ciphertext, byte[] associatedData) {
            try {
                int dot = ciphertext.indexOf('.');
                return new String(aead.decrypt(B64D.decode(ciphertext.substring(dot + 1)), associatedData), StandardCharsets.UTF_8);
            } catch (GeneralSecurityException | IllegalArgumentException | IndexOutOfBoundsException e) {
                throw new CryptoFailure("A value sealed with a data key does not open: altered or moved", e);
            }
        }
    }

    @Override
    public org.fieldstone.crypto.KeyStatus status(KeyOwner owner) {
        // the cached keys, checked against the store's version (unwrapping on every look would call a KMS each time)
        Opened keys = opened(owner);
        Map<Integer, Instant> retired = retired(keys.stored().retired());
        List<Key> list = new ArrayList<>();
        describe(keys.aeadKeys(), Purpose.FIELDS, retired, list);
        describe(keys.prfKeys(), Purpose.INDEX, retired, list);
        long rotatedAt = keys.stored().rotatedAt();
        return new org.fieldstone.crypto.KeyStatus(owner.id(), keys.stored().masterKeyId(),
                rotatedAt == 0 ? null : Instant.ofEpochMilli(rotatedAt), list);
    }

    @Override
    public org.fieldstone.crypto.KeyStatus rotate(KeyOwner owner) {
        change(owner, (aead, prf, stored) -> {
            KeysetHandle.Builder a = KeysetHandle.newBuilder(aead);
            a.addEntry(KeysetHandle.generateEntryFromParameters(PredefinedAeadParameters.AES256_GCM).withRandomId().makePrimary());
            KeysetHandle.Builder p = KeysetHandle.newBuilder(prf);
            p.addEntry(KeysetHandle.generateEntryFromParameters(PredefinedPrfParameters.HMAC_SHA256_PRF).withRandomId().makePrimary());
            return new Change(a.build(), p.build(), stored.retired(), clock.millis());
        });
        log.info("Keys of {} rotated: new data is sealed under the new primary keys; old data is re-encrypted in the background", owner);
        return status(owner);
    }

    @Override
    public org.fieldstone.crypto.KeyStatus retire(KeyOwner owner) {
        change(owner, (aead, prf, stored) -> {
            Map<Integer, Instant> retired = retired(stored.retired());
            return new Change(disableOld(aead, retired), disableOld(prf, retired), format(retired), stored.rotatedAt());
        });
        return status(owner);
    }

    @Override
    public int destroyRetired(KeyOwner owner, Duration grace) {
        int[] destroyed = {0};
        Instant before = clock.instant().minus(grace);
        Opened keys = opened(owner);
        Map<Integer, Instant> due = retired(keys.stored().retired());
        due.values().removeIf(at -> at.isAfter(before));
        if (due.isEmpty()) {
            return 0;
        }
        change(owner, (aead, prf, stored) -> {
            Map<Integer, Instant> retired = retired(stored.retired());
            destroyed[0] = 0;
            KeysetHandle a = destroy(aead, due.keySet(), destroyed);
            KeysetHandle p = destroy(prf, due.keySet(), destroyed);
            retired.keySet().removeAll(due.keySet());
            return new Change(a, p, format(retired), stored.rotatedAt());
        });
        log.info("Destroyed {} retired key(s) of {}", destroyed[0], owner);
        return destroyed[0];
    }

    @Override
    public void shred(KeyOwner owner) {
        store.delete(owner.id());
        cache.remove(owner.id());
        log.info("Destroyed every key of {}", owner);
    }

    @Override
    public List<KeyOwner> owners() {
        return store.owners().stream().map(KeyOwner::new).toList();
    }

    // ---- master key

    @Override
    public String currentId() {
        return master.currentId();
    }

    @Override
    public int rotate(java.util.function.Consumer<String> progress) {
        String nextId = master.prepareNext();
        Aead next = master.aead(nextId);
        int rewrapped = 0;
        int pass;
        // until a whole pass finds nothing left under an older key (a keyset created meanwhile by another process)
        do {
            pass = rewrapAll(nextId, next, progress);
            rewrapped += pass;
        } while (pass > 0);
        master.promoteNext();
        log.info("Master key rotated: {} keyset(s) re-wrapped under {}", rewrapped, nextId);
        return rewrapped;
    }

    private int rewrapAll(String nextId, Aead next, java.util.function.Consumer<String> progress) {
        int rewrapped = 0;
        for (String owner : store.owners()) {
            for (int attempt = 0; ; attempt++) {
                StoredKeyset stored = store.find(owner).orElse(null);
                if (stored == null || stored.masterKeyId().equals(nextId)) {
                    break;
                }
                try {
                    Aead old = master.aead(stored.masterKeyId());
                    KeysetHandle aead = TinkJsonProtoKeysetFormat.parseEncryptedKeyset(stored.aead(), old, ad(owner, "aead"));
                    KeysetHandle prf = TinkJsonProtoKeysetFormat.parseEncryptedKeyset(stored.prf(), old, ad(owner, "prf"));
                    StoredKeyset rewrappedKeys = new StoredKeyset(owner,
                            TinkJsonProtoKeysetFormat.serializeEncryptedKeyset(aead, next, ad(owner, "aead")),
                            TinkJsonProtoKeysetFormat.serializeEncryptedKeyset(prf, next, ad(owner, "prf")),
                            nextId, stored.retired(), stored.rotatedAt(), stored.version() + 1);
                    if (store.update(rewrappedKeys, stored.version())) {
                        rewrapped++;
                        cache.remove(owner);
                        progress.accept(owner);
                        break;
                    }
                } catch (GeneralSecurityException e) {
                    throw new CryptoFailure("The keyset of " + owner + " does not open with master key " + stored.masterKeyId(), e);
                }
                if (attempt > 10) {
                    throw new IllegalStateException("The keyset of " + owner + " keeps changing; try again");
                }
            }
        }
        return rewrapped;
    }

    // ---- internals

    private record Change(KeysetHandle aead, KeysetHandle prf, String retired, long rotatedAt) {
    }

    @FunctionalInterface
    private interface Edit {
        Change apply(KeysetHandle aead, KeysetHandle prf, StoredKeyset stored) throws GeneralSecurityException;
    }

    /** Applies an edit to the stored keysets with optimistic concurrency (another node may rotate too). */
    private void change(KeyOwner owner, Edit edit) {
        for (int attempt = 0; attempt < 10; attempt++) {
            StoredKeyset stored = store.find(owner.id()).orElseThrow(() -> new IllegalStateException(owner + " has no keys"));
            try {
                Aead wrapper = master.aead(stored.masterKeyId());
                KeysetHandle aead = TinkJsonProtoKeysetFormat.parseEncryptedKeyset(stored.aead(), wrapper, ad(owner.id(), "aead"));
                KeysetHandle prf = TinkJsonProtoKeysetFormat.parseEncryptedKeyset(stored.prf(), wrapper, ad(owner.id(), "prf"));
                Change c = edit.apply(aead, prf, stored);
                StoredKeyset next = wrap(owner.id(), c.aead(), c.prf(), c.retired(), c.rotatedAt(), stored.version() + 1);
                if (store.update(next, stored.version())) {
                    cache.remove(owner.id());
                    return;
                }
            } catch (GeneralSecurityException e) {
                throw new CryptoFailure("Cannot change the keys of " + owner, e);
            }
        }
        throw new IllegalStateException("The keys of " + owner + " keep changing; try again");
    }

    private StoredKeyset wrap(String owner, KeysetHandle aead, KeysetHandle prf, String retired, long rotatedAt, long version)
            throws GeneralSecurityException {
        MasterKey.Wrapping wrapper = master.forWrapping();
        return new StoredKeyset(owner, TinkJsonProtoKeysetFormat.serializeEncryptedKeyset(aead, wrapper.aead(), ad(owner, "aead")),
                TinkJsonProtoKeysetFormat.serializeEncryptedKeyset(prf, wrapper.aead(), ad(owner, "prf")), wrapper.id(),
                retired, rotatedAt, version);
    }

    private Opened opened(KeyOwner owner) {
        long now = System.nanoTime();
        Opened keys = cache.get(owner.id());
        if (keys == null) {
            return reload(owner, null);
        }
        if (now - keys.checkedAt() > checkNanos) {
            long version = store.find(owner.id()).map(StoredKeyset::version).orElseThrow(() -> {
                cache.remove(owner.id()); // destroyed elsewhere: not kept open here either
                return new CryptoFailure(owner + " has no keys (destroyed?)");
            });
            if (version != keys.version()) {
                return reload(owner, keys);
            }
            Opened checked = keys.checked(now);
            cache.put(owner.id(), checked);
            return checked;
        }
        return keys;
    }

    /**
     * Opens an owner's keys from the store, unless another thread opened a newer version since the caller saw
     * {@code stale} (null: none cached): then that thread's keys are the answer.
     */
    private Opened reload(KeyOwner owner, Opened stale) {
        ReentrantLock lock = opening.computeIfAbsent(owner.id(), id -> new ReentrantLock());
        lock.lock();
        try {
            Opened current = cache.get(owner.id());
            if (current != null && (stale == null || current.version() != stale.version())) {
                return current;
            }
            return load(owner);
        } finally {
            lock.unlock();
        }
    }

    private Opened load(KeyOwner owner) {
        StoredKeyset stored = store.find(owner.id()).orElseThrow(() -> {
            cache.remove(owner.id());
            return new CryptoFailure(owner + " has no keys (destroyed?)");
        });
        try {
            Aead wrapper = master.aead(stored.masterKeyId());
            KeysetHandle aeadKeys = TinkJsonProtoKeysetFormat.parseEncryptedKeyset(stored.aead(), wrapper, ad(owner.id(), "aead"));
            KeysetHandle prfKeys = TinkJsonProtoKeysetFormat.parseEncryptedKeyset(stored.prf(), wrapper, ad(owner.id(), "prf"));
            PrfSet prf = prfKeys.getPrimitive(RegistryConfiguration.get(), PrfSet.class);
            Opened opened = new Opened(stored.version(), aeadKeys, aeadKeys.getPrimitive(RegistryConfiguration.get(), Aead.class),
                    hex(aeadKeys.getPrimary().getId()) + ".", prfKeys, prf, hex(prf.getPrimaryId()) + ".", stored,
                    System.nanoTime());
            cache.put(owner.id(), opened);
            return opened;
        } catch (GeneralSecurityException e) {
            throw new CryptoFailure("The keys of " + owner + " do not open with master key " + stored.masterKeyId(), e);
        }
    }

    private KeysetHandle disableOld(KeysetHandle keys, Map<Integer, Instant> retired) throws GeneralSecurityException {
        KeysetHandle.Builder b = KeysetHandle.newBuilder(keys);
        for (int i = 0; i < b.size(); i++) {
            KeysetHandle.Builder.Entry e = b.getAt(i);
            if (!e.isPrimary() && e.getStatus() == KeyStatus.ENABLED) {
                e.setStatus(KeyStatus.DISABLED);
                retired.putIfAbsent(keys.getAt(i).getId(), clock.instant());
            }
        }
        return b.build();
    }

    private static KeysetHandle destroy(KeysetHandle keys, java.util.Set<Integer> ids, int[] count) throws GeneralSecurityException {
        KeysetHandle.Builder b = KeysetHandle.newBuilder(keys);
        for (int i = keys.size() - 1; i >= 0; i--) {
            if (ids.contains(keys.getAt(i).getId()) && !keys.getAt(i).isPrimary()) {
                b.deleteAt(i);
                count[0]++;
            }
        }
        return b.build();
    }

    private static void describe(KeysetHandle keys, Purpose purpose, Map<Integer, Instant> retired, List<Key> out) {
        for (int i = 0; i < keys.size(); i++) {
            KeysetHandle.Entry e = keys.getAt(i);
            State state = e.isPrimary() ? State.PRIMARY : e.getStatus() == KeyStatus.ENABLED ? State.ENABLED : State.DISABLED;
            out.add(new Key(purpose, hex(e.getId()), state, state == State.DISABLED ? retired.get(e.getId()) : null));
        }
    }

    private static boolean hasKey(KeysetHandle keys, String idHex) {
        for (int i = 0; i < keys.size(); i++) {
            if (hex(keys.getAt(i).getId()).equals(idHex)) {
                return true;
            }
        }
        return false;
    }

    static Map<Integer, Instant> retired(String text) {
        Map<Integer, Instant> retired = new LinkedHashMap<>();
        if (text != null && !text.isBlank()) {
            for (String item : text.split(",")) {
                String[] parts = item.split(":");
                retired.put(Integer.parseUnsignedInt(parts[0], 16), Instant.ofEpochMilli(Long.parseLong(parts[1])));
            }
        }
        return retired;
    }

    static String format(Map<Integer, Instant> retired) {
        StringBuilder sb = new StringBuilder();
        retired.forEach((id, at) -> sb.append(sb.isEmpty() ? "" : ",").append(hex(id)).append(':').append(at.toEpochMilli()));
        return sb.toString();
    }

    private static byte[] input(String domain, String value) {
        return (domain + '\0' + value).getBytes(StandardCharsets.UTF_8);
    }

    private static String index(int keyId, byte[] mac) {
        return hex(keyId) + "." + B64.encodeToString(mac);
    }

    static String hex(int id) {
        return String.format("%08x", id);
    }

    private static byte[] ad(String owner, String purpose) {
        return ("fieldstone/keyset/" + owner + "/" + purpose).getBytes(StandardCharsets.UTF_8);
    }
}
