package org.fieldstone.web;

import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.fieldstone.invoices.InvoiceQuery;
import org.fieldstone.invoices.Invoices;
import org.fieldstone.jobs.JobQuery;
import org.fieldstone.jobs.Jobs;
import org.fieldstone.jobs.VisitCalendar;
import org.fieldstone.jobs.Scheduled;
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
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** The front door ("which company?") and a company's home page. */
@Controller
class HomeController {

    private static final int FIRST_FEW = 5;
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm");

    private final Companies companies;
    private final Jobs jobs;
    private final VisitCalendar calendar;
    private final Quotes quotes;
    private final Invoices invoices;
    private final java.time.Clock clock;

    HomeController(Companies companies, Jobs jobs, VisitCalendar calendar, Quotes quotes, Invoices invoices,
                   java.time.Clock clock) {
        this.invoices = invoices;
        this.quotes = quotes;
        this.clock = clock;
        this.companies = companies;
        this.jobs = jobs;
        this.calendar = calendar;
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
     * A company's home page: today's visits (a technician's own, everyone's for the others), unscheduled jobs, late
     * jobs and jobs that require invoicing — each a count with a link to the filtered list; and the quotes awaiting
     * the customer's response (sent or changes requested, not expired) with what they come to; the invoices overdue
     * with what they still owe.
     */
    @GetMapping({"/c/{slug}", "/c/{slug}/"})
    String home(Actor actor, Model model) {
        if (actor.can(Permission.QUOTES_READ)) {
            awaiting(actor, model);
        }
        if (actor.can(Permission.INVOICES_READ)) {
            Locale locale = org.springframework.context.i18n.LocaleContextHolder.getLocale();
            model.addAttribute("overdueCount", invoices.count(actor, new InvoiceQuery(null, true, null, null, null)));
            model.addAttribute("overdueAmounts", invoices.owed(actor).overdue().stream().map(m -> m.format(locale)).toList());
        }
        if (!actor.can(Permission.JOBS_READ)) {
            return "home";
        }
        ZoneId zone = companies.timeZone(actor.tenant());
        List<Scheduled> today;
        if (actor.role() == Role.USER) {
            today = calendar.day(actor, Optional.empty());
        } else {
            var start = java.time.LocalDate.ofInstant(clock.instant(), zone).atStartOfDay(zone);
            today = calendar.schedule(actor, start.toInstant(), start.plusDays(1).toInstant(), Optional.empty(),
                    Optional.empty()).stream().filter(s -> s.visit().status() != VisitStatus.CANCELLED).toList();
        }
        model.addAttribute("todayCount", today.size());
        model.addAttribute("todayFirst", today.stream().limit(FIRST_FEW).map(s -> new TodayRow(
                TIME.format(s.visit().startsAt().atZone(zone)), s.job().id(), s.job().number(), s.job().title(),
                s.job().clientName())).toList());
        model.addAttribute("ownDay", actor.role() == Role.USER);
        model.addAttribute("unscheduled", total(actor, JobQuery.Flag.UNSCHEDULED));
        model.addAttribute("late", total(actor, JobQuery.Flag.LATE));
        model.addAttribute("invoicing", total(actor, JobQuery.Flag.REQUIRES_INVOICING));
        return "home";
    }

    /** The awaiting quotes' totals, added up per currency (a company may have changed its currency since). */
    private void awaiting(Actor actor, Model model) {
        java.util.Map<String, Money> sums = new java.util.TreeMap<>();
        long count = 0;
        long changes = 0;
        for (QuoteStatus status : List.of(QuoteStatus.SENT, QuoteStatus.CHANGES_REQUESTED)) {
            QuoteQuery query = new QuoteQuery(status, false, null, null);
            for (int page = 0; ; page++) {
                Page<Quote> found = quotes.list(actor, query, Page.request(page, Page.MAX_SIZE));
                for (Quote q : found.items()) {
                    Money total = q.totals().total();
                    sums.merge(total.currency(), total, Money::plus);
                }
                if ((long) (page + 1) * found.size() >= found.total()) {
                    count += found.total();
                    changes += status == QuoteStatus.CHANGES_REQUESTED ? found.total() : 0;
                    break;
                }
            }
        }
        Locale locale = org.springframework.context.i18n.LocaleContextHolder.getLocale();
        model.addAttribute("awaitingCount", count);
        model.addAttribute("awaitingChanges", changes);
        model.addAttribute("awaitingAmounts", sums.values().stream().map(m -> m.format(locale)).toList());
    }

    private long total(Actor actor, JobQuery.Flag flag) {
        return jobs.list(actor, new JobQuery(null, null, null, null, null, flag), Page.request(0, FIRST_FEW)).total();
    }

    record TodayRow(String time, String jobId, String number, String title, String client) {
    }
}
