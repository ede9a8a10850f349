package org.fieldstone.tenancy.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;
import org.fieldstone.audit.AuditTrail;
import org.fieldstone.shared.Change;
import org.fieldstone.clients.Client;
import org.fieldstone.clients.ClientChanges;
import org.fieldstone.clients.Clients;
import org.fieldstone.clients.NewClient;
import org.fieldstone.clients.NewProperty;
import org.fieldstone.crypto.CryptoFailure;
import org.fieldstone.crypto.KeyOwner;
import org.fieldstone.crypto.KeyRing;
import org.fieldstone.crypto.KeyStatus;
import org.fieldstone.crypto.MasterKeys;
import org.fieldstone.identity.ApiKeys;
import org.fieldstone.identity.SignIn;
import org.fieldstone.identity.Team;
import org.fieldstone.shared.Actor;
import org.fieldstone.shared.EmailAddress;
import org.fieldstone.shared.Page;
import org.fieldstone.shared.Role;
import org.fieldstone.support.Fixtures;
import org.fieldstone.support.SharedPostgres;
import org.fieldstone.support.TestClock;
import org.fieldstone.tenancy.CompanyDatabase;
import org.fieldstone.tenancy.CompanyKeys;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;

/**
 * Field encryption on either engine: nothing sensitive at rest in plaintext, ciphertexts bound to their place,
 * search through blind indexes, key rotation (also under concurrent writes, and resumed), master key rotation.
 */
abstract class FieldEncryptionContract {

    @Autowired Fixtures fixtures;
    @Autowired Clients clients;
    @Autowired org.fieldstone.pricing.Pricing pricing;
    @Autowired org.fieldstone.quotes.Quotes quotes;
    @Autowired org.fieldstone.invoices.Invoices invoices;
    @Autowired Team team;
    @Autowired ApiKeys apiKeys;
    @Autowired SignIn signIn;
    @Autowired CompanyPools pools;
    @Autowired DatabaseServer server;
    @Autowired KeyRing keys;
    @Autowired MasterKeys master;
    @Autowired CompanyKeys companyKeys;
    @Autowired KeyRotation rotation;
    @Autowired AuditTrail audit;
    @Autowired TestClock clock;
    @Value("${fieldstone.data-dir}") Path dataDir;
    @Value("${fieldstone.database.url:}") String databaseUrl;

    @Test
    void nothingSensitiveIsStoredInPlaintextAnywhereInTheDatabases() throws Exception {
        var c = fixtures.company("plain");
        String m = "Qx" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
        List<String> markers = List.of(m + "Name", m.toLowerCase() + "@mail.example", "445559876", m + "Notes",
                m + "Street", m + "City", m + "Zip", "47.1234567", m + "Member", m + "Key");
        Actor owner = c.system();
        Client client = clients.create(owner, new NewClient(m + "Name Plumbing", m.toLowerCase() + "@mail.example",
                "+41 44 555 98 76", m + "Notes", List.of()), new NewProperty(null, m + "Street 1", m + "City", null,
                m + "Zip", null, "47.1234567", "8.5"));
        clients.update(owner, client.id(), client.version(), new ClientChanges(Change.to(m + "Name Heating"), null, null,
                Change.to(m + "Notes too"), null));
        team.invite(owner, new EmailAddress(m.toLowerCase() + "member@mail.example"), m + "Member", Role.USER);
        apiKeys.createFor(owner, c.owner().id(), m + "Key", Optional.empty(), Optional.empty());
        // the values are there, and readable through the application
        assertThat(clients.get(owner, client.id()).name()).isEqualTo(m + "Name Heating");
        assertThat(clients.list(owner, m + "name heat", false, Page.request(0, 5)).items()).extracting(Client::id)
                .containsExactly(client.id());

        String everything = isPostgres() ? postgresContents(c.company.id().compact()) : sqliteFiles();
        for (String marker : markers) {
            assertThat(everything).as("plaintext of %s at rest", marker).doesNotContainIgnoringCase(marker);
        }
        assertThat(everything).as("the stored rows were read").contains(client.id());
    }

    @Test
    void financialDataIsNotStoredInPlaintext() throws Exception {
        var c = fixtures.company("plain-money");
        String m = "Qm" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
        Actor owner = c.system();
        Client client = clients.create(owner, new NewClient("Money client", null, null, null, List.of()),
                new NewProperty(null, "Street 1", "City", null, "8000", null, null, null));
        String property = clients.properties(owner, client.id()).getFirst().id();
        var vat = pricing.createTaxRate(owner, "VAT", new java.math.BigDecimal("8.1"));
        // amounts that cannot occur by chance in ciphertext, nor as plaintext of other tests' companies (every company
        // database of the data directory is read): ten digits, and percents of 60 or more with two decimals — below 60
        // they could be the seconds of a timestamp stored as text (Flyway's installed_on: "20:31:38.712")
        long price = 9_876_543_217L;
        var line = new org.fieldstone.pricing.LineInput(null, null, m + "Line", java.math.BigDecimal.ONE, price,
                new java.math.BigDecimal("83.17"), Change.to(vat.id()), false, null);
        var quote = quotes.create(owner, new org.fieldstone.quotes.NewQuote(client.id(), property, "Quote title",
                List.of(line), org.fieldstone.pricing.Discount.amount(1_357_913_579L),
                org.fieldstone.pricing.Discount.percent(new java.math.BigDecimal("71.39")), m + "Terms", m + "QNotes", null));
        quote = quotes.send(owner, quote.id(), quote.version());
        quotes.approve(owner, quote.id(), quote.version(), m + "Signature", List.of());
        var invoice = invoices.create(owner, new org.fieldstone.invoices.NewInvoice(client.id(), null, "Invoice title",
                List.of(line), null, null, m + "ITerms", m + "INotes", 30));
        invoice = invoices.send(owner, invoice.id(), invoice.version());
        invoices.recordPayment(owner, invoice.id(), new org.fieldstone.invoices.NewPayment(1_246_802_469L, "BANK_TRANSFER",
                null, m + "Reference", null, null));
        assertThat(invoices.get(owner, invoice.id()).paid().amount()).isEqualTo(1_246_802_469L);
        assertThat(quotes.get(owner, quote.id()).approval().signatureName()).isEqualTo(m + "Signature");

        String everything = isPostgres() ? postgresContents(c.company.id().compact()) : sqliteFiles();
        for (String marker : List.of(m + "Line", m + "Terms", m + "QNotes", m + "Signature", m + "ITerms", m + "INotes",
                m + "Reference", "9876543217", "1357913579", "71.39", "83.17", "1246802469")) {
            assertThat(everything).as("plaintext of %s at rest", marker).doesNotContainIgnoringCase(marker);
        }
        assertThat(everything).as("the stored rows were read").contains(invoice.id());
    }

    @Test
    void aCiphertextMovedToAnotherRowColumnOrCompanyDoesNotOpen() {
        var a = fixtures.company("move-a");
        var b = fixtures.company("move-b");
        Client first = clients.create(a.system(), new NewClient("First", "first@mail.example", null, null, List.of()), null);
        Client second = clients.create(a.system(), new NewClient("Second", "second@mail.example", null, null, List.of()), null);
        Client other = clients.create(b.system(), new NewClient("Other", null, null, null, List.of()), null);
        String firstName = rawColumn(a.company.id(), "name", first.id());

        setRaw(a.company.id(), "name", second.id(), firstName);
        assertThatThrownBy(() -> clients.get(a.system(), second.id())).as("another row").isInstanceOf(CryptoFailure.class);
        setRaw(a.company.id(), "name", second.id(), rawColumn(a.company.id(), "email", second.id()));
        assertThatThrownBy(() -> clients.get(a.system(), second.id())).as("another column").isInstanceOf(CryptoFailure.class);
        setRaw(b.company.id(), "name", other.id(), firstName);
        assertThatThrownBy(() -> clients.get(b.system(), other.id())).as("another company").isInstanceOf(CryptoFailure.class);
        String tampered = firstName.substring(0, firstName.length() - 2) + (firstName.endsWith("AA") ? "AB" : "AA");
        setRaw(a.company.id(), "name", first.id(), tampered);
        assertThatThrownBy(() -> clients.get(a.system(), first.id())).as("altered").isInstanceOf(CryptoFailure.class);
    }

    @Test
    void usersAreFoundByTheirEmailThroughABlindIndex() {
        var c = fixtures.company("login");
        String stored = pools.of(c.company.id()).jdbc().sql("SELECT email_index FROM users").query(String.class).single();
        assertThat(stored).doesNotContain("owner").startsWith(keys.blindIndexPrefix(KeyOwner.of(c.company.id())));
        assertThat(signIn.signIn(c.slug(), "  OWNER@" + c.slug().toUpperCase() + ".example ", Fixtures.PASSWORD.toCharArray(),
                "127.0.0.1", "test")).isInstanceOf(SignIn.SessionOpened.class);
        assertThat(team.findByEmail(c.system(), new EmailAddress(c.ownerEmail()))).isPresent();
    }

    @Test
    void rotationUnderConcurrentWritesLosesNothingAndEndsWithNothingRemaining() throws Exception {
        var c = fixtures.company("rotate");
        Actor actor = c.system();
        List<Client> created = new ArrayList<>();
        for (int i = 0; i < 120; i++) {
            created.add(clients.create(actor, new NewClient("Client " + i + " Before", "c" + i + "@rotate.example",
                    null, "notes " + i, List.of()), i % 3 == 0 ? new NewProperty(null, "Street " + i, "Town" + i, null, null, null, null, null) : null));
        }
        var before = companyKeys.rotate(actor, c.company.id());
        assertThat(before.remaining()).isPositive();
        assertThat(before.keys().rotating()).isTrue();

        Map<String, String> expectedNames = new ConcurrentHashMap<>();
        AtomicBoolean stop = new AtomicBoolean();
        ExecutorService writers = Executors.newFixedThreadPool(2);
        List<Future<?>> running = new ArrayList<>();
        for (int w = 0; w < 2; w++) {
            int writer = w;
            running.add(writers.submit(() -> {
                int round = 0;
                while (!stop.get()) {
                    for (int i = writer; i < created.size() && !stop.get(); i += 2) {
                        Client now = clients.get(actor, created.get(i).id());
                        String name = "Client " + i + " Round " + round;
                        clients.update(actor, now.id(), now.version(), new ClientChanges(Change.to(name), null, null, null, null));
                        expectedNames.put(now.id(), name);
                    }
                    Client added = clients.create(actor, new NewClient("Added " + writer + " " + round, null, null, null, List.of()), null);
                    expectedNames.put(added.id(), added.name());
                    round++;
                }
                return null;
            }));
        }
        long reencrypted;
        try {
            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            while (expectedNames.size() < 10 && System.nanoTime() < deadline) {
                Thread.sleep(5); // the writers are under way before the re-encryption starts
            }
            reencrypted = companyKeys.reencrypt(c.company.id(), remaining -> { });
        } finally {
            stop.set(true);
            for (Future<?> f : running) {
                f.get();
            }
            writers.shutdown();
        }
        assertThat(reencrypted).isPositive();
        CompanyKeys.Status after = companyKeys.status(c.company.id());
        assertThat(after.remaining()).isZero();
        assertThat(after.keys().keys()).filteredOn(k -> k.state() == KeyStatus.State.DISABLED).hasSize(2);
        // nothing lost: every client opens with its last written name and is found by it
        for (Client client : created) {
            Client now = clients.get(actor, client.id());
            assertThat(now.name()).isEqualTo(expectedNames.getOrDefault(client.id(), client.name()));
            assertThat(now.notes()).startsWith("notes ");
        }
        expectedNames.forEach((id, name) -> assertThat(clients.get(actor, id).name()).isEqualTo(name));
        String probe = expectedNames.values().iterator().next();
        assertThat(clients.list(actor, probe, false, Page.request(0, 50)).items()).extracting(Client::name).contains(probe);
        assertThat(clients.list(actor, "town3", false, Page.request(0, 5)).items()).extracting(Client::id)
                .contains(created.get(3).id());
        // the audit trail's values still open (their data keys were re-wrapped) and the chain is intact
        CompanyDatabase db = pools.of(c.company.id());
        assertThat(audit.list(c.company.id(), db.jdbc(), Page.request(0, 200)).items()).isNotEmpty();
        assertThat(audit.verify(c.company.id(), db.jdbc()).intact()).isTrue();
    }

    @Test
    void rotationResumesAfterAnInterruptedRunAndOldKeysAreDestroyedAfterTheGracePeriod() {
        var c = fixtures.company("resume");
        Actor actor = c.system();
        List<Client> created = new ArrayList<>();
        for (int i = 0; i < 230; i++) {
            created.add(clients.create(actor, new NewClient("Resume " + i, null, null, null, List.of()), null));
        }
        companyKeys.rotate(actor, c.company.id());
        CompanyDatabase db = pools.of(c.company.id());
        long total = rotation.remaining(db);
        rotation.step(db); // one batch, then the process "stops"
        long left = rotation.remaining(db);
        assertThat(left).isPositive().isLessThan(total);
        assertThat(clients.get(actor, created.getLast().id()).name()).as("usable mid-rotation").isEqualTo("Resume 229");

        clock.advance(Duration.ofMinutes(1)); // past the settling time after the rotation
        rotation.runOnce(); // the background job after a restart
        assertThat(rotation.remaining(db)).isZero();
        KeyStatus status = keys.status(KeyOwner.of(c.company.id()));
        assertThat(status.rotating()).isFalse();
        assertThat(status.keys()).filteredOn(k -> k.state() == KeyStatus.State.DISABLED).hasSize(2);

        clock.advance(Duration.ofDays(8));
        rotation.runOnce();
        assertThat(keys.status(KeyOwner.of(c.company.id())).keys()).hasSize(2)
                .allMatch(k -> k.state() == KeyStatus.State.PRIMARY);
        assertThat(clients.get(actor, created.getFirst().id()).name()).isEqualTo("Resume 0");
    }

    @Test
    void rotatingTheMasterKeyKeepsEveryCompanyReadable() throws Exception {
        var a = fixtures.company("master-a");
        var b = fixtures.company("master-b");
        Client ca = clients.create(a.system(), new NewClient("Master A", null, null, null, List.of()), null);
        Client cb = clients.create(b.system(), new NewClient("Master B", null, null, null, List.of()), null);
        String before = master.currentId();

        int rewrapped = master.rotate(owner -> { });

        assertThat(master.currentId()).isNotEqualTo(before);
        assertThat(rewrapped).isGreaterThanOrEqualTo(2);
        var controlPlane = org.springframework.jdbc.core.simple.JdbcClient.create(server.controlPlane());
        assertThat(controlPlane.sql("SELECT DISTINCT master_key_id FROM keysets").query(String.class).list())
                .containsExactly(master.currentId());
        assertThat(clients.get(a.system(), ca.id()).name()).isEqualTo("Master A");
        assertThat(clients.get(b.system(), cb.id()).name()).isEqualTo("Master B");
        assertThat(clients.create(a.system(), new NewClient("After", null, null, null, List.of()), null).name()).isEqualTo("After");
    }

    private boolean isPostgres() {
        return !databaseUrl.isBlank();
    }

    /** Every byte of the SQLite databases (control plane and companies, with their write-ahead logs). */
    private String sqliteFiles() throws Exception {
        StringBuilder all = new StringBuilder();
        try (Stream<Path> files = Files.walk(dataDir)) {
            for (Path f : files.filter(Files::isRegularFile).filter(p -> p.toString().contains(".db")).toList()) {
                try {
                    all.append(new String(Files.readAllBytes(f), StandardCharsets.ISO_8859_1));
                } catch (java.nio.file.NoSuchFileException checkpointed) {
                    // a write-ahead log removed as its pool closed: its pages are in the database file, read as well
                }
            }
        }
        return all.toString();
    }

    /** Every row of every table of the company's PostgreSQL database and of the control plane, as text. */
    private String postgresContents(String compact) throws Exception {
        return SharedPostgres.allRows("fs_" + compact)
                + SharedPostgres.allRows(databaseUrl.substring(databaseUrl.lastIndexOf('/') + 1));
    }

    private String rawColumn(org.fieldstone.shared.TenantId tenant, String column, String id) {
        return pools.of(tenant).jdbc().sql("SELECT " + column + " FROM clients WHERE id = :id").param("id", id)
                .query(String.class).single();
    }

    /** What someone with access to the database files could do: put a stored value somewhere else. */
    private void setRaw(org.fieldstone.shared.TenantId tenant, String column, String id, String value) {
        CompanyDatabase db = pools.of(tenant);
        db.inTransaction(() -> db.jdbc().sql("UPDATE clients SET " + column + " = :v WHERE id = :id")
                .param("v", value).param("id", id).update());
    }
}
