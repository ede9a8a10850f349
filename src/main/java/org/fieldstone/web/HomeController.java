package org.fieldstone.web;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.fieldstone.clients.Client;
import org.fieldstone.clients.Clients;
import org.fieldstone.invoices.Invoice;
import org.fieldstone.invoices.InvoiceQuery;
import org.fieldstone.invoices.Invoices;
import org.fieldstone.jobs.Job;
import org.fieldstone.jobs.JobQuery;
import org.fieldstone.jobs.Jobs;
import org.fieldstone.jobs.Scheduled;
import org.fieldstone.jobs.VisitCalendar;
import org.fieldstone.jobs.VisitStatus;
import org.fieldstone.quotes.Quote;
import org.fieldstone.quotes.QuoteQuery;
import org.fieldstone.quotes.QuoteStatus;
import org.fieldstone.quotes.Quotes;
import org.fieldstone.shared.Actor;
import org.fieldstone.shared.Money;
import org.fieldstone.shared.Page;
import org.fieldstone.shared.Permission;
import org.fieldstone.shared.Role;
import org.fieldstone.tenancy.Companies;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The front door ("which company?") and a company's home page: today at a glance. Each card is a short list of the
 * records themselves (number, title, client, time or amount; each linked) — the first {@value #FIRST_FEW}, then "and
 * N more" linking the filtered list — beside its count, because a lone number says there is work but not which.
 */
@Controller
class HomeController {

    static final int FIRST_FEW = 5;
    /** How far ahead a person's next visit is looked for. */
    private static final int NEXT_VISIT_DAYS = 14;
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm");

    private final Companies companies;
    private final Jobs jobs;
    private final VisitCalendar calendar;
    private final Quotes quotes;
    private final Invoices invoices;
    private final Clients clients;
    private final Clock clock;
    private final org.fieldstone.inventory.Inventory inventory;

    HomeController(Companies companies, Jobs jobs, VisitCalendar calendar, Quotes quotes, Invoices invoices,
                   Clients clients, Clock clock, org.fieldstone.inventory.Inventory inventory) {
        this.inventory = inventory;
        this.companies = companies;
        this.jobs = jobs;
        this.calendar = calendar;
        this.quotes = quotes;
        this.invoices = invoices;
        this.clients = clients;
        this.clock = clock;
    }

    /** One record on a card: a link (under the context path) with its number, its title, its client, a time or amount. */
    record Row(String href, String number, String title, String client, String when, String amount) {
    }

    /** A card's records: the first few, how many there are in all, and where the full list is. */
    record Card(List<Row> rows, long total, String listHref) {

        /** How many are not shown ("and N more"). */
        public long more() {
            return Math.max(0, total - rows.size());
        }
    }

    /** The signed-in person's next open visit: when, the job, the client, the address. */
    record NextVisit(String when, boolean today, String jobHref, String number, String title, String client,
                     String address) {
    }

    @GetMapping("/")
    String index() {
        return "index";
    }

    /** Goes to a company's login page; an unknown address is said so without listing any companies. */
    @PostMapping("/")
    String chooseCompany(@RequestParam(defaultValue = "") String company, Model model) {
        String slug = company.strip().toLowerCase(Locale.ROOT);
        if (companies.findBySlug(slug).filter(c -> c.isActive()).isPresent()) {
            return "redirect:/c/" + slug + "/login";
        }
        model.addAttribute("company", company);
        model.addAttribute("unknown", true);
        return "index";
    }

    /**
     * A company's home page. Whoever has a day of their own (jobs:write) sees their next visit first; then today's
     * visits (a technician's own, everyone's for the others), unscheduled, late and to-be-invoiced jobs; the quotes
     * awaiting the customer's response (changes requested first) with what they come to; the overdue invoices, the
     * longest overdue first, with what they still owe. Each card only for a role that may read its records.
     */
    @GetMapping({"/c/{slug}", "/c/{slug}/"})
    String home(Actor actor, @PathVariable String slug, Model model) {
        String base = "/c/" + slug;
        Locale locale = LocaleContextHolder.getLocale();
        ZoneId zone = companies.timeZone(actor.tenant());
        if (actor.can(Permission.QUOTES_READ)) {
            awaiting(actor, base, locale, model);
        }
        if (actor.can(Permission.INVOICES_READ)) {
            overdue(actor, base, locale, model);
        }
        if (actor.can(Permission.INVENTORY_MANAGE)) {
            // To reorder: items below their low-stock threshold, shown only when there are some
            List<org.fieldstone.inventory.Reorder> reorder = inventory.toReorder(actor);
            if (!reorder.isEmpty()) {
                model.addAttribute("reorder", new Card(reorder.stream().limit(FIRST_FEW).map(r -> new Row(
                        base + "/inventory#reorder", r.sku(), r.itemName(), r.locationName(), null,
                        org.fieldstone.inventory.Quantities.toDecimal(r.quantity()).toPlainString() + " / "
                                + org.fieldstone.inventory.Quantities.toDecimal(r.minimum()).toPlainString())).toList(),
                        reorder.size(), base + "/inventory#reorder"));
            }
        }
        if (!actor.can(Permission.JOBS_READ)) {
            return "home";
        }
        boolean ownDay = actor.role() == Role.USER;
        if (actor.can(Permission.JOBS_WRITE) && actor.userId().isPresent()) {
            NextVisit next = nextVisit(actor, base, zone, locale);
            model.addAttribute("nextVisit", next);
            model.addAttribute("showNextVisit", next != null || ownDay);
        }
        List<Scheduled> today;
        if (ownDay) {
            today = calendar.day(actor, Optional.empty());
        } else {
            ZonedDateTime start = LocalDate.ofInstant(clock.instant(), zone).atStartOfDay(zone);
            today = calendar.schedule(actor, start.toInstant(), start.plusDays(1).toInstant(), Optional.empty(),
                    Optional.empty()).stream().filter(s -> s.visit().status() != VisitStatus.CANCELLED).toList();
        }
        model.addAttribute("ownDay", ownDay);
        model.addAttribute("today", new Card(today.stream().limit(FIRST_FEW).map(s -> new Row(
                base + "/jobs/" + s.job().id(), s.job().number(), s.job().title(), s.job().clientName(),
                TIME.format(s.visit().startsAt().atZone(zone)), null)).toList(), today.size(),
                base + (ownDay ? "/my-day" : "/schedule")));
        model.addAttribute("unscheduled", jobsCard(actor, base, JobQuery.Flag.UNSCHEDULED));
        model.addAttribute("late", jobsCard(actor, base, JobQuery.Flag.LATE));
        model.addAttribute("invoicing", jobsCard(actor, base, JobQuery.Flag.REQUIRES_INVOICING));
        return "home";
    }

    /**
     * The first open visit of the actor's own that has not ended yet (or is under way), within the next
     * {@value #NEXT_VISIT_DAYS} days; null when there is none.
     */
    private NextVisit nextVisit(Actor actor, String base, ZoneId zone, Locale locale) {
        Instant now = clock.instant();
        ZonedDateTime from = LocalDate.ofInstant(now, zone).atStartOfDay(zone);
        return calendar.schedule(actor, from.toInstant(), from.plusDays(NEXT_VISIT_DAYS + 1).toInstant(),
                        actor.userId(), Optional.empty()).stream()
                .filter(s -> s.visit().status().isOpen())
                .filter(s -> s.visit().endsAt().isAfter(now) || s.visit().status() != VisitStatus.SCHEDULED)
                .min(Comparator.comparing((Scheduled s) -> s.visit().startsAt()))
                .map(s -> {
                    ZonedDateTime at = s.visit().startsAt().atZone(zone);
                    boolean today = at.toLocalDate().equals(LocalDate.ofInstant(now, zone));
                    String when = today ? TIME.format(at)
                            : DateTimeFormatter.ofLocalizedDate(FormatStyle.MEDIUM).withLocale(locale).format(at)
                            + " " + TIME.format(at);
                    return new NextVisit(when, today, base + "/jobs/" + s.job().id(), s.job().number(),
                            s.job().title(), s.job().clientName(), s.job().address());
                })
                .orElse(null);
    }

    private Card jobsCard(Actor actor, String base, JobQuery.Flag flag) {
        Page<Job> found = jobs.list(actor, new JobQuery(null, null, null, null, null, flag), Page.request(0, FIRST_FEW));
        Map<String, String> names = clientNames(actor, found.items().stream().map(Job::clientId).toList());
        return new Card(found.items().stream().map(j -> new Row(base + "/jobs/" + j.id(), j.number(), j.title(),
                names.get(j.clientId()), null, null)).toList(), found.total(), base + "/jobs?flag=" + flag.name());
    }

    /**
     * The quotes awaiting the customer's response (sent or changes requested, not expired): the first few, those
     * with changes requested first; and their totals, added up per currency (a company may have changed its
     * currency since).
     */
    private void awaiting(Actor actor, String base, Locale locale, Model model) {
        Map<String, Money> sums = new TreeMap<>();
        long count = 0;
        long changes = 0;
        List<Quote> first = new ArrayList<>();
        for (QuoteStatus status : List.of(QuoteStatus.CHANGES_REQUESTED, QuoteStatus.SENT)) {
            QuoteQuery query = new QuoteQuery(status, false, null, null);
            for (int page = 0; ; page++) {
                Page<Quote> found = quotes.list(actor, query, Page.request(page, Page.MAX_SIZE));
                for (Quote q : found.items()) {
                    Money total = q.totals().total();
                    sums.merge(total.currency(), total, Money::plus);
                    if (first.size() < FIRST_FEW) {
                        first.add(q);
                    }
                }
                if ((long) (page + 1) * found.size() >= found.total() || found.items().isEmpty()) {
                    count += found.total();
                    changes += status == QuoteStatus.CHANGES_REQUESTED ? found.total() : 0;
                    break;
                }
            }
        }
        Map<String, String> names = clientNames(actor, first.stream().map(Quote::clientId).toList());
        model.addAttribute("awaitingCount", count);
        model.addAttribute("awaitingChanges", changes);
        model.addAttribute("awaitingAmounts", sums.values().stream().map(m -> m.format(locale)).toList());
        model.addAttribute("awaiting", new Card(first.stream().map(q -> new Row(base + "/quotes/" + q.id(), q.number(),
                q.title(), names.get(q.clientId()), null, q.totals().total().format(locale))).toList(), count,
                base + "/quotes?status=SENT&expired=no"));
    }

    /** The overdue invoices, the longest overdue first, with their balances; and what they owe per currency. */
    private void overdue(Actor actor, String base, Locale locale, Model model) {
        Page<Invoice> found = invoices.list(actor, new InvoiceQuery(null, true, null, null, null),
                Page.request(0, Page.MAX_SIZE));
        List<Invoice> first = found.items().stream()
                .sorted(Comparator.comparing(Invoice::dueOn, Comparator.nullsLast(Comparator.naturalOrder())))
                .limit(FIRST_FEW).toList();
        Map<String, String> names = clientNames(actor, first.stream().map(Invoice::clientId).toList());
        DateTimeFormatter date = DateTimeFormatter.ofLocalizedDate(FormatStyle.MEDIUM).withLocale(locale);
        model.addAttribute("overdueCount", found.total());
        model.addAttribute("overdueAmounts", invoices.owed(actor).overdue().stream().map(m -> m.format(locale)).toList());
        model.addAttribute("overdue", new Card(first.stream().map(i -> new Row(base + "/invoices/" + i.id(), i.number(),
                i.title(), names.get(i.clientId()), i.dueOn() == null ? null : date.format(i.dueOn()),
                i.balance().format(locale))).toList(), found.total(), base + "/invoices?overdue=yes"));
    }

    /** The names of these clients, by id; none when the actor may not read clients. */
    private Map<String, String> clientNames(Actor actor, Collection<String> ids) {
        if (!actor.can(Permission.CLIENTS_READ) || ids.isEmpty()) {
            return Map.of();
        }
        Map<String, String> names = new java.util.HashMap<>();
        for (Map.Entry<String, Client> e : clients.clientsById(actor, ids).entrySet()) {
            names.put(e.getKey(), e.getValue().name());
        }
        return names;
    }
}
