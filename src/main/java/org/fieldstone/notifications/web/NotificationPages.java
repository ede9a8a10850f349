package org.fieldstone.notifications.web;

import jakarta.servlet.http.HttpServletResponse;
import java.time.LocalTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.fieldstone.notifications.NotificationChannel;
import org.fieldstone.notifications.NotificationKind;
import org.fieldstone.notifications.NotificationSettings;
import org.fieldstone.notifications.Notifications;
import org.fieldstone.notifications.internal.NotificationService;
import org.fieldstone.shared.Actor;
import org.fieldstone.shared.InvalidInput;
import org.fieldstone.shared.Message;
import org.fieldstone.shared.Permission;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The dashboard's notification pages: the member's in-app notifications ({@code /c/{slug}/notifications}), a client's
 * messages (delivery log, free text by SMS or email, opt-outs per channel), a job's messages, Settings → Notifications
 * (channels per kind, quiet hours, templates with a preview) and the member's own channels in My account.
 * Post/redirect/get; refusals beside their fields.
 */
@Controller
class NotificationPages {

    private final NotificationService service;
    private final Notifications notifications;
    private final MessageSource messages;

    NotificationPages(NotificationService service, Notifications notifications, MessageSource messages) {
        this.service = service;
        this.notifications = notifications;
        this.messages = messages;
    }

    // ---- in-app

    @GetMapping("/c/{slug}/notifications")
    String inbox(Actor actor, Model model) {
        model.addAttribute("deliveries", service.inbox(actor));
        return "notifications/inbox";
    }

    @PostMapping("/c/{slug}/notifications/read")
    String read(Actor actor, @RequestParam(required = false) String id) {
        service.markRead(actor, id == null || id.isBlank() ? null : id);
        return "redirect:/c/{slug}/notifications";
    }

    // ---- a client's and a job's messages

    @GetMapping("/c/{slug}/clients/{clientId}/messages")
    String client(Actor actor, @PathVariable String clientId, @RequestParam(required = false) String notice, Model model) {
        return clientPage(actor, clientId, notice, "", "SMS", Map.of(), model);
    }

    @PostMapping("/c/{slug}/clients/{clientId}/messages")
    String send(Actor actor, @PathVariable String clientId, @RequestParam(defaultValue = "") String text,
                @RequestParam(defaultValue = "SMS") String channel, Model model, HttpServletResponse response) {
        try {
            NotificationChannel c = channel(channel);
            if (c != NotificationChannel.SMS && c != NotificationChannel.EMAIL) {
                throw new InvalidInput("channel", Message.of("notifications.refused.channel"));
            }
            notifications.message(actor, clientId, c, text);
            return "redirect:/c/{slug}/clients/{clientId}/messages?notice=sent";
        } catch (InvalidInput e) {
            response.setStatus(e.pageStatus());
            return clientPage(actor, clientId, null, text, channel, e.fieldErrors(messages), model);
        }
    }

    @PostMapping("/c/{slug}/clients/{clientId}/messages/opt-out")
    String optOut(Actor actor, @PathVariable String clientId, @RequestParam String channel,
                  @RequestParam(defaultValue = "false") boolean optedOut) {
        notifications.setOptOut(actor, clientId, channel(channel), optedOut);
        return "redirect:/c/{slug}/clients/{clientId}/messages?notice=saved";
    }

    private String clientPage(Actor actor, String clientId, String notice, String text, String channel,
                              Map<String, String> errors, Model model) {
        model.addAttribute("deliveries", notifications.forClient(actor, clientId));
        model.addAttribute("clientId", clientId);
        model.addAttribute("optOuts", service.optOuts(actor, clientId));
        model.addAttribute("clientChannels", List.copyOf(NotificationSettings.CLIENT_CHANNELS));
        model.addAttribute("mayWrite", actor.can(Permission.CLIENTS_WRITE));
        model.addAttribute("text", text);
        model.addAttribute("channel", channel);
        model.addAttribute("errors", errors);
        if (notice != null && (notice.equals("sent") || notice.equals("saved"))) {
            model.addAttribute("notice", "notifications.page.notice." + notice);
        }
        return "notifications/client";
    }

    @GetMapping("/c/{slug}/jobs/{jobId}/messages")
    String job(Actor actor, @PathVariable String jobId, Model model) {
        model.addAttribute("deliveries", notifications.forJob(actor, jobId));
        model.addAttribute("jobId", jobId);
        return "notifications/job";
    }

    // ---- Settings → Notifications

    @GetMapping("/c/{slug}/settings/notifications")
    String settings(Actor actor, @RequestParam(required = false) String notice,
                    @RequestParam(required = false) String kind, @RequestParam(required = false) String channel,
                    Model model) {
        NotificationSettings s = service.settings(actor);
        NotificationKind k = kind == null ? NotificationKind.VISIT_REMINDER : kind(kind);
        NotificationChannel c = channel == null ? NotificationChannel.SMS : channel(channel);
        String[] template = service.template(actor, k, c);
        return settingsPage(model, s, s.quietStart().toString(), s.quietEnd().toString(), k, c, template[0],
                template[1], null, notice, Map.of());
    }

    @PostMapping("/c/{slug}/settings/notifications")
    String saveSettings(Actor actor, @RequestParam MultiValueMap<String, String> form,
                        @RequestParam(defaultValue = "") String quietStart, @RequestParam(defaultValue = "") String quietEnd,
                        Model model, HttpServletResponse response) {
        actor.require(Permission.SETTINGS_MANAGE);
        Map<NotificationKind, Set<NotificationChannel>> clients = choices(form, "client.");
        Map<NotificationKind, Set<NotificationChannel>> team = choices(form, "team.");
        try {
            LocalTime start = time("quietStart", quietStart);
            LocalTime end = time("quietEnd", quietEnd);
            service.updateSettings(actor, new NotificationSettings(clients, team, start, end));
            return "redirect:/c/{slug}/settings/notifications?notice=saved";
        } catch (InvalidInput e) {
            response.setStatus(e.pageStatus());
            NotificationSettings shown = new NotificationSettings(clients, team, LocalTime.MIDNIGHT, LocalTime.MIDNIGHT);
            String[] template = service.template(actor, NotificationKind.VISIT_REMINDER, NotificationChannel.SMS);
            return settingsPage(model, shown, quietStart, quietEnd, NotificationKind.VISIT_REMINDER,
                    NotificationChannel.SMS, template[0], template[1], null, null, e.fieldErrors(messages));
        }
    }

    @PostMapping("/c/{slug}/settings/notifications/template")
    String saveTemplate(Actor actor, @RequestParam String kind, @RequestParam String channel,
                        @RequestParam(defaultValue = "") String subject, @RequestParam(defaultValue = "") String body,
                        @RequestParam(defaultValue = "save") String action, Model model, HttpServletResponse response) {
        NotificationKind k = kind(kind);
        NotificationChannel c = channel(channel);
        try {
            if ("preview".equals(action)) {
                String preview = service.preview(actor, body);
                return settingsPage(model, service.settings(actor), null, null, k, c, subject, body, preview, null,
                        Map.of());
            }
            service.saveTemplate(actor, k, c, subject, body);
            return "redirect:/c/{slug}/settings/notifications?notice=template-saved&kind=" + k.name() + "&channel="
                    + c.name();
        } catch (InvalidInput e) {
            response.setStatus(e.pageStatus());
            return settingsPage(model, service.settings(actor), null, null, k, c, subject, body, null, null,
                    e.fieldErrors(messages));
        }
    }

    private String settingsPage(Model model, NotificationSettings s, String quietStart, String quietEnd,
                                NotificationKind kind, NotificationChannel channel, String subject, String body,
                                String preview, String notice, Map<String, String> errors) {
        model.addAttribute("settings", s);
        model.addAttribute("quietStart", quietStart == null ? s.quietStart().toString() : quietStart);
        model.addAttribute("quietEnd", quietEnd == null ? s.quietEnd().toString() : quietEnd);
        model.addAttribute("kinds", List.of(NotificationKind.values()));
        model.addAttribute("clientKinds", List.copyOf(NotificationSettings.CLIENT_KINDS));
        model.addAttribute("teamKinds", List.copyOf(NotificationSettings.TEAM_KINDS));
        model.addAttribute("clientChannels", List.copyOf(NotificationSettings.CLIENT_CHANNELS));
        model.addAttribute("teamChannels", List.copyOf(NotificationSettings.TEAM_CHANNELS));
        model.addAttribute("channels", List.of(NotificationChannel.values()));
        model.addAttribute("kind", kind);
        model.addAttribute("channel", channel);
        model.addAttribute("subject", subject);
        model.addAttribute("body", body);
        model.addAttribute("preview", preview);
        model.addAttribute("errors", errors);
        if (notice != null && (notice.equals("saved") || notice.equals("template-saved"))) {
            model.addAttribute("notice", "notifications.page.notice." + notice);
        }
        return "notifications/settings";
    }

    // ---- My account → Notifications

    @GetMapping("/c/{slug}/account/notifications")
    String mine(Actor actor, @RequestParam(required = false) String notice, Model model) {
        model.addAttribute("choices", service.myChoices(actor));
        model.addAttribute("teamKinds", List.copyOf(NotificationSettings.TEAM_KINDS));
        model.addAttribute("teamChannels", List.copyOf(NotificationSettings.TEAM_CHANNELS));
        if ("saved".equals(notice)) {
            model.addAttribute("notice", "notifications.page.notice.saved");
        }
        return "notifications/account";
    }

    @PostMapping("/c/{slug}/account/notifications")
    String saveMine(Actor actor, @RequestParam MultiValueMap<String, String> form) {
        Map<NotificationKind, Set<NotificationChannel>> chosen = choices(form, "team.");
        for (NotificationKind kind : NotificationSettings.TEAM_KINDS) {
            service.choose(actor, kind, chosen.getOrDefault(kind, Set.of()));
        }
        return "redirect:/c/{slug}/account/notifications?notice=saved";
    }

    // ----

    /** Checkboxes named {@code <prefix><KIND>} with channel names as values. */
    private static Map<NotificationKind, Set<NotificationChannel>> choices(MultiValueMap<String, String> form,
                                                                       String prefix) {
        Map<NotificationKind, Set<NotificationChannel>> m = new EnumMap<>(NotificationKind.class);
        for (NotificationKind kind : NotificationKind.values()) {
            Set<NotificationChannel> set = EnumSet.noneOf(NotificationChannel.class);
            for (String value : form.getOrDefault(prefix + kind.name(), new ArrayList<>())) {
                set.add(channel(value));
            }
            m.put(kind, set);
        }
        return m;
    }

    private static LocalTime time(String field, String text) {
        try {
            return LocalTime.parse(text.strip());
        } catch (DateTimeParseException e) {
            throw new InvalidInput(field, Message.of("notifications.refused.quiet-hours"));
        }
    }

    private static NotificationKind kind(String name) {
        try {
            return NotificationKind.valueOf(name);
        } catch (IllegalArgumentException e) {
            throw new InvalidInput("kind", Message.of("notifications.refused.kind"));
        }
    }

    private static NotificationChannel channel(String name) {
        try {
            return NotificationChannel.valueOf(name);
        } catch (IllegalArgumentException e) {
            throw new InvalidInput("channel", Message.of("notifications.refused.channel"));
        }
    }
}
