package org.fieldstone.identity.oauth;

import jakarta.servlet.http.HttpServletResponse;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.fieldstone.shared.Actor;
import org.fieldstone.shared.Message;
import org.fieldstone.shared.NotFound;
import org.fieldstone.shared.Permission;
import org.fieldstone.tenancy.CompanyDatabase;
import org.fieldstone.tenancy.CompanyDatabases;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The consent page of an authorization request: the app's name and where it sends the user back to, the scopes it asks
 * for in plain words — those the user's role does not allow are shown as not available and are not granted — and
 * Allow / Deny. Both post to the authorization endpoint with the request's consent state, which only this user's
 * pending request has.
 */
@Controller
class ConsentController {

    private final CompanyDatabases databases;
    private final Grants grants;

    ConsentController(CompanyDatabases databases, Grants grants) {
        this.databases = databases;
        this.grants = grants;
    }

    record Scope(String code, String label, boolean available) {
    }

    @GetMapping("/c/{slug}/oauth2/consent")
    String consent(Actor actor, @PathVariable String slug, @RequestParam(name = "client_id", defaultValue = "") String clientId,
                   @RequestParam(defaultValue = "") String scope, @RequestParam(defaultValue = "") String state,
                   Model model, HttpServletResponse response) {
        CompanyDatabase db = databases.of(actor.tenant());
        Optional<GrantRow> pending = state.isEmpty() || state.length() > 200 ? Optional.empty()
                : db.jdbc().sql("SELECT " + GrantRow.COLUMNS + " FROM oauth_grants g WHERE g.consent_state_hash = :h AND g.status = 'pending'")
                .param("h", Hashes.sha256(state)).query((rs, i) -> GrantRow.of(rs)).optional()
                .filter(g -> actor.userId().map(u -> u.toString().equals(g.userId())).orElse(false));
        RegisteredClient client = pending.flatMap(g -> CompanyClients.find(db, "id", g.clientId()))
                .filter(c -> c.getClientId().equals(clientId))
                .orElseThrow(() -> new NotFound(Message.of("oauth.thing.request")));
        List<Scope> scopes = new ArrayList<>();
        for (String code : GrantRow.split(scope)) {
            for (Permission p : Permission.values()) {
                if (p.code().equals(code)) {
                    scopes.add(new Scope(code, "oauth.scope." + code.replace(':', '.'), actor.role().allows(p)));
                }
            }
        }
        URI redirect = URI.create(pending.get().redirectUri());
        String origin = redirect.getScheme() + "://" + redirect.getRawAuthority();
        // the answer is a redirect to the app: the page's forms may go on to its origin (and nowhere else)
        response.setHeader("Content-Security-Policy", "default-src 'self'; script-src 'self'; style-src 'self'; "
                + "img-src 'self' data:; form-action 'self' " + origin + "; frame-ancestors 'none'; base-uri 'none'; object-src 'none'");
        model.addAttribute("slug", slug);
        model.addAttribute("clientName", client.getClientName());
        model.addAttribute("clientHost", redirect.getHost());
        model.addAttribute("clientId", client.getClientId());
        // an app named by its metadata document: where that document lives is who is asking
        model.addAttribute("clientIdHost", ClientMetadataDocuments.hostOf(client.getClientId()));
        model.addAttribute("state", state);
        model.addAttribute("scopes", scopes);
        model.addAttribute("anyAvailable", scopes.stream().anyMatch(Scope::available));
        return "identity/oauth-consent";
    }
}
