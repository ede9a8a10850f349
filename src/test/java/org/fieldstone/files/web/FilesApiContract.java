package org.fieldstone.files.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.fieldstone.support.ApiClient.assertProblem;
import static org.fieldstone.support.ApiClient.body;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import java.util.zip.CRC32;
import javax.imageio.ImageIO;
import org.fieldstone.audit.AuditEntry;
import org.fieldstone.shared.Role;
import org.fieldstone.support.ApiClient;
import org.fieldstone.support.Fixtures;
import org.fieldstone.support.Fixtures.TestCompany;
import org.fieldstone.support.Https;
import org.fieldstone.support.Https.Response;
import org.fieldstone.support.TestClamd;
import org.fieldstone.support.TestClock;
import org.fieldstone.support.TestImages;
import org.fieldstone.support.TestMail;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import tools.jackson.databind.JsonNode;

/**
 * The files API over real HTTPS against a real clamd ({@link TestClamd}): uploads typed by content, encrypted at rest
 * (no plaintext byte in the data directory or the temporary directory), scanned (EICAR quarantined for good, owners
 * emailed; clamd down → waiting, released when it returns), downloads only when clean, signed links bound to file,
 * user and time, a technician's visibility, another company's ids, the role matrix, the size limit and photo metadata.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class FilesApiContract {

    @Autowired Fixtures fixtures;
    @Autowired ApiClient api;
    @Autowired TestClock clock;
    @Autowired org.fieldstone.files.Files files;
    @Autowired org.fieldstone.tenancy.CompanyExports exports;
    @Autowired org.fieldstone.tenancy.Companies companies;
    @Autowired org.fieldstone.tenancy.CompanyKeys companyKeys;
    @Autowired org.fieldstone.crypto.KeyRing keyRing;
    @Autowired org.fieldstone.tenancy.CompanyDatabases databases;
    @Autowired jakarta.servlet.MultipartConfigElement multipart;
    @Value("${server.port}") int port;
    @Value("${fieldstone.data-dir}") String dataDir;

    TestCompany a;
    TestCompany b;
    String owner;
    String admin;
    String user;
    String readOnly;
    String clientId;
    String hiddenJob;
    String myJob;

    @BeforeAll
    void companies() {
        TestClamd.ensureRunning();
        Fixtures.TwoCompanies two = fixtures.twoCompanies("files");
        a = two.a();
        b = two.b();
        owner = a.keys.get(Role.OWNER);
        admin = a.keys.get(Role.ADMIN);
        user = a.keys.get(Role.USER);
        readOnly = a.keys.get(Role.READ_ONLY);
        Response c = api.post("/api/v1/clients", owner, """
                {"name": "Grace Hopper", "property": {"street": "Main Street 1", "postalCode": "8001", "city": "Zürich"}}""");
        assertThat(c.status()).as(c.body()).isEqualTo(201);
        clientId = body(c).get("id").asString();
        String propertyId = body(api.get("/api/v1/clients/" + clientId + "/properties", owner)).get(0).get("id").asString();
        String job = "{\"clientId\":\"" + clientId + "\",\"propertyId\":\"" + propertyId + "\",\"title\":\"%s\"%s}";
        hiddenJob = body(api.post("/api/v1/jobs", owner, job.formatted("Not the technician's", ""))).get("id").asString();
        myJob = body(api.post("/api/v1/jobs", owner, job.formatted("The technician's",
                ",\"assignees\":[\"" + a.users.get(Role.USER).id() + "\"]"))).get("id").asString();
    }

    // ---- helpers

    Response upload(String key, String target, String name, String declaredType, byte[] content) {
        String boundary = "----fieldstone" + UUID.randomUUID();
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + name
                + "\"\r\nContent-Type: " + declaredType + "\r\n\r\n").getBytes(StandardCharsets.UTF_8));
        body.writeBytes(content);
        body.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        HttpRequest.Builder r = HttpRequest.newBuilder(api.uri(target + "/files"))
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .header("Accept", "application/json, application/problem+json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray()));
        if (key != null) {
            r.header("Authorization", "Bearer " + key);
        }
        return api.send(r);
    }

    JsonNode uploaded(String key, String target, String name, byte[] content) {
        Response r = upload(key, target, name, "application/octet-stream", content);
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        return body(r);
    }

    Https.Bytes content(String key, String fileId) {
        return api.getBytes("/api/v1/files/" + fileId + "/content", key, "*/*", null);
    }

    static byte[] text(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    static String marker() {
        return "FSMARK" + UUID.randomUUID().toString().replace("-", "").toUpperCase();
    }

    // ---- the tests

    @Test
    void aDocumentIsStoredScannedCleanAndDownloadedAsItWasUploaded() {
        byte[] pdf = text("%PDF-1.7\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n");
        Response r = upload(admin, "/api/v1/jobs/" + hiddenJob, "report.pdf", "application/pdf", pdf);
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        JsonNode f = body(r);
        String id = f.get("id").asString();
        assertThat(r.header("Location")).endsWith("/api/v1/files/" + id);
        assertThat(f.get("name").asString()).isEqualTo("report.pdf");
        assertThat(f.get("contentType").asString()).isEqualTo("application/pdf");
        assertThat(f.get("size").asLong()).isEqualTo(pdf.length);
        assertThat(f.get("status").asString()).isEqualTo("CLEAN");
        assertThat(body(api.get("/api/v1/files/" + id, owner)).get("status").asString()).isEqualTo("CLEAN");
        assertThat(ids(body(api.get("/api/v1/jobs/" + hiddenJob + "/files", owner)))).contains(id);
        Https.Bytes download = content(owner, id);
        assertThat(download.status()).isEqualTo(200);
        assertThat(download.body()).isEqualTo(pdf);
        assertThat(download.header("Content-Type")).isEqualTo("application/pdf");
        assertThat(download.header("Content-Disposition")).startsWith("inline");
        assertThat(download.header("X-Content-Type-Options")).isEqualTo("nosniff");
        List<String> actions = api.auditEntries(a, "file", id).stream().map(AuditEntry::action).toList();
        assertThat(actions).contains("file.uploaded", "file.released");

        Response csv = upload(admin, "/api/v1/clients/" + clientId, "export.csv", "text/csv", text("a,b\n1,2\n"));
        assertThat(csv.status()).as(csv.body()).isEqualTo(201);
        Https.Bytes csvDownload = content(owner, body(csv).get("id").asString());
        assertThat(csvDownload.header("Content-Type")).startsWith("text/plain");
        assertThat(csvDownload.header("Content-Disposition")).startsWith("attachment");
    }

    @Test
    void eicarIsQuarantinedForGoodNeverDownloadableAuditedAndTheOwnersAreEmailed() {
        Response r = upload(user, "/api/v1/jobs/" + myJob, "invoice.txt", "text/plain", text(TestClamd.EICAR));
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        JsonNode f = body(r);
        String id = f.get("id").asString();
        assertThat(f.get("status").asString()).isEqualTo("INFECTED");
        assertThat(f.get("verdict").asString()).startsWith("Eicar-Test-Signature");
        assertThat(f.get("message").asString()).contains("Malware").contains("invoice.txt");
        for (String key : List.of(owner, admin, user)) {
            assertThat(content(key, id).status()).isEqualTo(404);
            assertThat(api.post("/api/v1/files/" + id + "/links", key, null).status()).isEqualTo(404);
        }
        List<AuditEntry> trail = api.auditEntries(a, "file", id);
        assertThat(trail.stream().map(AuditEntry::action).toList()).contains("file.uploaded", "file.malware-detected");
        var mails = TestMail.awaitFor(TestMail.platform(), a.ownerEmail(), 1, Duration.ofSeconds(20)).stream()
                .filter(m -> subject(m).contains("Malware")).toList();
        assertThat(mails).isNotEmpty();
        assertThat(TestMail.messagesFor(TestMail.platform(), a.users.get(Role.USER).email().value()).stream()
                .filter(m -> subject(m).contains("Malware")).toList()).as("owners only").isEmpty();
    }

    private static String subject(jakarta.mail.internet.MimeMessage m) {
        try {
            return m.getSubject() == null ? "" : m.getSubject();
        } catch (jakarta.mail.MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void withClamdDownAnUploadWaitsInQuarantineAndIsReleasedWhenClamdReturns() {
        String id;
        TestClamd.stopForTest();
        try {
            Response r = upload(admin, "/api/v1/clients/" + clientId, "notes.txt", "text/plain", text("site notes " + marker()));
            assertThat(r.status()).as(r.body()).isEqualTo(201);
            id = body(r).get("id").asString();
            assertThat(body(r).get("status").asString()).isEqualTo("SCANNING");
            assertThat(body(r).get("message").asString()).contains("Scanning");
            assertThat(content(admin, id).status()).as("never released unscanned").isEqualTo(404);
            assertThat(files.scanPending(a.system(), clock.instant().plus(Duration.ofHours(1)))).isZero();
            assertThat(body(api.get("/api/v1/files/" + id, admin)).get("status").asString()).isEqualTo("SCANNING");
        } finally {
            TestClamd.ensureRunning();
        }
        assertThat(files.scanPending(a.system(), clock.instant().plus(Duration.ofHours(1)))).isGreaterThanOrEqualTo(1);
        assertThat(body(api.get("/api/v1/files/" + id, admin)).get("status").asString()).isEqualTo("CLEAN");
        assertThat(content(admin, id).status()).isEqualTo(200);
        assertThat(api.auditEntries(a, "file", id).stream().map(AuditEntry::action).toList())
                .contains("file.scan-deferred", "file.released");
    }

    @Test
    void htmlNamedLikeAPhotoIsRefusedAndNothingIsStored() throws IOException {
        long audit = api.allAuditEntries(a);
        long stored = storedObjects();
        for (String html : List.of("<!DOCTYPE html><html><body><img src=x onerror=alert(1)></body></html>",
                "<html><script>alert(document.cookie)</script></html>",
                "<svg xmlns=\"http://www.w3.org/2000/svg\"><script>alert(1)</script></svg>")) {
            Response r = upload(admin, "/api/v1/jobs/" + myJob, "photo.jpg", "image/jpeg", text(html));
            assertProblem(r, 400);
            assertThat(body(r).get("errors").get("file").asString()).contains("cannot be uploaded");
        }
        assertThat(api.allAuditEntries(a)).isEqualTo(audit);
        assertThat(storedObjects()).isEqualTo(stored);
    }

    @Test
    void noPlaintextByteOfAnUploadIsWrittenToTheDataOrTemporaryDirectory() throws IOException {
        long since = System.currentTimeMillis() - 2000;
        String mark = marker();
        String doc = ("Confidential site survey " + mark + "\n").repeat(2000);
        JsonNode f = uploaded(admin, "/api/v1/clients/" + clientId, "survey.txt", text(doc));
        assertThat(f.get("status").asString()).isEqualTo("CLEAN");
        assertThat(content(admin, f.get("id").asString()).text()).isEqualTo(doc);
        assertThat(storedObjects()).isPositive();
        List<Path> found = new ArrayList<>();
        found.addAll(containing(Path.of(dataDir), mark, 0));
        found.addAll(containing(Path.of(System.getProperty("java.io.tmpdir")), mark, since));
        assertThat(found).as("files holding the marker in plaintext").isEmpty();
        // a temporary file deleted after the request could not be searched afterwards: Tomcat never writes one, as
        // a part is kept in memory up to the threshold, which is above the largest part it accepts
        assertThat(multipart.getFileSizeThreshold()).isGreaterThan((int) Math.min(Integer.MAX_VALUE, multipart.getMaxFileSize()));
        assertThat(multipart.getMaxFileSize()).isGreaterThanOrEqualTo(100L * 1024 * 1024);
        // and the marker is really searchable: a file that holds it is found
        Path probe = Files.createTempFile(Path.of(dataDir), "probe", ".txt");
        try {
            Files.writeString(probe, "x" + mark);
            assertThat(containing(Path.of(dataDir), mark, 0)).containsExactly(probe);
        } finally {
            Files.delete(probe);
        }
    }

    /** Regular files under {@code dir} modified at or after {@code since} whose bytes contain {@code marker}. */
    static List<Path> containing(Path dir, String marker, long since) throws IOException {
        byte[] needle = marker.getBytes(StandardCharsets.US_ASCII);
        List<Path> hits = new ArrayList<>();
        if (!Files.isDirectory(dir)) {
            return hits;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : (Iterable<Path>) walk::iterator) {
                try {
                    if (!Files.isRegularFile(p) || !Files.isReadable(p) || Files.size(p) > 200_000_000
                            || Files.getLastModifiedTime(p).toMillis() < since) {
                        continue;
                    }
                    if (indexOf(Files.readAllBytes(p), needle) >= 0) {
                        hits.add(p);
                    }
                } catch (IOException | UncheckedIOException e) {
                    // vanished or unreadable meanwhile (another process's temporary file)
                }
            }
        } catch (UncheckedIOException e) {
            // a directory vanished while walking: what was walked counts
        }
        return hits;
    }

    static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i <= haystack.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    long storedObjects() throws IOException {
        Path root = Path.of(dataDir).resolve("files");
        if (!Files.isDirectory(root)) {
            return 0;
        }
        try (Stream<Path> walk = Files.walk(root)) {
            return walk.filter(Files::isRegularFile).count();
        }
    }

    @Test
    void aSignedLinkServesOneFileToOneUserForFiveMinutes() {
        String one = uploaded(admin, "/api/v1/clients/" + clientId, "one.txt", text("first file")).get("id").asString();
        String two = uploaded(admin, "/api/v1/clients/" + clientId, "two.txt", text("second file")).get("id").asString();
        Response link = api.post("/api/v1/files/" + one + "/links", admin, null);
        assertThat(link.status()).as(link.body()).isEqualTo(200);
        String url = body(link).get("url").asString();
        assertThat(url).startsWith("/c/" + a.slug() + "/files/" + one + "?exp=");
        assertThat(Duration.between(clock.instant(), Instant.parse(body(link).get("expiresAt").asString())))
                .isLessThanOrEqualTo(Duration.ofMinutes(5));

        Https adminSession = new Https(port);
        assertThat(adminSession.signIn(a.slug(), a.users.get(Role.ADMIN).email().value(), Fixtures.PASSWORD).status()).isIn(302, 303);
        Response ok = adminSession.send(HttpRequest.newBuilder(adminSession.uri(url)).GET());
        assertThat(ok.status()).isEqualTo(200);
        assertThat(ok.body()).isEqualTo("first file");
        assertThat(ok.header("X-Content-Type-Options")).isEqualTo("nosniff");

        // bound to the file: the same signature for another file opens nothing
        Response otherFile = adminSession.send(HttpRequest.newBuilder(adminSession.uri(url.replace(one, two))).GET());
        assertThat(otherFile.status()).isEqualTo(404);
        // bound to the user: another user's session opens nothing with it
        Https ownerSession = new Https(port);
        ownerSession.signIn(a.slug(), a.ownerEmail(), Fixtures.PASSWORD);
        assertThat(ownerSession.send(HttpRequest.newBuilder(ownerSession.uri(url)).GET()).status()).isEqualTo(404);
        // a forged or tampered signature, or a later expiry, opens nothing
        assertThat(adminSession.send(HttpRequest.newBuilder(adminSession.uri(url.replaceAll("sig=.*", "sig=00000000.AAAA"))).GET())
                .status()).isEqualTo(404);
        long exp = Long.parseLong(url.replaceAll(".*exp=(\\d+).*", "$1"));
        assertThat(adminSession.send(HttpRequest.newBuilder(adminSession.uri(url.replace("exp=" + exp, "exp=" + (exp + 60)))).GET())
                .status()).isEqualTo(404);
        // without a session: the dashboard's sign-in, not the file
        Https nobody = new Https(port);
        assertThat(nobody.send(HttpRequest.newBuilder(nobody.uri(url)).GET()).body()).doesNotContain("first file");
        // expired: five minutes and a second later
        clock.advance(Duration.ofMinutes(5).plusSeconds(1));
        assertThat(adminSession.send(HttpRequest.newBuilder(adminSession.uri(url)).GET()).status()).isEqualTo(404);
    }

    @Test
    void aTechnicianWhoCannotSeeAJobGetsNotFoundForItsFiles() {
        String id = uploaded(owner, "/api/v1/jobs/" + hiddenJob, "before.txt", text("before the work")).get("id").asString();
        assertProblem(api.get("/api/v1/jobs/" + hiddenJob + "/files", user), 404);
        assertProblem(api.get("/api/v1/files/" + id, user), 404);
        assertThat(content(user, id).status()).isEqualTo(404);
        assertProblem(api.post("/api/v1/files/" + id + "/links", user, null), 404);
        assertProblem(upload(user, "/api/v1/jobs/" + hiddenJob, "after.txt", "text/plain", text("after")), 404);
        assertProblem(api.delete("/api/v1/files/" + id, user, "\"1\""), 404);
        // their own job's files they see, and may add to
        String mine = uploaded(user, "/api/v1/jobs/" + myJob, "after.txt", text("after the work")).get("id").asString();
        assertThat(ids(body(api.get("/api/v1/jobs/" + myJob + "/files", user)))).contains(mine);
        assertThat(content(user, mine).text()).isEqualTo("after the work");
    }

    @Test
    void anotherCompanysFileIdsAndTargetsAreNotFound() {
        String id = uploaded(owner, "/api/v1/clients/" + clientId, "a.txt", text("company a's")).get("id").asString();
        String theirs = b.keys.get(Role.OWNER);
        assertProblem(api.get("/api/v1/files/" + id, theirs), 404);
        assertThat(content(theirs, id).status()).isEqualTo(404);
        assertProblem(api.post("/api/v1/files/" + id + "/links", theirs, null), 404);
        assertProblem(api.delete("/api/v1/files/" + id, theirs, "\"1\""), 404);
        assertProblem(api.get("/api/v1/clients/" + clientId + "/files", theirs), 404);
        assertProblem(upload(theirs, "/api/v1/clients/" + clientId, "x.txt", "text/plain", text("x")), 404);
        assertProblem(upload(owner, "/api/v1/jobs/" + UUID.randomUUID(), "x.txt", "text/plain", text("x")), 404);
        assertThat(upload(null, "/api/v1/clients/" + clientId, "x.txt", "text/plain", text("x")).status()).isEqualTo(401);
    }

    @Test
    void weakerRolesCannotUploadOrDeleteOthersFilesAndDeletingRemovesTheCiphertext() throws IOException {
        assertProblem(upload(readOnly, "/api/v1/clients/" + clientId, "x.txt", "text/plain", text("x")), 403);
        JsonNode f = uploaded(admin, "/api/v1/clients/" + clientId, "contract.txt", text("signed contract"));
        String id = f.get("id").asString();
        String tag = "\"" + f.get("version").asLong() + "\"";
        assertProblem(api.delete("/api/v1/files/" + id, readOnly, tag), 403);
        assertProblem(api.delete("/api/v1/files/" + id, user, tag), 403);
        assertProblem(api.delete("/api/v1/files/" + id, admin, "\"1\""), 412);
        assertThat(api.delete("/api/v1/files/" + id, admin, null).status()).isEqualTo(428);
        assertThat(content(owner, id).status()).isEqualTo(200);
        long before = storedObjects();
        assertThat(api.delete("/api/v1/files/" + id, admin, tag).status()).isEqualTo(204);
        assertProblem(api.get("/api/v1/files/" + id, owner), 404);
        assertThat(storedObjects()).isEqualTo(before - 1);
        assertThat(api.auditEntries(a, "file", id).stream().map(AuditEntry::action).toList()).contains("file.deleted");
        // the uploader deletes their own
        JsonNode own = uploaded(user, "/api/v1/clients/" + clientId, "mine.txt", text("mine"));
        assertThat(api.delete("/api/v1/files/" + own.get("id").asString(), user,
                "\"" + own.get("version").asLong() + "\"").status()).isEqualTo(204);
    }

    @Test
    void anUploadOverTheCompanysLimitIsRefusedWith413() {
        TestCompany c = fixtures.companyWithEveryRole("files-limit");
        String key = c.keys.get(Role.ADMIN);
        String client = body(api.post("/api/v1/clients", key, "{\"name\": \"Limit Client\"}")).get("id").asString();
        assertThat(body(api.get("/api/v1/settings/files", key)).get("maxSizeBytes").asLong()).isEqualTo(25L * 1024 * 1024);
        assertProblem(api.put("/api/v1/settings/files", c.keys.get(Role.USER), "{\"maxSizeBytes\": 2048}"), 403);
        assertProblem(api.put("/api/v1/settings/files", key, "{\"maxSizeBytes\": 10}"), 400);
        assertProblem(api.put("/api/v1/settings/files", key, "{\"maxSizeBytes\": 999999999999}"), 400);
        Response set = api.put("/api/v1/settings/files", key, "{\"maxSizeBytes\": 2048}");
        assertThat(set.status()).as(set.body()).isEqualTo(200);
        assertThat(body(set).get("keepPhotoLocation").asBoolean()).isFalse();
        Response big = upload(key, "/api/v1/clients/" + client, "big.txt", "text/plain", text("x".repeat(2049)));
        assertProblem(big, 413);
        assertThat(body(big).get("detail").asString()).contains("limit");
        assertThat(upload(key, "/api/v1/clients/" + client, "ok.txt", "text/plain", text("x".repeat(2048))).status())
                .isEqualTo(201);
        // the API's 1 MiB body limit does not apply to uploads: the default 25 MiB does
        TestCompany d = fixtures.companyWithEveryRole("files-big");
        String bigKey = d.keys.get(Role.ADMIN);
        String bigClient = body(api.post("/api/v1/clients", bigKey, "{\"name\": \"Big Client\"}")).get("id").asString();
        byte[] threeMiB = text(("Survey line " + marker() + "\n").repeat(3 * 1024 * 1024 / 50));
        Response three = upload(bigKey, "/api/v1/clients/" + bigClient, "survey.txt", "text/plain", threeMiB);
        assertThat(three.status()).as(three.body()).isEqualTo(201);
        assertThat(body(three).get("status").asString()).isEqualTo("CLEAN");
        assertThat(content(bigKey, body(three).get("id").asString()).body()).isEqualTo(threeMiB);
        assertThat(api.post("/api/v1/clients", bigKey, "{\"name\": \"" + "x".repeat(2 * 1024 * 1024) + "\"}").status())
                .as("other API bodies stay limited").isEqualTo(413);
    }

    @Test
    void photosLoseTheirMetadataUnlessTheCompanyKeepsItAndGetAThumbnail() throws IOException {
        String mark = marker();
        byte[] photo = withTextChunk(TestImages.image("png", 1200, 800), "GPS 47.3769N 8.5417E " + mark);
        JsonNode f = uploaded(user, "/api/v1/jobs/" + myJob, "IMG_0001.png", photo);
        assertThat(f.get("contentType").asString()).isEqualTo("image/png");
        assertThat(f.get("thumbnail").asBoolean()).isTrue();
        String id = f.get("id").asString();
        Https.Bytes stripped = content(user, id);
        assertThat(stripped.status()).isEqualTo(200);
        assertThat(stripped.header("Content-Disposition")).startsWith("inline");
        assertThat(indexOf(stripped.body(), mark.getBytes(StandardCharsets.US_ASCII))).as("metadata removed").isNegative();
        assertThat(ImageIO.read(new java.io.ByteArrayInputStream(stripped.body())).getWidth()).isEqualTo(1200);
        Https.Bytes thumb = api.getBytes("/api/v1/files/" + id + "/thumbnail", user, "*/*", null);
        assertThat(thumb.status()).isEqualTo(200);
        var small = ImageIO.read(new java.io.ByteArrayInputStream(thumb.body()));
        assertThat(small.getWidth()).isEqualTo(320);
        assertThat(small.getHeight()).isEqualTo(213);

        // a phone's portrait JPEG (landscape pixels, EXIF orientation 6): stripped of its EXIF and stood upright
        byte[] portrait = org.fieldstone.files.internal.PhotosTestsAccess.withOrientation(TestImages.image("jpeg", 400, 300), 6);
        JsonNode j = uploaded(user, "/api/v1/jobs/" + myJob, "IMG_0003.jpg", portrait);
        assertThat(j.get("contentType").asString()).isEqualTo("image/jpeg");
        byte[] upright = content(user, j.get("id").asString()).body();
        assertThat(indexOf(upright, "Exif".getBytes(StandardCharsets.US_ASCII))).as("EXIF removed").isNegative();
        var uprightImage = ImageIO.read(new java.io.ByteArrayInputStream(upright));
        assertThat(uprightImage.getWidth()).isEqualTo(300);
        assertThat(uprightImage.getHeight()).isEqualTo(400);

        TestCompany keeps = fixtures.companyWithEveryRole("files-keep");
        String key = keeps.keys.get(Role.OWNER);
        assertThat(api.put("/api/v1/settings/files", key, "{\"keepPhotoLocation\": true}").status()).isEqualTo(200);
        String client = body(api.post("/api/v1/clients", key, "{\"name\": \"Keeps Client\"}")).get("id").asString();
        String kept = uploaded(key, "/api/v1/clients/" + client, "IMG_0002.png", photo).get("id").asString();
        assertThat(content(key, kept).body()).isEqualTo(photo);
    }

    @Test
    void theExportListsFilesAndDestroyingACompanyRemovesItsCiphertexts() throws IOException {
        TestCompany c = fixtures.company("files-gone");
        String key = c.apiKey(c.owner(), java.util.Optional.empty());
        String client = body(api.post("/api/v1/clients", key, "{\"name\": \"Gone Client\"}")).get("id").asString();
        String id = uploaded(key, "/api/v1/clients/" + client, "warranty.txt", text("warranty until 2030")).get("id").asString();
        Path companyDir = Path.of(dataDir).resolve("files").resolve(c.company.id().compact());
        try (Stream<Path> walk = Files.list(companyDir)) {
            assertThat(walk.count()).isEqualTo(1);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        assertThat(exports.export(c.system(), out)).containsKey("files");
        JsonNode exported = tools.jackson.databind.json.JsonMapper.builder().build().readTree(out.toByteArray()).get("files");
        assertThat(exported).hasSize(1);
        assertThat(exported.get(0).get("id").asString()).isEqualTo(id);
        assertThat(exported.get(0).get("name").asString()).isEqualTo("warranty.txt");
        assertThat(exported.get(0).get("status").asString()).isEqualTo("CLEAN");
        assertThat(exported.get(0).has("dataKey")).isFalse();

        org.fieldstone.shared.Actor cli = org.fieldstone.shared.Actor.system(c.company.id(), org.fieldstone.shared.Channel.CLI);
        companies.delete(c.slug(), cli, Duration.ZERO);
        companies.destroy(c.slug());
        assertThat(Files.exists(companyDir)).as("the destroyed company's ciphertexts").isFalse();
    }

    @Test
    void settingsFilesPageChangesTheLimitAndPhotoLocationForAdminsOnly() {
        TestCompany c = fixtures.companyWithEveryRole("files-page");
        Https browser = new Https(port);
        browser.signIn(c.slug(), c.users.get(Role.ADMIN).email().value(), Fixtures.PASSWORD);
        String path = "/c/" + c.slug() + "/settings/files";
        Response page = browser.get(path);
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.body()).contains("id=\"files-maxSizeMiB\"", "value=\"25\"", "files-keepPhotoLocation");
        Response bad = browser.post(path, java.util.Map.of("maxSizeMiB", "lots"));
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.body()).contains("files-maxSizeMiB-error", "value=\"lots\"");
        Response saved = browser.post(path, java.util.Map.of("maxSizeMiB", "5", "keepPhotoLocation", "true"));
        assertThat(saved.status()).isIn(302, 303);
        JsonNode settings = body(api.get("/api/v1/settings/files", c.keys.get(Role.ADMIN)));
        assertThat(settings.get("maxSizeBytes").asLong()).isEqualTo(5L * 1024 * 1024);
        assertThat(settings.get("keepPhotoLocation").asBoolean()).isTrue();
        assertThat(browser.get("/c/" + c.slug() + "/settings").body()).contains(path);

        Https technician = new Https(port);
        technician.signIn(c.slug(), c.users.get(Role.USER).email().value(), Fixtures.PASSWORD);
        assertThat(technician.get(path).status()).isEqualTo(403);
        assertThat(technician.get("/c/" + c.slug() + "/settings").body()).doesNotContain(path);
    }

    @Test
    void filesAttachToPropertiesVisitsQuotesAndInvoicesWithEachTargetsOwnPermission() {
        String propertyId = body(api.get("/api/v1/clients/" + clientId + "/properties", owner)).get(0).get("id").asString();
        Response visit = api.post("/api/v1/jobs/" + myJob + "/visits", owner,
                "{\"start\":\"2027-02-01T09:00\",\"end\":\"2027-02-01T10:00\"}");
        assertThat(visit.status()).as(visit.body()).isEqualTo(201);
        String visitId = body(visit).get("id").asString();
        String draft = "{\"clientId\":\"" + clientId + "\",\"propertyId\":\"" + propertyId + "\",\"title\":\"Attachments\"}";
        Response quote = api.post("/api/v1/quotes", owner, draft);
        assertThat(quote.status()).as(quote.body()).isEqualTo(201);
        Response invoice = api.post("/api/v1/invoices", owner, draft);
        assertThat(invoice.status()).as(invoice.body()).isEqualTo(201);
        for (String target : List.of("/api/v1/properties/" + propertyId, "/api/v1/visits/" + visitId,
                "/api/v1/quotes/" + body(quote).get("id").asString(), "/api/v1/invoices/" + body(invoice).get("id").asString())) {
            String id = uploaded(owner, target, "plan.txt", text("plan for " + target)).get("id").asString();
            JsonNode listed = body(api.get(target + "/files", owner));
            assertThat(ids(listed)).as(target).contains(id);
            assertThat(listed.get(0).get("targetId").asString()).isEqualTo(target.substring(target.lastIndexOf('/') + 1));
            assertProblem(upload(readOnly, target, "x.txt", "text/plain", text("x")), 403);
            assertProblem(upload(b.keys.get(Role.OWNER), target, "x.txt", "text/plain", text("x")), 404);
        }
        // users may not write invoices (the company's money policy), so they may not attach to one either
        assertProblem(upload(user, "/api/v1/invoices/" + body(invoice).get("id").asString(), "x.txt", "text/plain",
                text("x")), 403);
        assertProblem(upload(owner, "/api/v1/properties/" + UUID.randomUUID(), "x.txt", "text/plain", text("x")), 404);
    }

    @Test
    void rotatingTheCompanysKeysReSealsEveryFilesKeyAndTheFilesStillOpen() {
        TestCompany c = fixtures.company("files-rotate");
        String key = c.apiKey(c.owner(), java.util.Optional.empty());
        String client = body(api.post("/api/v1/clients", key, "{\"name\": \"Rotating Client\"}")).get("id").asString();
        String id = uploaded(key, "/api/v1/clients/" + client, "before.txt", text("sealed before the rotation")).get("id").asString();
        var owner = org.fieldstone.crypto.KeyOwner.of(c.company.id());
        String oldPrefix = keyRing.ciphertextPrefix(owner);
        java.util.function.Supplier<String> storedKey = () -> databases.of(c.company.id()).jdbc()
                .sql("SELECT data_key FROM files WHERE id = :id").param("id", id).query(String.class).single();
        assertThat(storedKey.get()).startsWith(oldPrefix).doesNotContain("AesGcmHkdf");

        org.fieldstone.shared.Actor cli = org.fieldstone.shared.Actor.system(c.company.id(), org.fieldstone.shared.Channel.CLI);
        companyKeys.rotate(cli, c.company.id());
        assertThat(companyKeys.reencrypt(c.company.id(), remaining -> { })).isPositive();
        assertThat(keyRing.ciphertextPrefix(owner)).isNotEqualTo(oldPrefix);
        assertThat(storedKey.get()).startsWith(keyRing.ciphertextPrefix(owner));
        assertThat(content(key, id).text()).isEqualTo("sealed before the rotation");
    }

    /** A PNG with a {@code tEXt} chunk (metadata, like a phone's EXIF location) inserted after its header. */
    static byte[] withTextChunk(byte[] png, String text) {
        int afterHeader = 8 + 4 + 4 + 13 + 4;
        byte[] data = ("Comment\0" + text).getBytes(StandardCharsets.ISO_8859_1);
        ByteArrayOutputStream chunk = new ByteArrayOutputStream();
        chunk.writeBytes(java.nio.ByteBuffer.allocate(4).putInt(data.length).array());
        byte[] typeAndData = new byte[4 + data.length];
        System.arraycopy("tEXt".getBytes(StandardCharsets.US_ASCII), 0, typeAndData, 0, 4);
        System.arraycopy(data, 0, typeAndData, 4, data.length);
        chunk.writeBytes(typeAndData);
        CRC32 crc = new CRC32();
        crc.update(typeAndData);
        chunk.writeBytes(java.nio.ByteBuffer.allocate(4).putInt((int) crc.getValue()).array());
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(png, 0, afterHeader);
        out.writeBytes(chunk.toByteArray());
        out.write(png, afterHeader, png.length - afterHeader);
        return out.toByteArray();
    }

    static List<String> ids(JsonNode list) {
        return list.valueStream().map(n -> n.get("id").asString()).toList();
    }

}
