package org.fieldstone.quotes.web;

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
import org.fieldstone.pricing.Discount;
import org.fieldstone.pricing.LineInput;
import org.fieldstone.pricing.Pricing;
import org.fieldstone.pricing.DocumentJson;
import org.fieldstone.pricing.DocumentJson.LineJson;
import org.fieldstone.pricing.DocumentJson.MoneyJson;
import org.fieldstone.pricing.DocumentJson.TaxJson;
import org.fieldstone.quotes.Approval;
import org.fieldstone.quotes.NewQuote;
import org.fieldstone.quotes.Quote;
import org.fieldstone.quotes.QuoteChanges;
import org.fieldstone.quotes.QuoteQuery;
import org.fieldstone.quotes.QuoteRevision;
import org.fieldstone.quotes.QuoteStatus;
import org.fieldstone.quotes.Quotes;
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
import org.springframework.http.CacheControl;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
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
 * {@code /api/v1/quotes}: quotes, their revisions and lifecycle actions ({@code send}, {@code approve},
 * {@code decline}, {@code request-changes}; {@code convert} is the jobs module's, which makes the job). Reads answer
 * an {@code ETag} (the version); changes need {@code If-Match} (none: 428, stale: 412). Money is
 * {@code {"amount": <minor units>, "currency": "CHF"}}; a refused step of the lifecycle is 409 and changes nothing.
 */
@RestController
@RequestMapping("/api/v1/quotes")
@SecurityRequirement(name = "apiKey")
class QuotesApi {

    private static final Set<String> FIELDS = union(Set.of("propertyId", "title", "lineItems", "terms", "notes",
            "expiresOn"), DocumentJson.discountFields("discount"), DocumentJson.discountFields("deposit"));
    private static final Set<String> NEW_FIELDS = union(FIELDS, Set.of("clientId"));
    private static final Set<String> READ_ONLY = Set.of("id", "number", "revision", "status", "expired", "currency",
            "taxInclusive", "subtotal", "discount", "taxes", "tax", "total", "depositDue", "sentAt", "decidedAt",
            "decisionNote", "approval", "jobId", "revisionHash", "version", "createdAt", "updatedAt");
    private static final Set<String> PATCH_READ_ONLY = union(READ_ONLY, Set.of("clientId"));

    private final Quotes quotes;
    private final Pricing pricing;
    private final QuoteSheets sheets;

    QuotesApi(Quotes quotes, Pricing pricing, QuoteSheets sheets) {
        this.quotes = quotes;
        this.pricing = pricing;
        this.sheets = sheets;
    }

    @Operation(summary = "Quotes, newest first; filters status, expired=true|false, clientId, q (a number or words "
            + "of the title) (quotes:read)")
    @GetMapping
    Page<QuoteJson> list(Actor actor, @RequestParam(required = false) String status,
                         @RequestParam(required = false) Boolean expired, @RequestParam(required = false) String clientId,
                         @RequestParam(required = false) String q, @RequestParam(required = false) Integer page,
                         @RequestParam(required = false) Integer size) {
        InvalidInput.Collector errors = new InvalidInput.Collector();
        QuoteStatus byStatus = errors.check(() -> status(status));
        Page.PageRequest request = errors.check(() -> Page.request(page, size));
        errors.throwIfAny();
        QuoteQuery query = new QuoteQuery(byStatus, expired, clientId == null || clientId.isBlank() ? null : clientId.strip(), q);
        return quotes.list(actor, query, request).map(QuoteJson::of);
    }

    @Operation(summary = "Create a draft quote: {clientId, propertyId, title, lineItems: [{productId?, description, "
            + "quantity, unitPrice (minor units), discountPercent?, taxRateId?, optional?, group?}], discountPercent | "
            + "discountAmount, depositPercent | depositAmount, terms, notes, expiresOn} (quotes:write)")
    @PostMapping(consumes = {MediaType.APPLICATION_JSON_VALUE, ApiMediaTypes.MERGE_PATCH_JSON_VALUE})
    ResponseEntity<QuoteJson> create(Actor actor, @RequestBody JsonNode body) {
        pricing.withMoneyPolicy(actor).require(Permission.QUOTES_WRITE);
        JsonFields f = JsonFields.of(body, NEW_FIELDS, READ_ONLY);
        NewQuote quote = new NewQuote(JsonFields.valueOf(f.text("clientId")), JsonFields.valueOf(f.text("propertyId")),
                JsonFields.valueOf(f.text("title")), JsonFields.valueOf(DocumentJson.lines(f)),
                JsonFields.valueOf(DocumentJson.discount(f, "discount")), JsonFields.valueOf(DocumentJson.discount(f, "deposit")),
                JsonFields.valueOf(f.text("terms")), JsonFields.valueOf(f.text("notes")),
                JsonFields.valueOf(f.text("expiresOn")));
        f.throwIfAny();
        return ApiResponses.created(quotes.create(actor, quote), QuoteJson::of);
    }

    @Operation(summary = "One quote with its figures, its version as ETag (quotes:read)")
    @GetMapping("/{id}")
    ResponseEntity<QuoteJson> get(Actor actor, @PathVariable String id) {
        return ApiResponses.tagged(quotes.get(actor, id), QuoteJson::of);
    }

    @Operation(summary = "The quote as a PDF (fonts embedded, the company's letterhead, the figures of the quote), made "
            + "on request in the language of Accept-Language (none: the company country's number format) and never "
            + "stored (quotes:read)")
    @GetMapping(path = "/{id}/pdf", produces = {MediaType.APPLICATION_PDF_VALUE, MediaType.APPLICATION_PROBLEM_JSON_VALUE})
    ResponseEntity<byte[]> pdf(Actor actor, @PathVariable String id, Locale locale,
                               @RequestHeader(name = HttpHeaders.ACCEPT_LANGUAGE, required = false) String language) {
        QuoteSheet sheet = sheets.sheet(actor, id);
        byte[] pdf = sheets.pdf(sheet, language == null || language.isBlank() ? sheets.companyLocale(actor) : locale);
        return ResponseEntity.ok()
                .contentType(MediaType.APPLICATION_PDF)
                .header(HttpHeaders.CONTENT_DISPOSITION,
                        ContentDisposition.inline().filename(sheet.quote().number() + ".pdf").build().toString())
                .cacheControl(CacheControl.noStore())
                .body(pdf);
    }

    @Operation(summary = "Every sent revision of a quote as it was sent, oldest first (quotes:read)")
    @GetMapping("/{id}/revisions")
    List<RevisionJson> revisions(Actor actor, @PathVariable String id) {
        return quotes.revisions(actor, id).stream().map(RevisionJson::of).toList();
    }

    @Operation(summary = "Change a quote (JSON merge patch; lineItems replaces the list, a line sent with its id keeps "
            + "it). A sent, changes-requested or declined quote becomes the next revision, a draft again; an approved "
            + "or converted one is not changed (409). If-Match required; quotes:write")
    @PatchMapping(path = "/{id}", consumes = {ApiMediaTypes.MERGE_PATCH_JSON_VALUE, MediaType.APPLICATION_JSON_VALUE})
    ResponseEntity<QuoteJson> patch(Actor actor, @PathVariable String id,
                                    @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch,
                                    @RequestBody JsonNode body) {
        Actor money = pricing.withMoneyPolicy(actor);
        return ApiResponses.change(money, Permission.QUOTES_WRITE, ifMatch, () -> quotes.get(actor, id), version -> {
            JsonFields f = JsonFields.of(body, FIELDS, PATCH_READ_ONLY);
            QuoteChanges changes = new QuoteChanges(f.text("propertyId"), f.text("title"), DocumentJson.lines(f),
                    DocumentJson.discount(f, "discount"), DocumentJson.discount(f, "deposit"), f.text("terms"),
                    f.text("notes"), f.text("expiresOn"));
            f.throwIfAny();
            return quotes.update(actor, id, version, changes);
        }, QuoteJson::of);
    }

    @Operation(summary = "Delete a draft quote that was never sent; its number is not given again (If-Match "
            + "required; quotes:write)")
    @DeleteMapping("/{id}")
    ResponseEntity<Void> delete(Actor actor, @PathVariable String id,
                                @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch) {
        long version = expectedVersion(pricing.withMoneyPolicy(actor), Permission.QUOTES_WRITE, ifMatch,
                () -> quotes.get(actor, id));
        quotes.delete(actor, id, version);
        return ResponseEntity.noContent().build();
    }

    @Operation(summary = "send (a draft with lines), approve ({signatureName, chosenItemIds}: a sent quote; the "
            + "signature not blank, one option of each group), decline ({reason?}) or request-changes ({message?}); "
            + "a refused step is 409 and changes nothing (If-Match required; quotes:write)")
    @PostMapping("/{id}/actions/{action}")
    ResponseEntity<QuoteJson> act(Actor actor, @PathVariable String id, @PathVariable String action,
                                  @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch,
                                  @RequestBody(required = false) JsonNode body) {
        if (!Set.of("send", "approve", "decline", "request-changes").contains(action)) {
            throw new NotFound(Message.of("quotes.thing.action"));
        }
        Actor money = pricing.withMoneyPolicy(actor);
        return ApiResponses.change(money, Permission.QUOTES_WRITE, ifMatch, () -> quotes.get(actor, id), version -> {
            JsonNode given = body == null || body.isNull() ? tools.jackson.databind.node.JsonNodeFactory.instance.objectNode() : body;
            return switch (action) {
                case "send" -> {
                    JsonFields.of(given, Set.of(), Set.of()).throwIfAny();
                    yield quotes.send(actor, id, version);
                }
                case "approve" -> {
                    JsonFields f = JsonFields.of(given, Set.of("signatureName", "chosenItemIds"), Set.of());
                    String signature = JsonFields.valueOf(f.text("signatureName"));
                    List<String> chosen = JsonFields.valueOf(f.strings("chosenItemIds"));
                    f.throwIfAny();
                    yield quotes.approve(actor, id, version, signature, chosen == null ? List.of() : chosen);
                }
                case "decline" -> {
                    JsonFields f = JsonFields.of(given, Set.of("reason"), Set.of());
                    String reason = JsonFields.valueOf(f.text("reason"));
                    f.throwIfAny();
                    yield quotes.decline(actor, id, version, reason);
                }
                default -> {
                    JsonFields f = JsonFields.of(given, Set.of("message"), Set.of());
                    String message = JsonFields.valueOf(f.text("message"));
                    f.throwIfAny();
                    yield quotes.requestChanges(actor, id, version, message);
                }
            };
        }, QuoteJson::of);
    }

    private static QuoteStatus status(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return QuoteStatus.valueOf(text.strip().toUpperCase(Locale.ROOT).replace('-', '_'));
        } catch (IllegalArgumentException e) {
            throw new InvalidInput("status", Message.of("quotes.refused.status-filter"));
        }
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

    record QuoteJson(String id, String number, int revision, String clientId, String propertyId, String title,
                     String status, boolean expired, String currency, boolean taxInclusive, List<LineJson> lineItems,
                     BigDecimal discountPercent, Long discountAmount, BigDecimal depositPercent, Long depositAmount,
                     MoneyJson subtotal, MoneyJson discount, List<TaxJson> taxes, MoneyJson tax, MoneyJson total,
                     MoneyJson depositDue, String terms, String notes, LocalDate expiresOn, Instant sentAt,
                     Instant decidedAt, String decisionNote, ApprovalJson approval, String jobId, String revisionHash,
                     long version, Instant createdAt, Instant updatedAt) {
        static QuoteJson of(Quote q) {
            Discount d = q.discount();
            Discount dep = q.deposit();
            return new QuoteJson(q.id(), q.number(), q.revision(), q.clientId(), q.propertyId(), q.title(),
                    q.status().name(), q.expired(), q.currency(), q.taxInclusive(), LineJson.of(q.lines(), q.totals()),
                    DocumentJson.percentOf(d), DocumentJson.amountOf(d), DocumentJson.percentOf(dep),
                    DocumentJson.amountOf(dep), MoneyJson.of(q.totals().subtotal()), MoneyJson.of(q.totals().discount()),
                    TaxJson.of(q.totals()), MoneyJson.of(q.totals().tax()), MoneyJson.of(q.totals().total()),
                    MoneyJson.of(q.depositDue()), q.terms(), q.notes(), q.expiresOn(), q.sentAt(), q.decidedAt(),
                    q.decisionNote(), ApprovalJson.of(q.approval()), q.jobId(), q.revisionHash(), q.version(),
                    q.createdAt(), q.updatedAt());
        }
    }

    record ApprovalJson(String signatureName, Instant approvedAt, String recordedBy, String ip, String userAgent,
                        int revision, String revisionHash, List<String> chosenItemIds) {
        static ApprovalJson of(Approval a) {
            return a == null ? null : new ApprovalJson(a.signatureName(), a.approvedAt(), a.recordedBy(), a.ip(),
                    a.userAgent(), a.revision(), a.revisionHash(), a.chosenItemIds());
        }
    }

    record RevisionJson(int revision, Instant sentAt, String revisionHash, QuoteJson quote) {
        static RevisionJson of(QuoteRevision r) {
            return new RevisionJson(r.revision(), r.sentAt(), r.revisionHash(), QuoteJson.of(r.content()));
        }
    }
}
