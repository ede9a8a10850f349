package org.fieldstone.files.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.graphics.image.PDImageXObject;
import org.fieldstone.audit.AuditEntry;
import org.fieldstone.clients.Client;
import org.fieldstone.clients.Clients;
import org.fieldstone.clients.NewClient;
import org.fieldstone.clients.NewProperty;
import org.fieldstone.clients.Property;
import org.fieldstone.files.FileStatus;
import org.fieldstone.files.Files;
import org.fieldstone.files.StoredFile;
import org.fieldstone.files.TargetKind;
import org.fieldstone.identity.User;
import org.fieldstone.invoices.InvoiceKind;
import org.fieldstone.invoices.Invoices;
import org.fieldstone.jobs.Job;
import org.fieldstone.jobs.JobStatus;
import org.fieldstone.jobs.Jobs;
import org.fieldstone.jobs.LineItem;
import org.fieldstone.jobs.NewJob;
import org.fieldstone.jobs.NewVisit;
import org.fieldstone.jobs.Visit;
import org.fieldstone.jobs.VisitSignature;
import org.fieldstone.jobs.VisitStatus;
import org.fieldstone.jobs.Visits;
import org.fieldstone.shared.Role;
import org.fieldstone.support.ApiClient;
import org.fieldstone.support.Fixtures;
import org.fieldstone.support.Fixtures.TestCompany;
import org.fieldstone.support.Https;
import org.fieldstone.support.Https.Response;
import org.fieldstone.support.PdfText;
import org.fieldstone.support.TestClamd;
import org.fieldstone.support.TestClock;
import org.fieldstone.support.TestImages;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;

/**
 * Files in the dashboard over real HTTPS, as a browser submits the forms: the Files section of a job (upload, the
 * thumbnail through a signed link, the download with the API's headers, delete by the uploader or an admin only),
 * a detection shown to the uploader, a technician's visibility (no section, 404 on the download URLs of a job they
 * cannot see), another company's file ids, and the signature at Finish on My day: stored as a scanned, encrypted file
 * of the visit, the visit's signer and time audited, shown on the job page and printed on the invoice; a non-PNG,
 * oversized or malformed one refused with a message and nothing changed.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class FilesPagesContract {

    static final ZoneId ZURICH = ZoneId.of("Europe/Zurich");
    static final Pattern FILE_ROW = Pattern.compile("id=\"file-([0-9a-f-]{36})\"");

    @Autowired Fixtures fixtures;
    @Autowired Clients clients;
    @Autowired Jobs jobs;
    @Autowired Visits visits;
    @Autowired Files files;
    @Autowired Invoices invoices;
    @Autowired ApiClient api;
    @Autowired TestClock clock;
    @Value("${server.port}") int port;

    TestCompany c;
    TestCompany other;
    Client client;
    Property property;
    User tech;
    String base;

    @BeforeAll
    void company() {
        TestClamd.ensureRunning();
        Fixtures.TwoCompanies two = fixtures.twoCompanies("files-web");
        c = two.a();
        other = two.b();
        base = "/c/" + c.slug();
        tech = c.users.get(Role.USER);
        client = clients.create(c.system(), new NewClient("Harbour Bakery", null, null, null, null, false),
                new NewProperty("Shop", "Quai 7", "Zürich", null, "8002", null, null, null));
        property = clients.properties(c.system(), client.id()).getFirst();
    }

    Job job(String title, User assignee) {
        OffsetDateTime now = clock.instant().atZone(ZURICH).toOffsetDateTime().truncatedTo(ChronoUnit.MINUTES);
        return jobs.create(c.system(), new NewJob(client.id(), property.id(), title, null, null, null,
                List.of(new LineItem(LineItem.Kind.WORK, "Oven repair", BigDecimal.ONE, 15_000L, BigDecimal.ZERO)), null,
                List.of(assignee.id()), null, null, null,
                new NewVisit(now.toString(), now.plusHours(1).toString(), null)));
    }

    Https signIn(TestCompany company, Role role) {
        String email = role == Role.OWNER ? company.ownerEmail() : company.users.get(role).email().value();
        Https h = new Https(port);
        assertThat(h.signIn(company.slug(), email, Fixtures.PASSWORD).status()).isEqualTo(302);
        return h;
    }

    /** A GET with the session's cookies, its body as bytes (downloads). */
    static Https.Bytes bytes(Https h, String path) {
        return h.sendForBytes(HttpRequest.newBuilder(h.uri(path)).GET().header("Cookie", h.cookies().entrySet().stream()
                .map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining("; "))));
    }

    static String unescaped(String html) {
        return html.replace("&amp;", "&");
    }

    static String thumbnailOf(String page, String fileId) {
        Matcher m = Pattern.compile("src=\"(/c/[^\"]+/files/" + fileId + "\\?exp=[^\"]+thumb=1)\"").matcher(unescaped(page));
        assertThat(m.find()).as("a thumbnail through a signed link").isTrue();
        return m.group(1);
    }

    String upload(Https h, String collection, String id, String name, byte[] content) {
        Response r = h.postMultipart(base + "/attachments/" + collection + "/" + id, Map.of(), "file", name,
                "application/octet-stream", content);
        assertThat(r.status()).as(r.body()).isEqualTo(302);
        return r.header("Location");
    }

    @Test
    void anAdminUploadsAPhotoOnTheJobPageSeesItsThumbnailDownloadsItAndDeletesIt() {
        Job job = job("Photos of the oven", tech);
        Https admin = signIn(c, Role.ADMIN);
        Response page = admin.get(base + "/jobs/" + job.id());
        assertThat(page.body()).contains("id=\"files\"").contains("id=\"files-none\"").contains("id=\"file-upload\"")
                .contains("enctype=\"multipart/form-data\"").contains("data-max-bytes=\"");
        byte[] png = TestImages.image("png", 640, 480);
        assertThat(upload(admin, "jobs", job.id(), "oven.png", png)).endsWith("/jobs/" + job.id() + "#files");
        page = admin.get(base + "/jobs/" + job.id());
        assertThat(page.body()).contains("id=\"files-notice\"").contains("Uploaded &quot;oven.png&quot;")
                .contains("oven.png").contains("image/png").contains(">Clean<");
        StoredFile stored = files.list(c.system(), TargetKind.JOB, job.id()).getFirst();
        assertThat(stored.status()).isEqualTo(FileStatus.CLEAN);

        String thumbnail = thumbnailOf(page.body(), stored.id());
        Https.Bytes thumb = bytes(admin, thumbnail);
        assertThat(thumb.status()).isEqualTo(200);
        assertThat(thumb.header("X-Content-Type-Options")).isEqualTo("nosniff");
        assertThat(bytes(signIn(c, Role.OWNER), thumbnail).status()).as("a link is bound to its user").isEqualTo(404);

        Https.Bytes download = bytes(admin, base + "/files/" + stored.id() + "/download");
        assertThat(download.status()).isEqualTo(200);
        assertThat(download.header("Content-Type")).isEqualTo("image/png");
        assertThat(download.header("Content-Disposition")).startsWith("inline").contains("oven.png");
        assertThat(download.header("X-Content-Type-Options")).isEqualTo("nosniff");
        assertThat(download.header("Content-Security-Policy")).contains("sandbox");

        byte[] csv = "a,b\n1,2\n".getBytes(StandardCharsets.UTF_8);
        upload(admin, "jobs", job.id(), "parts.csv", csv);
        assertThat(admin.get(base + "/jobs/" + job.id()).body()).as("the redirect followed").contains("parts.csv");
        String csvId = files.list(c.system(), TargetKind.JOB, job.id()).stream().filter(f -> f.name().equals("parts.csv"))
                .findFirst().orElseThrow().id();
        Https.Bytes csvDownload = bytes(admin, base + "/files/" + csvId + "/download");
        assertThat(csvDownload.body()).isEqualTo(csv);
        assertThat(csvDownload.header("Content-Disposition")).startsWith("attachment");

        // a stale delete changes nothing; the right version deletes it
        Response stale = admin.post(base + "/files/" + csvId + "/delete", Map.of("version", "99"));
        assertThat(stale.status()).isEqualTo(302);
        assertThat(admin.get(base + "/jobs/" + job.id()).body()).contains("id=\"files-error\"").contains("parts.csv");
        Response deleted = admin.post(base + "/files/" + csvId + "/delete",
                Map.of("version", String.valueOf(files.get(c.system(), csvId).version())));
        assertThat(deleted.header("Location")).endsWith("/jobs/" + job.id() + "#files");
        assertThat(files.list(c.system(), TargetKind.JOB, job.id())).extracting(StoredFile::id).doesNotContain(csvId);
        assertThat(bytes(admin, base + "/files/" + csvId + "/download").status()).isEqualTo(404);
    }

    @Test
    void aDetectionIsShownToTheUploaderAndNeverDownloadable() {
        Job job = job("A suspicious attachment", tech);
        Https user = signIn(c, Role.USER);
        user.get(base + "/jobs/" + job.id());
        upload(user, "jobs", job.id(), "invoice.txt", TestClamd.EICAR.getBytes(StandardCharsets.US_ASCII));
        String page = user.get(base + "/jobs/" + job.id()).body();
        assertThat(page).contains("id=\"files-error\"").contains("Malware was found in &quot;invoice.txt&quot;")
                .contains("Refused: malware found");
        StoredFile infected = files.list(c.system(), TargetKind.JOB, job.id()).getFirst();
        assertThat(infected.status()).isEqualTo(FileStatus.INFECTED);
        assertThat(page).as("no download link for it").doesNotContain("/files/" + infected.id() + "/download");
        assertThat(bytes(user, base + "/files/" + infected.id() + "/download").status()).isEqualTo(404);
        assertThat(bytes(signIn(c, Role.OWNER), base + "/files/" + infected.id() + "/download").status()).isEqualTo(404);
    }

    @Test
    void aTechnicianSeesNoFilesOfAJobTheyCannotSeeAndAWeakerRoleCannotDelete() {
        User someoneElse = c.addUser(Role.USER);
        Job hidden = job("Not the technician's", someoneElse);
        Job mine = job("The technician's", tech);
        Https admin = signIn(c, Role.ADMIN);
        admin.get(base + "/jobs/" + hidden.id());
        upload(admin, "jobs", hidden.id(), "hidden.pdf", pdf());
        upload(admin, "jobs", mine.id(), "plan.pdf", pdf());
        String hiddenFile = files.list(c.system(), TargetKind.JOB, hidden.id()).getFirst().id();
        String adminsFile = files.list(c.system(), TargetKind.JOB, mine.id()).getFirst().id();

        Https user = signIn(c, Role.USER);
        assertThat(user.get(base + "/jobs/" + hidden.id()).status()).isEqualTo(404);
        assertThat(bytes(user, base + "/files/" + hiddenFile + "/download").status()).isEqualTo(404);
        Response myJob = user.get(base + "/jobs/" + mine.id());
        assertThat(myJob.body()).as("no section links for a hidden job").doesNotContain(hiddenFile).contains(adminsFile)
                .contains("id=\"file-upload\"").as("not the uploader, not an admin: no delete")
                .doesNotContain("/files/" + adminsFile + "/delete");
        assertThat(user.postMultipart(base + "/attachments/jobs/" + hidden.id(), Map.of(), "file", "x.pdf",
                "application/pdf", pdf()).status()).isEqualTo(404);
        assertThat(user.post(base + "/files/" + hiddenFile + "/delete", Map.of("version", "1")).status()).isEqualTo(404);
        Response refused = user.post(base + "/files/" + adminsFile + "/delete",
                Map.of("version", String.valueOf(files.get(c.system(), adminsFile).version())));
        assertThat(refused.status()).isEqualTo(403);
        assertThat(files.get(c.system(), adminsFile).status()).isEqualTo(FileStatus.CLEAN);

        Https readOnly = signIn(c, Role.READ_ONLY);
        Response read = readOnly.get(base + "/jobs/" + mine.id());
        assertThat(read.status()).isEqualTo(200);
        assertThat(read.body()).contains(adminsFile).doesNotContain("id=\"file-upload\"").doesNotContain("/delete\"");
        assertThat(readOnly.postMultipart(base + "/attachments/jobs/" + mine.id(), Map.of(), "file", "x.pdf",
                "application/pdf", pdf()).status()).as("a weaker role's forged upload").isEqualTo(403);
        assertThat(files.list(c.system(), TargetKind.JOB, mine.id())).hasSize(1);

        // another company's session and URLs: nothing
        Https stranger = signIn(other, Role.OWNER);
        stranger.get("/c/" + other.slug() + "/jobs");
        assertThat(bytes(stranger, "/c/" + other.slug() + "/files/" + adminsFile + "/download").status()).isEqualTo(404);
        assertThat(stranger.post("/c/" + other.slug() + "/files/" + adminsFile + "/delete", Map.of("version", "1")).status())
                .isEqualTo(404);
        assertThat(files.get(c.system(), adminsFile).status()).isEqualTo(FileStatus.CLEAN);
    }

    @Test
    void theSignatureAtFinishIsAScannedFileOfTheVisitShownOnTheJobAndPrintedOnTheInvoice() throws Exception {
        Job job = job("Signed for", tech);
        Visit visit = visits.visits(c.system(), job.id()).getFirst();
        visit = visits.start(c.system(), visit.id(), visit.version());
        Https user = signIn(c, Role.USER);
        Response myDay = user.get(base + "/my-day");
        assertThat(myDay.body()).contains("data-signature-for=\"signature-" + visit.id() + "\"")
                .contains("/js/signature.js").contains("capture=\"environment\"").contains("accept=\"image/*\"");

        // a photo from the phone, attached to the job, back at the stop
        Response photo = user.postMultipart(base + "/attachments/jobs/" + job.id(),
                Map.of("back", "myday", "stop", visit.id(), "label", "before"), "file", "IMG_0001.jpg", "image/jpeg",
                TestImages.image("jpeg", 800, 600));
        assertThat(photo.header("Location")).endsWith("/my-day#stop-" + visit.id());
        StoredFile taken = files.list(c.system(), TargetKind.JOB, job.id()).getFirst();
        assertThat(taken.name()).isEqualTo("before-IMG_0001.jpg");
        assertThat(user.get(base + "/my-day").body()).contains("/files/" + taken.id() + "?exp=");

        // refused signatures: a message at the stop, nothing stored, the visit still in progress
        String jpeg = "data:image/png;base64," + Base64.getEncoder().encodeToString(TestImages.image("jpeg", 200, 80));
        byte[] huge = TestImages.image("png", 100, 50);
        java.nio.ByteBuffer.wrap(huge, 16, 8).putInt(30_000).putInt(30_000);
        for (Map.Entry<String, String> bad : List.of(
                Map.entry(jpeg, "could not be read as a PNG"),
                Map.entry("data:image/png;base64,!!!", "could not be read as a PNG"),
                Map.entry("data:text/html;base64,PGI+aGk8L2I+", "could not be read as a PNG"),
                Map.entry("data:image/png;base64," + Base64.getEncoder().encodeToString(huge), "pixels"))) {
            Response refused = user.post(base + "/my-day", Map.of("step", "finish", "visit", visit.id(),
                    "version", String.valueOf(visit.version()), "signature", bad.getKey(), "signedBy", "Ada Lovelace"));
            assertThat(refused.status()).as(bad.getValue()).isEqualTo(400);
            assertThat(refused.body()).contains(bad.getValue());
            assertThat(visits.visit(c.system(), visit.id()).status()).isEqualTo(VisitStatus.IN_PROGRESS);
            assertThat(files.list(c.system(), TargetKind.VISIT, visit.id())).isEmpty();
        }

        byte[] png = TestImages.image("png", 360, 160);
        Response finished = user.post(base + "/my-day", Map.of("step", "finish", "visit", visit.id(),
                "version", String.valueOf(visit.version()), "signature", NewSignatureData.of(png), "signedBy", "Ada Lovelace"));
        assertThat(finished.status()).as(finished.body()).isEqualTo(302);
        assertThat(visits.visit(c.system(), visit.id()).status()).isEqualTo(VisitStatus.COMPLETED);
        List<VisitSignature> signatures = visits.signatures(c.system(), job.id());
        assertThat(signatures).hasSize(1);
        VisitSignature signature = signatures.getFirst();
        assertThat(signature.signedBy()).isEqualTo("Ada Lovelace");
        assertThat(signature.visitId()).isEqualTo(visit.id());
        StoredFile file = files.get(c.system(), signature.fileId());
        assertThat(file.targetKind()).isEqualTo(TargetKind.VISIT);
        assertThat(file.targetId()).isEqualTo(visit.id());
        assertThat(file.status()).as("scanned and released").isEqualTo(FileStatus.CLEAN);
        assertThat(file.contentType()).isEqualTo("image/png");
        assertThat(api.auditEntries(c, "file", file.id()).stream().map(AuditEntry::action).toList())
                .contains("file.uploaded", "file.released");
        List<AuditEntry> visitTrail = api.auditEntries(c, "visit", visit.id());
        assertThat(visitTrail.stream().map(AuditEntry::action).toList()).contains("visit.finished");
        AuditEntry finishedEntry = visitTrail.stream().filter(e -> e.action().equals("visit.finished")).findFirst().orElseThrow();
        assertThat(finishedEntry.changes().toString()).as("the signature recorded in the audited finish")
                .contains("signature_file_id").contains(file.id()).contains("signed_by").contains("signed_at");

        Https admin = signIn(c, Role.ADMIN);
        String jobPage = admin.get(base + "/jobs/" + job.id()).body();
        assertThat(jobPage).contains("id=\"signatures\"").contains("Signed by Ada Lovelace")
                .contains("/files/" + file.id() + "?exp=").contains("before-IMG_0001.jpg");
        assertThat(jobs.get(c.system(), job.id()).status()).isEqualTo(JobStatus.COMPLETED);

        String invoiceId = invoices.invoiceJob(c.system(), job.id(), InvoiceKind.INVOICE, null).id();
        Https.Bytes pdf = api.getBytes("/api/v1/invoices/" + invoiceId + "/pdf", c.keys.get(Role.ADMIN), "application/pdf", null);
        assertThat(pdf.status()).as(pdf.text()).isEqualTo(200);
        try (PDDocument doc = Loader.loadPDF(pdf.body())) {
            assertThat(PdfText.normalized(PdfText.text(doc))).contains("Signed by Ada Lovelace");
            int images = 0;
            for (PDPage p : doc.getPages()) {
                for (COSName name : p.getResources().getXObjectNames()) {
                    if (p.getResources().getXObject(name) instanceof PDImageXObject) {
                        images++;
                    }
                }
            }
            assertThat(images).as("the signature image embedded").isGreaterThanOrEqualTo(1);
        }
    }

    static byte[] pdf() {
        return "%PDF-1.7\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n".getBytes(StandardCharsets.US_ASCII);
    }

    /** A PNG as the canvas sends it. */
    static final class NewSignatureData {
        static String of(byte[] png) {
            return "data:image/png;base64," + Base64.getEncoder().encodeToString(png);
        }
    }
}
