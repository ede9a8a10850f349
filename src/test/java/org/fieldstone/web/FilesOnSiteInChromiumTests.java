package org.fieldstone.web;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.BoundingBox;
import com.microsoft.playwright.options.FilePayload;
import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.graphics.image.PDImageXObject;
import org.fieldstone.clients.Client;
import org.fieldstone.clients.Clients;
import org.fieldstone.clients.NewClient;
import org.fieldstone.clients.NewProperty;
import org.fieldstone.files.Files;
import org.fieldstone.files.TargetKind;
import org.fieldstone.jobs.Job;
import org.fieldstone.jobs.Jobs;
import org.fieldstone.jobs.LineItem;
import org.fieldstone.jobs.NewJob;
import org.fieldstone.jobs.NewVisit;
import org.fieldstone.jobs.Visit;
import org.fieldstone.jobs.VisitStatus;
import org.fieldstone.jobs.Visits;
import org.fieldstone.shared.Role;
import org.fieldstone.support.ApiClient;
import org.fieldstone.support.BrowserSession;
import org.fieldstone.support.Fixtures;
import org.fieldstone.support.Fixtures.TestCompany;
import org.fieldstone.support.Https;
import org.fieldstone.support.PdfText;
import org.fieldstone.support.SqliteApplicationTest;
import org.fieldstone.support.TestClamd;
import org.fieldstone.support.TestClock;
import org.fieldstone.support.TestImages;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;

/**
 * Issue 14 on a 390 × 844 phone in Chromium: a technician on My day takes a photo (the camera input's file chooser),
 * records two parts used from their van, starts the visit and finishes it with the customer's signature drawn on the canvas and the printed name; the office
 * sees the photo and the signature on the job page, and the parts and the signature in the invoice PDF. No console errors, no CSP
 * violations, no serious axe-core violations on the pages of the flow.
 */
@SqliteApplicationTest
class FilesOnSiteInChromiumTests {

    @Autowired Fixtures fixtures;
    @Autowired Clients clients;
    @Autowired Jobs jobs;
    @Autowired Visits visits;
    @Autowired Files files;
    @Autowired ApiClient api;
    @Autowired TestClock clock;
    @Value("${server.port}") int port;

    @Test
    void aTechnicianTakesAPhotoAndCollectsASignatureTheOfficeSeesThemOnTheJobAndTheInvoice() throws Exception {
        TestClamd.ensureRunning();
        TestCompany c = fixtures.companyWithEveryRole("files-on-site");
        Client client = clients.create(c.system(), new NewClient("Harbour Bakery", null, null, null, List.of()),
                new NewProperty("Shop", "Quai 7", "Zürich", null, "8002", null, null, null));
        String propertyId = clients.properties(c.system(), client.id()).getFirst().id();
        OffsetDateTime now = clock.instant().atZone(ZoneId.of("Europe/Zurich")).toOffsetDateTime().truncatedTo(ChronoUnit.MINUTES);
        Job job = jobs.create(c.system(), new NewJob(client.id(), propertyId, "Oven repair", null, null, null,
                List.of(new LineItem(LineItem.Kind.WORK, "Oven repair", BigDecimal.ONE, 15_000L, BigDecimal.ZERO)), null,
                List.of(c.users.get(Role.USER).id()), null, null, null,
                new NewVisit(now.toString(), now.plusHours(1).toString(), null)));
        Visit visit = visits.visits(c.system(), job.id()).getFirst();
        // the technician's van holds two kinds of part
        String admin = c.keys.get(Role.ADMIN);
        String seal = created(api.post("/api/v1/items", admin, """
                {"name": "Door seal", "sku": "DS-1", "unitPrice": 2400}"""));
        String fuse = created(api.post("/api/v1/items", admin, """
                {"name": "Thermal fuse", "sku": "TF-2", "unitPrice": 850}"""));
        String van = created(api.post("/api/v1/locations", admin, """
                {"kind": "VAN", "name": "Van 7", "userId": "%s"}""".formatted(c.users.get(Role.USER).id().value())));
        for (String item : List.of(seal, fuse)) {
            created(api.post("/api/v1/stock-movements", admin, """
                    {"type": "RECEIVE", "itemId": "%s", "quantity": 10, "toLocationId": "%s", "supplier": "Spares AG"}"""
                    .formatted(item, van)));
        }
        String stop = "#stop-" + visit.id();
        String base = "https://localhost:" + port + "/c/" + c.slug();
        List<String> violations = new ArrayList<>();

        try (BrowserSession chromium = BrowserSession.launch(port)) {
            BrowserSession.Window phone = chromium.open(390, 844);
            phone.page().context().addInitScript(AccessibilityInChromiumTests.AXE);
            Page page = phone.page();
            phone.signIn(c.slug(), c.users.get(Role.USER).email().value(), Fixtures.PASSWORD);
            page.waitForURL(url -> url.endsWith("/c/" + c.slug() + "/"));

            // a photo from the phone's camera (the capture input's file chooser), before the work
            page.navigate(base + "/my-day");
            Locator camera = page.locator("#photo-" + visit.id());
            assertThat(camera).hasAttribute("capture", "environment");
            assertThat(camera).hasAttribute("accept", "image/*");
            camera.setInputFiles(new FilePayload("IMG_0001.jpg", "image/jpeg", TestImages.image("jpeg", 1024, 768)));
            page.locator("#photo-label-" + visit.id()).selectOption("before");
            page.locator(stop + " .photo-submit").click();
            // back on My day (at the stop without htmx; hx-boost follows the redirect and keeps the page's address)
            assertThat(page).hasURL(Pattern.compile("/my-day(#stop-" + visit.id() + ")?$"));
            assertThat(page.locator("#photos-" + visit.id() + " img.thumb")).hasCount(1);
            assertThat(page.locator("#photos-" + visit.id() + " img.thumb")).isVisible();
            assertThat((Boolean) page.locator("#photos-" + visit.id() + " img.thumb")
                    .evaluate("img => img.complete && img.naturalWidth > 0")).as("the thumbnail loads").isTrue();

            // two parts used, from the technician's van: each becomes a line of the job
            for (String[] part : List.of(new String[] {seal, "1"}, new String[] {fuse, "2"})) {
                page.navigate(base + "/my-day");
                page.locator(stop + " a.parts-used").click();
                page.locator("#parts-job").selectOption(job.id());
                page.locator("#parts-van").selectOption(van);
                page.locator("#parts-item").selectOption(part[0]);
                page.locator("#parts-quantity").fill(part[1]);
                page.locator("#parts-submit").click();
                assertThat(page).hasURL(Pattern.compile("/inventory/van\\?notice=recorded"));
            }
            violations.addAll(AccessibilityInChromiumTests.check(page));
            assertThat(jobs.get(c.system(), job.id()).lineItems()).extracting(LineItem::description)
                    .contains("Door seal", "Thermal fuse");
            page.navigate(base + "/my-day");

            page.locator(stop + " button:has-text('Start')").click();
            Locator canvas = page.locator("#signature-canvas-" + visit.id());
            assertThat(canvas).isVisible();
            violations.addAll(AccessibilityInChromiumTests.check(page));
            canvas.scrollIntoViewIfNeeded();
            BoundingBox box = canvas.boundingBox();
            page.mouse().move(box.x + 20, box.y + box.height * 0.7);
            page.mouse().down();
            for (int i = 1; i <= 12; i++) {
                page.mouse().move(box.x + 20 + i * 22, box.y + box.height * (0.7 - 0.4 * Math.sin(i / 2.0)));
            }
            page.mouse().up();
            assertThat(page.locator("#signature-" + visit.id())).hasValue(Pattern.compile("^data:image/png;base64,"));
            page.locator("#signed-by-" + visit.id()).fill("Ada Lovelace");
            page.locator(stop + " .finish-form button[type=submit]").click();
            assertThat(page.locator(stop + " .status")).hasText("Finished");
            assertThat(visits.visit(c.system(), visit.id()).status()).isEqualTo(VisitStatus.COMPLETED);
            assertThat(visits.signatures(c.system(), job.id())).singleElement()
                    .satisfies(s -> assertThat(s.signedBy()).isEqualTo("Ada Lovelace"));
            assertThat(phone.problems()).as("the technician's pages").isEmpty();

            // the office
            BrowserSession.Window office = chromium.open(1366, 900);
            office.page().context().addInitScript(AccessibilityInChromiumTests.AXE);
            Page desk = office.page();
            office.signIn(c.slug(), c.users.get(Role.ADMIN).email().value(), Fixtures.PASSWORD);
            desk.waitForURL(url -> url.endsWith("/c/" + c.slug() + "/"));
            desk.navigate(base + "/jobs/" + job.id());
            assertThat(desk.locator("#signatures figcaption")).containsText("Signed by Ada Lovelace");
            assertThat((Boolean) desk.locator("#signatures img").evaluate("img => img.complete && img.naturalWidth > 0"))
                    .as("the signature image loads").isTrue();
            assertThat(desk.locator("#files")).containsText("before-IMG_0001.jpg");
            assertThat((Boolean) desk.locator("#files img.thumb").evaluate("img => img.complete && img.naturalWidth > 0"))
                    .as("the photo's thumbnail loads").isTrue();
            violations.addAll(AccessibilityInChromiumTests.check(desk));
            desk.locator("#create-invoice").click();
            assertThat(desk).hasURL(Pattern.compile("/invoices/[0-9a-f-]{36}"));
            String invoiceId = desk.url().replaceAll(".*/invoices/([0-9a-f-]{36}).*", "$1");
            assertThat(office.problems()).as("the office's pages").isEmpty();

            Https.Bytes pdf = api.getBytes("/api/v1/invoices/" + invoiceId + "/pdf", c.keys.get(Role.ADMIN), "application/pdf", null);
            assertThat(pdf.status()).isEqualTo(200);
            try (PDDocument doc = Loader.loadPDF(pdf.body())) {
                assertThat(PdfText.normalized(PdfText.text(doc))).contains("Signed by Ada Lovelace")
                        .contains("Door seal").contains("Thermal fuse");
                int images = 0;
                for (PDPage p : doc.getPages()) {
                    for (COSName name : p.getResources().getXObjectNames()) {
                        if (p.getResources().getXObject(name) instanceof PDImageXObject) {
                            images++;
                        }
                    }
                }
                assertThat(images).as("the signature embedded as an image").isGreaterThanOrEqualTo(1);
            }
            assertThat(files.list(c.system(), TargetKind.VISIT, visit.id())).hasSize(1);
        }
        assertThat(violations).as("axe-core's serious and critical violations").isEmpty();
    }

    private static String created(Https.Response r) {
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        return tools.jackson.databind.json.JsonMapper.builder().build().readTree(r.body()).get("id").asString();
    }
}
