package org.fieldstone.jobs.web;

import org.fieldstone.shared.api.ApiMediaTypes;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import java.time.DayOfWeek;
import java.time.LocalTime;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.fieldstone.jobs.JobSettings;
import org.fieldstone.jobs.WorkSettings;
import org.fieldstone.shared.Actor;
import org.fieldstone.shared.Change;
import org.fieldstone.shared.Message;
import org.fieldstone.shared.Permission;
import org.fieldstone.shared.api.JsonFields;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/**
 * {@code /api/v1/settings/work}: the company's working hours (visits outside them are flagged) and whether
 * technicians see only their own work. Reading needs {@code jobs:read}, changing {@code settings:manage}; a field
 * left out of a PUT keeps its value.
 */
@RestController
@RequestMapping("/api/v1/settings/work")
@SecurityRequirement(name = "apiKey")
class WorkSettingsApi {

    private static final Set<String> FIELDS = Set.of("workingDays", "dayStart", "dayEnd", "techniciansSeeOnlyOwnWork");

    private final JobSettings workSettings;

    WorkSettingsApi(JobSettings workSettings) {
        this.workSettings = workSettings;
    }

    @Operation(summary = "Working days and hours, and whether technicians see only their own work (jobs:read)")
    @GetMapping
    SettingsJson get(Actor actor) {
        return SettingsJson.of(workSettings.settings(actor));
    }

    @Operation(summary = "Change the work settings; absent fields keep their value (settings:manage)")
    @PutMapping(consumes = {MediaType.APPLICATION_JSON_VALUE, ApiMediaTypes.MERGE_PATCH_JSON_VALUE})
    SettingsJson put(Actor actor, @RequestBody JsonNode body) {
        actor.require(Permission.SETTINGS_MANAGE);
        WorkSettings current = workSettings.settings(actor);
        JsonFields f = JsonFields.of(body, FIELDS, Set.of());
        Set<DayOfWeek> days = current.workingDays();
        if (f.strings("workingDays") instanceof Change.To<List<String>>(List<String> names)) {
            days = new LinkedHashSet<>();
            for (String name : names) {
                try {
                    days.add(DayOfWeek.valueOf(name.strip().toUpperCase(Locale.ROOT)));
                } catch (IllegalArgumentException e) {
                    f.reject("workingDays", Message.of("jobs.refused.working-days"));
                }
            }
        }
        LocalTime start = time(f, "dayStart", current.dayStart());
        LocalTime end = time(f, "dayEnd", current.dayEnd());
        boolean ownWork = f.bool("techniciansSeeOnlyOwnWork") instanceof Change.To<Boolean>(Boolean on) && on != null
                ? on : current.techniciansSeeOnlyOwnWork();
        f.throwIfAny();
        return SettingsJson.of(workSettings.updateSettings(actor, new WorkSettings(days, start, end, ownWork)));
    }

    private static LocalTime time(JsonFields f, String field, LocalTime current) {
        if (!(f.text(field) instanceof Change.To<String>(String text))) {
            return current;
        }
        try {
            return LocalTime.parse(text == null ? "" : text.strip());
        } catch (DateTimeParseException e) {
            f.reject(field, Message.of("jobs.refused.time-of-day"));
            return current;
        }
    }

    record SettingsJson(List<String> workingDays, String dayStart, String dayEnd, boolean techniciansSeeOnlyOwnWork) {
        static SettingsJson of(WorkSettings s) {
            return new SettingsJson(s.workingDays().stream().sorted().map(Enum::name).toList(), s.dayStart().toString(),
                    s.dayEnd().toString(), s.techniciansSeeOnlyOwnWork());
        }
    }
}
