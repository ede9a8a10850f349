package org.fieldstone.identity.web;

import org.fieldstone.shared.Message;
import org.fieldstone.shared.api.ApiResponses;
import org.fieldstone.shared.api.ApiMediaTypes;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.fieldstone.identity.Crew;
import org.fieldstone.identity.Crews;
import org.fieldstone.identity.SignedIn;
import org.fieldstone.shared.Actor;
import org.fieldstone.shared.Change;
import org.fieldstone.shared.InvalidInput;
import org.fieldstone.shared.Page;
import org.fieldstone.shared.Permission;
import org.fieldstone.shared.UserId;
import org.fieldstone.shared.api.JsonFields;
import org.fieldstone.shared.api.VersionTags;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/**
 * {@code /api/v1/crews}: the company's crews. Reads answer an {@code ETag} (the version); changes need
 * {@code If-Match} with it: none is 428, a stale one 412 and nothing changes. Bodies are read as JSON merge
 * patches: an absent field stays, {@code "members": null} empties the crew.
 */
@RestController
@RequestMapping("/api/v1/crews")
@SecurityRequirement(name = "apiKey")
class CrewsApi {

    private static final Set<String> FIELDS = Set.of("name", "members");

    private final Crews crews;

    CrewsApi(Crews crews) {
        this.crews = crews;
    }

    @Operation(summary = "The company's crews, by name, in pages like every list (team:view)")
    @GetMapping
    Page<CrewJson> list(@AuthenticationPrincipal SignedIn me, @RequestParam(required = false) Integer page,
                        @RequestParam(required = false) Integer size) {
        Page.PageRequest request = Page.request(page, size);
        // a company has few crews: they are read whole and cut here
        List<Crew> all = crews.list(me.actor());
        int from = (int) Math.min(all.size(), (long) request.offset());
        int to = (int) Math.min(all.size(), (long) from + request.size());
        return new Page<>(all.subList(from, to), request.page(), request.size(), all.size()).map(CrewJson::of);
    }

    @Operation(summary = "Create a crew of team members (team:manage)")
    @PostMapping(consumes = {MediaType.APPLICATION_JSON_VALUE, ApiMediaTypes.MERGE_PATCH_JSON_VALUE})
    ResponseEntity<CrewJson> create(@AuthenticationPrincipal SignedIn me, @RequestBody JsonNode body) {
        Actor actor = me.actor();
        actor.require(Permission.TEAM_MANAGE);
        JsonFields fields = JsonFields.of(body, FIELDS);
        String name = JsonFields.valueOf(fields.text("name"));
        Change<List<String>> members = fields.strings("members");
        fields.throwIfAny();
        return ApiResponses.created(crews.create(actor, name, members.isSet() ? userIds(members) : List.of()), CrewJson::of);
    }

    @Operation(summary = "One crew, with its version as ETag (team:view)")
    @GetMapping("/{id}")
    ResponseEntity<CrewJson> get(@AuthenticationPrincipal SignedIn me, @PathVariable String id) {
        return ApiResponses.tagged(crews.get(me.actor(), id), CrewJson::of);
    }

    @Operation(summary = "Rename a crew and/or set its members (JSON merge patch; If-Match required; team:manage)")
    @PatchMapping(path = "/{id}", consumes = {ApiMediaTypes.MERGE_PATCH_JSON_VALUE, MediaType.APPLICATION_JSON_VALUE})
    ResponseEntity<CrewJson> patch(@AuthenticationPrincipal SignedIn me, @PathVariable String id,
                                   @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch,
                                   @RequestBody JsonNode body) {
        Actor actor = me.actor();
        return ApiResponses.change(actor, Permission.TEAM_MANAGE, ifMatch, () -> crews.get(actor, id), version -> {
            JsonFields fields = JsonFields.of(body, FIELDS);
            Change<String> name = fields.text("name");
            Change<List<String>> members = fields.strings("members");
            fields.throwIfAny();
            // a crew cannot be without a name: null asks for none, which is refused like an empty one
            String newName = name instanceof Change.To<String>(String value) ? (value == null ? "" : value) : null;
            return crews.update(actor, id, version, newName, members.isSet() ? userIds(members) : null);
        }, CrewJson::of);
    }

    @Operation(summary = "Delete a crew; its members stay on the team (If-Match required; team:manage)")
    @DeleteMapping("/{id}")
    ResponseEntity<Void> delete(@AuthenticationPrincipal SignedIn me, @PathVariable String id,
                                @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch) {
        Actor actor = me.actor();
        crews.delete(actor, id, VersionTags.expectedVersion(actor, Permission.TEAM_MANAGE, ifMatch, () -> crews.get(actor, id)));
        return ResponseEntity.noContent().build();
    }


    /** The members given as user ids; a string that is not one is refused under {@code members}. */
    private static List<UserId> userIds(Change<List<String>> given) {
        List<String> ids = JsonFields.valueOf(given);
        List<UserId> members = new ArrayList<>();
        for (String id : ids) {
            try {
                members.add(new UserId(UUID.fromString(id.strip())));
            } catch (IllegalArgumentException e) {
                String shown = id.length() > 40 ? id.substring(0, 40) + "…" : id;
                throw new InvalidInput("members", Message.of("identity.refused.member-id", shown.replaceAll("\\p{Cntrl}", "?")));
            }
        }
        return members;
    }

    record CrewJson(String id, String name, List<String> members, long version, Instant createdAt, Instant updatedAt) {
        static CrewJson of(Crew c) {
            return new CrewJson(c.id(), c.name(), c.members().stream().map(UserId::toString).toList(), c.version(),
                    c.createdAt(), c.updatedAt());
        }
    }
}
