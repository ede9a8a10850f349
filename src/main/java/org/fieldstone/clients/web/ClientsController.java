package org.fieldstone.clients.web;

import jakarta.servlet.http.HttpServletResponse;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.fieldstone.audit.AuditEntry;
import org.fieldstone.audit.AuditRecord;
import org.fieldstone.clients.Client;
import org.fieldstone.clients.ClientHistory;
import org.fieldstone.clients.ClientChanges;
import org.fieldstone.clients.Clients;
import org.fieldstone.clients.Geocoder;
import org.fieldstone.clients.Property;
import org.fieldstone.clients.PropertyChanges;
import org.fieldstone.clients.web.ClientForm.PropertyForm;
import org.fieldstone.shared.Actor;
import org.fieldstone.shared.InvalidInput;
import org.fieldstone.shared.Message;
import org.fieldstone.shared.NotFound;
import org.fieldstone.shared.Page;
import org.fieldstone.shared.Permission;
import org.fieldstone.shared.VersionConflict;
import org.fieldstone.tenancy.Companies;
import org.fieldstone.tenancy.Company;
import org.springframework.beans.factory.ObjectProvider;
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
 * The clients pages of the dashboard: list and search, a client with its properties and history, create
 * and edit forms. An edit that meets someone else's change (a stale version) is shown again with both
 * values side by side instead of overwriting theirs.
 */
@Controller
@RequestMapping("/c/{slug}/clients")
class ClientsController {

    static final int PAGE_SIZE = 25;
    static final int HISTORY_SIZE = 100;
    /** How many of the client's jobs, visits, quotes and invoices each section shows. */
    static final int RECORDS_SIZE = 5;
    /** The longest text a picker searches for (a client's name is at most 200 characters). */
    static final int PICKER_TEXT = 200;
    /** How far back a conflict looks for the version the form was loaded at (the client's and its properties' entries). */
    static final int CONFLICT_HISTORY_SIZE = 500;
    private static final Set<String> NOTICES = Set.of("created", "updated", "archived", "restored", "propertyAdded",
            "propertyUpdated", "propertyDeleted");
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

    private final Clients clients;
    private final Companies companies;
    private final MessageSource messages;
    private final Geocoder geocoder;
    private final ObjectProvider<ClientHistory> histories;

    ClientsController(Clients clients, Companies companies, MessageSource messages, Geocoder geocoder,
                      ObjectProvider<ClientHistory> histories) {
        this.geocoder = geocoder;
        this.messages = messages;
        this.histories = histories;
        this.clients = clients;
        this.companies = companies;
    }

    @GetMapping
    String list(Actor actor, @RequestParam(defaultValue = "") String q,
                @RequestParam(defaultValue = "0") int page, @RequestParam(defaultValue = "false") boolean archived,
                Model model) {
        model.addAttribute("clients", clients.list(actor, q, archived, Page.request(page, PAGE_SIZE)));
        model.addAttribute("q", q);
        model.addAttribute("archived", archived);
        model.addAttribute("canWrite", actor.can(Permission.CLIENTS_WRITE));
        return "clients/list";
    }

    /**
     * The suggestions of a client picker (htmx, as the user types): at most {@link Clients#PICKER_SIZE} of the
     * company's active clients matching the text, by name — never the whole list of a large company.
     */
    @GetMapping("/picker")
    String picker(Actor actor, @RequestParam(defaultValue = "") String q,
                  @RequestParam(defaultValue = "") String clientQuery, Model model) {
        String text = (q.isBlank() ? clientQuery : q).strip();
        if (text.length() > PICKER_TEXT) {
            text = text.substring(0, PICKER_TEXT);
        }
        Page<Client> found = clients.list(actor, text, false, Page.request(0, Clients.PICKER_SIZE));
        model.addAttribute("matches", found.items());
        model.addAttribute("more", found.total() > found.items().size());
        return "clients/picker :: options";
    }

    @GetMapping("/new")
    String newForm(Actor actor, Model model) {
        actor.require(Permission.CLIENTS_WRITE);
        return form(actor, model, ClientForm.empty(), Map.of(), null);
    }

    @PostMapping
    String create(Actor actor, @ModelAttribute("form") ClientForm form, Model model,
                  HttpServletResponse response) {
        try {
            Client client = clients.create(actor, form.client(), form.firstProperty());
            return "redirect:/c/{slug}/clients/" + client.id() + "?notice=created";
        } catch (InvalidInput e) {
            response.setStatus(e.pageStatus());
            return form(actor, model, form, e.fieldErrors(messages), null);
        }
    }

    @GetMapping("/{id}")
    String show(Actor actor, @PathVariable String id,
                @RequestParam(required = false) String notice, Model model) {
        if (notice != null && NOTICES.contains(notice)) {
            model.addAttribute("notice", "clients.notice." + notice);
        }
        return page(actor, clients.get(actor, id), model, null);
    }

    @GetMapping("/{id}/edit")
    String editForm(Actor actor, @PathVariable String id, Model model) {
        actor.require(Permission.CLIENTS_WRITE);
        Client client = clients.get(actor, id);
        model.addAttribute("client", client);
        return form(actor, model, ClientForm.of(client, company(actor).country()), Map.of(), null);
    }

    /**
     * Saves the edit form if the client is still at the version the form was loaded at. Otherwise nothing is
     * saved: the form comes back (409) with the user's values, the other person's beside them, and the new
     * version — so saving again deliberately puts the user's values over the other change.
     */
    @PostMapping("/{id}")
    String update(Actor actor, @PathVariable String id, @ModelAttribute("form") ClientForm form,
                  Model model, HttpServletResponse response) {
        actor.require(Permission.CLIENTS_WRITE);
        try {
            clients.update(actor, id, requiredVersion(form.version()), ClientChanges.all(form.client()));
            return "redirect:/c/{slug}/clients/" + id + "?notice=updated";
        } catch (InvalidInput e) {
            response.setStatus(e.pageStatus());
            model.addAttribute("client", clients.get(actor, id));
            return form(actor, model, form, e.fieldErrors(messages), null);
        } catch (VersionConflict e) {
            response.setStatus(e.pageStatus());
            Client current = clients.get(actor, id);
            model.addAttribute("client", current);
            var started = ClientViews.fieldsAt("client", id, ClientForm.fields(current), current.version(), form.version(),
                    clients.history(actor, id, CONFLICT_HISTORY_SIZE));
            return form(actor, model, form.atVersion(current.version()), Map.of(),
                    form.differencesFrom(current, started, company(actor).country()));
        }
    }

    @PostMapping("/{id}/archive")
    String archive(Actor actor, @PathVariable String id,
                   @RequestParam(required = false) Long version) {
        clients.archive(actor, id, requiredVersion(version));
        return "redirect:/c/{slug}/clients/" + id + "?notice=archived";
    }

    @PostMapping("/{id}/restore")
    String restore(Actor actor, @PathVariable String id,
                   @RequestParam(required = false) Long version) {
        clients.restore(actor, id, requiredVersion(version));
        return "redirect:/c/{slug}/clients/" + id + "?notice=restored";
    }

    @PostMapping("/{id}/properties")
    String addProperty(Actor actor, @PathVariable String id, PropertyForm form, Model model,
                       HttpServletResponse response) {
        try {
            clients.addProperty(actor, id, form.property());
            return "redirect:/c/{slug}/clients/" + id + "?notice=propertyAdded";
        } catch (InvalidInput e) {
            response.setStatus(e.pageStatus());
            return page(actor, clients.get(actor, id), model, new PropertyState(null, form, e.fieldErrors(messages), Map.of()));
        }
    }

    @PostMapping("/{id}/properties/{propertyId}")
    String updateProperty(Actor actor, @PathVariable String id, @PathVariable String propertyId,
                          PropertyForm form, Model model, HttpServletResponse response) {
        actor.require(Permission.CLIENTS_WRITE);
        try {
            clients.updateProperty(actor, id, propertyId, requiredVersion(form.version()),
                    PropertyChanges.all(form.property()));
            return "redirect:/c/{slug}/clients/" + id + "?notice=propertyUpdated";
        } catch (InvalidInput e) {
            response.setStatus(e.pageStatus());
            return page(actor, clients.get(actor, id), model, new PropertyState(propertyId, form, e.fieldErrors(messages), Map.of()));
        } catch (VersionConflict e) {
            response.setStatus(e.pageStatus());
            Property current = clients.property(actor, id, propertyId);
            var started = ClientViews.fieldsAt("property", propertyId, PropertyForm.fields(current), current.version(),
                    form.version(), clients.history(actor, id, CONFLICT_HISTORY_SIZE));
            return page(actor, clients.get(actor, id), model, new PropertyState(propertyId,
                    form.atVersion(current.version()), Map.of(), form.differencesFrom(current, started)));
        }
    }

    /**
     * "Find on map" on the new-property form: looks the typed address up at the operator's geocoder and shows the form
     * again with the coordinates found (or a note that none were), unsaved: the user checks them and saves the
     * property as usual. Without a configured geocoder there is no such button, and this is not found.
     */
    @PostMapping("/{id}/properties/locate")
    String locateNewProperty(Actor actor, @PathVariable String id, PropertyForm form, Model model) {
        actor.require(Permission.CLIENTS_WRITE);
        Client client = clients.get(actor, id);
        return page(actor, client, model, located(null, form, model));
    }

    /** "Find on map" on a property's edit form; as {@link #locateNewProperty}, for a property of this client. */
    @PostMapping("/{id}/properties/{propertyId}/locate")
    String locateProperty(Actor actor, @PathVariable String id, @PathVariable String propertyId, PropertyForm form,
                          Model model) {
        actor.require(Permission.CLIENTS_WRITE);
        Client client = clients.get(actor, id);
        clients.property(actor, id, propertyId);
        return page(actor, client, model, located(propertyId, form, model));
    }

    /** A reload of a "Find on map" answer: back to the client page (nothing was saved). */
    @GetMapping({"/{id}/properties/locate", "/{id}/properties/{propertyId}/locate"})
    String afterLocate(@PathVariable String id) {
        return "redirect:/c/{slug}/clients/" + id;
    }

    private PropertyState located(String propertyId, PropertyForm form, Model model) {
        if (!geocoder.enabled()) {
            throw new NotFound(Message.of("clients.thing.geocoder"));
        }
        var found = geocoder.locate(form.property());
        model.addAttribute("locateNotice", found.isPresent() ? "clients.property.located" : "clients.property.notLocated");
        PropertyForm shown = found.map(c -> form.at(c.latitude().toPlainString(), c.longitude().toPlainString())).orElse(form);
        return new PropertyState(propertyId, shown, Map.of(), Map.of());
    }

    @PostMapping("/{id}/properties/{propertyId}/delete")
    String deleteProperty(Actor actor, @PathVariable String id, @PathVariable String propertyId,
                          @RequestParam(required = false) Long version) {
        clients.deleteProperty(actor, id, propertyId, requiredVersion(version));
        return "redirect:/c/{slug}/clients/" + id + "?notice=propertyDeleted";
    }

    private String form(Actor actor, Model model, ClientForm form, Map<String, String> errors, Map<String, String> theirs) {
        model.addAttribute("form", form);
        model.addAttribute("defaultCountry", company(actor).country());
        model.addAttribute("errors", errors);
        model.addAttribute("theirs", theirs == null ? Map.of() : theirs);
        model.addAttribute("conflict", theirs != null);
        return "clients/form";
    }

    /** The client page; {@code editing} is the property form to show open again (invalid or conflicting). */
    private String page(Actor actor, Client client, Model model, PropertyState editing) {
        Company company = company(actor);
        boolean canWrite = actor.can(Permission.CLIENTS_WRITE);
        List<Property> properties = clients.properties(actor, client.id());
        List<PropertyRow> rows = new ArrayList<>();
        Map<String, String> names = new HashMap<>();
        for (Property p : properties) {
            names.put(p.id(), PropertyRow.name(p));
            boolean open = editing != null && p.id().equals(editing.id());
            rows.add(open ? new PropertyRow(p, editing.form(), editing.errors(), editing.theirs(), true,
                    !editing.theirs().isEmpty()) : new PropertyRow(p, PropertyForm.of(p), Map.of(), Map.of(), false, false));
        }
        boolean adding = editing != null && editing.id() == null;
        model.addAttribute("client", client);
        model.addAttribute("properties", rows);
        model.addAttribute("newProperty", adding ? editing.form() : PropertyForm.empty());
        model.addAttribute("defaultCountry", company.country());
        model.addAttribute("newPropertyErrors", adding ? editing.errors() : Map.of());
        model.addAttribute("canWrite", canWrite);
        model.addAttribute("geocoder", canWrite && geocoder.enabled());
        model.addAttribute("locating", editing == null ? null : editing.id() == null ? "new" : editing.id());
        model.addAttribute("records", records(actor, client, company));
        model.addAttribute("history", ClientViews.history(clients.history(actor, client.id(), HISTORY_SIZE),
                names, company.timeZone(), company.country()));
        return "clients/client";
    }

    /** The client's jobs, visits, quotes and invoices, each section from the module that owns it, in page order. */
    private List<ClientHistory.Section> records(Actor actor, Client client, Company company) {
        return histories.orderedStream()
                .flatMap(h -> h.sections(actor, client.id(), RECORDS_SIZE, company.timeZone(), LocaleContextHolder.getLocale()).stream())
                .sorted(java.util.Comparator.comparingInt(ClientHistory.Section::order))
                .toList();
    }

    private Company company(Actor actor) {
        return companies.find(actor.tenant()).orElseThrow(() -> new NotFound(Message.of("clients.thing.company")));
    }

    /** A form without its version was not loaded from a page of ours: refuse it rather than guess. */
    private static long requiredVersion(Long version) {
        if (version == null) {
            throw new InvalidInput("version", Message.of("clients.refused.form-version"));
        }
        return version;
    }

    record PropertyState(String id, PropertyForm form, Map<String, String> errors, Map<String, String> theirs) {
    }

    /** A property on the client page with its inline edit form. */
    record PropertyRow(Property property, PropertyForm form, Map<String, String> errors, Map<String, String> theirs,
                       boolean open, boolean conflict) {

        static String name(Property p) {
            for (String s : new String[] {p.label(), p.street(), p.city(), p.postalCode()}) {
                if (s != null && !s.isBlank()) {
                    return s;
                }
            }
            return p.id();
        }
    }

    /** One line of the history: when, who, what, and each field's change. */
    record HistoryRow(String at, String who, String messageKey, String subject, List<AuditRecord.Change> changes) {
    }

    static String when(AuditEntry e, ZoneId zone) {
        return WHEN.format(e.at().atZone(zone));
    }
}
