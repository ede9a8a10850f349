package org.fieldstone.identity.web;

import jakarta.servlet.http.HttpServletResponse;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.fieldstone.identity.Crew;
import org.fieldstone.identity.Crews;
import org.fieldstone.identity.SignedIn;
import org.fieldstone.identity.Team;
import org.fieldstone.identity.User;
import org.fieldstone.shared.Conflict;
import org.fieldstone.shared.EmailAddress;
import org.fieldstone.shared.InvalidInput;
import org.fieldstone.shared.Message;
import org.fieldstone.shared.Page;
import org.fieldstone.shared.Permission;
import org.fieldstone.shared.Role;
import org.fieldstone.shared.UserId;
import org.fieldstone.shared.VersionConflict;
import org.springframework.context.MessageSource;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * Team page (seed 001 "team management"): list, invite, change role, (de)activate; and the company's crews —
 * create, rename, set members, delete. A crew edit or delete that meets someone else's change (a stale version)
 * saves nothing and shows the page again with the crew as it is now. Whoever may view the team (team:view) sees
 * names, roles and crews; the email addresses only whoever may manage it (team:manage) — a technician has no need of
 * everyone's address, and the navigation links the page for managers only.
 */
@Controller
class TeamController {

    private static final Set<String> CREW_NOTICES = Set.of("created", "updated", "deleted");

    private final Team team;
    private final Crews crews;
    private final PublicLinks links;
    private final org.fieldstone.identity.Sessions sessions;
    private final org.fieldstone.identity.MultiFactor mfa;
    private final MessageSource messages;

    TeamController(Team team, Crews crews, PublicLinks links, org.fieldstone.identity.Sessions sessions,
                   org.fieldstone.identity.MultiFactor mfa, MessageSource messages) {
        this.messages = messages;
        this.team = team;
        this.crews = crews;
        this.links = links;
        this.sessions = sessions;
        this.mfa = mfa;
    }

    @GetMapping("/c/{slug}/team")
    String list(@AuthenticationPrincipal SignedIn me, @RequestParam(defaultValue = "0") int page,
                @RequestParam(required = false) String notice, @RequestParam(required = false) String crew, Model model) {
        model.addAttribute("notice", Notices.key(notice));
        model.addAttribute("crewNotice", crew != null && CREW_NOTICES.contains(crew) ? "crews.notice." + crew : null);
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
            response.setStatus(e.pageStatus());
            model.addAttribute("errors", e.fieldErrors(messages));
            model.addAttribute("form", new InviteForm(email, name, role));
        } catch (Conflict e) {
            // the only conflict of an invitation is a taken email: say so beside the field, the form kept as typed
            response.setStatus(e.pageStatus());
            model.addAttribute("errors", Map.of("email", e.message(messages)));
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

    @PostMapping("/c/{slug}/team/crews")
    String createCrew(@AuthenticationPrincipal SignedIn me, @RequestParam(defaultValue = "") String name,
                      @RequestParam(name = "members", required = false) List<String> members, Model model,
                      HttpServletResponse response) {
        me.actor().require(Permission.TEAM_MANAGE);
        CrewForm form = new CrewForm(name, members, 0);
        try {
            crews.create(me.actor(), name, form.userIds());
            return "redirect:/c/" + me.companySlug() + "/team?crew=created#crews";
        } catch (InvalidInput e) {
            response.setStatus(e.pageStatus());
            model.addAttribute("crewEditing", new CrewEditing(null, form, e.fieldErrors(messages), false));
            return render(me, 0, model);
        }
    }

    /** Saves a crew if it is still at the version the form was loaded at; otherwise the form comes back (409). */
    @PostMapping("/c/{slug}/team/crews/{id}")
    String updateCrew(@AuthenticationPrincipal SignedIn me, @PathVariable String id,
                      @RequestParam(defaultValue = "") String name,
                      @RequestParam(name = "members", required = false) List<String> members,
                      @RequestParam(required = false) Long version, Model model, HttpServletResponse response) {
        me.actor().require(Permission.TEAM_MANAGE);
        long expected = requiredVersion(version);
        CrewForm form = new CrewForm(name, members, expected);
        try {
            crews.update(me.actor(), id, expected, name, form.userIds());
            return "redirect:/c/" + me.companySlug() + "/team?crew=updated#crews";
        } catch (InvalidInput e) {
            response.setStatus(e.pageStatus());
            model.addAttribute("crewEditing", new CrewEditing(id, form, e.fieldErrors(messages), false));
        } catch (VersionConflict e) {
            // the user's values stay in the form, now at the current version: saving again puts them over the other change
            response.setStatus(e.pageStatus());
            model.addAttribute("crewEditing", new CrewEditing(id, form.atVersion(e.currentVersion()), Map.of(), true));
        }
        return render(me, 0, model);
    }

    @PostMapping("/c/{slug}/team/crews/{id}/delete")
    String deleteCrew(@AuthenticationPrincipal SignedIn me, @PathVariable String id,
                      @RequestParam(required = false) Long version, Model model, HttpServletResponse response) {
        me.actor().require(Permission.TEAM_MANAGE);
        try {
            crews.delete(me.actor(), id, requiredVersion(version));
            return "redirect:/c/" + me.companySlug() + "/team?crew=deleted#crews";
        } catch (VersionConflict e) {
            response.setStatus(e.pageStatus());
            model.addAttribute("crewConflict", id);
            return render(me, 0, model);
        }
    }

    private String render(SignedIn me, int page, Model model) {
        model.addAttribute("members", team.list(me.actor(), Page.request(page, 50)));
        model.addAttribute("canManage", me.actor().can(Permission.TEAM_MANAGE));
        model.addAttribute("grantable", Arrays.stream(Role.values()).filter(r -> me.role().covers(r)).toList());
        if (!model.containsAttribute("form")) {
            model.addAttribute("form", new InviteForm("", "", Role.USER.name()));
        }
        renderCrews(me, model);
        return "identity/team";
    }

    /** The crews with their members' names, each with its edit form (open again when it was refused). */
    private void renderCrews(SignedIn me, Model model) {
        List<User> everyone = everyone(me);
        Map<UserId, User> byId = new LinkedHashMap<>();
        everyone.forEach(u -> byId.put(u.id(), u));
        CrewEditing editing = (CrewEditing) model.getAttribute("crewEditing");
        List<CrewRow> rows = new ArrayList<>();
        for (Crew crew : crews.list(me.actor())) {
            List<MemberView> members = crew.members().stream()
                    .map(id -> byId.containsKey(id) ? MemberView.of(byId.get(id)) : new MemberView(id.toString(), id.toString(), false))
                    .sorted(java.util.Comparator.comparing(m -> m.name().toLowerCase(java.util.Locale.ROOT)))
                    .toList();
            boolean open = editing != null && crew.id().equals(editing.id());
            rows.add(open ? new CrewRow(crew, members, editing.form(), editing.errors(), true, editing.conflict(), false)
                    : new CrewRow(crew, members, CrewForm.of(crew), Map.of(), false, false, crew.id().equals(model.getAttribute("crewConflict"))));
        }
        boolean adding = editing != null && editing.id() == null;
        model.addAttribute("crews", rows);
        model.addAttribute("crewCandidates", everyone.stream().map(MemberView::of).toList());
        model.addAttribute("newCrew", adding ? editing.form() : new CrewForm("", List.of(), 0));
        model.addAttribute("newCrewErrors", adding ? editing.errors() : Map.of());
    }

    /** The whole team (tens of people), for the crews' member names and checkboxes. */
    private List<User> everyone(SignedIn me) {
        List<User> all = new ArrayList<>();
        for (int page = 0; ; page++) {
            Page<User> users = team.list(me.actor(), Page.request(page, Page.MAX_SIZE));
            all.addAll(users.items());
            if (users.items().isEmpty() || all.size() >= users.total()) {
                return all;
            }
        }
    }

    /** A form without its version was not loaded from a page of ours: refuse it rather than guess. */
    private static long requiredVersion(Long version) {
        if (version == null) {
            throw new InvalidInput("version", Message.of("identity.refused.form-version"));
        }
        return version;
    }

    private void showLink(SignedIn me, Team.Invitation invitation, Model model) {
        String link = links.invitation(me.companySlug(), invitation.token());
        model.addAttribute("invited", invitation.user());
        model.addAttribute("invitationLink", link);
        model.addAttribute("invitationDays", invitation.validFor().toDays());
    }

    record InviteForm(String email, String name, String role) {
    }

    /** A crew form as submitted: the name, the ticked member ids, the version it was loaded at. */
    record CrewForm(String name, Set<String> members, long version) {

        CrewForm(String name, List<String> members, long version) {
            this(name, members == null ? Set.of() : Set.copyOf(new LinkedHashSet<>(members)), version);
        }

        static CrewForm of(Crew crew) {
            return new CrewForm(crew.name(), crew.members().stream().map(UserId::toString).toList(), crew.version());
        }

        CrewForm atVersion(long current) {
            return new CrewForm(name, members, current);
        }

        boolean has(UserId user) {
            return members.contains(user.toString());
        }

        /** The ticked ids; a value no checkbox of ours sends is refused as bad input, not taken for a user. */
        List<UserId> userIds() {
            List<UserId> ids = new ArrayList<>();
            for (String id : members) {
                try {
                    ids.add(new UserId(UUID.fromString(id)));
                } catch (IllegalArgumentException e) {
                    throw new InvalidInput("members", Message.of("identity.refused.crew-members-form"));
                }
            }
            return ids;
        }
    }

    record CrewEditing(String id, CrewForm form, Map<String, String> errors, boolean conflict) {
    }

    record MemberView(String id, String name, boolean active) {
        static MemberView of(User u) {
            return new MemberView(u.id().toString(), u.name(), u.active());
        }
    }

    /** A crew on the team page: its members, and its edit form's state. */
    record CrewRow(Crew crew, List<MemberView> members, CrewForm form, Map<String, String> errors, boolean open,
                   boolean conflict, boolean deleteConflict) {
    }
}
