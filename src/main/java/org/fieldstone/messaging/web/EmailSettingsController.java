package org.fieldstone.messaging.web;

import jakarta.servlet.http.HttpServletResponse;
import java.util.Map;
import java.util.Set;
import org.fieldstone.identity.Team;
import org.fieldstone.messaging.DocumentType;
import org.fieldstone.messaging.EmailSettings;
import org.fieldstone.messaging.EmailSettingsChange;
import org.fieldstone.messaging.Emails;
import org.fieldstone.shared.Actor;
import org.fieldstone.shared.Change;
import org.fieldstone.shared.InvalidInput;
import org.fieldstone.shared.Permission;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * Settings → Email ({@code settings:manage}): the company's SMTP server (the password write-only: an empty field keeps
 * it) and the template of each kind of document; post/redirect/get, field messages on the form that failed.
 */
@Controller
@RequestMapping("/c/{slug}/settings/email")
class EmailSettingsController {

    private static final Set<String> NOTICES = Set.of("saved", "templateSaved", "testSent");

    private final Emails emails;
    private final Team team;
    private final MessageSource messages;

    EmailSettingsController(Emails emails, Team team, MessageSource messages) {
        this.emails = emails;
        this.team = team;
        this.messages = messages;
    }

    @GetMapping
    String page(Actor actor, @RequestParam(required = false) String notice, Model model) {
        actor.require(Permission.SETTINGS_MANAGE);
        if (notice != null && NOTICES.contains(notice)) {
            model.addAttribute("notice", "settings.email.notice." + notice);
        }
        return page(actor, model, null, Map.of(), null, Map.of());
    }

    @PostMapping
    String save(Actor actor, @RequestParam(defaultValue = "") String host, @RequestParam(defaultValue = "587") String port,
                @RequestParam(defaultValue = "") String username, @RequestParam(defaultValue = "") String password,
                @RequestParam(defaultValue = "false") boolean removePassword,
                @RequestParam(defaultValue = "") String fromAddress, @RequestParam(defaultValue = "") String fromName,
                @RequestParam(defaultValue = "STARTTLS") String security, @RequestParam(defaultValue = "") String replyTo,
                Model model, HttpServletResponse response) {
        actor.require(Permission.SETTINGS_MANAGE);
        int portNumber;
        try {
            portNumber = Integer.parseInt(port.strip());
        } catch (NumberFormatException e) {
            portNumber = -1;
        }
        EmailSettings.Security sec;
        try {
            sec = EmailSettings.Security.valueOf(security);
        } catch (IllegalArgumentException e) {
            sec = null;
        }
        Change<String> pw = removePassword ? Change.to(null) : password.isEmpty() ? Change.keep() : Change.to(password);
        EmailSettingsChange change = new EmailSettingsChange(host, portNumber, username, pw, fromAddress, fromName, sec,
                replyTo);
        try {
            emails.updateSettings(actor, change);
            return "redirect:/c/{slug}/settings/email?notice=saved";
        } catch (InvalidInput e) {
            response.setStatus(e.pageStatus());
            EmailSettings entered = new EmailSettings(host, portNumber, username, false, fromAddress, fromName,
                    sec == null ? EmailSettings.Security.STARTTLS : sec, replyTo);
            return page(actor, model, entered, e.fieldErrors(messages), null, Map.of());
        }
    }

    @PostMapping("/templates/{kind}")
    String saveTemplate(Actor actor, @PathVariable String kind, @RequestParam(defaultValue = "") String subject,
                        @RequestParam(defaultValue = "") String body, Model model, HttpServletResponse response) {
        DocumentType type = EmailSettingsApi.kind(kind);
        try {
            emails.updateTemplate(actor, type, subject, body);
            return "redirect:/c/{slug}/settings/email?notice=templateSaved#template-" + type.code();
        } catch (InvalidInput e) {
            response.setStatus(e.pageStatus());
            return page(actor, model, null, Map.of(), type, e.fieldErrors(messages));
        }
    }

    /** Sends a test email to the signed-in user through the server the company's emails use. */
    @PostMapping("/test")
    String test(Actor actor, Model model, HttpServletResponse response) {
        actor.require(Permission.SETTINGS_MANAGE);
        String to = team.get(actor, actor.userId().orElseThrow()).email().value();
        String problem = emails.sendTest(actor, to);
        if (problem == null) {
            return "redirect:/c/{slug}/settings/email?notice=testSent";
        }
        response.setStatus(502);
        model.addAttribute("testProblem", problem);
        return page(actor, model, null, Map.of(), null, Map.of());
    }

    private String page(Actor actor, Model model, EmailSettings entered, Map<String, String> errors,
                        DocumentType failedTemplate, Map<String, String> templateErrors) {
        actor.require(Permission.SETTINGS_MANAGE);
        EmailSettings current = emails.settings(actor);
        EmailSettings shown = entered == null ? current : entered;
        model.addAttribute("settings", shown);
        model.addAttribute("values", Map.of("host", shown.host(), "port", shown.port() < 0 ? "" : String.valueOf(shown.port()),
                "username", shown.username(), "fromAddress", shown.fromAddress(), "fromName", shown.fromName(),
                "replyTo", shown.replyTo()));
        model.addAttribute("passwordSet", current.passwordSet());
        model.addAttribute("errors", errors);
        model.addAttribute("securities", EmailSettings.Security.values());
        model.addAttribute("templates", java.util.Arrays.stream(DocumentType.values())
                .map(t -> emails.template(actor, t)).toList());
        model.addAttribute("failedTemplate", failedTemplate);
        model.addAttribute("templateErrors", templateErrors);
        return "settings/email";
    }
}
