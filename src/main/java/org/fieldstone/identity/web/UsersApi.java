package org.fieldstone.identity.web;

import org.fieldstone.shared.Message;
import org.fieldstone.shared.api.ApiMediaTypes;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import java.net.URI;
import java.time.Instant;
import java.util.Optional;
import org.fieldstone.identity.SignedIn;
import org.fieldstone.identity.Team;
import org.fieldstone.identity.User;
import org.fieldstone.shared.EmailAddress;
import org.fieldstone.shared.InvalidInput;
import org.fieldstone.shared.Page;
import org.fieldstone.shared.Role;
import org.fieldstone.shared.UserId;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/** {@code /api/v1/me} and {@code /api/v1/users}: the caller and the team of the caller's company. */
@RestController
@RequestMapping("/api/v1")
@SecurityRequirement(name = "apiKey")
class UsersApi {

    private final Team team;
    private final PublicLinks links;

    UsersApi(Team team, PublicLinks links) {
        this.team = team;
        this.links = links;
    }

    @Operation(summary = "The authenticated user and their company")
    @GetMapping("/me")
    Me me(@AuthenticationPrincipal SignedIn me) {
        return new Me(me.userId().toString(), me.email(), me.name(), me.role().name(),
                new CompanyJson(me.tenant().toString(), me.companySlug(), me.companyName()));
    }

    @Operation(summary = "The company's team (team:view)")
    @GetMapping("/users")
    Page<UserJson> list(@AuthenticationPrincipal SignedIn me, @RequestParam(required = false) Integer page,
                        @RequestParam(required = false) Integer size) {
        return team.list(me.actor(), Page.request(page, size)).map(UserJson::of);
    }

    @Operation(summary = "One team member (team:view)")
    @GetMapping("/users/{id}")
    UserJson get(@AuthenticationPrincipal SignedIn me, @PathVariable String id) {
        return UserJson.of(team.get(me.actor(), UserId.parse(id)));
    }

    @Operation(summary = "Invite a team member (team:manage); the answer carries their one-time set-password link")
    @PostMapping(path = "/users", consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<InvitedJson> invite(@AuthenticationPrincipal SignedIn me, @RequestBody NewUser body) {
        if (body == null) {
            throw new InvalidInput("body", Message.of("identity.refused.user-body"));
        }
        Team.Invitation invitation = team.invite(me.actor(), new EmailAddress(body.email()), body.name(),
                body.role() == null ? Role.USER : Role.parse(body.role()));
        URI location = ServletUriComponentsBuilder.fromCurrentRequestUri().path("/{id}")
                .buildAndExpand(invitation.user().id()).toUri();
        String link = links.invitation(me.companySlug(), invitation.token());
        return ResponseEntity.created(location).body(InvitedJson.of(invitation.user(), link,
                invitation.user().createdAt().plus(invitation.validFor())));
    }

    @Operation(summary = "Change a member's role and/or active flag (team:manage)")
    @PatchMapping(path = "/users/{id}", consumes = {MediaType.APPLICATION_JSON_VALUE, ApiMediaTypes.MERGE_PATCH_JSON_VALUE})
    UserJson patch(@AuthenticationPrincipal SignedIn me, @PathVariable String id, @RequestBody UserPatch body) {
        if (body == null || (body.role() == null && body.active() == null)) {
            throw new InvalidInput("body", Message.of("identity.refused.user-patch-body"));
        }
        Optional<Role> role = body.role() == null ? Optional.empty() : Optional.of(Role.parse(body.role()));
        return UserJson.of(team.update(me.actor(), UserId.parse(id), role, Optional.ofNullable(body.active())));
    }

    record Me(String id, String email, String name, String role, CompanyJson company) {
    }

    record CompanyJson(String id, String slug, String name) {
    }

    record UserJson(String id, String email, String name, String role, boolean active) {
        static UserJson of(User u) {
            return new UserJson(u.id().toString(), u.email().value(), u.name(), u.role().name(), u.active());
        }
    }

    record InvitedJson(String id, String email, String name, String role, boolean active, Invitation invitation) {
        static InvitedJson of(User u, String url, Instant expiresAt) {
            return new InvitedJson(u.id().toString(), u.email().value(), u.name(), u.role().name(), u.active(),
                    new Invitation(url, expiresAt));
        }
    }

    record Invitation(String url, Instant expiresAt) {
    }

    record NewUser(String email, String name, String role) {
    }

    record UserPatch(String role, Boolean active) {
    }
}
