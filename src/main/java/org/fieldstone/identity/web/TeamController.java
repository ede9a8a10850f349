package org.fieldstone.identity.web;

import jakarta.servlet.http.HttpServletResponse;
import java.util.Arrays;
import org.fieldstone.identity.SignedIn;
import org.fieldstone.identity.Team;
import org.fieldstone.shared.EmailAddress;
import org.fieldstone.shared.InvalidInput;
import org.fieldstone.shared.Page;
import org.fieldstone.shared.Permission;
import org.fieldstone.shared.Role;
import org.fieldstone.shared.UserId;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** Team page (seed 001 "team management"): list, invite, change role, (de)activate. */
@Controller
class TeamController {

    private final Team team;
    private final PublicLinks links;
    private final org.fieldstone.identity.Sessions sessions;
    private final org.fieldstone.identity.MultiFactor mfa;

    TeamController(Team team, PublicLinks links, org.fieldstone.identity.Sessions sessions,
                   org.fieldstone.identity.MultiFactor mfa) {
        this.team = team;
        this.links = links;
        this.sessions = sessions;
        this.mfa = mfa;
    }

    @GetMapping("/c/{slug}/team")
    String list(@AuthenticationPrincipal SignedIn me, @RequestParam(defaultValue = "0") int page,
                @RequestParam(required = false) String notice, Model model) {
        model.addAttribute("notice", Notices.key(notice));
        return render(me, page, model);
    }

    @PostMapping("/c/{slug}/team")
    String invite(@AuthenticationPrincipal SignedIn me, @RequestParam(defaultValue = "") String email,
                  @RequestParam(defaultValue = "") String name, @RequestParam(defaultValue = "USER") String role,
                  Model model, HttpServletResponse response) {
        try {
            Team.Invitation invitation = team.invite(me.actor(), new EmailAddress(email), name, Role.parse(role));
            showLink(me, invitation, model);
        } catch (InvalidInput e) {
            response.setStatus(400);
            model.addAttribute("errors", e.asFieldErrors());
            model.addAttribute("form", new InviteForm(email, name, role));
        }
        return render(me, 0, model);
    }

    @PostMapping("/c/{slug}/team/{id}/role")
    String changeRole(@AuthenticationPrincipal SignedIn me, @PathVariable String id, @RequestParam String role) {
        team.changeRole(me.actor(), UserId.parse(id), Role.parse(role));
        return "redirect:/c/" + me.companySlug() + "/team?notice=roleChanged";
    }

    @PostMapping("/c/{slug}/team/{id}/deactivate")
    String deactivate(@AuthenticationPrincipal SignedIn me, @PathVariable String id) {
        team.setActive(me.actor(), UserId.parse(id), false);
        return "redirect:/c/" + me.companySlug() + "/team?notice=deactivated";
    }

    @PostMapping("/c/{slug}/team/{id}/activate")
    String activate(@AuthenticationPrincipal SignedIn me, @PathVariable String id) {
        team.setActive(me.actor(), UserId.parse(id), true);
        return "redirect:/c/" + me.companySlug() + "/team?notice=activated";
    }

    @PostMapping("/c/{slug}/team/{id}/end-sessions")
    String endSessions(@AuthenticationPrincipal SignedIn me, @PathVariable String id) {
        sessions.endAllOf(me.actor(), UserId.parse(id));
        return "redirect:/c/" + me.companySlug() + "/team?notice=sessionsEnded";
    }

    @PostMapping("/c/{slug}/team/{id}/reset-mfa")
    String resetMfa(@AuthenticationPrincipal SignedIn me, @PathVariable String id) {
        mfa.reset(me.actor(), UserId.parse(id));
        return "redirect:/c/" + me.companySlug() + "/team?notice=mfaReset";
    }

    @PostMapping("/c/{slug}/team/{id}/invitation")
    String newLink(@AuthenticationPrincipal SignedIn me, @PathVariable String id, Model model) {
        showLink(me, team.reinvite(me.actor(), UserId.parse(id)), model);
        return render(me, 0, model);
    }

    private String render(SignedIn me, int page, Model model) {
        model.addAttribute("members", team.list(me.actor(), Page.request(page, 50)));
        model.addAttribute("canManage", me.actor().can(Permission.TEAM_MANAGE));
        model.addAttribute("grantable", Arrays.stream(Role.values()).filter(r -> me.role().covers(r)).toList());
        if (!model.containsAttribute("form")) {
            model.addAttribute("form", new InviteForm("", "", Role.USER.name()));
        }
        return "identity/team";
    }

    private void showLink(SignedIn me, Team.Invitation invitation, Model model) {
        String link = links.invitation(me.companySlug(), invitation.token());
        model.addAttribute("invited", invitation.user());
        model.addAttribute("invitationLink", link);
        model.addAttribute("invitationDays", invitation.validFor().toDays());
    }

    record InviteForm(String email, String name, String role) {
    }
}
