package org.fieldstone.web;

import jakarta.servlet.http.HttpServletResponse;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.fieldstone.identity.Team;
import org.fieldstone.shared.Actor;
import org.fieldstone.shared.DomainException;
import org.fieldstone.shared.InvalidInput;
import org.fieldstone.shared.NotFound;
import org.fieldstone.shared.UserId;
import org.fieldstone.shared.VersionConflict;
import org.fieldstone.tenancy.SecretStore;
import org.fieldstone.tenancy.SecretStore.Secret;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * Settings → Integrations ({@code settings:manage}): the company's integration credentials. Each known secret
 * can be set, replaced and removed; a value is never shown again, only its hint and who changed it when.
 */
@Controller
class IntegrationsController {

    private static final DateTimeFormatter MINUTE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").withZone(ZoneOffset.UTC);
    private static final Set<String> NOTICES = Set.of("saved", "removed");

    private final SecretStore secrets;
    private final Team team;
    private final MessageSource messages;

    IntegrationsController(SecretStore secrets, Team team, MessageSource messages) {
        this.secrets = secrets;
        this.team = team;
        this.messages = messages;
    }

    @GetMapping("/c/{slug}/settings/integrations")
    String page(Actor actor, @RequestParam(required = false) String notice, Model model) {
        model.addAttribute("notice", notice != null && NOTICES.contains(notice) ? "integrations.notice." + notice : null);
        return render(actor, model);
    }

    @PostMapping("/c/{slug}/settings/integrations/{name}")
    String save(Actor actor, @PathVariable String name, @RequestParam(defaultValue = "") String value,
                @RequestParam(defaultValue = "0") long version, Model model, HttpServletResponse response) {
        char[] typed = value.toCharArray();
        try {
            secrets.set(actor, name, typed, version);
        } catch (InvalidInput | VersionConflict e) {
            return refused(actor, name, e, model, response);
        } finally {
            Arrays.fill(typed, '\0');
        }
        return "redirect:/c/{slug}/settings/integrations?notice=saved";
    }

    @PostMapping("/c/{slug}/settings/integrations/{name}/remove")
    String remove(Actor actor, @PathVariable String name,
                  @RequestParam(defaultValue = "0") long version, Model model, HttpServletResponse response) {
        try {
            secrets.remove(actor, name, version);
        } catch (InvalidInput | VersionConflict e) {
            return refused(actor, name, e, model, response);
        }
        return "redirect:/c/{slug}/settings/integrations?notice=removed";
    }

    /** The page again with the refusal beside the secret it concerns; what was typed is not shown back. */
    private String refused(Actor actor, String name, DomainException e, Model model, HttpServletResponse response) {
        boolean conflict = e instanceof VersionConflict;
        response.setStatus(conflict ? 409 : 400);
        model.addAttribute("failed", SecretStore.KNOWN.contains(name) ? name : null);
        model.addAttribute("error", conflict
                ? messages.getMessage("integrations.conflict", null, LocaleContextHolder.getLocale())
                : e.message(messages));
        return render(actor, model);
    }

    private String render(Actor actor, Model model) {
        Map<String, Secret> set = secrets.list(actor).stream()
                .collect(Collectors.toMap(Secret::name, Function.identity()));
        Map<String, String> names = new HashMap<>();
        List<Row> rows = SecretStore.KNOWN.stream().map(name -> {
            Secret s = set.get(name);
            return s == null ? new Row(name, null, 0, null, null)
                    : new Row(name, s.hint(), s.version(), MINUTE.format(s.updatedAt()),
                            names.computeIfAbsent(s.updatedBy(), by -> who(actor, by)));
        }).toList();
        model.addAttribute("rows", rows);
        return "settings/integrations";
    }

    /** A member's name, or how the operator's CLI and the system are called on the page. */
    private String who(Actor actor, String updatedBy) {
        if ("cli".equals(updatedBy) || "system".equals(updatedBy)) {
            return messages.getMessage("integrations.by." + updatedBy, null, LocaleContextHolder.getLocale());
        }
        try {
            return team.get(actor, UserId.parse(updatedBy)).name();
        } catch (NotFound e) {
            return messages.getMessage("integrations.by.unknown", null, LocaleContextHolder.getLocale());
        }
    }

    /** One known secret as the page shows it: unset when {@code hint} is null. */
    record Row(String name, String hint, long version, String updatedAt, String updatedBy) {
    }
}
