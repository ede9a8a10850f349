package org.fieldstone.jobs.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.time.DayOfWeek;
import java.time.LocalTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.fieldstone.jobs.ChecklistTemplate;
import org.fieldstone.jobs.ChecklistTemplates;
import org.fieldstone.jobs.JobSettings;
import org.fieldstone.jobs.WorkSettings;
import org.fieldstone.shared.Actor;
import org.fieldstone.shared.InvalidInput;
import org.fieldstone.shared.Message;
import org.fieldstone.shared.Permission;
import org.fieldstone.shared.VersionConflict;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Settings → Schedule ({@code settings:manage}): working days and hours, whether technicians see only their own
 * work, and the checklist templates (items with a required flag; a few empty rows to add items).
 */
@Controller
@RequestMapping("/c/{slug}/settings/schedule")
class ScheduleSettingsController {

    private static final int EMPTY_ROWS = 3;
    /** Rows of the new-template form: a usual checklist fits in one save. */
    static final int NEW_TEMPLATE_ROWS = 10;
    private static final Set<String> NOTICES = Set.of("saved", "templateCreated", "templateSaved", "templateDeleted");

    private final ChecklistTemplates checklists;
    private final JobSettings workSettings;

    private final MessageSource messages;

    ScheduleSettingsController(ChecklistTemplates checklists, JobSettings workSettings, MessageSource messages) {
        this.messages = messages;
        this.checklists = checklists;
        this.workSettings = workSettings;
    }

    @GetMapping
    String page(Actor actor, @RequestParam(required = false) String notice, Model model) {
        actor.require(Permission.SETTINGS_MANAGE);
        if (notice != null && NOTICES.contains(notice)) {
            model.addAttribute("notice", "settings.schedule.notice." + notice);
        }
        return page(actor, model);
    }

    @PostMapping
    String save(Actor actor, @RequestParam(required = false) List<String> days,
                @RequestParam(defaultValue = "") String dayStart, @RequestParam(defaultValue = "") String dayEnd,
                @RequestParam(defaultValue = "false") boolean ownWorkOnly, Model model, HttpServletResponse response) {
        actor.require(Permission.SETTINGS_MANAGE);
        try {
            Set<DayOfWeek> working = EnumSet.noneOf(DayOfWeek.class);
            for (String d : days == null ? List.<String>of() : days) {
                working.add(DayOfWeek.valueOf(d));
            }
            workSettings.updateSettings(actor, new WorkSettings(working, time("dayStart", dayStart), time("dayEnd", dayEnd),
                    ownWorkOnly));
            return "redirect:/c/{slug}/settings/schedule?notice=saved";
        } catch (InvalidInput e) {
            response.setStatus(e.pageStatus());
            model.addAttribute("settingsError", e.message(messages));
            return page(actor, model);
        } catch (IllegalArgumentException e) {
            // only a forged form names a day that is not one of the boxes
            response.setStatus(400);
            model.addAttribute("settingsError", messages.getMessage("jobs.refused.working-day-unknown", null,
                    LocaleContextHolder.getLocale()));
            return page(actor, model);
        }
    }

    /** A refused template goes back to the settings page by redirect, its message as a flash attribute. */
    @PostMapping("/templates")
    String createTemplate(Actor actor, @RequestParam(defaultValue = "") String name,
                          HttpServletRequest request, RedirectAttributes redirect) {
        try {
            checklists.createTemplate(actor, name, items(request));
            return "redirect:/c/{slug}/settings/schedule?notice=templateCreated#templates";
        } catch (InvalidInput e) {
            redirect.addFlashAttribute("templateError", e.message(messages));
            redirect.addFlashAttribute("templateErrorId", "new");
            return "redirect:/c/{slug}/settings/schedule#templates";
        }
    }

    @PostMapping("/templates/{id}")
    String updateTemplate(Actor actor, @PathVariable String id,
                          @RequestParam(defaultValue = "") String name, @RequestParam(required = false) Long version,
                          HttpServletRequest request, RedirectAttributes redirect) {
        try {
            checklists.updateTemplate(actor, id, required(version), name, items(request));
            return "redirect:/c/{slug}/settings/schedule?notice=templateSaved#templates";
        } catch (InvalidInput e) {
            redirect.addFlashAttribute("templateError", e.message(messages));
            redirect.addFlashAttribute("templateErrorId", id);
        } catch (VersionConflict e) {
            redirect.addFlashAttribute("templateStale", true);
            redirect.addFlashAttribute("templateErrorId", id);
        }
        return "redirect:/c/{slug}/settings/schedule#templates";
    }

    @PostMapping("/templates/{id}/delete")
    String deleteTemplate(Actor actor, @PathVariable String id,
                          @RequestParam(required = false) Long version) {
        checklists.deleteTemplate(actor, id, required(version));
        return "redirect:/c/{slug}/settings/schedule?notice=templateDeleted#templates";
    }

    private String page(Actor actor, Model model) {
        actor.require(Permission.SETTINGS_MANAGE);
        WorkSettings settings = workSettings.settings(actor);
        model.addAttribute("settings", settings);
        model.addAttribute("allDays", DayOfWeek.values());
        model.addAttribute("templates", checklists.templates(actor).stream().map(t -> new TemplateRows(t, rows(t.items()))).toList());
        model.addAttribute("newRows", java.util.Collections.nCopies(NEW_TEMPLATE_ROWS, new ChecklistTemplate.Item("", false)));
        return "settings/schedule";
    }

    /** A template's items plus a few empty rows to add more. */
    private static List<ChecklistTemplate.Item> rows(List<ChecklistTemplate.Item> items) {
        List<ChecklistTemplate.Item> rows = new ArrayList<>(items);
        for (int i = 0; i < EMPTY_ROWS; i++) {
            rows.add(new ChecklistTemplate.Item("", false));
        }
        return rows;
    }

    /** Items arrive as parallel {@code itemText} values; {@code itemRequired} holds the indexes ticked. */
    private static List<ChecklistTemplate.Item> items(HttpServletRequest request) {
        String[] texts = request.getParameterValues("itemText");
        String[] required = request.getParameterValues("itemRequired");
        Set<String> ticked = required == null ? Set.of() : Set.of(required);
        List<ChecklistTemplate.Item> items = new ArrayList<>();
        for (int i = 0; texts != null && i < texts.length; i++) {
            if (texts[i] != null && !texts[i].isBlank()) {
                items.add(new ChecklistTemplate.Item(texts[i].strip(), ticked.contains(String.valueOf(i))));
            }
        }
        return items;
    }

    private static LocalTime time(String field, String text) {
        try {
            return LocalTime.parse(text.strip());
        } catch (DateTimeParseException e) {
            throw new InvalidInput(field, Message.of("jobs.refused.time"));
        }
    }

    private static long required(Long version) {
        if (version == null) {
            throw new InvalidInput("version", Message.of("jobs.refused.form-version"));
        }
        return version;
    }

    record TemplateRows(ChecklistTemplate template, List<ChecklistTemplate.Item> rows) {
    }
}
