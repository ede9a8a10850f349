package org.fieldstone.files.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.fieldstone.support.ApiClient.body;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.fieldstone.FieldstoneApplication;
import org.fieldstone.audit.AuditEntry;
import org.fieldstone.files.FileStatus;
import org.fieldstone.files.StoredFile;
import org.fieldstone.files.TargetKind;
import org.fieldstone.ops.cli.CommandLineInterface;
import org.fieldstone.shared.Role;
import org.fieldstone.support.ApiClient;
import org.fieldstone.support.Fixtures;
import org.fieldstone.support.Fixtures.TestCompany;
import org.fieldstone.support.Https;
import org.fieldstone.support.Https.Response;
import org.fieldstone.support.TestClamd;
import org.fieldstone.tenancy.CompanyExports;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The company export with the files' content (issue 14): a ZIP archive holding {@code export.json} and every clean
 * file byte for byte — never one infected or still scanning, though the JSON lists them with their status — plain or
 * encrypted under the owner's passphrase (opened by {@code fieldstone export decrypt}, refused with a wrong one or a
 * changed byte), owners only, audited, and no plaintext written to the temporary directory while exporting.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class FilesExportContract {

    private static final String PASSPHRASE = "export passphrase for tests";

    @Autowired Fixtures fixtures;
    @Autowired ApiClient api;
    @Autowired org.fieldstone.files.Files files;
    @Autowired CompanyExports exports;
    @Value("${server.port}") int port;

    TestCompany c;
    String mark;
    Map<String, byte[]> clean = new LinkedHashMap<>();
    String infected;
    String scanning;

    @BeforeAll
    void uploads() {
        TestClamd.ensureRunning();
        c = fixtures.companyWithEveryRole("files-export");
        String key = c.keys.get(Role.OWNER);
        String client = body(api.post("/api/v1/clients", key, "{\"name\": \"Archive Client\"}")).get("id").asString();
        mark = "FSMARK" + UUID.randomUUID().toString().replace("-", "").toUpperCase();
        byte[] notes = ("Site notes " + mark + "\n").repeat(50_000).getBytes(StandardCharsets.UTF_8); // > 1 MiB: segments
        byte[] pdf = ("%PDF-1.7\n1 0 obj\n<< /Type /Catalog >>\nendobj\n% " + mark + "\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n")
                .getBytes(StandardCharsets.UTF_8);
        for (var upload : List.of(Map.entry("notes.txt", notes), Map.entry("../report.pdf", pdf))) {
            StoredFile f = files.upload(c.system(), TargetKind.CLIENT, client, upload.getKey(),
                    new ByteArrayInputStream(upload.getValue()));
            assertThat(f.status()).isEqualTo(FileStatus.CLEAN);
            clean.put(f.id(), upload.getValue());
        }
        StoredFile bad = files.upload(c.system(), TargetKind.CLIENT, client, "eicar.txt",
                new ByteArrayInputStream(TestClamd.EICAR.getBytes(StandardCharsets.US_ASCII)));
        assertThat(bad.status()).isEqualTo(FileStatus.INFECTED);
        infected = bad.id();
        TestClamd.stopForTest();
        try {
            StoredFile waiting = files.upload(c.system(), TargetKind.CLIENT, client, "waiting.txt",
                    new ByteArrayInputStream(("waiting " + mark).getBytes(StandardCharsets.UTF_8)));
            assertThat(waiting.status()).isEqualTo(FileStatus.SCANNING);
            scanning = waiting.id();
        } finally {
            TestClamd.ensureRunning();
        }
    }

    /** The archive's entries by name. */
    static Map<String, byte[]> entries(byte[] zip) throws IOException {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip))) {
            for (ZipEntry e; (e = in.getNextEntry()) != null; ) {
                entries.put(e.getName(), in.readAllBytes());
            }
        }
        return entries;
    }

    void assertHoldsTheCleanFilesOnly(byte[] zip) throws IOException {
        Map<String, byte[]> entries = entries(zip);
        assertThat(entries.keySet()).first().isEqualTo("export.json");
        JsonNode json = JsonMapper.builder().build().readTree(entries.get("export.json"));
        assertThat(json.get("format").asString()).isEqualTo("fieldstone-export/1");
        Map<String, String> listed = new LinkedHashMap<>();
        json.get("files").forEach(f -> listed.put(f.get("id").asString(), f.get("status").asString()));
        assertThat(listed).containsEntry(infected, "INFECTED").containsEntry(scanning, "SCANNING").hasSize(4);
        List<String> fileEntries = entries.keySet().stream().filter(n -> n.startsWith("files/")).toList();
        assertThat(fileEntries).hasSize(2).noneMatch(n -> n.contains(infected) || n.contains(scanning) || n.contains(".."));
        for (var file : clean.entrySet()) {
            assertThat(listed).containsEntry(file.getKey(), "CLEAN");
            String entry = fileEntries.stream().filter(n -> n.startsWith("files/" + file.getKey() + "/")).findFirst().orElseThrow();
            assertThat(entries.get(entry)).as(entry).isEqualTo(file.getValue());
        }
        assertThat(fileEntries).contains("files/" + clean.keySet().iterator().next() + "/notes.txt");
    }

    int cli(String... args) {
        return new CommandLineInterface(FieldstoneApplication.class, new ByteArrayInputStream(new byte[0]),
                new PrintStream(new ByteArrayOutputStream()), new PrintStream(new ByteArrayOutputStream())).run(args);
    }

    @Test
    void aPlainArchiveHoldsEveryCleanFileByteForByteAndNoPlaintextReachesTheTemporaryDirectory() throws IOException {
        long since = System.currentTimeMillis() - 2000;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Map<String, Long> counts = exports.exportArchive(c.system(), out, null);
        assertThat(counts).containsEntry("files", 4L).containsEntry("archiveEntries", 2L);
        assertHoldsTheCleanFilesOnly(out.toByteArray());
        assertThat(FilesApiContract.containing(Path.of(System.getProperty("java.io.tmpdir")), mark, since))
                .as("files holding the marker in plaintext").isEmpty();
        List<AuditEntry> trail = api.auditEntries(c, "company", c.company.id().toString());
        assertThat(trail.stream().map(AuditEntry::action).toList()).contains("company.exported");
    }

    @Test
    void anEncryptedArchiveOpensWithThePassphraseThroughTheDecryptCommandOnly() throws IOException {
        Path dir = Files.createTempDirectory(Path.of("target"), "export-");
        Path encrypted = dir.resolve("export.zip.enc");
        try (var out = Files.newOutputStream(encrypted)) {
            exports.exportArchive(c.system(), out, PASSPHRASE.toCharArray());
        }
        byte[] ciphertext = Files.readAllBytes(encrypted);
        assertThat(new String(ciphertext, 0, 8, StandardCharsets.US_ASCII)).isEqualTo("FSEXPENC");
        assertThat(FilesApiContract.containing(dir, mark, 0)).as("the encrypted archive hides the content").isEmpty();

        Path right = dir.resolve("right.txt");
        Files.writeString(right, PASSPHRASE + "\n");
        Path wrong = dir.resolve("wrong.txt");
        Files.writeString(wrong, PASSPHRASE + "!\n");
        assertThat(cli("export", "decrypt", "--in", encrypted.toString(), "--out", dir.resolve("bad.zip").toString(),
                "--passphrase-file", wrong.toString())).isEqualTo(2);
        assertThat(dir.resolve("bad.zip")).doesNotExist();

        byte[] tampered = ciphertext.clone();
        tampered[tampered.length / 2] ^= 1;
        Path changed = dir.resolve("changed.zip.enc");
        Files.write(changed, tampered);
        assertThat(cli("export", "decrypt", "--in", changed.toString(), "--out", dir.resolve("changed.zip").toString(),
                "--passphrase-file", right.toString())).isEqualTo(2);
        assertThat(dir.resolve("changed.zip")).doesNotExist();

        Path zip = dir.resolve("export.zip");
        assertThat(cli("export", "decrypt", "--in", encrypted.toString(), "--out", zip.toString(),
                "--passphrase-file", right.toString())).isEqualTo(0);
        assertHoldsTheCleanFilesOnly(Files.readAllBytes(zip));
    }

    @Test
    void settingsOffersTheArchiveToOwnersOnly() throws IOException {
        String path = "/c/" + c.slug() + "/settings/company/export";
        for (Role role : List.of(Role.ADMIN, Role.USER, Role.READ_ONLY)) {
            Https browser = new Https(port);
            browser.signIn(c.slug(), c.users.get(role).email().value(), Fixtures.PASSWORD);
            browser.get("/c/" + c.slug() + "/settings/company");
            Response r = browser.post(path, Map.of("kind", "zip"));
            assertThat(r.status()).as(role.name()).isEqualTo(403);
            assertThat(r.body()).doesNotContain("export.json");
        }
        Https owner = new Https(port);
        owner.signIn(c.slug(), c.ownerEmail(), Fixtures.PASSWORD);
        assertThat(owner.get("/c/" + c.slug() + "/settings/company").body()).contains("export-kind-encrypted", "export-passphrase-again");
        Response mismatch = owner.post(path, Map.of("kind", "encrypted", "passphrase", PASSPHRASE, "passphraseAgain", PASSPHRASE + "x"));
        assertThat(mismatch.status()).isEqualTo(400);
        assertThat(mismatch.body()).contains("export-passphrase-again-error");
        Response tooShort = owner.post(path, Map.of("kind", "encrypted", "passphrase", "short", "passphraseAgain", "short"));
        assertThat(tooShort.status()).isEqualTo(400);

        List<Map.Entry<String, String>> form = new ArrayList<>(List.of(Map.entry("kind", "encrypted"),
                Map.entry("passphrase", PASSPHRASE), Map.entry("passphraseAgain", PASSPHRASE)));
        owner.csrf().ifPresent(t -> form.add(Map.entry("_csrf", t)));
        Https.Bytes download = owner.sendForBytes(java.net.http.HttpRequest.newBuilder(owner.uri(path))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Cookie", owner.cookies().entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
                        .reduce((x, y) -> x + "; " + y).orElseThrow())
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString(form.stream()
                        .map(e -> e.getKey() + "=" + java.net.URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                        .reduce((x, y) -> x + "&" + y).orElseThrow())));
        assertThat(download.status()).isEqualTo(200);
        assertThat(download.header("Content-Disposition")).contains(".zip.enc");
        try (var plain = org.fieldstone.tenancy.EncryptedExports.decrypting(new ByteArrayInputStream(download.body()),
                PASSPHRASE.toCharArray())) {
            assertHoldsTheCleanFilesOnly(plain.readAllBytes());
        }
    }
}
