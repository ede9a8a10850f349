package org.fieldstone.jobs.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.fieldstone.clients.Clients;
import org.fieldstone.clients.Property;
import org.fieldstone.identity.Crew;
import org.fieldstone.identity.Crews;
import org.fieldstone.identity.Team;
import org.fieldstone.identity.User;
import org.fieldstone.jobs.Job;
import org.fieldstone.jobs.JobChanges;
import org.fieldstone.jobs.JobQuery;
import org.fieldstone.jobs.JobStatus;
import org.fieldstone.jobs.Jobs;
import org.fieldstone.jobs.Visits;
import org.fieldstone.jobs.ChecklistTemplates;
import org.fieldstone.jobs.VisitCalendar;
import org.fieldstone.jobs.LineItem;
import org.fieldstone.jobs.NewVisit;
import org.fieldstone.jobs.Scheduled;
import org.fieldstone.jobs.Visit;
import org.fieldstone.jobs.Warning;
import org.fieldstone.shared.Actor;
import org.fieldstone.shared.Change;
import org.fieldstone.shared.Conflict;
import org.fieldstone.shared.InvalidInput;
import org.fieldstone.shared.Message;
import org.fieldstone.shared.NotFound;
import org.fieldstone.shared.Page;
import org.fieldstone.shared.Permission;
import org.fieldstone.shared.UserId;
import org.fieldstone.shared.web.FormText;
import org.fieldstone.shared.VersionConflict;
import org.fieldstone.tenancy.Companies;
import org.fieldstone.tenancy.Company;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The jobs pages of the dashboard: the list with its filters, the new-job form (properties of the chosen client
 * through htmx), the job page (line items, checklist, notes, visits, lifecycle) and the edit form. A refusal of
 * the job's lifecycle (409) is shown on the job page with its reason; an edit that meets someone else's change
 * comes back with theirs beside each field, as the clients pages do.
 */
@Controller
@RequestMapping("/c/{slug}/jobs")
class JobsController {

    static final int PAGE_SIZE = 25;
    private static final int CHOICES = 200;
    private static final int WARNED_VISITS = 20;
    /** Empty rows the line items form offers for new lines, so several can be added in one save. */
    static final int BLANK_LINE_ROWS = 3;
    private static final Set<String> NOTICES = Set.of("created", "updated", "completed", "cancelled", "reopened",
            "noteAdded", "checklistAdded", "lineItemsSaved", "visitAdded", "deleted", "converted");
    static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("EEE yyyy-MM-dd HH:mm");
    static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm");

    private final Jobs jobs;
    private final Visits jobVisits;
    private final ChecklistTemplates checklists;
    private final VisitCalendar calendar;
    private final Clients clients;
    private final Team team;
    private final Crews crews;
    private final Companies companies;
    private final MessageSource messages;
    private final org.fieldstone.pricing.Pricing pricing;

    JobsController(Jobs jobs, Visits jobVisits, ChecklistTemplates checklists, VisitCalendar calendar,
                   Clients clients, Team team, Crews crews, Companies companies, MessageSource messages,
                   org.fieldstone.pricing.Pricing pricing) {
        this.pricing = pricing;
        this.messages = messages;
        this.jobs = jobs;
        this.jobVisits = jobVisits;
        this.checklists = checklists;
        this.calendar = calendar;
        this.clients = clients;
        this.team = team;
        this.crews = crews;
        this.companies = companies;
    }

    @GetMapping
    String list(Actor actor, @RequestParam(required = false) String status,
                @RequestParam(required = false) String flag, @RequestParam(required = false) String assignee,
                @RequestParam(required = false) String client, @RequestParam(defaultValue = "0") int page, @RequestParam(required = false) String deleted, Model model) {
        JobStatus s = parse(JobStatus.class, status);
        JobQuery.Flag f = parse(JobQuery.Flag.class, flag);
        UserId who = FormText.blank(assignee) ? null : UserId.parse(assignee);
        org.fieldstone.clients.Client clientFilter = FormText.blank(client) ? null : clients.get(actor, client.strip());
        Page<Job> found = jobs.list(actor, new JobQuery(s, clientFilter == null ? null : clientFilter.id(), who, null, null, f),
                Page.request(page, PAGE_SIZE));
        model.addAttribute("clientFilter", clientFilter);
        Map<String, String> clientNames = new LinkedHashMap<>();
        for (Job j : found.items()) {
            clientNames.computeIfAbsent(j.clientId(), id -> clientName(actor, id));
        }
        model.addAttribute("jobs", found);
        model.addAttribute("clientNames", clientNames);
        model.addAttribute("status", s == null ? "" : s.name());
        model.addAttribute("flag", f == null ? "" : f.name());
        model.addAttribute("assignee", who == null ? "" : who.toString());
        model.addAttribute("statuses", JobStatus.values());
        model.addAttribute("flags", JobQuery.Flag.values());
        model.addAttribute("people", people(actor));
        model.addAttribute("canWrite", actor.can(Permission.JOBS_WRITE));
        model.addAttribute("deleted", deleted != null && deleted.matches("[A-Z]{0,8}-?\\d{1,12}") ? deleted : null);
        return "jobs/list";
    }

    @GetMapping("/new")
    String newForm(Actor actor, @RequestParam(required = false) String clientId, Model model) {
        actor.require(Permission.JOBS_WRITE);
        JobForm form = JobForm.empty();
        // from the client's page: the client and, when it has only one, its property; an id the actor does not see
        // (another company's, unknown) is left out
        var client = clients.find(actor, clientId);
        if (client.isPresent()) {
            List<Property> properties = propertiesOf(actor, client.get().id());
            form = form.withClient(client.get().id(), properties.size() == 1 ? properties.getFirst().id() : "");
        }
        return form(actor, model, form, Map.of(), null, null);
    }

    /** The property select of the chosen client (htmx, when the client select changes). */
    @GetMapping("/properties")
    String properties(Actor actor, @RequestParam(defaultValue = "") String clientId, Model model) {
        model.addAttribute("properties", propertiesOf(actor, clientId));
        model.addAttribute("selected", "");
        model.addAttribute("errors", Map.of());
        return "jobs/property-select :: property-select";
    }

    @PostMapping
    String create(Actor actor, @ModelAttribute("form") JobForm form, @RequestParam(required = false) String clientQuery,
                  Model model, HttpServletResponse response) {
        if (FormText.blank(form.clientId())) {
            form = form.withClient(clients.picked(actor, form.clientId(), clientQuery), form.propertyId());
        }
        try {
            Job job = jobs.create(actor, form.job(actor.can(Permission.JOBS_ASSIGN)));
            return "redirect:/c/{slug}/jobs/" + job.id() + "?notice=created";
        } catch (InvalidInput e) {
            response.setStatus(e.pageStatus());
            return form(actor, model, form, fieldErrors(e), null, null);
        }
    }

    @GetMapping("/{id}")
    String show(Actor actor, @PathVariable String id,
                @RequestParam(required = false) String notice, Model model) {
        if (notice != null && NOTICES.contains(notice)) {
            model.addAttribute("notice", "jobs.notice." + notice);
        }
        return page(actor, jobs.get(actor, id), model);
    }

    @GetMapping("/{id}/edit")
    String editForm(Actor actor, @PathVariable String id, Model model) {
        actor.require(Permission.JOBS_WRITE);
        Job job = jobs.get(actor, id);
        return form(actor, model, JobForm.of(job), Map.of(), null, job);
    }

    /**
     * Saves the edit if the job is still at the version the form was loaded at; otherwise nothing is saved and the
     * form comes back (409) with the other person's values beside the user's and the new version.
     */
    @PostMapping("/{id}")
    String update(Actor actor, @PathVariable String id, @ModelAttribute("form") JobForm form,
                  Model model, HttpServletResponse response) {
        actor.require(Permission.JOBS_WRITE);
        try {
            jobs.update(actor, id, requiredVersion(form.version()), form.changes(actor.can(Permission.JOBS_ASSIGN)));
            return "redirect:/c/{slug}/jobs/" + id + "?notice=updated";
        } catch (InvalidInput e) {
            response.setStatus(e.pageStatus());
            return form(actor, model, form, fieldErrors(e), null, jobs.get(actor, id));
        } catch (VersionConflict e) {
            response.setStatus(e.pageStatus());
            Job current = jobs.get(actor, id);
            return form(actor, model, form.atVersion(current.version()), Map.of(), form.differencesFrom(current), current);
        }
    }

    /**
     * Complete asks first: this page says which open visits completing cancels and whether any time on site was
     * recorded, and its button posts {@code confirm=true} (server-rendered, so it works without JavaScript).
     */
    @GetMapping("/{id}/complete")
    String confirmComplete(Actor actor, @PathVariable String id, Model model) {
        actor.require(Permission.JOBS_WRITE);
        Job job = jobs.get(actor, id);
        if (job.status() != JobStatus.SCHEDULED && job.status() != JobStatus.IN_PROGRESS) {
            return "redirect:/c/{slug}/jobs/" + id;
        }
        ZoneId zone = zone(actor);
        List<Visit> visits = jobVisits.visits(actor, id);
        model.addAttribute("job", job);
        model.addAttribute("client", clientName(actor, job.clientId()));
        model.addAttribute("cancelled", visits.stream().filter(v -> v.status().isOpen())
                .map(v -> WHEN.format(v.startsAt().atZone(zone)) + "–" + TIME.format(v.endsAt().atZone(zone))).toList());
        model.addAttribute("noVisitStarted", visits.stream().noneMatch(v -> v.startedAt() != null));
        model.addAttribute("timeOnSite", duration(job.timeOnSite()));
        model.addAttribute("unticked", job.checklist().stream().filter(i -> i.required() && !i.done())
                .map(org.fieldstone.jobs.ChecklistItem::text).toList());
        return "jobs/complete";
    }

    /**
     * Every outcome goes back to the job page by redirect (post/redirect/get), a refusal carried as a flash
     * attribute, so the address bar never holds this POST's URL. Complete without {@code confirm=true} goes to the
     * confirmation first.
     */
    @PostMapping("/{id}/{verb:complete|cancel|reopen}")
    String lifecycle(Actor actor, @PathVariable String id, @PathVariable String verb,
                     @RequestParam(required = false) Long version, @RequestParam(defaultValue = "false") boolean confirm,
                     RedirectAttributes redirect) {
        try {
            long v = requiredVersion(version);
            if (verb.equals("complete") && !confirm) {
                return "redirect:/c/{slug}/jobs/" + id + "/complete";
            }
            switch (verb) {
                case "complete" -> {
                    long open = jobVisits.visits(actor, id).stream().filter(x -> x.status().isOpen()).count();
                    jobs.complete(actor, id, v);
                    if (open > 0) {
                        redirect.addFlashAttribute("noticeText", Message.of("jobs.notice.completed.visits", open).resolve(messages));
                    }
                }
                case "cancel" -> jobs.cancel(actor, id, v);
                default -> jobs.reopen(actor, id, v);
            }
            String notice = switch (verb) {
                case "complete" -> "completed";
                case "cancel" -> "cancelled";
                default -> "reopened";
            };
            return "redirect:/c/{slug}/jobs/" + id + "?notice=" + notice;
        } catch (Conflict | VersionConflict | InvalidInput e) {
            carry(redirect, e);
        }
        return "redirect:/c/{slug}/jobs/" + id;
    }

    /** Deleting a draft asks first; the page says what goes with it. Any other job goes back to its page. */
    @GetMapping("/{id}/delete")
    String confirmDelete(Actor actor, @PathVariable String id, Model model) {
        actor.require(Permission.JOBS_WRITE);
        Job job = jobs.get(actor, id);
        if (job.status() != JobStatus.DRAFT) {
            return "redirect:/c/{slug}/jobs/" + id;
        }
        model.addAttribute("job", job);
        return "jobs/delete";
    }

    /**
     * Deletes a draft through the jobs service (each row through the write path, audited). Any other job is refused
     * here, back on its page (the service itself would also delete a cancelled one, which the API keeps allowing).
     */
    @PostMapping("/{id}/delete")
    String delete(Actor actor, @PathVariable String id, @RequestParam(required = false) Long version,
                  RedirectAttributes redirect) {
        actor.require(Permission.JOBS_WRITE);
        try {
            Job job = jobs.get(actor, id);
            if (job.status() != JobStatus.DRAFT) {
                throw new Conflict(Message.of("jobs.refused.delete-draft-only"));
            }
            jobs.delete(actor, id, requiredVersion(version));
            return "redirect:/c/{slug}/jobs?deleted=" + job.number();
        } catch (Conflict | VersionConflict | InvalidInput e) {
            carry(redirect, e);
        }
        return "redirect:/c/{slug}/jobs/" + id;
    }

    /** Ticks or unticks a checklist item; htmx swaps the checklist, a plain form goes back to the page. */
    @PostMapping("/{id}/checklist/{itemId}")
    String tick(Actor actor, @PathVariable String id, @PathVariable String itemId,
                @RequestParam(defaultValue = "false") boolean done,
                @RequestHeader(name = "HX-Request", required = false) String htmx, Model model,
                RedirectAttributes redirect) {
        if (htmx == null) {
            try {
                jobs.tick(actor, id, itemId, done);
            } catch (Conflict e) {
                refuse(redirect, e);
            }
            return "redirect:/c/{slug}/jobs/" + id + "#checklist";
        }
        Job job = jobs.tick(actor, id, itemId, done);
        model.addAttribute("job", job);
        model.addAttribute("canWrite", true);
        model.addAttribute("tickPath", "/c/" + slug(actor) + "/jobs/" + id + "/checklist/");
        return "jobs/checklist :: checklist";
    }

    /** Adds the items of a checklist template to the job's checklist (after any it has). */
    @PostMapping("/{id}/checklist")
    String addChecklist(Actor actor, @PathVariable String id, @RequestParam(defaultValue = "") String templateId,
                        RedirectAttributes redirect) {
        try {
            jobs.addChecklist(actor, id, templateId);
            return "redirect:/c/{slug}/jobs/" + id + "?notice=checklistAdded#checklist";
        } catch (InvalidInput e) {
            redirect.addFlashAttribute("checklistError", e.message(messages));
        } catch (Conflict e) {
            refuse(redirect, e);
        }
        return "redirect:/c/{slug}/jobs/" + id + "#checklist";
    }

    @PostMapping("/{id}/notes")
    String addNote(Actor actor, @PathVariable String id, @RequestParam(defaultValue = "") String body,
                   RedirectAttributes redirect) {
        try {
            jobs.addNote(actor, id, body);
            return "redirect:/c/{slug}/jobs/" + id + "?notice=noteAdded#notes";
        } catch (InvalidInput e) {
            redirect.addFlashAttribute("noteError", e.message(messages));
            redirect.addFlashAttribute("noteBody", body);
        } catch (Conflict e) {
            refuse(redirect, e);
        }
        return "redirect:/c/{slug}/jobs/" + id + "#notes";
    }

    /**
     * Saves the whole list of line items as the form shows it: rows marked for removal and empty rows are left
     * out. Prices are entered in the currency's major unit (12.50) and kept in minor units.
     */
    @PostMapping("/{id}/line-items")
    String saveLineItems(Actor actor, @PathVariable String id,
                         @RequestParam(required = false) Long version, HttpServletRequest request,
                         RedirectAttributes redirect) {
        actor.require(Permission.JOBS_WRITE);
        List<LineItemRow> rows = LineItemRow.from(request);
        LineItemRow.Parsed parsed = LineItemRow.parse(rows);
        try {
            Map<String, Message> errors = new LinkedHashMap<>(parsed.errors());
            try {
                jobs.checkLineItems(actor, parsed.items());
            } catch (InvalidInput e) {
                e.fieldMessages().forEach((field, message) -> errors.putIfAbsent(parsed.formField(field), message));
            }
            if (!errors.isEmpty()) {
                throw new InvalidInput(errors);
            }
            jobs.update(actor, id, requiredVersion(version),
                    new JobChanges(null, null, null, null, Change.to(parsed.items()), null, null));
            return "redirect:/c/{slug}/jobs/" + id + "?notice=lineItemsSaved#line-items";
        } catch (InvalidInput e) {
            // each line's problem beside its field; anything else (too many lines, no version) above the form
            Map<String, String> beside = new LinkedHashMap<>();
            List<String> above = new ArrayList<>();
            e.fieldMessages().forEach((field, message) -> {
                String formField = parsed.formField(field);
                if (formField.startsWith("lineItems[")) {
                    beside.putIfAbsent(formField, message.resolve(messages));
                } else {
                    above.add(message.resolve(messages));
                }
            });
            if (!beside.isEmpty()) {
                above.addFirst(Message.of("clients.invalid").resolve(messages));
            }
            redirect.addFlashAttribute("lineItemsError", String.join(" ", above));
            redirect.addFlashAttribute("lineItemErrors", beside);
            redirect.addFlashAttribute("lineItemRows", withBlankRows(rows, defaultTaxPercent(actor)));
        } catch (VersionConflict e) {
            redirect.addFlashAttribute("staleAction", true);
        } catch (Conflict e) {
            refuse(redirect, e);
        }
        return "redirect:/c/{slug}/jobs/" + id + "#line-items";
    }

    /** The percent of the company's default tax rate as a form shows it; "0" where it has none. */
    private String defaultTaxPercent(Actor actor) {
        return pricing.defaultTaxRate(actor).map(r -> r.percent().stripTrailingZeros().toPlainString()).orElse("0");
    }

    /**
     * The rows as typed, with blank rows to make up {@link #BLANK_LINE_ROWS} (their indexes numbered on), which start
     * with the percent of the company's default tax rate ({@code taxPercent}).
     */
    private static List<LineItemRow> withBlankRows(List<LineItemRow> rows, String taxPercent) {
        List<LineItemRow> all = new ArrayList<>(rows);
        long blank = rows.stream().filter(LineItemRow::isEmpty).count();
        for (long i = blank; i < BLANK_LINE_ROWS; i++) {
            all.add(LineItemRow.empty(taxPercent));
        }
        return all;
    }

    @PostMapping("/{id}/visits")
    String addVisit(Actor actor, @PathVariable String id,
                    @RequestParam(defaultValue = "") String start, @RequestParam(defaultValue = "") String end,
                    @RequestParam(required = false) List<String> assignees, RedirectAttributes redirect) {
        try {
            List<UserId> who = assignees == null ? null : assignees.stream().filter(a -> !a.isBlank()).map(UserId::parse).toList();
            Scheduled added = jobVisits.addVisit(actor, id, new NewVisit(start, end, who == null || who.isEmpty() ? null : who));
            return "redirect:/c/{slug}/jobs/" + id + "?notice=visitAdded"
                    + (added.warnings().isEmpty() ? "" : "&warned=" + added.visit().id()) + "#visits";
        } catch (InvalidInput e) {
            redirect.addFlashAttribute("visitErrors", new LinkedHashMap<>(fieldErrors(e)));
            redirect.addFlashAttribute("visitStart", start);
            redirect.addFlashAttribute("visitEnd", end);
        } catch (Conflict e) {
            refuse(redirect, e);
        }
        return "redirect:/c/{slug}/jobs/" + id + "#visits";
    }

    /**
     * A refusal for the job page, carried over the redirect. When it lists its reasons (the unticked required
     * items), its headline is the code's {@code .listed} variant if there is one, so each item is named once.
     */
    /** A refused action's message, carried back to the job page: a stale version, a conflict with its reasons, bad input. */
    private void carry(RedirectAttributes redirect, org.fieldstone.shared.DomainException e) {
        switch (e) {
            case VersionConflict stale -> redirect.addFlashAttribute("staleAction", true);
            case Conflict conflict -> refuse(redirect, conflict);
            default -> redirect.addFlashAttribute("refusal", e.message(messages));
        }
    }

    private void refuse(RedirectAttributes redirect, Conflict e) {
        String text = e.message(messages);
        if (!e.reasons().isEmpty()) {
            text = messages.getMessage(e.message().code() + ".listed", null, text, LocaleContextHolder.getLocale());
        }
        redirect.addFlashAttribute("refusal", text);
        redirect.addFlashAttribute("refusalReasons", new ArrayList<>(e.reasons()));
    }

    private String form(Actor actor, Model model, JobForm form, Map<String, String> errors, Map<String, String> theirs,
                        Job job) {
        boolean canAssign = actor.can(Permission.JOBS_ASSIGN);
        model.addAttribute("form", form);
        model.addAttribute("job", job);
        model.addAttribute("errors", errors);
        model.addAttribute("theirs", theirs == null ? Map.of() : theirs);
        model.addAttribute("conflict", theirs != null);
        model.addAttribute("canAssign", canAssign);
        if (job == null) {
            model.addAttribute("pickedClient", clients.find(actor, form.clientId()).orElse(null));
            model.addAttribute("properties", propertiesOf(actor, form.clientId()));
            model.addAttribute("templates", checklists.templates(actor));
            model.addAttribute("days", JobForm.DAYS);
        }
        model.addAttribute("people", canAssign ? people(actor) : Map.of());
        model.addAttribute("crews", canAssign ? crews.list(actor) : List.<Crew>of());
        return "jobs/form";
    }

    /** The job page; what a refused action left (messages, rows as typed) is already in the model. */
    private String page(Actor actor, Job job, Model model) {
        ZoneId zone = zone(actor);
        Map<String, String> people = people(actor);
        model.addAttribute("job", job);
        model.addAttribute("client", clientName(actor, job.clientId()));
        model.addAttribute("address", address(actor, job));
        model.addAttribute("people", people);
        model.addAttribute("assigneeNames", job.assignees().stream().map(u -> people.getOrDefault(u.toString(), u.toString())).toList());
        model.addAttribute("crewName", job.crewId() == null ? null : crewName(actor, job.crewId()));
        model.addAttribute("notes", jobs.notes(actor, job.id()).stream()
                .map(n -> new NoteRow(WHEN.format(n.createdAt().atZone(zone)), n.authorName(), n.body())).toList());
        model.addAttribute("visits", visitRows(actor, job, zone, people));
        model.addAttribute("canWrite", actor.can(Permission.JOBS_WRITE));
        model.addAttribute("canAssign", actor.can(Permission.JOBS_ASSIGN));
        // the invoices module answers these buttons' posts; the job shows them from its own status and deposit
        model.addAttribute("canInvoice", pricing.withMoneyPolicy(actor).can(Permission.INVOICES_WRITE));
        // products and services that may bill the time on site (a completed job with time on site only)
        model.addAttribute("hourlyProducts", job.status() == org.fieldstone.jobs.JobStatus.COMPLETED
                && !job.timeOnSite().isZero() ? pricing.products(actor, null, false,
                new org.fieldstone.shared.Page.PageRequest(0, org.fieldstone.shared.Page.MAX_SIZE)).items() : List.of());
        model.addAttribute("tickPath", "/c/" + slug(actor) + "/jobs/" + job.id() + "/checklist/");
        model.addAttribute("templates", actor.can(Permission.JOBS_WRITE) && job.status().isOpen()
                ? checklists.templates(actor) : List.of());
        model.addAttribute("timeOnSite", duration(job.timeOnSite()));
        if (!model.containsAttribute("lineItemRows")) {
            model.addAttribute("lineItemRows", withBlankRows(job.lineItems().stream().map(LineItemRow::of).toList(),
                    defaultTaxPercent(actor)));
        }
        model.addAttribute("currency", pricing.settings(actor).currency());
        model.addAttribute("netTotal", LineItemRow.money(job.netTotal()));
        model.addAttribute("grossTotal", LineItemRow.money(job.lineItems().stream().mapToLong(LineItemRow::gross).sum()));
        model.addAttribute("lineNets", job.lineItems().stream().map(li -> LineItemRow.money(li.net())).toList());
        if (!model.containsAttribute("lineItemErrors")) {
            model.addAttribute("lineItemErrors", Map.of());
        }
        if (!model.containsAttribute("visitErrors")) {
            model.addAttribute("visitErrors", Map.of());
        }
        return "jobs/job";
    }

    private List<VisitRow> visitRows(Actor actor, Job job, ZoneId zone, Map<String, String> people) {
        List<Visit> visits = jobVisits.visits(actor, job.id());
        List<VisitRow> rows = new ArrayList<>();
        int warned = 0;
        for (Visit v : visits) {
            List<Warning> warnings = List.of();
            if (v.status().isOpen() && warned++ < WARNED_VISITS) {
                warnings = calendar.schedule(actor, v.startsAt(), v.startsAt().plusSeconds(1), Optional.empty(), Optional.empty())
                        .stream().filter(s -> s.visit().id().equals(v.id())).findFirst().map(Scheduled::warnings).orElse(List.of());
            }
            rows.add(new VisitRow(v, WHEN.format(v.startsAt().atZone(zone)), TIME.format(v.endsAt().atZone(zone)),
                    v.assignees().stream().map(u -> people.getOrDefault(u.toString(), u.toString())).toList(),
                    v.timeOnSite().map(this::duration).orElse(null),
                    warnings.stream().map(w -> w.message().resolve(messages)).toList()));
        }
        return rows;
    }

    private List<Property> propertiesOf(Actor actor, String clientId) {
        if (FormText.blank(clientId)) {
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

    private String address(Actor actor, Job job) {
        try {
            Property p = clients.property(actor, job.clientId(), job.propertyId());
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

    private String crewName(Actor actor, String crewId) {
        if (!actor.can(Permission.TEAM_VIEW)) {
            return crewId;
        }
        try {
            return crews.get(actor, crewId).name();
        } catch (NotFound e) {
            return crewId;
        }
    }

    /** Active team members by id, for names and the assignee choices. */
    private Map<String, String> people(Actor actor) {
        Map<String, String> people = new LinkedHashMap<>();
        if (actor.can(Permission.TEAM_VIEW)) {
            for (User u : team.list(actor, Page.request(0, CHOICES)).items()) {
                if (u.active()) {
                    people.put(u.id().toString(), u.name());
                }
            }
        }
        return people;
    }

    private ZoneId zone(Actor actor) {
        return companies.timeZone(actor.tenant());
    }

    /** The company's address in links the page builds (the session counts only under it). */
    private String slug(Actor actor) {
        return companies.find(actor.tenant()).map(Company::slug).orElseThrow(() -> new NotFound(Message.of("jobs.thing.company")));
    }

    /** The service names the visit's fields {@code firstVisit.start} etc.; the form's are {@code visitStart}. */
    private Map<String, String> fieldErrors(InvalidInput e) {
        Map<String, String> errors = new LinkedHashMap<>();
        e.fieldErrors(messages).forEach((field, message) -> errors.put(switch (field) {
            case "firstVisit.start", "start" -> "visitStart";
            case "firstVisit.end", "end" -> "visitEnd";
            case "firstVisit.assignees" -> "assignees";
            case "recurrence" -> "repeat";
            default -> field;
        }, message));
        return errors;
    }

    /** Time on site like "1 h 05 min" ({@code jobs.duration}), in the request's locale. */
    private String duration(Duration d) {
        if (d == null) {
            return null;
        }
        long minutes = d.toMinutes();
        return Message.of("jobs.duration", minutes / 60, minutes % 60).resolve(messages);
    }

    private static <E extends Enum<E>> E parse(Class<E> type, String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return Enum.valueOf(type, text.strip());
        } catch (IllegalArgumentException e) {
            throw new InvalidInput(type.getSimpleName().toLowerCase(), Message.of("jobs.refused.filter", text.strip()));
        }
    }

    /** A form without its version was not loaded from a page of ours: refuse it rather than guess. */
    private static long requiredVersion(Long version) {
        if (version == null) {
            throw new InvalidInput("version", Message.of("jobs.refused.form-version"));
        }
        return version;
    }

    record NoteRow(String at, String author, String body) {
    }

    /** {@code warnings}: each warning's message, in the request's locale. */
    record VisitRow(Visit visit, String start, String end, List<String> assignees, String timeOnSite,
                    List<String> warnings) {
    }
}
