package org.fieldstone.notifications.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import java.time.LocalTime;
import java.time.format.DateTimeParseException;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.fieldstone.notifications.NotificationChannel;
import org.fieldstone.notifications.NotificationKind;
import org.fieldstone.notifications.NotificationSettings;
import org.fieldstone.notifications.internal.NotificationService;
import org.fieldstone.shared.Actor;
import org.fieldstone.shared.InvalidInput;
import org.fieldstone.shared.Message;
import org.fieldstone.shared.Permission;
import org.fieldstone.shared.api.ApiMediaTypes;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/**
 * {@code /api/v1/settings/notifications} ({@code settings:manage}): the channels per kind for clients and for the team,
 * the quiet hours, and the templates per kind and channel ({@code …/templates/{kind}/{channel}}).
 */
@RestController
@RequestMapping("/api/v1/settings/notifications")
@SecurityRequirement(name = "apiKey")
class NotificationSettingsApi {

    private final NotificationService service;

    NotificationSettingsApi(NotificationService service) {
        this.service = service;
    }

    @Operation(summary = "The company's notification settings (settings:manage)")
    @GetMapping
    Map<String, Object> get(Actor actor) {
        return json(service.settings(actor));
    }

    @Operation(summary = "Change {clients: {VISIT_REMINDER: [SMS]}, team: {LOW_STOCK: [IN_APP]}, quietStart: \"21:00\", "
            + "quietEnd: \"08:00\"}; absent fields and kinds keep their value (settings:manage)")
    @PutMapping(consumes = {MediaType.APPLICATION_JSON_VALUE, ApiMediaTypes.MERGE_PATCH_JSON_VALUE})
    Map<String, Object> put(Actor actor, @RequestBody JsonNode body) {
        actor.require(Permission.SETTINGS_MANAGE);
        NotificationSettings current = service.settings(actor);
        InvalidInput.Collector errors = new InvalidInput.Collector();
        Map<NotificationKind, Set<NotificationChannel>> clients = merge(current.clients(), body.get("clients"), "clients", errors);
        Map<NotificationKind, Set<NotificationChannel>> team = merge(current.team(), body.get("team"), "team", errors);
        LocalTime start = time(body.get("quietStart"), current.quietStart(), "quietStart", errors);
        LocalTime end = time(body.get("quietEnd"), current.quietEnd(), "quietEnd", errors);
        errors.throwIfAny();
        return json(service.updateSettings(actor, new NotificationSettings(clients, team, start, end)));
    }

    @Operation(summary = "A template of a kind on a channel: the company's own or the default (settings:manage)")
    @GetMapping("/templates/{kind}/{channel}")
    Map<String, String> template(Actor actor, @PathVariable String kind, @PathVariable String channel) {
        String[] t = service.template(actor, kind(kind), channel(channel));
        return Map.of("subject", t[0], "body", t[1]);
    }

    @Operation(summary = "Save a template {subject, body}: unknown variables, sections and partials are refused "
            + "(settings:manage)")
    @PutMapping(path = "/templates/{kind}/{channel}", consumes = MediaType.APPLICATION_JSON_VALUE)
    Map<String, String> saveTemplate(Actor actor, @PathVariable String kind, @PathVariable String channel,
                                     @RequestBody JsonNode body) {
        NotificationKind k = kind(kind);
        NotificationChannel c = channel(channel);
        JsonNode subject = body.get("subject");
        JsonNode text = body.get("body");
        if (text == null || !text.isString()) {
            throw new InvalidInput("body", Message.of("notifications.refused.template-length", 1600));
        }
        service.saveTemplate(actor, k, c, subject == null || !subject.isString() ? "" : subject.asString(),
                text.asString());
        return template(actor, kind, channel);
    }

    private static Map<String, Object> json(NotificationSettings s) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("clients", codes(s.clients()));
        json.put("team", codes(s.team()));
        json.put("quietStart", s.quietStart().toString());
        json.put("quietEnd", s.quietEnd().toString());
        return json;
    }

    private static Map<String, List<String>> codes(Map<NotificationKind, Set<NotificationChannel>> m) {
        Map<String, List<String>> codes = new TreeMap<>();
        m.forEach((k, v) -> codes.put(k.name(), v.stream().map(Enum::name).sorted().toList()));
        return codes;
    }

    private static Map<NotificationKind, Set<NotificationChannel>> merge(Map<NotificationKind, Set<NotificationChannel>> current,
                                                                     JsonNode node, String field,
                                                                     InvalidInput.Collector errors) {
        Map<NotificationKind, Set<NotificationChannel>> merged = new EnumMap<>(NotificationKind.class);
        merged.putAll(current);
        if (node == null || node.isNull()) {
            return merged;
        }
        if (!node.isObject()) {
            errors.add(field, Message.of("notifications.refused.channel"));
            return merged;
        }
        for (var entry : node.properties()) {
            try {
                NotificationKind kind = NotificationKind.valueOf(entry.getKey());
                Set<NotificationChannel> channels = EnumSet.noneOf(NotificationChannel.class);
                if (!entry.getValue().isArray()) {
                    throw new IllegalArgumentException("not a list");
                }
                for (JsonNode c : entry.getValue()) {
                    channels.add(NotificationChannel.valueOf(c.asString()));
                }
                merged.put(kind, channels);
            } catch (IllegalArgumentException e) {
                errors.add(field + "." + entry.getKey(), Message.of("notifications.refused.channel"));
            }
        }
        return merged;
    }

    private static LocalTime time(JsonNode node, LocalTime current, String field, InvalidInput.Collector errors) {
        if (node == null || node.isNull()) {
            return current;
        }
        try {
            return LocalTime.parse(node.asString());
        } catch (DateTimeParseException e) {
            errors.add(field, Message.of("notifications.refused.quiet-hours"));
            return current;
        }
    }

    private static NotificationKind kind(String name) {
        try {
            return NotificationKind.valueOf(name);
        } catch (IllegalArgumentException e) {
            throw new org.fieldstone.shared.NotFound(Message.of("notifications.refused.kind"));
        }
    }

    private static NotificationChannel channel(String name) {
        try {
            return NotificationChannel.valueOf(name);
        } catch (IllegalArgumentException e) {
            throw new org.fieldstone.shared.NotFound(Message.of("notifications.refused.channel"));
        }
    }
}
