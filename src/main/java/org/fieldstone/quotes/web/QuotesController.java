package org.fieldstone.quotes.web;

import static org.fieldstone.shared.web.FormText.blank;
import static org.fieldstone.shared.web.FormText.blankToNull;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.fieldstone.audit.AuditEntry;
import org.fieldstone.clients.Clients;
import org.fieldstone.clients.Property;
import org.fieldstone.pricing.Discount;
import org.fieldstone.pricing.DocumentLine;
import org.fieldstone.pricing.LineInput;
import org.fieldstone.pricing.DocumentTimeline;
import org.fieldstone.pricing.Pricing;
import org.fieldstone.pricing.TaxRate;
import org.fieldstone.pricing.Totals;
import org.fieldstone.pricing.TypedLine;
import org.fieldstone.pricing.DocumentFigures;
import org.fieldstone.quotes.NewQuote;
import org.fieldstone.quotes.Quote;
import org.fieldstone.quotes.QuoteChanges;
import org.fieldstone.quotes.QuoteQuery;
import org.fieldstone.quotes.QuoteStatus;
import org.fieldstone.quotes.Quotes;
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
 * The quotes pages of the dashboard: the list (status, expired, search; each quote's total), the editor (lines typed
 * in the currency's major unit; live totals through htmx from {@link Quotes#preview}), and the quote page with its
 * figures, timeline and lifecycle: send, and — office staff on the customer's behalf — record approval (typed
 * signature, the terms beside it, the optional items and options chosen), decline or changes requested. Every figure
 * shown is one of {@link Quote#totals()}, formatted; a template never adds up. Forms post to their own page's address,
 * so a refusal is shown there (400 beside the field, 409 with its reason) and a success redirects.
 */
@Controller
@RequestMapping("/c/{slug}/quotes")
class QuotesController {

    static final int PAGE_SIZE = 25;
    private static final int CHOICES = 200;
    private static final int TIMELINE = 50;
    private static final Set<String> NOTICES = Set.of("created", "updated", "sent", "approved", "declined",
            "changesRequested", "deleted");
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("EEE yyyy-MM-dd HH:mm");

    private final Quotes quotes;
    private final Pricing pricing;
    private final Clients clients;
    private final Companies companies;
    private final MessageSource messages;

    private final List<DocumentTimeline> timelines;
    private final List<org.fieldstone.pricing.DocumentPanel> panels;
    private final List<org.fieldstone.quotes.QuoteDeposits> deposits;

    QuotesController(Quotes quotes, Pricing pricing, Clients clients, Companies companies, MessageSource messages,
                     List<DocumentTimeline> timelines, List<org.fieldstone.quotes.QuoteDeposits> deposits,
                     List<org.fieldstone.pricing.DocumentPanel> panels) {
        this.timelines = timelines;
        this.deposits = deposits;
        this.panels = panels;
        this.quotes = quotes;
        this.pricing = pricing;
        this.clients = clients;
        this.companies = companies;
        this.messages = messages;
    }

    @GetMapping
    String list(Actor actor, @RequestParam(required = false) String status, @RequestParam(required = false) String expired,
                @RequestParam(required = false) String q, @RequestParam(required = false) String notice,
                @RequestParam(required = false) String client, @RequestParam(defaultValue = "0") int page, Model model) {
        QuoteStatus s = status(status);
        Boolean exp = "yes".equals(expired) ? Boolean.TRUE : "no".equals(expired) ? Boolean.FALSE : null;
        org.fieldstone.clients.Client clientFilter = blank(client) ? null : clients.get(actor, client.strip());
        Page<Quote> found = quotes.list(actor, new QuoteQuery(s, exp, clientFilter == null ? null : clientFilter.id(),
                blankToNull(q)), Page.request(page, PAGE_SIZE));
        model.addAttribute("clientFilter", clientFilter);
        Map<String, String> names = new LinkedHashMap<>();
        Locale locale = LocaleContextHolder.getLocale();
        List<ListRow> rows = found.items().stream().map(quote -> new ListRow(quote,
                names.computeIfAbsent(quote.clientId(), id -> clientName(actor, id)),
                quote.totals().total().format(locale))).toList();
        if ("deleted".equals(notice)) {
            model.addAttribute("notice", "quotes.notice.deleted");
        }
        model.addAttribute("quotes", found);
        model.addAttribute("rows", rows);
        model.addAttribute("status", s == null ? "" : s.name());
        model.addAttribute("expired", exp == null ? "" : exp ? "yes" : "no");
        model.addAttribute("q", q == null ? "" : q);
        model.addAttribute("statuses", QuoteStatus.values());
        model.addAttribute("canWrite", canWrite(actor));
        return "quotes/list";
    }

    /** The editor for a new quote; {@code clientId} and {@code propertyId} come filled in from My day's visit. */
    @GetMapping("/new")
    String newForm(Actor actor, @RequestParam(required = false) String clientId,
                   @RequestParam(required = false) String propertyId, Model model) {
        pricing.withMoneyPolicy(actor).require(Permission.QUOTES_WRITE);
        List<TypedLine> rows = new ArrayList<>(List.of(TypedLine.empty()));
        // from the client's page or My day: the client and its property (its only one, unless named); an id the
        // actor does not see (another company's, unknown) is left out
        var client = clients.find(actor, clientId);
        QuoteForm form = QuoteForm.empty();
        if (client.isPresent()) {
            List<Property> properties = propertiesOf(actor, client.get().id());
            String property = !blank(propertyId) ? propertyId
                    : properties.size() == 1 ? properties.getFirst().id() : "";
            form = form.withClient(client.get().id(), property);
        }
        return form(actor, model, form, rows, Map.of(), null, false);
    }

    /** The property select of the chosen client (htmx, when the client select changes). */
    @GetMapping("/properties")
    String properties(Actor actor, @RequestParam(defaultValue = "") String clientId, Model model) {
        model.addAttribute("properties", propertiesOf(actor, clientId));
        model.addAttribute("form", QuoteForm.empty());
        model.addAttribute("errors", Map.of());
        return "quotes/form :: property-select";
    }

    @PostMapping("/new")
    String create(Actor actor, @ModelAttribute("form") QuoteForm form, @RequestParam(required = false) String clientQuery,
                  HttpServletRequest request, Model model, HttpServletResponse response) {
        if (blank(form.clientId())) {
            form = form.withClient(clients.picked(actor, form.clientId(), clientQuery), form.propertyId());
        }
        pricing.withMoneyPolicy(actor).require(Permission.QUOTES_WRITE);
        String currency = pricing.settings(actor).currency();
        List<TypedLine> rows = TypedLine.from(request);
        try {
            Typed typed = typed(actor, form, rows, currency, List.of());
            Quote quote = quotes.create(actor, new NewQuote(form.clientId(), form.propertyId(), form.title(),
                    typed.lines(), typed.discount(), typed.deposit(), form.terms(), form.notes(), form.expiresOn()));
            return "redirect:/c/{slug}/quotes/" + quote.id() + "?notice=created";
        } catch (InvalidInput e) {
            response.setStatus(e.pageStatus());
            return form(actor, model, form, withEmpty(rows), e.fieldErrors(messages), null, false);
        }
    }

    /**
     * The editor's live totals (htmx, as lines are typed): the figures {@link Quotes#preview} reckons for the rows
     * that can be read, formatted like the quote page's.
     */
    @PostMapping("/totals")
    String totals(Actor actor, @ModelAttribute("form") QuoteForm form, @RequestParam(required = false) String quoteId,
                  HttpServletRequest request, Model model) {
        String id = blankToNull(quoteId);
        String currency = id == null ? pricing.settings(actor).currency() : quotes.get(actor, id).currency();
        model.addAttribute("figures", preview(actor, id, form, TypedLine.from(request), currency));
        return "money/totals :: totals";
    }

    @GetMapping("/{id}")
    String show(Actor actor, @PathVariable String id, @RequestParam(required = false) String notice, Model model) {
        if (notice != null && NOTICES.contains(notice)) {
            model.addAttribute("notice", "quotes.notice." + notice);
        }
        return page(actor, quotes.get(actor, id), model);
    }

    @GetMapping("/{id}/edit")
    String editForm(Actor actor, @PathVariable String id, Model model) {
        pricing.withMoneyPolicy(actor).require(Permission.QUOTES_WRITE);
        Quote quote = quotes.get(actor, id);
        List<TypedLine> rows = new ArrayList<>(quote.lines().stream().map(l -> TypedLine.of(l, quote.currency())).toList());
        rows.add(TypedLine.empty());
        return form(actor, model, QuoteForm.of(quote), rows, Map.of(), quote, false);
    }

    /**
     * Saves the editor if the quote is still at the version it was loaded at (a sent quote becomes its next revision);
     * otherwise nothing is saved and the editor comes back (409) with what was typed, at the new version.
     */
    @PostMapping("/{id}/edit")
    String update(Actor actor, @PathVariable String id, @ModelAttribute("form") QuoteForm form,
                  HttpServletRequest request, Model model, HttpServletResponse response) {
        pricing.withMoneyPolicy(actor).require(Permission.QUOTES_WRITE);
        Quote current = quotes.get(actor, id);
        List<TypedLine> rows = TypedLine.from(request);
        try {
            Typed typed = typed(actor, form, rows, current.currency(), current.lines());
            quotes.update(actor, id, requiredVersion(form.version()), new QuoteChanges(Change.to(form.propertyId()),
                    Change.to(form.title()), Change.to(typed.lines()), Change.to(typed.discount()),
                    Change.to(typed.deposit()), Change.to(form.terms()), Change.to(form.notes()),
                    Change.to(form.expiresOn())));
            return "redirect:/c/{slug}/quotes/" + id + "?notice=updated";
        } catch (InvalidInput e) {
            response.setStatus(e.pageStatus());
            return form(actor, model, form, withEmpty(rows), e.fieldErrors(messages), current, false);
        } catch (VersionConflict e) {
            response.setStatus(e.pageStatus());
            Quote now = quotes.get(actor, id);
            return form(actor, model, form.atVersion(now.version()), withEmpty(rows), Map.of(), now, true);
        } catch (Conflict e) {
            response.setStatus(e.pageStatus());
            model.addAttribute("refusal", e.message(messages));
            return page(actor, current, model);
        }
    }

    /**
     * A step of the quote's lifecycle, posted to the quote's own address: {@code send}, {@code approve} (signature,
     * {@code chosenItemIds} for optional items, {@code option-N} for the option of group N), {@code decline}
     * ({@code reason}), {@code request-changes} ({@code message}) or {@code delete} (a draft never sent).
     */
    @PostMapping("/{id}")
    String act(Actor actor, @PathVariable String id, @RequestParam String action,
               @RequestParam(required = false) Long version, @RequestParam(defaultValue = "") String signatureName,
               @RequestParam(defaultValue = "") String reason, @RequestParam(defaultValue = "") String message,
               @RequestParam(required = false) List<String> chosenItemIds, HttpServletRequest request, Model model,
               HttpServletResponse response) {
        pricing.withMoneyPolicy(actor).require(Permission.QUOTES_WRITE);
        List<String> chosen = new ArrayList<>(chosenItemIds == null ? List.of() : chosenItemIds);
        request.getParameterMap().forEach((name, values) -> {
            if (name.startsWith("option-")) {
                chosen.addAll(List.of(values));
            }
        });
        try {
            long v = requiredVersion(version);
            String notice = switch (action) {
                case "send" -> {
                    quotes.send(actor, id, v);
                    yield "sent";
                }
                case "approve" -> {
                    quotes.approve(actor, id, v, signatureName, chosen);
                    yield "approved";
                }
                case "decline" -> {
                    quotes.decline(actor, id, v, reason);
                    yield "declined";
                }
                case "request-changes" -> {
                    quotes.requestChanges(actor, id, v, message);
                    yield "changesRequested";
                }
                case "delete" -> {
                    quotes.delete(actor, id, v);
                    yield null;
                }
                default -> throw new NotFound(Message.of("quotes.thing.action"));
            };
            return notice == null ? "redirect:/c/{slug}/quotes?notice=deleted"
                    : "redirect:/c/{slug}/quotes/" + id + "?notice=" + notice;
        } catch (InvalidInput e) {
            response.setStatus(e.pageStatus());
            model.addAttribute("actionErrors", e.fieldErrors(messages));
            model.addAttribute("failedAction", action);
            model.addAttribute("signatureName", signatureName);
            model.addAttribute("chosen", chosen);
            model.addAttribute("reason", reason);
            model.addAttribute("message", message);
            return page(actor, quotes.get(actor, id), model);
        } catch (Conflict e) {
            response.setStatus(e.pageStatus());
            model.addAttribute("refusal", e.message(messages));
            return page(actor, quotes.get(actor, id), model);
        } catch (VersionConflict e) {
            response.setStatus(e.pageStatus());
            model.addAttribute("staleAction", true);
            return page(actor, quotes.get(actor, id), model);
        }
    }

    // ---- pages

    private String form(Actor actor, Model model, QuoteForm form, List<TypedLine> rows, Map<String, String> errors,
                        Quote quote, boolean conflict) {
        model.addAttribute("form", form);
        model.addAttribute("rows", rows);
        model.addAttribute("quote", quote);
        model.addAttribute("errors", errors);
        model.addAttribute("conflict", conflict);
        if (quote == null) {
            model.addAttribute("pickedClient", clients.find(actor, form.clientId()).orElse(null));
        } else {
            model.addAttribute("client", clientName(actor, quote.clientId()));
        }
        model.addAttribute("properties", propertiesOf(actor, quote == null ? form.clientId() : quote.clientId()));
        model.addAttribute("products", pricing.products(actor, "", false, Page.request(0, CHOICES)).items());
        model.addAttribute("defaultTaxRateId", pricing.defaultTaxRate(actor).map(TaxRate::id).orElse(null));
        model.addAttribute("taxRates", pricing.taxRates(actor).stream().filter(r -> !r.archived()
                || (quote != null && quote.lines().stream().anyMatch(l -> l.tax() != null && l.tax().taxRateId().equals(r.id()))))
                .toList());
        String currency = quote == null ? pricing.settings(actor).currency() : quote.currency();
        model.addAttribute("currency", currency);
        model.addAttribute("figures", preview(actor, quote == null ? null : quote.id(), form, rows, currency));
        return "quotes/form";
    }

    /** The quote page; what a refused action left (messages, text as typed) is already in the model. */
    private String page(Actor actor, Quote quote, Model model) {
        Locale locale = LocaleContextHolder.getLocale();
        ZoneId zone = companies.timeZone(actor.tenant());
        model.addAttribute("quote", quote);
        model.addAttribute("client", clientName(actor, quote.clientId()));
        model.addAttribute("address", address(actor, quote));
        model.addAttribute("figures", DocumentFigures.of(quote.totals(), quote.depositDue(), locale));
        model.addAttribute("deposits", deposits.stream().flatMap(d -> d.of(actor, quote.id()).stream())
                .map(d -> new DepositRow(d.invoiceId(), d.number(), d.status(), d.total().format(locale),
                        d.paid().format(locale), d.paid().isPositive())).toList());
        List<LineRow> lines = new ArrayList<>();
        for (DocumentLine l : quote.lines()) {
            Totals.Line t = quote.totals().line(l.id()).orElseThrow();
            lines.add(new LineRow(l, Money.of(l.unitPrice(), quote.currency()).format(locale), t.net().format(locale),
                    t.counted(), l.tax() == null ? "" : l.tax().name() + " " + l.tax().percent().stripTrailingZeros().toPlainString() + " %"));
        }
        model.addAttribute("lines", lines);
        Map<String, List<LineRow>> groups = new LinkedHashMap<>();
        lines.stream().filter(r -> r.line().group() != null).forEach(r -> groups.computeIfAbsent(r.line().group(),
                g -> new ArrayList<>()).add(r));
        model.addAttribute("groups", new ArrayList<>(groups.entrySet()));
        model.addAttribute("optionals", lines.stream().filter(r -> r.line().optional()).toList());
        List<DocumentTimeline.Entry> own = quotes.history(actor, quote.id(), TIMELINE).stream()
                .map(e -> new DocumentTimeline.Entry(e.at(), e.actorName(), label(e))).toList();
        model.addAttribute("panels", org.fieldstone.pricing.DocumentPanel.sections(panels, actor,
                DocumentTimeline.Document.QUOTE, quote.id()));
        model.addAttribute("timeline", DocumentTimeline.merged(timelines, own, actor, DocumentTimeline.Document.QUOTE,
                        quote.id()).stream()
                .map(e -> new Event(WHEN.format(e.at().atZone(zone)), e.who(), e.what().resolve(messages))).toList());
        if (quote.approval() != null) {
            model.addAttribute("approvedAt", WHEN.format(quote.approval().approvedAt().atZone(zone)));
        }
        model.addAttribute("decidedAt", quote.decidedAt() == null ? null : WHEN.format(quote.decidedAt().atZone(zone)));
        model.addAttribute("canWrite", canWrite(actor));
        if (!model.containsAttribute("actionErrors")) {
            model.addAttribute("actionErrors", Map.of());
            model.addAttribute("failedAction", "");
            model.addAttribute("signatureName", "");
            model.addAttribute("chosen", List.of());
            model.addAttribute("reason", "");
            model.addAttribute("message", "");
        }
        return "quotes/quote";
    }

    // ---- helpers

    /** The lines, discount and deposit as typed; every line's problem at once, with the others of the form. */
    private Typed typed(Actor actor, QuoteForm form, List<TypedLine> rows, String currency, List<DocumentLine> current) {
        InvalidInput.Collector errors = new InvalidInput.Collector();
        List<LineInput> lines = new ArrayList<>();
        for (int i = 0; i < rows.size(); i++) {
            lines.add(rows.get(i).input(i, currency, errors));
        }
        Discount discount = errors.check(() -> form.discount(currency));
        Discount deposit = errors.check(() -> form.deposit(currency));
        if (!errors.isEmpty()) {
            // what could not be read is refused here; the checks of the lines that could still speak for them
            pricing.lines(actor, lines, current, errors);
            if (blank(form.title())) {
                errors.add("title", Message.of("quotes.refused.title-required"));
            }
            errors.throwIfAny();
        }
        return new Typed(lines, discount, deposit);
    }

    /** The figures of the rows as typed (those that cannot be read left out), as {@link Quotes#preview} reckons them. */
    private DocumentFigures preview(Actor actor, String quoteId, QuoteForm form, List<TypedLine> rows, String currency) {
        InvalidInput.Collector ignored = new InvalidInput.Collector();
        List<LineInput> lines = new ArrayList<>();
        for (int i = 0; i < rows.size(); i++) {
            if (!rows.get(i).isEmpty()) {
                lines.add(rows.get(i).input(i, currency, ignored));
            }
        }
        Discount discount = ignored.check(() -> form.discount(currency));
        return DocumentFigures.of(quotes.preview(actor, quoteId, lines, discount), null, LocaleContextHolder.getLocale());
    }

    private static List<TypedLine> withEmpty(List<TypedLine> rows) {
        List<TypedLine> all = new ArrayList<>(rows);
        all.add(TypedLine.empty());
        return all;
    }

    private boolean canWrite(Actor actor) {
        return pricing.withMoneyPolicy(actor).can(Permission.QUOTES_WRITE);
    }

    private static Message label(AuditEntry e) {
        String code = switch (e.action()) {
            case "quote.created" -> "quotes.timeline.created";
            case "quote.updated" -> "quotes.timeline.updated";
            case "quote.revised" -> "quotes.timeline.revised";
            case "quote.sent" -> "quotes.timeline.sent";
            case "quote.approved" -> "quotes.timeline.approved";
            case "quote.declined" -> "quotes.timeline.declined";
            case "quote.changes_requested" -> "quotes.timeline.changes-requested";
            case "quote.converted" -> "quotes.timeline.converted";
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

    private String address(Actor actor, Quote quote) {
        try {
            Property p = clients.property(actor, quote.clientId(), quote.propertyId());
            List<String> parts = new ArrayList<>();
            for (String s : new String[] {p.label(), p.street(), ((p.postalCode() == null ? "" : p.postalCode()) + " "
                    + (p.city() == null ? "" : p.city())).strip()}) {
                if (s != null && !s.isBlank()) {
                    parts.add(s);
                }
            }
            return String.join(", ", parts);
        } catch (NotFound e) {
            return "—";
        }
    }

    private static QuoteStatus status(String text) {
        if (blank(text)) {
            return null;
        }
        try {
            return QuoteStatus.valueOf(text.strip());
        } catch (IllegalArgumentException e) {
            throw new InvalidInput("status", Message.of("quotes.refused.status-filter"));
        }
    }

    /** A form without its version was not loaded from a page of ours: refuse it rather than guess. */
    private static long requiredVersion(Long version) {
        if (version == null) {
            throw new InvalidInput("version", Message.of("quotes.refused.form-version"));
        }
        return version;
    }

    record Typed(List<LineInput> lines, Discount discount, Discount deposit) {
    }

    record ListRow(Quote quote, String client, String total) {
    }

    /** A line of the quote page: its figures formatted, whether the totals count it and its tax as kept. */
    record LineRow(DocumentLine line, String unitPrice, String net, boolean counted, String tax) {
    }

    record Event(String at, String who, String what) {
    }


    /** A deposit invoice of the quote as its page lists it. */
    record DepositRow(String invoiceId, String number, String status, String total, String paid, boolean isPaid) {
    }
}
