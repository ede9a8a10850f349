package org.fieldstone.portal.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.fieldstone.invoices.Invoice;
import org.fieldstone.invoices.InvoicePdfs;
import org.fieldstone.invoices.InvoiceStatus;
import org.fieldstone.invoices.Invoices;
import org.fieldstone.invoices.Payment;
import org.fieldstone.payments.CardPayments;
import org.fieldstone.portal.ShareLinks;
import org.fieldstone.portal.internal.PortalAccess;
import org.fieldstone.pricing.DocumentFigures;
import org.fieldstone.pricing.DocumentLine;
import org.fieldstone.pricing.Letterhead;
import org.fieldstone.pricing.Pricing;
import org.fieldstone.pricing.Totals;
import org.fieldstone.pricing.TotalsCalculator;
import org.fieldstone.quotes.Quote;
import org.fieldstone.quotes.QuotePdfs;
import org.fieldstone.quotes.QuoteStatus;
import org.fieldstone.quotes.Quotes;
import org.fieldstone.shared.Conflict;
import org.fieldstone.shared.DomainException;
import org.fieldstone.shared.InvalidInput;
import org.fieldstone.shared.Message;
import org.fieldstone.shared.Money;
import org.fieldstone.shared.NotFound;
import org.fieldstone.shared.VersionConflict;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseCookie;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.CookieValue;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The customer portal's pages ({@code /p/…}): phone-first, the company's name and logo, no dashboard navigation.
 * <ul>
 *   <li>{@code GET /p/<token>}: the landing page, one button; it never spends the link (mail scanners fetch links).</li>
 *   <li>{@code POST /p/<token>}: the button. The one exchange of a link for a portal session (cookie
 *       {@value PortalAccess#COOKIE}) scoped to its document, then a redirect to the document's address, which holds no
 *       token. Any later exchange, and any token that opens nothing, gets the same page offering a new link.</li>
 *   <li>{@code POST /p/<token>/new-link}: emails a new link to the address on file (never one typed here).</li>
 *   <li>{@code /p/quote/<id>} and {@code /p/invoice/<id>}: the session's own document (any other id: 404) and the
 *       customer's actions on it.</li>
 * </ul>
 */
@Controller
@RequestMapping("/p")
class PortalController {

    static final String TOKEN = "{token:[A-Za-z0-9]{24}}";

    private final PortalAccess access;
    private final Quotes quotes;
    private final Invoices invoices;
    private final Pricing pricing;
    private final ObjectProvider<CardPayments> cards;
    private final ObjectProvider<QuotePdfs> quotePdfs;
    private final ObjectProvider<InvoicePdfs> invoicePdfs;
    private final MessageSource messages;
    private final URI publicUrl;
    private final List<org.fieldstone.clients.ClientHistory> histories;
    private final org.fieldstone.jobs.Jobs jobs;
    private final org.fieldstone.tenancy.Companies companies;
    private final java.time.Clock clock;
    private final com.github.benmanes.caffeine.cache.Cache<String, io.github.bucket4j.Bucket> requests =
            com.github.benmanes.caffeine.cache.Caffeine.newBuilder().maximumSize(100_000)
                    .expireAfterAccess(Duration.ofHours(1)).build();

    PortalController(PortalAccess access, Quotes quotes, Invoices invoices, Pricing pricing,
                     ObjectProvider<CardPayments> cards, ObjectProvider<QuotePdfs> quotePdfs,
                     ObjectProvider<InvoicePdfs> invoicePdfs, MessageSource messages,
                     @Value("${fieldstone.public-url:https://localhost:${server.port:8443}}") String publicUrl,
                     List<org.fieldstone.clients.ClientHistory> histories, org.fieldstone.jobs.Jobs jobs,
                     org.fieldstone.tenancy.Companies companies, java.time.Clock clock) {
        this.clock = clock;
        this.histories = histories;
        this.jobs = jobs;
        this.companies = companies;
        this.access = access;
        this.quotes = quotes;
        this.invoices = invoices;
        this.pricing = pricing;
        this.cards = cards;
        this.quotePdfs = quotePdfs;
        this.invoicePdfs = invoicePdfs;
        this.messages = messages;
        this.publicUrl = URI.create(publicUrl.endsWith("/") ? publicUrl.substring(0, publicUrl.length() - 1) : publicUrl);
    }

    // ---- the link

    @GetMapping("/" + TOKEN)
    String landing(@PathVariable String token, HttpServletRequest request, HttpServletResponse response, Model model) {
        noStore(response);
        Optional<PortalAccess.Landing> landing = access.landing(token, request.getRemoteAddr(), request.getHeader("User-Agent"));
        if (landing.isEmpty()) {
            return closed(token, model);
        }
        model.addAttribute("token", token);
        model.addAttribute("landing", landing.get());
        model.addAttribute("companyName", landing.get().companyName());
        return "portal/landing";
    }

    @PostMapping("/" + TOKEN)
    String exchange(@PathVariable String token, HttpServletRequest request, HttpServletResponse response, Model model) {
        noStore(response);
        Optional<PortalAccess.Opened> opened = access.exchange(token, request.getRemoteAddr(), request.getHeader("User-Agent"));
        if (opened.isEmpty()) {
            return closed(token, model);
        }
        response.addHeader(HttpHeaders.SET_COOKIE, ResponseCookie.from(PortalAccess.COOKIE, opened.get().cookie())
                .path("/").secure(true).httpOnly(true).sameSite("Lax").maxAge(Duration.ofDays(7)).build().toString());
        return "redirect:/p/" + opened.get().kind().code() + "/" + opened.get().documentId();
    }

    /** The one page of every token that opens nothing: unknown, expired, revoked, replaced, spent. */
    private String closed(String token, Model model) {
        model.addAttribute("token", token);
        return "portal/closed";
    }

    @PostMapping("/" + TOKEN + "/new-link")
    String newLink(@PathVariable String token, HttpServletRequest request, HttpServletResponse response) {
        noStore(response);
        access.requestNewLink(token, request.getRemoteAddr(), request.getHeader("User-Agent"));
        return "portal/new-link";
    }

    @PostMapping("/leave")
    String leave(@CookieValue(name = PortalAccess.COOKIE, required = false) String cookie, HttpServletResponse response) {
        access.leave(cookie);
        response.addHeader(HttpHeaders.SET_COOKIE, ResponseCookie.from(PortalAccess.COOKIE, "").path("/").secure(true)
                .httpOnly(true).sameSite("Lax").maxAge(0).build().toString());
        return "portal/left";
    }

    // ---- the quote

    @GetMapping("/quote/{id}")
    String quote(@PathVariable String id, @CookieValue(name = PortalAccess.COOKIE, required = false) String cookie,
                 @RequestParam(required = false) String notice, HttpServletRequest request,
                 HttpServletResponse response, Model model) {
        PortalAccess.Visit visit = visit(cookie, request, ShareLinks.Kind.QUOTE, id);
        noStore(response);
        Quote quote = quotes.get(visit.actor(), id);
        if (!PortalAccess.current(visit, quote)) {
            return changed(visit, model);
        }
        model.addAttribute("notice", notice == null ? null : switch (notice) {
            case "approved", "declined", "changes", "paid", "cancelled" -> notice;
            default -> null;
        });
        return quotePage(visit, quote, defaultChoice(quote), model);
    }

    /** The figures for the items and options ticked, reckoned by the server's calculator (htmx, as they tick). */
    @PostMapping("/quote/{id}/totals")
    String quoteTotals(@PathVariable String id, @CookieValue(name = PortalAccess.COOKIE, required = false) String cookie,
                       HttpServletRequest request, Model model) {
        PortalAccess.Visit visit = visit(cookie, request, ShareLinks.Kind.QUOTE, id);
        Quote quote = quotes.get(visit.actor(), id);
        Set<String> chosen = chosen(quote, request);
        model.addAttribute("figures", figures(quote, chosen));
        model.addAttribute("totalsId", "quote-totals");
        return "money/totals :: totals";
    }

    @PostMapping("/quote/{id}/approve")
    String approve(@PathVariable String id, @CookieValue(name = PortalAccess.COOKIE, required = false) String cookie,
                   @RequestParam(defaultValue = "") String signatureName,
                   @RequestParam(defaultValue = "false") boolean acceptTerms,
                   @RequestParam(defaultValue = "") String revisionHash, HttpServletRequest request,
                   HttpServletResponse response, Model model) {
        PortalAccess.Visit visit = visit(cookie, request, ShareLinks.Kind.QUOTE, id);
        Quote quote = quotes.get(visit.actor(), id);
        if (!PortalAccess.current(visit, quote)) {
            return changed(visit, model);
        }
        Set<String> chosen = chosen(quote, request);
        try {
            if (!quote.revisionHash().equals(revisionHash)) {
                // the office changed the quote while the customer read it: approve only what was shown
                throw new Conflict(Message.of("portal.refused.quote-changed"));
            }
            InvalidInput.Collector errors = new InvalidInput.Collector();
            if (!acceptTerms) {
                errors.add("acceptTerms", Message.of("portal.refused.accept-terms"));
            }
            if (signatureName.isBlank()) {
                errors.add("signatureName", Message.of("quotes.refused.signature-required"));
            }
            errors.throwIfAny();
            quotes.approve(visit.actor(), id, quote.version(), signatureName, List.copyOf(chosen));
            return "redirect:/p/quote/" + id + "?notice=approved";
        } catch (InvalidInput e) {
            response.setStatus(e.pageStatus());
            model.addAttribute("errors", e.fieldErrors(messages));
            model.addAttribute("failedAction", "approve");
            model.addAttribute("signatureName", signatureName);
            return quotePage(visit, quote, chosen, model);
        } catch (Conflict | VersionConflict e) {
            response.setStatus(e.pageStatus());
            model.addAttribute("refusal", e.message(messages));
            return quotePage(visit, quotes.get(visit.actor(), id), chosen, model);
        }
    }

    @PostMapping("/quote/{id}/decline")
    String decline(@PathVariable String id, @CookieValue(name = PortalAccess.COOKIE, required = false) String cookie,
                   @RequestParam(defaultValue = "") String reason, HttpServletRequest request,
                   HttpServletResponse response, Model model) {
        return decide(id, cookie, request, response, model, "decline", reason,
                (visit, quote) -> quotes.decline(visit.actor(), id, quote.version(), reason), "declined");
    }

    @PostMapping("/quote/{id}/changes")
    String requestChanges(@PathVariable String id, @CookieValue(name = PortalAccess.COOKIE, required = false) String cookie,
                          @RequestParam(defaultValue = "") String message, HttpServletRequest request,
                          HttpServletResponse response, Model model) {
        if (message.isBlank()) {
            PortalAccess.Visit visit = visit(cookie, request, ShareLinks.Kind.QUOTE, id);
            Quote quote = quotes.get(visit.actor(), id);
            response.setStatus(400);
            model.addAttribute("errors", Map.of("message", messages.getMessage("portal.refused.changes-required", null,
                    LocaleContextHolder.getLocale())));
            model.addAttribute("failedAction", "changes");
            return quotePage(visit, quote, defaultChoice(quote), model);
        }
        return decide(id, cookie, request, response, model, "changes", message,
                (visit, quote) -> quotes.requestChanges(visit.actor(), id, quote.version(), message), "changes");
    }

    private interface Decision {
        void apply(PortalAccess.Visit visit, Quote quote);
    }

    private String decide(String id, String cookie, HttpServletRequest request, HttpServletResponse response,
                          Model model, String action, String text, Decision decision, String notice) {
        PortalAccess.Visit visit = visit(cookie, request, ShareLinks.Kind.QUOTE, id);
        Quote quote = quotes.get(visit.actor(), id);
        if (!PortalAccess.current(visit, quote)) {
            return changed(visit, model);
        }
        try {
            decision.apply(visit, quote);
            return "redirect:/p/quote/" + id + "?notice=" + notice;
        } catch (InvalidInput e) {
            response.setStatus(e.pageStatus());
            model.addAttribute("errors", e.fieldErrors(messages));
            model.addAttribute("failedAction", action);
            model.addAttribute(action.equals("decline") ? "reason" : "message", text);
            return quotePage(visit, quote, defaultChoice(quote), model);
        } catch (Conflict | VersionConflict e) {
            response.setStatus(e.pageStatus());
            model.addAttribute("refusal", e.message(messages));
            return quotePage(visit, quotes.get(visit.actor(), id), defaultChoice(quote), model);
        }
    }

    /** Pays the deposit of an approved quote on Stripe's hosted page. */
    @PostMapping("/quote/{id}/deposit")
    String payDeposit(@PathVariable String id, @CookieValue(name = PortalAccess.COOKIE, required = false) String cookie,
                      HttpServletRequest request, HttpServletResponse response, Model model) {
        PortalAccess.Visit visit = visit(cookie, request, ShareLinks.Kind.QUOTE, id);
        CardPayments payments = cards.getIfAvailable();
        Quote quote = quotes.get(visit.actor(), id);
        try {
            if (payments == null || !payments.accepting(visit.tenant())) {
                throw new Conflict(Message.of("portal.refused.payments-off"));
            }
            CardPayments.Checkout checkout = payments.checkoutDeposit(visit.actor(), id,
                    URI.create(publicUrl + "/p/quote/" + id + "?notice=paid"),
                    URI.create(publicUrl + "/p/quote/" + id + "?notice=cancelled"));
            return "redirect:" + checkout.url();
        } catch (Conflict e) {
            response.setStatus(e.pageStatus());
            model.addAttribute("refusal", e.message(messages));
            return quotePage(visit, quote, defaultChoice(quote), model);
        }
    }

    @GetMapping("/quote/{id}/pdf")
    ResponseEntity<byte[]> quotePdf(@PathVariable String id,
                                    @CookieValue(name = PortalAccess.COOKIE, required = false) String cookie,
                                    HttpServletRequest request) {
        PortalAccess.Visit visit = visit(cookie, request, ShareLinks.Kind.QUOTE, id);
        Quote quote = quotes.get(visit.actor(), id);
        if (!PortalAccess.current(visit, quote)) {
            throw notFound();
        }
        return pdf(quotePdfs.getObject().pdf(visit.actor(), id, null), "quote-" + quote.number() + ".pdf");
    }

    private String quotePage(PortalAccess.Visit visit, Quote quote, Set<String> chosen, Model model) {
        Locale locale = LocaleContextHolder.getLocale();
        common(visit, model, quote.clientId());
        model.addAttribute("quote", quote);
        boolean open = quote.status().isAwaitingResponse() && !quote.expired();
        model.addAttribute("open", open);
        Set<String> shown = quote.approval() != null ? Set.copyOf(quote.approval().chosenItemIds()) : chosen;
        Totals totals = open ? totals(quote, shown) : quote.totals();
        List<Row> rows = new ArrayList<>();
        for (DocumentLine l : quote.lines()) {
            Totals.Line t = totals.line(l.id()).orElseThrow();
            rows.add(new Row(l, Money.of(l.unitPrice(), quote.currency()).format(locale), t.net().format(locale),
                    !l.isChoice() || shown.contains(l.id())));
        }
        model.addAttribute("rows", rows);
        Map<String, List<Row>> groups = new LinkedHashMap<>();
        rows.stream().filter(r -> r.line().group() != null)
                .forEach(r -> groups.computeIfAbsent(r.line().group(), g -> new ArrayList<>()).add(r));
        model.addAttribute("groups", new ArrayList<>(groups.entrySet()));
        model.addAttribute("optionals", rows.stream().filter(r -> r.line().optional()).toList());
        model.addAttribute("fixed", rows.stream().filter(r -> !r.line().isChoice()).toList());
        model.addAttribute("figures", open ? figures(quote, shown) : DocumentFigures.of(quote.totals(), quote.depositDue(), locale));
        CardPayments payments = cards.getIfAvailable();
        Money depositPaid = Money.zero(quote.currency());
        if (quote.depositDue() != null && quote.depositDue().isPositive()) {
            for (Invoice d : invoices.depositsOfQuote(visit.actor(), quote.id())) {
                if (d.status() != InvoiceStatus.VOID && d.currency().equals(quote.currency())) {
                    depositPaid = depositPaid.plus(d.paid());
                }
            }
        }
        boolean depositLeft = quote.depositDue() != null && quote.depositDue().compareTo(depositPaid) > 0;
        model.addAttribute("depositPaidText", depositPaid.isPositive() ? depositPaid.format(locale) : null);
        model.addAttribute("canPayDeposit", quote.status() == QuoteStatus.APPROVED && depositLeft
                && payments != null && payments.accepting(visit.tenant()));
        model.addAttribute("approvedOnPortal", quote.approval() != null && "customer".equals(quote.approval().recordedBy()));
        if (!model.containsAttribute("errors")) {
            model.addAttribute("errors", Map.of());
            model.addAttribute("failedAction", "");
            model.addAttribute("signatureName", "");
        }
        if (!model.containsAttribute("reason")) {
            model.addAttribute("reason", "");
        }
        if (!model.containsAttribute("message")) {
            model.addAttribute("message", "");
        }
        return "portal/quote";
    }

    /** A line as the portal shows it: whether it is counted with the customer's current choice. */
    record Row(DocumentLine line, String unitPrice, String net, boolean chosen) {
    }

    /** The choice a quote opens with: what its figures count (the first option of each group, no optional item). */
    private static Set<String> defaultChoice(Quote quote) {
        Set<String> counted = quote.counted();
        Set<String> chosen = new LinkedHashSet<>();
        quote.lines().stream().filter(DocumentLine::isChoice).filter(l -> counted.contains(l.id()))
                .forEach(l -> chosen.add(l.id()));
        return chosen;
    }

    /** The optional items ticked ({@code chosenItemIds}) and the option of each group ({@code option-N}). */
    private static Set<String> chosen(Quote quote, HttpServletRequest request) {
        Set<String> chosen = new LinkedHashSet<>();
        String[] ticked = request.getParameterValues("chosenItemIds");
        if (ticked != null) {
            chosen.addAll(List.of(ticked));
        }
        request.getParameterMap().forEach((name, values) -> {
            if (name.startsWith("option-")) {
                chosen.addAll(List.of(values));
            }
        });
        Set<String> known = new LinkedHashSet<>();
        quote.lines().stream().filter(DocumentLine::isChoice).forEach(l -> known.add(l.id()));
        if (chosen.size() > known.size() + 8) {
            throw new InvalidInput("chosenItemIds", Message.of("portal.refused.choice"));
        }
        return chosen;
    }

    private static Totals totals(Quote quote, Set<String> chosen) {
        return TotalsCalculator.calculate(quote.currency(), quote.taxInclusive(), quote.lines().stream()
                .map(l -> l.priced(!l.isChoice() || chosen.contains(l.id()))).toList(), quote.discount());
    }

    private static DocumentFigures figures(Quote quote, Set<String> chosen) {
        Totals totals = totals(quote, chosen);
        Money deposit = quote.deposit() == null ? null : quote.deposit().of(totals.total());
        return DocumentFigures.of(totals, deposit, LocaleContextHolder.getLocale());
    }

    /** The quote was changed since its link was made: the link is replaced; a new one comes by email when it is sent. */
    private String changed(PortalAccess.Visit visit, Model model) {
        common(visit, model);
        return "portal/changed";
    }

    // ---- the invoice

    @GetMapping("/invoice/{id}")
    String invoice(@PathVariable String id, @CookieValue(name = PortalAccess.COOKIE, required = false) String cookie,
                   @RequestParam(required = false) String notice, HttpServletRequest request,
                   HttpServletResponse response, Model model) {
        PortalAccess.Visit visit = visit(cookie, request, ShareLinks.Kind.INVOICE, id);
        noStore(response);
        model.addAttribute("notice", "cancelled".equals(notice) ? notice : null);
        return invoicePage(visit, invoices.get(visit.actor(), id), model);
    }

    @PostMapping("/invoice/{id}/pay")
    String pay(@PathVariable String id, @CookieValue(name = PortalAccess.COOKIE, required = false) String cookie,
               HttpServletRequest request, HttpServletResponse response, Model model) {
        PortalAccess.Visit visit = visit(cookie, request, ShareLinks.Kind.INVOICE, id);
        CardPayments payments = cards.getIfAvailable();
        try {
            if (payments == null || !payments.accepting(visit.tenant())) {
                throw new Conflict(Message.of("portal.refused.payments-off"));
            }
            CardPayments.Checkout checkout = payments.checkoutInvoice(visit.actor(), id,
                    URI.create(publicUrl + "/p/invoice/" + id + "/paid"),
                    URI.create(publicUrl + "/p/invoice/" + id + "?notice=cancelled"));
            return "redirect:" + checkout.url();
        } catch (Conflict e) {
            response.setStatus(e.pageStatus());
            model.addAttribute("refusal", e.message(messages));
            return invoicePage(visit, invoices.get(visit.actor(), id), model);
        }
    }

    /** Back from Stripe: "processing" until the signed webhook records the payment (the page looks again itself). */
    @GetMapping("/invoice/{id}/paid")
    String paid(@PathVariable String id, @CookieValue(name = PortalAccess.COOKIE, required = false) String cookie,
                HttpServletRequest request, HttpServletResponse response, Model model) {
        PortalAccess.Visit visit = visit(cookie, request, ShareLinks.Kind.INVOICE, id);
        noStore(response);
        Invoice invoice = invoices.get(visit.actor(), id);
        common(visit, model);
        model.addAttribute("invoice", invoice);
        model.addAttribute("settled", invoice.status() == InvoiceStatus.PAID);
        model.addAttribute("balanceText", invoice.balance().format(LocaleContextHolder.getLocale()));
        return "true".equals(request.getHeader("HX-Request")) ? "portal/paid :: status" : "portal/paid";
    }

    @GetMapping("/invoice/{id}/pdf")
    ResponseEntity<byte[]> invoicePdf(@PathVariable String id,
                                      @CookieValue(name = PortalAccess.COOKIE, required = false) String cookie,
                                      HttpServletRequest request) {
        PortalAccess.Visit visit = visit(cookie, request, ShareLinks.Kind.INVOICE, id);
        Invoice invoice = invoices.get(visit.actor(), id);
        return pdf(invoicePdfs.getObject().pdf(visit.actor(), id, null), "invoice-" + invoice.number() + ".pdf");
    }

    private String invoicePage(PortalAccess.Visit visit, Invoice invoice, Model model) {
        Locale locale = LocaleContextHolder.getLocale();
        common(visit, model, invoice.clientId());
        model.addAttribute("invoice", invoice);
        List<Row> rows = new ArrayList<>();
        for (DocumentLine l : invoice.lines()) {
            Totals.Line t = invoice.totals().line(l.id()).orElseThrow();
            rows.add(new Row(l, Money.of(l.unitPrice(), invoice.currency()).format(locale), t.net().format(locale), true));
        }
        model.addAttribute("rows", rows);
        model.addAttribute("figures", DocumentFigures.of(invoice.totals(), null, locale));
        List<Payment> payments = invoices.payments(visit.actor(), invoice.id());
        model.addAttribute("payments", payments.stream().map(p -> new PaymentRow(p.paidOn().toString(),
                p.amount().format(locale), p.isRefund(), p.method().name())).toList());
        model.addAttribute("paidText", invoice.paid().format(locale));
        model.addAttribute("balanceText", invoice.balance().max(Money.zero(invoice.currency())).format(locale));
        model.addAttribute("dueOn", invoice.dueOn() == null ? null : invoice.dueOn().toString());
        CardPayments cardPayments = cards.getIfAvailable();
        model.addAttribute("canPay", invoice.status().isOpen() && invoice.balance().isPositive()
                && cardPayments != null && cardPayments.accepting(visit.tenant()));
        model.addAttribute("paymentsOff", invoice.status().isOpen() && invoice.balance().isPositive()
                && (cardPayments == null || !cardPayments.accepting(visit.tenant())));
        return "portal/invoice";
    }

    record PaymentRow(String paidOn, String amount, boolean refund, String method) {
    }

    // ---- the client's other business: upcoming visits, new work

    /** A visit the customer can expect: its day and what it is for. */
    record UpcomingVisit(String day, String title) {
    }

    /** The client's visits from today on, soonest first (at most five), as the jobs module lists them. */
    private List<UpcomingVisit> upcoming(PortalAccess.Visit visit, String clientId) {
        org.fieldstone.shared.Actor reader = org.fieldstone.shared.Actor.system(visit.tenant(),
                org.fieldstone.shared.Channel.PORTAL);
        java.time.ZoneId zone = companies.timeZone(visit.tenant());
        java.time.LocalDate today = java.time.LocalDate.now(clock.withZone(zone));
        List<UpcomingVisit> found = new ArrayList<>();
        for (org.fieldstone.clients.ClientHistory h : histories) {
            for (org.fieldstone.clients.ClientHistory.Section section : h.sections(reader, clientId, 20, zone,
                    LocaleContextHolder.getLocale())) {
                if (!section.id().equals("client-visits")) {
                    continue;
                }
                section.rows().stream().filter(r -> r.date() != null && !r.date().isBefore(today))
                        .filter(r -> r.status() == null || !Set.of("completed", "cancelled", "done").contains(r.status()))
                        .sorted(java.util.Comparator.comparing(org.fieldstone.clients.ClientHistory.Row::date))
                        .limit(5).forEach(r -> found.add(new UpcomingVisit(r.date().toString(), r.title())));
            }
        }
        return found;
    }

    /**
     * "Need something else done?": the customer's request becomes a job (unscheduled) for the office to plan, tagged
     * {@code portal}, for the document's client and property; at most three an hour per link.
     */
    @PostMapping("/{kind:quote|invoice}/{id}/request")
    String requestWork(@PathVariable String kind, @PathVariable String id,
                       @CookieValue(name = PortalAccess.COOKIE, required = false) String cookie,
                       @RequestParam(defaultValue = "") String work, HttpServletRequest request,
                       HttpServletResponse response, Model model) {
        ShareLinks.Kind k = ShareLinks.Kind.valueOf(kind.toUpperCase(Locale.ROOT));
        PortalAccess.Visit visit = visit(cookie, request, k, id);
        String clientId;
        String propertyId;
        if (k == ShareLinks.Kind.QUOTE) {
            Quote q = quotes.get(visit.actor(), id);
            clientId = q.clientId();
            propertyId = q.propertyId();
        } else {
            Invoice i = invoices.get(visit.actor(), id);
            clientId = i.clientId();
            propertyId = i.propertyId();
        }
        String text = work.strip();
        String error = null;
        if (text.isEmpty()) {
            error = "portal.refused.work-required";
        } else if (text.length() > 2000 || text.chars().anyMatch(c -> Character.isISOControl(c) && c != '\n' && c != '\r')) {
            error = "portal.refused.work-too-long";
        } else if (!requests.get(visit.linkId(), l -> io.github.bucket4j.Bucket.builder().addLimit(
                io.github.bucket4j.Bandwidth.builder().capacity(3).refillGreedy(3, Duration.ofHours(1)).build()).build())
                .tryConsume(1)) {
            error = "portal.refused.work-throttled";
        }
        if (error == null) {
            try {
                org.fieldstone.shared.Actor customer = visit.actor().withPermissions(java.util.EnumSet.of(
                        org.fieldstone.shared.Permission.CLIENTS_READ, org.fieldstone.shared.Permission.JOBS_READ,
                        org.fieldstone.shared.Permission.JOBS_WRITE));
                String title = messages.getMessage("portal.request.title", null, LocaleContextHolder.getLocale());
                jobs.create(customer, new org.fieldstone.jobs.NewJob(clientId, propertyId, title, text, null,
                        List.of("portal"), List.of(), null, List.of(), null, List.of(), null, null));
                model.addAttribute("notice", "requested");
            } catch (InvalidInput | Conflict e) {
                error = "portal.refused.work-not-possible";
            }
        }
        if (error != null) {
            response.setStatus(error.endsWith("throttled") ? 429 : 400);
            model.addAttribute("errors", Map.of("work", messages.getMessage(error, null, LocaleContextHolder.getLocale())));
            model.addAttribute("work", work);
            model.addAttribute("failedAction", "request");
        }
        return k == ShareLinks.Kind.QUOTE ? quotePage(visit, quotes.get(visit.actor(), id),
                defaultChoice(quotes.get(visit.actor(), id)), model) : invoicePage(visit, invoices.get(visit.actor(), id), model);
    }

    // ---- shared

    /** The visit of a live session that opens this very document; anything else is not found. */
    private PortalAccess.Visit visit(String cookie, HttpServletRequest request, ShareLinks.Kind kind, String id) {
        return access.visit(cookie, request.getRemoteAddr(), request.getHeader("User-Agent"))
                .filter(v -> v.opens(kind, id)).orElseThrow(PortalController::notFound);
    }

    private void common(PortalAccess.Visit visit, Model model) {
        common(visit, model, null);
    }

    /** The company's name and logo, and — given the document's client — the client's upcoming visits. */
    private void common(PortalAccess.Visit visit, Model model, String clientId) {
        model.addAttribute("companyName", visit.companyName());
        if (clientId != null) {
            model.addAttribute("upcoming", upcoming(visit, clientId));
            model.addAttribute("requestPath", "/p/" + visit.kind().code() + "/" + visit.documentId() + "/request");
        }
        Letterhead letterhead = null;
        try {
            letterhead = pricing.letterhead(visit.actor());
        } catch (DomainException e) {
            // no letterhead to read: the company's name alone
        }
        model.addAttribute("logo", letterhead == null ? null : letterhead.logoDataUri());
    }

    private static ResponseEntity<byte[]> pdf(byte[] bytes, String name) {
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_PDF)
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment().filename(name).build().toString())
                .header(HttpHeaders.CACHE_CONTROL, "no-store").body(bytes);
    }

    private static void noStore(HttpServletResponse response) {
        response.setHeader(HttpHeaders.CACHE_CONTROL, "no-store");
    }

    private static NotFound notFound() {
        return new NotFound(Message.of("portal.thing.document"));
    }
}
