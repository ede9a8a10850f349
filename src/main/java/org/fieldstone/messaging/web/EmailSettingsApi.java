package org.fieldstone.messaging.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import java.util.Map;
import java.util.Set;
import org.fieldstone.identity.Team;
import org.fieldstone.messaging.DocumentType;
import org.fieldstone.messaging.EmailSettings;
import org.fieldstone.messaging.EmailSettingsChange;
import org.fieldstone.messaging.EmailTemplate;
import org.fieldstone.messaging.Emails;
import org.fieldstone.shared.Actor;
import org.fieldstone.shared.Change;
import org.fieldstone.shared.InvalidInput;
import org.fieldstone.shared.Message;
import org.fieldstone.shared.NotFound;
import org.fieldstone.shared.Permission;
import org.fieldstone.shared.api.JsonFields;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/**
 * {@code /api/v1/settings/email} ({@code settings:manage}): the company's SMTP server — the password is write-only
 * (kept in the secret store; answers say only {@code passwordSet}) — the templates per document kind, and a test
 * email to the caller.
 */
@RestController
@RequestMapping("/api/v1/settings/email")
@SecurityRequirement(name = "apiKey")
class EmailSettingsApi {

    private static final Set<String> FIELDS = Set.of("host", "port", "username", "password", "fromAddress", "fromName",
            "security", "replyTo");

    private final Emails emails;
    private final Team team;

    EmailSettingsApi(Emails emails, Team team) {
        this.emails = emails;
        this.team = team;
    }

    @Operation(summary = "The company's SMTP settings, without the password (settings:manage)")
    @GetMapping
    EmailSettings get(Actor actor) {
        return emails.settings(actor);
    }

    @Operation(summary = "Set {host, port, username, password, fromAddress, fromName, security: NONE|STARTTLS|TLS, "
            + "replyTo}; an absent password is kept, null removes it; an empty host uses the platform's server "
            + "(settings:manage)")
    @PutMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
    EmailSettings put(Actor actor, @RequestBody JsonNode body) {
        actor.require(Permission.SETTINGS_MANAGE);
        JsonFields f = JsonFields.of(body, FIELDS, Set.of("passwordSet"));
        EmailSettings current = emails.settings(actor);
        String host = text(f, "host", current.host());
        int port = current.port();
        if (f.has("port")) {
            JsonNode p = body.get("port");
            if (p == null || !p.isInt()) {
                f.reject("port", Message.of("messaging.refused.port"));
            } else {
                port = p.asInt();
            }
        }
        EmailSettings.Security security = current.security();
        if (f.text("security") instanceof Change.To<String>(String s)) {
            security = s == null ? null : switch (s) {
                case "NONE" -> EmailSettings.Security.NONE;
                case "STARTTLS" -> EmailSettings.Security.STARTTLS;
                case "TLS" -> EmailSettings.Security.TLS;
                default -> null;
            };
            if (security == null) {
                f.reject("security", Message.of("messaging.refused.security"));
            }
        }
        Change<String> password = f.text("password");
        EmailSettingsChange change = new EmailSettingsChange(host, port, text(f, "username", current.username()),
                password, text(f, "fromAddress", current.fromAddress()), text(f, "fromName", current.fromName()),
                security, text(f, "replyTo", current.replyTo()));
        f.throwIfAny();
        return emails.updateSettings(actor, change);
    }

    @Operation(summary = "The subject and body of a kind's email: quote or invoice (settings:manage)")
    @GetMapping("/templates/{kind}")
    EmailTemplate template(Actor actor, @PathVariable String kind) {
        return emails.template(actor, kind(kind));
    }

    @Operation(summary = "Set {subject, body} of a kind's email; placeholders {{client.name}}, {{document.number}}, "
            + "{{document.total}}, {{document.dueOn}}, {{document.expiresOn}}, {{company.name}}, {{link}}; empty "
            + "texts restore the default (settings:manage)")
    @PutMapping(path = "/templates/{kind}", consumes = MediaType.APPLICATION_JSON_VALUE)
    EmailTemplate putTemplate(Actor actor, @PathVariable String kind, @RequestBody JsonNode body) {
        actor.require(Permission.SETTINGS_MANAGE);
        DocumentType type = kind(kind);
        JsonFields f = JsonFields.of(body, Set.of("subject", "body"), Set.of("type", "custom"));
        String subject = JsonFields.valueOf(f.text("subject"));
        String text = JsonFields.valueOf(f.text("body"));
        f.throwIfAny();
        return emails.updateTemplate(actor, type, subject, text);
    }

    @Operation(summary = "Send a test email to the caller through the server the company's emails use (settings:manage)")
    @PostMapping("/test")
    Map<String, Object> test(Actor actor) {
        actor.require(Permission.SETTINGS_MANAGE);
        if (actor.userId().isEmpty()) {
            throw new InvalidInput("to", Message.of("messaging.refused.test-no-user"));
        }
        String to = team.get(actor, actor.userId().get()).email().value();
        String problem = emails.sendTest(actor, to);
        return problem == null ? Map.of("sent", true, "to", to) : Map.of("sent", false, "to", to, "reason", problem);
    }

    private static String text(JsonFields f, String field, String current) {
        return f.text(field) instanceof Change.To<String>(String v) ? (v == null ? "" : v) : current;
    }

    static DocumentType kind(String code) {
        DocumentType type = DocumentType.ofCode(code);
        if (type == null) {
            throw new NotFound(Message.of("messaging.thing.template"));
        }
        return type;
    }
}
