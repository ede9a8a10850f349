package org.fieldstone.invoices.web;

import static org.fieldstone.shared.web.FormText.blank;
import static org.fieldstone.shared.web.FormText.blankToNull;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.fieldstone.audit.AuditEntry;
import org.fieldstone.clients.Clients;
import org.fieldstone.clients.Property;
import org.fieldstone.invoices.Invoice;
import org.fieldstone.invoices.InvoiceChanges;
import org.fieldstone.invoices.InvoiceKind;
import org.fieldstone.invoices.InvoiceQuery;
import org.fieldstone.invoices.InvoiceStatus;
import org.fieldstone.invoices.Invoices;
import org.fieldstone.invoices.NewInvoice;
import org.fieldstone.invoices.NewPayment;
import org.fieldstone.invoices.Payment;
import org.fieldstone.invoices.PaymentMethod;
import org.fieldstone.pricing.Discount;
import org.fieldstone.pricing.DocumentFigures;
import org.fieldstone.pricing.DocumentLine;
import org.fieldstone.pricing.LineInput;
import org.fieldstone.pricing.DocumentTimeline;
import org.fieldstone.pricing.Pricing;
import org.fieldstone.pricing.TaxRate;
import org.fieldstone.pricing.Totals;
import org.fieldstone.pricing.TypedLine;
import org.fieldstone.shared.Actor;
import org.fieldstone.shared.Change;
import org.fieldstone.shared.Conflict;
import org.fieldstone.shared.InvalidInput;
import org.fieldstone.shared.Message;
import org.fieldstone.shared.Money;
import org.fieldstone.shared.NotFound;
import org.fieldstone.shared.Page;
import org.fieldstone.shared.Permission;
import org.fieldstone.shared.VersionConflict;
import org.fieldstone.tenancy.Companies;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The invoices pages of the dashboard, shaped like the quotes pages: the list (status, overdue, kind, search; each
 * invoice's total and balance; what is outstanding), the editor of a draft (lines typed in the currency's major unit,
 * live totals through htmx from {@link Invoices#preview}), and the invoice page with its figures, payments, timeline
 * and actions: send (optionally dated earlier), record a payment or a refund, void, credit note, delete a draft.
 * Every figure shown is one the invoice carries ({@link Invoice#totals()}, {@link Invoice#balance()} …), formatted.
 * Forms post to their own page's address, so a refusal is shown there (400 beside the field, 409 with its reason)
 * and a success redirects.
 */
@Controller
@RequestMapping("/c/{slug}/invoices")
class InvoicesController {

    static final int PAGE_SIZE = 25;
    private static final int CHOICES = 200;
    private static final int TIMELINE = 50;
    private static final String TOTALS_ID = "invoice-totals";
    private static final Set<String> NOTICES = Set.of("created", "updated", "sent", "paid", "refunded", "voided",
            "credited", "deleted", "fromJob", "existing");
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("EEE yyyy-MM-dd HH:mm");

    private final Invoices invoices;
    private final Pricing pricing;
    private final Clients clients;
    private final Companies companies;
    private final MessageSource messages;
    private final java.time.Clock clock;

    private final List<DocumentTimeline> timelines;
    private final List<org.fieldstone.pricing.DocumentPanel> panels;

    InvoicesController(Invoices invoices, Pricing pricing, Clients clients, Companies companies, MessageSource messages,
                       java.time.Clock clock, List<DocumentTimeline> timelines,
                     List<org.fieldstone.pricing.DocumentPanel> panels) {
        this.timelines = timelines;
        this.panels = panels;
        this.clock = clock;
        this.invoices = invoices;
        this.pricing = pricing;
        this.clients = clients;
        this.companies = companies;
        this.messages = messages;
    }

    @GetMapping
    String list(Actor actor, @RequestParam(required = false) String status, @RequestParam(required = false) String overdue,
                @RequestParam(required = false) String kind, @RequestParam(required = false) String q,
                @RequestParam(required = false) String notice, @RequestParam(required = false) String client, @RequestParam(defaultValue = "0") int page, Model model) {
        InvoiceStatus s = parse(InvoiceStatus.class, status, "status", "invoices.refused.status-filter");
        InvoiceKind k = parse(InvoiceKind.class, kind, "kind", "invoices.refused.kind-filter");
        Boolean late = "yes".equals(overdue) ? Boolean.TRUE : "no".equals(overdue) ? Boolean.FALSE : null;
        org.fieldstone.clients.Client clientFilter = blank(client) ? null : clients.get(actor, client.strip());
        model.addAttribute("clientFilter", clientFilter);
        Page<Invoice> found = invoices.list(actor, new InvoiceQuery(s, late, clientFilter == null ? null : clientFilter.id(),
                null, blankToNull(q), k),
                Page.request(page, PAGE_SIZE));
        Map<String, String> names = new LinkedHashMap<>();
        Locale locale = LocaleContextHolder.getLocale();
        model.addAttribute("rows", found.items().stream().map(i -> new ListRow(i,
                names.computeIfAbsent(i.clientId(), id -> clientName(actor, id)), i.totals().total().format(locale),
                i.balance().format(locale))).toList());
        if ("deleted".equals(notice)) {
            model.addAttribute("notice", "invoices.notice.deleted");
        }
        model.addAttribute("invoices", found);
        model.addAttribute("status", s == null ? "" : s.name());
        model.addAttribute("overdue", late == null ? "" : late ? "yes" : "no");
        model.addAttribute("kind", k == null ? "" : k.name());
        model.addAttribute("q", q == null ? "" : q);
        model.addAttribute("statuses", InvoiceStatus.values());
        model.addAttribute("kinds", InvoiceKind.values());
        Invoices.Owed owed = invoices.owed(actor);
        model.addAttribute("outstanding", format(owed.outstanding(), locale));
        model.addAttribute("overdueAmounts", format(owed.overdue(), locale));
        model.addAttribute("canWrite", can(actor, Permission.INVOICES_WRITE));
        return "invoices/list";
    }

    /** The editor of a new standalone invoice; {@code clientId} comes filled in from the client's page. */
    @GetMapping("/new")
    String newForm(Actor actor, @RequestParam(required = false) String clientId, Model model) {
        pricing.withMoneyPolicy(actor).require(Permission.INVOICES_WRITE);
        // the client and, when it has only one, its property; an id the actor does not see (another company's,
        // unknown) is left out
        String client = clients.find(actor, clientId).map(org.fieldstone.clients.Client::id).orElse("");
        List<Property> properties = propertiesOf(actor, client);
        String property = properties.size() == 1 ? properties.getFirst().id() : "";
        return form(actor, model, InvoiceForm.empty().withClient(client, property), new ArrayList<>(List.of(TypedLine.empty())),
                Map.of(), null, false);
    }

    /** The property select of the chosen client (htmx, when the client select changes). */
    @GetMapping("/properties")
    String properties(Actor actor, @RequestParam(defaultValue = "") String clientId, Model model) {
        model.addAttribute("properties", propertiesOf(actor, clientId));
        model.addAttribute("form", InvoiceForm.empty());
        model.addAttribute("errors", Map.of());
        return "invoices/form :: property-select";
    }

    @PostMapping("/new")
    String create(Actor actor, @ModelAttribute("form") InvoiceForm form, @RequestParam(required = false) String clientQuery,
                  HttpServletRequest request, Model model, HttpServletResponse response) {
        if (blank(form.clientId())) {
            form = form.withClient(clients.picked(actor, form.clientId(), clientQuery));
        }
        pricing.withMoneyPolicy(actor).require(Permission.INVOICES_WRITE);
        String currency = pricing.settings(actor).currency();
        List<TypedLine> rows = TypedLine.from(request);
        try {
            Typed typed = typed(actor, form, rows, currency, List.of());
            Invoice invoice = invoices.create(actor, new NewInvoice(form.clientId(), blankToNull(form.propertyId()),
                    form.title(), typed.lines(), typed.discount(), typed.deposit(), form.terms(), form.notes(),
                    typed.days()));
            return "redirect:/c/{slug}/invoices/" + invoice.id() + "?notice=created";
        } catch (InvalidInput e) {
            response.setStatus(e.pageStatus());
            return form(actor, model, form, withEmpty(rows), e.fieldErrors(messages), null, false);
        }
    }

    /** The editor's live totals (htmx, as lines are typed), reckoned by {@link Invoices#preview}. */
    @PostMapping("/totals")
    String totals(Actor actor, @ModelAttribute("form") InvoiceForm form, @RequestParam(required = false) String invoiceId,
                  HttpServletRequest request, Model model) {
        String id = blankToNull(invoiceId);
        String currency = id == null ? pricing.settings(actor).currency() : invoices.get(actor, id).currency();
        model.addAttribute("figures", preview(actor, id, form, TypedLine.from(request), currency));
        model.addAttribute("totalsId", TOTALS_ID);
        return "money/totals :: totals";
    }

    @GetMapping("/{id}")
    String show(Actor actor, @PathVariable String id, @RequestParam(required = false) String notice, Model model) {
        if (notice != null && NOTICES.contains(notice)) {
            model.addAttribute("notice", "invoices.notice." + notice);
        }
        return page(actor, invoices.get(actor, id), model);
    }

    @GetMapping("/{id}/edit")
    String editForm(Actor actor, @PathVariable String id, Model model) {
        pricing.withMoneyPolicy(actor).require(Permission.INVOICES_WRITE);
        Invoice invoice = invoices.get(actor, id);
        List<TypedLine> rows = new ArrayList<>(invoice.lines().stream().map(l -> TypedLine.of(l, invoice.currency())).toList());
        rows.add(TypedLine.empty());
        return form(actor, model, InvoiceForm.of(invoice), rows, Map.of(), invoice, false);
    }

    /** Saves a draft if it is still at the version it was loaded at; otherwise the editor comes back (409) as typed. */
    @PostMapping("/{id}/edit")
    String update(Actor actor, @PathVariable String id, @ModelAttribute("form") InvoiceForm form,
                  HttpServletRequest request, Model model, HttpServletResponse response) {
        pricing.withMoneyPolicy(actor).require(Permission.INVOICES_WRITE);
        Invoice current = invoices.get(actor, id);
        List<TypedLine> rows = TypedLine.from(request);
        try {
            Typed typed = typed(actor, form, rows, current.currency(), current.lines());
            invoices.update(actor, id, requiredVersion(form.version()), new InvoiceChanges(
                    Change.to(blankToNull(form.propertyId())), Change.to(form.title()), Change.to(typed.lines()),
                    Change.to(typed.discount()), Change.to(typed.deposit()), Change.to(form.terms()),
                    Change.to(form.notes()), typed.days() == null ? Change.keep() : Change.to(typed.days())));
            return "redirect:/c/{slug}/invoices/" + id + "?notice=updated";
        } catch (InvalidInput e) {
            response.setStatus(e.pageStatus());
            return form(actor, model, form, withEmpty(rows), e.fieldErrors(messages), current, false);
        } catch (VersionConflict e) {
            response.setStatus(e.pageStatus());
            Invoice now = invoices.get(actor, id);
            return form(actor, model, form.atVersion(now.version()), withEmpty(rows), Map.of(), now, true);
        } catch (Conflict e) {
            response.setStatus(e.pageStatus());
            model.addAttribute("refusal", e.message(messages));
            return page(actor, current, model);
        }
    }

    /**
     * A step of the invoice, posted to its own address: {@code send} ({@code issuedOn}, blank: today), {@code pay}
     * ({@code amount} in major units, {@code method}, {@code paidOn}, {@code reference}), {@code refund} (the same,
     * with a {@code reason} and the {@code refundsPaymentId} it refunds), {@code void} ({@code reason}),
     * {@code credit-note} ({@code reason}: a draft credit note of all that is uncredited, shown next) or {@code delete}
     * (a draft).
     */
    @PostMapping("/{id}")
    String act(Actor actor, @PathVariable String id, @RequestParam String action,
               @RequestParam(required = false) Long version, @RequestParam(defaultValue = "") String issuedOn,
               @RequestParam(defaultValue = "") String amount, @RequestParam(defaultValue = "") String method,
               @RequestParam(defaultValue = "") String paidOn, @RequestParam(defaultValue = "") String reference,
               @RequestParam(defaultValue = "") String reason, @RequestParam(defaultValue = "") String refundsPaymentId,
               Model model, HttpServletResponse response) {
        Actor money = pricing.withMoneyPolicy(actor);
        money.require(action.equals("pay") || action.equals("refund") ? Permission.PAYMENTS_RECORD
                : Permission.INVOICES_WRITE);
        Invoice invoice = invoices.get(actor, id);
        try {
            String next = switch (action) {
                case "send" -> {
                    invoices.send(actor, id, requiredVersion(version), date("issuedOn", issuedOn));
                    yield "sent";
                }
                case "pay", "refund" -> {
                    boolean refund = action.equals("refund");
                    // typed as a positive amount in major units; a refund is recorded as its negative
                    long minor = blank(amount) ? 0 : Money.parse("amount", amount, invoice.currency()).amount();
                    if (minor <= 0) {
                        throw new InvalidInput("amount", Message.of("invoices.refused.payment-amount"));
                    }
                    invoices.recordPayment(actor, id, new NewPayment(refund ? -minor : minor, method,
                            blankToNull(paidOn), blankToNull(reference), blankToNull(reason),
                            refund ? blankToNull(refundsPaymentId) : null));
                    yield refund ? "refunded" : "paid";
                }
                case "void" -> {
                    invoices.voidInvoice(actor, id, requiredVersion(version), blankToNull(reason));
                    yield "voided";
                }
                case "credit-note" -> {
                    Invoice note = invoices.creditNote(actor, id, null, blankToNull(reason));
                    yield "->" + note.id();
                }
                case "delete" -> {
                    invoices.delete(actor, id, requiredVersion(version));
                    yield null;
                }
                default -> throw new NotFound(Message.of("invoices.thing.action"));
            };
            if (next == null) {
                return "redirect:/c/{slug}/invoices?notice=deleted";
            }
            if (next.startsWith("->")) {
                return "redirect:/c/{slug}/invoices/" + next.substring(2) + "?notice=credited";
            }
            return "redirect:/c/{slug}/invoices/" + id + "?notice=" + next;
        } catch (InvalidInput e) {
            response.setStatus(e.pageStatus());
            model.addAttribute("actionErrors", e.fieldErrors(messages));
            model.addAttribute("failedAction", action);
            model.addAttribute("typed", new ActionInput(issuedOn, amount, method, paidOn, reference, reason,
                    refundsPaymentId));
            return page(actor, invoices.get(actor, id), model);
        } catch (Conflict e) {
            response.setStatus(e.pageStatus());
            model.addAttribute("refusal", e.message(messages));
            return page(actor, invoices.get(actor, id), model);
        } catch (VersionConflict e) {
            response.setStatus(e.pageStatus());
            model.addAttribute("staleAction", true);
            return page(actor, invoices.get(actor, id), model);
        }
    }

    // ---- pages

    private String form(Actor actor, Model model, InvoiceForm form, List<TypedLine> rows, Map<String, String> errors,
                        Invoice invoice, boolean conflict) {
        model.addAttribute("form", form);
        model.addAttribute("rows", rows);
        model.addAttribute("invoice", invoice);
        model.addAttribute("errors", errors);
        model.addAttribute("conflict", conflict);
        if (invoice == null) {
            model.addAttribute("pickedClient", clients.find(actor, form.clientId()).orElse(null));
        } else {
            model.addAttribute("client", clientName(actor, invoice.clientId()));
        }
        model.addAttribute("properties", propertiesOf(actor, invoice == null ? form.clientId() : invoice.clientId()));
        model.addAttribute("products", pricing.products(actor, "", false, Page.request(0, CHOICES)).items());
        model.addAttribute("defaultTaxRateId", pricing.defaultTaxRate(actor).map(TaxRate::id).orElse(null));
        model.addAttribute("taxRates", pricing.taxRates(actor).stream().filter(r -> !r.archived()
                || (invoice != null && invoice.lines().stream().anyMatch(l -> l.tax() != null
                && l.tax().taxRateId().equals(r.id())))).toList());
        String currency = invoice == null ? pricing.settings(actor).currency() : invoice.currency();
        model.addAttribute("currency", currency);
        model.addAttribute("defaultDays", invoices.settings(actor).paymentTermsDays());
        model.addAttribute("figures", preview(actor, invoice == null ? null : invoice.id(), form, rows, currency));
        model.addAttribute("totalsId", TOTALS_ID);
        return "invoices/form";
    }

    /** The invoice page; what a refused action left (messages, text as typed) is already in the model. */
    private String page(Actor actor, Invoice invoice, Model model) {
        Locale locale = LocaleContextHolder.getLocale();
        ZoneId zone = companies.timeZone(actor.tenant());
        model.addAttribute("invoice", invoice);
        model.addAttribute("client", clientName(actor, invoice.clientId()));
        model.addAttribute("figures", DocumentFigures.of(invoice.totals(), null, locale));
        model.addAttribute("totalsId", TOTALS_ID);
        model.addAttribute("owed", new Owed(invoice.deductions().stream().map(d -> new Shown(d.number(),
                d.amount().amount(), d.amount().format(locale))).toList(), shown(invoice.credited(), locale),
                shown(invoice.paid(), locale), shown(invoice.balance(), locale), shown(invoice.depositDue(), locale)));
        List<LineRow> lines = new ArrayList<>();
        for (DocumentLine l : invoice.lines()) {
            Totals.Line t = invoice.totals().line(l.id()).orElseThrow();
            lines.add(new LineRow(l, Money.of(l.unitPrice(), invoice.currency()).format(locale), t.net().format(locale),
                    l.tax() == null ? "" : l.tax().name() + " " + l.tax().percent().stripTrailingZeros().toPlainString() + " %"));
        }
        model.addAttribute("lines", lines);
        List<Payment> payments = invoices.payments(actor, invoice.id());
        Map<String, Payment> byId = new LinkedHashMap<>();
        payments.forEach(p -> byId.put(p.id(), p));
        model.addAttribute("payments", payments.stream().map(p -> new PaymentRow(p.id(), p.paidOn().toString(),
                p.amount().amount(), p.amount().format(locale), p.method().name(), p.reference(), p.reason(),
                p.isRefund(), p.refundsPaymentId(), refunds(byId.get(p.refundsPaymentId()), locale))).toList());
        model.addAttribute("refundable", refundable(invoice, payments, locale));
        List<DocumentTimeline.Entry> own = invoices.history(actor, invoice.id(), TIMELINE).stream()
                .map(e -> new DocumentTimeline.Entry(e.at(), e.actorName(), label(e))).toList();
        model.addAttribute("panels", org.fieldstone.pricing.DocumentPanel.sections(panels, actor,
                DocumentTimeline.Document.INVOICE, invoice.id()));
        model.addAttribute("timeline", DocumentTimeline.merged(timelines, own, actor, DocumentTimeline.Document.INVOICE,
                        invoice.id()).stream()
                .map(e -> new Event(WHEN.format(e.at().atZone(zone)), e.who(), e.what().resolve(messages))).toList());
        model.addAttribute("methods", java.util.Arrays.stream(PaymentMethod.values())
                .filter(m -> m != PaymentMethod.CARD).toList());
        model.addAttribute("canWrite", can(actor, Permission.INVOICES_WRITE));
        model.addAttribute("canPay", can(actor, Permission.PAYMENTS_RECORD));
        model.addAttribute("today", LocalDate.now(clock.withZone(zone)).toString());
        if (!model.containsAttribute("actionErrors")) {
            model.addAttribute("actionErrors", Map.of());
            model.addAttribute("failedAction", "");
            model.addAttribute("typed", new ActionInput("", "", "", "", "", "", ""));
        }
        return "invoices/invoice";
    }

    /**
     * The payments a refund may refund, newest first: what is left of each ({@link Payment#leftToRefund}), never more
     * than the invoice's total paid (refunds that name no payment count only there), and above zero.
     */
    private List<RefundOption> refundable(Invoice invoice, List<Payment> payments, Locale locale) {
        Map<String, Money> left = Payment.leftToRefund(payments);
        List<RefundOption> options = new ArrayList<>();
        for (Payment p : payments.reversed()) {
            Money rest = left.getOrDefault(p.id(), Money.zero(invoice.currency())).min(invoice.paid());
            if (!p.isRefund() && rest.isPositive()) {
                Message label = Message.of(p.reference() == null ? "invoices.refund.option" : "invoices.refund.option-ref",
                        p.paidOn().toString(), Message.of("invoices.method." + p.method().name()),
                        p.amount().format(locale), rest.format(locale), p.reference());
                options.add(new RefundOption(p.id(), label.resolve(messages, locale), rest.plain()));
            }
        }
        return options;
    }

    /** What a refund's row says of the payment it refunds; null for a payment, or a refund that names none. */
    private String refunds(Payment refunded, Locale locale) {
        return refunded == null ? null : Message.of("invoices.payment.refunds", refunded.amount().format(locale),
                refunded.paidOn().toString()).resolve(messages, locale);
    }

    // ---- helpers

    /** The lines, discount, deposit and terms as typed; every line's problem at once, with the others of the form. */
    private Typed typed(Actor actor, InvoiceForm form, List<TypedLine> rows, String currency, List<DocumentLine> current) {
        InvalidInput.Collector errors = new InvalidInput.Collector();
        List<LineInput> lines = new ArrayList<>();
        for (int i = 0; i < rows.size(); i++) {
            lines.add(rows.get(i).input(i, currency, errors));
        }
        Discount discount = errors.check(() -> form.discount(currency));
        Discount deposit = errors.check(() -> form.deposit(currency));
        Integer days = errors.check(form::days);
        if (!errors.isEmpty()) {
            // what could not be read is refused here; the checks of the lines that could still speak for them
            pricing.lines(actor, lines, current, errors);
            if (blank(form.title())) {
                errors.add("title", Message.of("invoices.refused.title-required"));
            }
            errors.throwIfAny();
        }
        return new Typed(lines, discount, deposit, days);
    }

    private DocumentFigures preview(Actor actor, String invoiceId, InvoiceForm form, List<TypedLine> rows, String currency) {
        InvalidInput.Collector ignored = new InvalidInput.Collector();
        List<LineInput> lines = new ArrayList<>();
        for (int i = 0; i < rows.size(); i++) {
            if (!rows.get(i).isEmpty()) {
                lines.add(rows.get(i).input(i, currency, ignored));
            }
        }
        Discount discount = ignored.check(() -> form.discount(currency));
        return DocumentFigures.of(invoices.preview(actor, invoiceId, lines, discount), null, LocaleContextHolder.getLocale());
    }

    private static List<TypedLine> withEmpty(List<TypedLine> rows) {
        List<TypedLine> all = new ArrayList<>(rows);
        all.add(TypedLine.empty());
        return all;
    }

    private boolean can(Actor actor, Permission permission) {
        return pricing.withMoneyPolicy(actor).can(permission);
    }

    private static Message label(AuditEntry e) {
        String code = switch (e.action()) {
            case "invoice.created" -> "invoices.timeline.created";
            case "invoice.updated" -> "invoices.timeline.updated";
            case "invoice.sent" -> "invoices.timeline.sent";
            case "invoice.paid" -> "invoices.timeline.paid";
            case "invoice.payment_status" -> "invoices.timeline.payment-status";
            case "invoice.voided" -> "invoices.timeline.voided";
            case "invoice.disputed" -> "invoices.timeline.disputed";
            case "invoice.card_payment_failed" -> "invoices.timeline.card-payment-failed";
            default -> null;
        };
        return code == null ? Message.of("documents.timeline.other", e.action()) : Message.of(code);
    }

    private List<Property> propertiesOf(Actor actor, String clientId) {
        if (blank(clientId)) {
            return List.of();
        }
        try {
            return clients.properties(actor, clientId.strip());
        } catch (NotFound e) {
            return List.of();
        }
    }

    private String clientName(Actor actor, String clientId) {
        try {
            return clients.get(actor, clientId).name();
        } catch (NotFound e) {
            return "—";
        }
    }

    private static List<String> format(List<Money> amounts, Locale locale) {
        return amounts.stream().map(m -> m.format(locale)).toList();
    }

    private static Shown shown(Money m, Locale locale) {
        return new Shown(null, m.amount(), m.format(locale));
    }

    private static LocalDate date(String field, String text) {
        if (blank(text)) {
            return null;
        }
        try {
            return LocalDate.parse(text.strip());
        } catch (DateTimeParseException e) {
            throw new InvalidInput(field, Message.of("invoices.refused.issued-on"));
        }
    }

    private static <E extends Enum<E>> E parse(Class<E> type, String text, String field, String refusal) {
        if (blank(text)) {
            return null;
        }
        try {
            return Enum.valueOf(type, text.strip());
        } catch (IllegalArgumentException e) {
            throw new InvalidInput(field, Message.of(refusal));
        }
    }

    /** A form without its version was not loaded from a page of ours: refuse it rather than guess. */
    private static long requiredVersion(Long version) {
        if (version == null) {
            throw new InvalidInput("version", Message.of("quotes.refused.form-version"));
        }
        return version;
    }

    record Typed(List<LineInput> lines, Discount discount, Discount deposit, Integer days) {
    }

    /** What was typed into the page's action forms, shown again beside a refusal. */
    record ActionInput(String issuedOn, String amount, String method, String paidOn, String reference, String reason,
                       String refundsPaymentId) {
    }

    record ListRow(Invoice invoice, String client, String total, String balance) {
    }

    record LineRow(DocumentLine line, String unitPrice, String net, String tax) {
    }

    /** @param refunds what a refund says of the payment it refunds ({@code refundsPaymentId}), or null */
    record PaymentRow(String id, String paidOn, long amount, String amountText, String method, String reference,
                      String reason, boolean refund, String refundsPaymentId, String refunds) {
    }

    /** A payment a refund may refund, as the refund form's select offers it; {@code left}: what is left, plain. */
    record RefundOption(String id, String label, String left) {
    }

    /** An amount as shown, with its minor units for {@code data-amount}; label: a deduction's invoice number. */
    record Shown(String label, long amount, String text) {
    }

    /** What the invoice's owed comes to, besides its totals: deductions, credited, paid, balance, deposit due. */
    record Owed(List<Shown> deductions, Shown credited, Shown paid, Shown balance, Shown depositDue) {
    }

    record Event(String at, String who, String what) {
    }
}
