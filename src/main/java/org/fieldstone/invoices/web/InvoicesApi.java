package org.fieldstone.invoices.web;

import static org.fieldstone.shared.api.VersionTags.expectedVersion;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.fieldstone.invoices.Deduction;
import org.fieldstone.invoices.Invoice;
import org.fieldstone.invoices.InvoiceChanges;
import org.fieldstone.invoices.InvoiceKind;
import org.fieldstone.invoices.InvoiceQuery;
import org.fieldstone.invoices.InvoiceStatus;
import org.fieldstone.invoices.Invoices;
import org.fieldstone.invoices.NewInvoice;
import org.fieldstone.invoices.NewPayment;
import org.fieldstone.invoices.Payment;
import org.fieldstone.pricing.DocumentJson;
import org.fieldstone.pricing.DocumentJson.LineJson;
import org.fieldstone.pricing.DocumentJson.MoneyJson;
import org.fieldstone.pricing.DocumentJson.TaxJson;
import org.fieldstone.pricing.Pricing;
import org.fieldstone.shared.Actor;
import org.fieldstone.shared.Change;
import org.fieldstone.shared.InvalidInput;
import org.fieldstone.shared.Message;
import org.fieldstone.shared.NotFound;
import org.fieldstone.shared.Page;
import org.fieldstone.shared.Permission;
import org.fieldstone.shared.api.ApiMediaTypes;
import org.fieldstone.shared.api.ApiResponses;
import org.fieldstone.shared.api.JsonFields;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/**
 * {@code /api/v1/invoices}: invoices, their lifecycle actions ({@code send}, {@code void}) and payments. Reads answer
 * an {@code ETag}; changes of an invoice need {@code If-Match} (none: 428, stale: 412); recording a payment needs none
 * (the invoice is locked while it is recorded, and an overpayment is refused). Money is
 * {@code {"amount": <minor units>, "currency": "CHF"}}.
 */
@RestController
@RequestMapping("/api/v1/invoices")
@SecurityRequirement(name = "apiKey")
class InvoicesApi {

    private static final Set<String> FIELDS = union(Set.of("propertyId", "title", "lineItems", "terms", "notes",
            "paymentTermsDays"), DocumentJson.discountFields("discount"), DocumentJson.discountFields("deposit"));
    private static final Set<String> NEW_FIELDS = union(FIELDS, Set.of("clientId"));
    private static final Set<String> READ_ONLY = Set.of("id", "number", "kind", "jobId", "quoteId", "status", "overdue",
            "currency", "taxInclusive", "deductions", "subtotal", "discount", "taxes", "tax", "total", "depositsDeducted",
            "paid", "balance", "creditsInvoiceId", "credited", "depositDue", "issuedOn", "dueOn", "sentAt", "voidedAt", "voidReason", "version",
            "createdAt", "updatedAt");
    private static final Set<String> PATCH_READ_ONLY = union(READ_ONLY, Set.of("clientId"));
    private static final Set<String> PAYMENT_FIELDS = Set.of("amount", "method", "paidOn", "reference", "reason",
            "refundsPaymentId");

    private final Invoices invoices;
    private final Pricing pricing;
    private final InvoiceSheets sheets;

    InvoicesApi(Invoices invoices, Pricing pricing, InvoiceSheets sheets) {
        this.invoices = invoices;
        this.pricing = pricing;
        this.sheets = sheets;
    }

    @Operation(summary = "Invoices, newest first; filters status, overdue=true|false, clientId, jobId, q (a number or "
            + "words of the title) (invoices:read)")
    @GetMapping
    Page<InvoiceJson> list(Actor actor, @RequestParam(required = false) String status,
                           @RequestParam(required = false) Boolean overdue, @RequestParam(required = false) String clientId,
                           @RequestParam(required = false) String jobId, @RequestParam(required = false) String q,
                           @RequestParam(required = false) String kind,
                           @RequestParam(required = false) Integer page, @RequestParam(required = false) Integer size) {
        InvalidInput.Collector errors = new InvalidInput.Collector();
        InvoiceStatus byStatus = errors.check(() -> status(status));
        InvoiceKind byKind = errors.check(() -> kind(kind));
        Page.PageRequest request = errors.check(() -> Page.request(page, size));
        errors.throwIfAny();
        return invoices.list(actor, new InvoiceQuery(byStatus, overdue, blankToNull(clientId), blankToNull(jobId), q,
                byKind), request).map(InvoiceJson::of);
    }

    @Operation(summary = "Create a standalone draft invoice: {clientId, propertyId?, title, lineItems, discountPercent | "
            + "discountAmount, depositPercent | depositAmount, terms, notes, paymentTermsDays} (invoices:write)")
    @PostMapping(consumes = {MediaType.APPLICATION_JSON_VALUE, ApiMediaTypes.MERGE_PATCH_JSON_VALUE})
    ResponseEntity<InvoiceJson> create(Actor actor, @RequestBody JsonNode body) {
        pricing.withMoneyPolicy(actor).require(Permission.INVOICES_WRITE);
        JsonFields f = JsonFields.of(body, NEW_FIELDS, READ_ONLY);
        NewInvoice invoice = new NewInvoice(JsonFields.valueOf(f.text("clientId")), JsonFields.valueOf(f.text("propertyId")),
                JsonFields.valueOf(f.text("title")), JsonFields.valueOf(DocumentJson.lines(f)),
                JsonFields.valueOf(DocumentJson.discount(f, "discount")),
                JsonFields.valueOf(DocumentJson.discount(f, "deposit")), JsonFields.valueOf(f.text("terms")),
                JsonFields.valueOf(f.text("notes")), days(f));
        f.throwIfAny();
        return ApiResponses.created(invoices.create(actor, invoice), InvoiceJson::of);
    }

    @Operation(summary = "One invoice with its figures and balance, its version as ETag (invoices:read)")
    @GetMapping("/{id}")
    ResponseEntity<InvoiceJson> get(Actor actor, @PathVariable String id) {
        return ApiResponses.tagged(invoices.get(actor, id), InvoiceJson::of);
    }

    @Operation(summary = "The invoice (deposit invoice, credit note) as a PDF: fonts embedded, the company's letterhead, "
            + "the figures of the invoice, made on request in the language of Accept-Language (none: the company "
            + "country's number format) and never stored (invoices:read)")
    @GetMapping(path = "/{id}/pdf", produces = {MediaType.APPLICATION_PDF_VALUE, MediaType.APPLICATION_PROBLEM_JSON_VALUE})
    ResponseEntity<byte[]> pdf(Actor actor, @PathVariable String id, Locale locale,
                               @RequestHeader(name = HttpHeaders.ACCEPT_LANGUAGE, required = false) String language) {
        InvoiceSheet sheet = sheets.sheet(actor, id);
        byte[] pdf = sheets.pdf(sheet, language == null || language.isBlank() ? sheets.companyLocale(actor) : locale);
        return ResponseEntity.ok()
                .contentType(MediaType.APPLICATION_PDF)
                .header(HttpHeaders.CONTENT_DISPOSITION, org.springframework.http.ContentDisposition.inline()
                        .filename(InvoiceSheets.fileName(sheet.invoice())).build().toString())
                .cacheControl(org.springframework.http.CacheControl.noStore())
                .body(pdf);
    }

    @Operation(summary = "Change a draft invoice (JSON merge patch; lineItems replaces the list; a sent invoice is not "
            + "changed: 409). If-Match required; invoices:write")
    @PatchMapping(path = "/{id}", consumes = {ApiMediaTypes.MERGE_PATCH_JSON_VALUE, MediaType.APPLICATION_JSON_VALUE})
    ResponseEntity<InvoiceJson> patch(Actor actor, @PathVariable String id,
                                      @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch,
                                      @RequestBody JsonNode body) {
        return ApiResponses.change(pricing.withMoneyPolicy(actor), Permission.INVOICES_WRITE, ifMatch,
                () -> invoices.get(actor, id), version -> {
                    JsonFields f = JsonFields.of(body, FIELDS, PATCH_READ_ONLY);
                    Change<Integer> days = f.has("paymentTermsDays") ? Change.to(days(f)) : Change.keep();
                    InvoiceChanges changes = new InvoiceChanges(f.text("propertyId"), f.text("title"),
                            DocumentJson.lines(f), DocumentJson.discount(f, "discount"),
                            DocumentJson.discount(f, "deposit"), f.text("terms"), f.text("notes"), days);
                    f.throwIfAny();
                    return invoices.update(actor, id, version, changes);
                }, InvoiceJson::of);
    }

    @Operation(summary = "Delete a draft invoice (a sent one is voided instead); If-Match required; invoices:write")
    @DeleteMapping("/{id}")
    ResponseEntity<Void> delete(Actor actor, @PathVariable String id,
                                @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch) {
        long version = expectedVersion(pricing.withMoneyPolicy(actor), Permission.INVOICES_WRITE, ifMatch,
                () -> invoices.get(actor, id));
        invoices.delete(actor, id, version);
        return ResponseEntity.noContent().build();
    }

    @Operation(summary = "send ({issuedOn?}: a draft with lines: numbered, dated today or issuedOn, due after the payment terms; a job's invoice marks "
            + "the job invoiced) or void ({reason?}: a sent invoice with nothing paid; a paid one needs a credit note); "
            + "a refused step is 409 and changes nothing (If-Match required; invoices:write)")
    @PostMapping("/{id}/actions/{action}")
    ResponseEntity<InvoiceJson> act(Actor actor, @PathVariable String id, @PathVariable String action,
                                    @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch,
                                    @RequestBody(required = false) JsonNode body) {
        if (!Set.of("send", "void").contains(action)) {
            throw new NotFound(Message.of("invoices.thing.action"));
        }
        return ApiResponses.change(pricing.withMoneyPolicy(actor), Permission.INVOICES_WRITE, ifMatch,
                () -> invoices.get(actor, id), version -> {
                    JsonNode given = body == null || body.isNull()
                            ? tools.jackson.databind.node.JsonNodeFactory.instance.objectNode() : body;
                    if (action.equals("send")) {
                        JsonFields f = JsonFields.of(given, Set.of("issuedOn"), Set.of());
                        String issuedOn = JsonFields.valueOf(f.text("issuedOn"));
                        f.throwIfAny();
                        java.time.LocalDate on;
                        try {
                            on = issuedOn == null || issuedOn.isBlank() ? null : java.time.LocalDate.parse(issuedOn.strip());
                        } catch (java.time.format.DateTimeParseException e) {
                            throw new InvalidInput("issuedOn", Message.of("invoices.refused.issued-on"));
                        }
                        return invoices.send(actor, id, version, on);
                    }
                    JsonFields f = JsonFields.of(given, Set.of("reason"), Set.of());
                    String reason = JsonFields.valueOf(f.text("reason"));
                    f.throwIfAny();
                    return invoices.voidInvoice(actor, id, version, reason);
                }, InvoiceJson::of);
    }

    @Operation(summary = "A draft credit note for a sent invoice: {reason?, lineItems?} (without lines: all of the "
            + "invoice, when nothing is credited yet); issued with its send action (numbered CN-0001 …), when the "
            + "invoice's balance drops by its total (invoices:write)")
    @PostMapping(path = "/{id}/credit-notes", consumes = {MediaType.APPLICATION_JSON_VALUE, ApiMediaTypes.MERGE_PATCH_JSON_VALUE})
    ResponseEntity<InvoiceJson> creditNote(Actor actor, @PathVariable String id, @RequestBody(required = false) JsonNode body) {
        pricing.withMoneyPolicy(actor).require(Permission.INVOICES_WRITE);
        JsonNode given = body == null || body.isNull() ? tools.jackson.databind.node.JsonNodeFactory.instance.objectNode() : body;
        JsonFields f = JsonFields.of(given, Set.of("reason", "lineItems"), Set.of());
        String reason = JsonFields.valueOf(f.text("reason"));
        List<org.fieldstone.pricing.LineInput> lines = JsonFields.valueOf(DocumentJson.lines(f));
        f.throwIfAny();
        return ApiResponses.created("/api/v1/invoices", invoices.creditNote(actor, id, lines, reason), InvoiceJson::of);
    }

    @Operation(summary = "The invoice's payments and refunds, oldest first; a refund's refundsPaymentId is the payment it "
            + "refunds (null for a payment, and for refunds recorded before refunds named their payment) (invoices:read)")
    @GetMapping("/{id}/payments")
    List<PaymentJson> payments(Actor actor, @PathVariable String id) {
        return invoices.payments(actor, id).stream().map(PaymentJson::of).toList();
    }

    @Operation(summary = "Record a payment {amount (minor units, at most the balance), method: CASH | CHEQUE | "
            + "BANK_TRANSFER | CARD_IN_PERSON | OTHER, paidOn?, reference?} or a refund {amount negative, reason, "
            + "refundsPaymentId: a payment of this invoice, at most what is left of it to refund and at most what was "
            + "paid in all; may be left out when the invoice has one payment with something left to refund}; a payment "
            + "naming refundsPaymentId, or a refund naming a refund or no payment of this invoice, is 400; the "
            + "invoice's status follows (payments:record)")
    @PostMapping(path = "/{id}/payments", consumes = {MediaType.APPLICATION_JSON_VALUE, ApiMediaTypes.MERGE_PATCH_JSON_VALUE})
    ResponseEntity<PaymentJson> recordPayment(Actor actor, @PathVariable String id, @RequestBody JsonNode body) {
        pricing.withMoneyPolicy(actor).require(Permission.PAYMENTS_RECORD);
        JsonFields f = JsonFields.of(body, PAYMENT_FIELDS, Set.of("id", "invoiceId", "recordedBy", "createdAt"));
        NewPayment payment = new NewPayment(DocumentJson.minorUnits(f, "amount"), JsonFields.valueOf(f.text("method")),
                JsonFields.valueOf(f.text("paidOn")), JsonFields.valueOf(f.text("reference")),
                JsonFields.valueOf(f.text("reason")), JsonFields.valueOf(f.text("refundsPaymentId")));
        f.throwIfAny();
        Payment recorded = invoices.recordPayment(actor, id, payment);
        return ResponseEntity.status(HttpStatus.CREATED)
                .location(ApiResponses.location("/api/v1/invoices/" + id + "/payments", recorded.id()))
                .body(PaymentJson.of(recorded));
    }

    static Integer days(JsonFields f) {
        java.math.BigDecimal d = DocumentJson.decimal(f, "paymentTermsDays");
        if (d == null) {
            return null;
        }
        try {
            return d.intValueExact();
        } catch (ArithmeticException e) {
            f.reject("paymentTermsDays", Message.of("invoices.refused.terms-days", 365));
            return null;
        }
    }

    private static InvoiceStatus status(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return InvoiceStatus.valueOf(text.strip().toUpperCase(Locale.ROOT).replace('-', '_'));
        } catch (IllegalArgumentException e) {
            throw new InvalidInput("status", Message.of("invoices.refused.status-filter"));
        }
    }

    private static InvoiceKind kind(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return InvoiceKind.valueOf(text.strip().toUpperCase(Locale.ROOT).replace('-', '_'));
        } catch (IllegalArgumentException e) {
            throw new InvalidInput("kind", Message.of("invoices.refused.kind-filter"));
        }
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }

    @SafeVarargs
    private static Set<String> union(Set<String>... sets) {
        Set<String> all = new HashSet<>();
        for (Set<String> s : sets) {
            all.addAll(s);
        }
        return Set.copyOf(all);
    }

    // --- answers

    record InvoiceJson(String id, String number, String kind, String clientId, String propertyId, String jobId,
                       String quoteId, String title, String status, boolean overdue, String currency,
                       boolean taxInclusive, List<LineJson> lineItems, BigDecimal discountPercent, Long discountAmount,
                       BigDecimal depositPercent, Long depositAmount, MoneyJson subtotal, MoneyJson discount,
                       List<TaxJson> taxes, MoneyJson tax, MoneyJson total, List<DeductionJson> deductions,
                       MoneyJson depositsDeducted, String creditsInvoiceId, MoneyJson credited, MoneyJson paid,
                       MoneyJson balance, MoneyJson depositDue, String terms,
                       String notes, int paymentTermsDays, LocalDate issuedOn, LocalDate dueOn, Instant sentAt,
                       Instant voidedAt, String voidReason, long version, Instant createdAt, Instant updatedAt,
                       Instant disputedAt, boolean refundDue, Instant cardFailedAt) {
        static InvoiceJson of(Invoice i) {
            return new InvoiceJson(i.id(), i.number(), i.kind().name(), i.clientId(), i.propertyId(), i.jobId(),
                    i.quoteId(), i.title(), i.status().name(), i.overdue(), i.currency(), i.taxInclusive(),
                    LineJson.of(i.lines(), i.totals()), DocumentJson.percentOf(i.discount()),
                    DocumentJson.amountOf(i.discount()), DocumentJson.percentOf(i.deposit()),
                    DocumentJson.amountOf(i.deposit()), MoneyJson.of(i.totals().subtotal()),
                    MoneyJson.of(i.totals().discount()), TaxJson.of(i.totals()), MoneyJson.of(i.totals().tax()),
                    MoneyJson.of(i.totals().total()), i.deductions().stream().map(DeductionJson::of).toList(),
                    MoneyJson.of(i.depositsDeducted()), i.creditsInvoiceId(), MoneyJson.of(i.credited()),
                    MoneyJson.of(i.paid()), MoneyJson.of(i.balance()),
                    MoneyJson.of(i.depositDue()), i.terms(), i.notes(), i.paymentTermsDays(), i.issuedOn(), i.dueOn(),
                    i.sentAt(), i.voidedAt(), i.voidReason(), i.version(), i.createdAt(), i.updatedAt(),
                    i.disputedAt(), i.refundDue(), i.cardFailedAt());
        }
    }

    record DeductionJson(String invoiceId, String number, MoneyJson amount) {
        static DeductionJson of(Deduction d) {
            return new DeductionJson(d.invoiceId(), d.number(), MoneyJson.of(d.amount()));
        }
    }

    record PaymentJson(String id, String invoiceId, MoneyJson amount, String method, LocalDate paidOn, String reference,
                       String reason, boolean refund, String refundsPaymentId, String recordedBy, Instant createdAt) {
        static PaymentJson of(Payment p) {
            return new PaymentJson(p.id(), p.invoiceId(), MoneyJson.of(p.amount()), p.method().name(), p.paidOn(),
                    p.reference(), p.reason(), p.isRefund(), p.refundsPaymentId(), p.recordedBy(), p.createdAt());
        }
    }
}
