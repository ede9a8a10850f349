package org.fieldstone.jobs.web;

import static org.fieldstone.shared.api.VersionTags.expectedVersion;

import org.fieldstone.shared.api.ApiResponses;
import org.fieldstone.shared.api.ApiMediaTypes;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.fieldstone.jobs.ChecklistTemplate;
import org.fieldstone.jobs.ChecklistTemplates;
import org.fieldstone.shared.Actor;
import org.fieldstone.shared.Change;
import org.fieldstone.shared.Permission;
import org.fieldstone.shared.api.JsonFields;
import org.fieldstone.shared.api.VersionTags;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/**
 * {@code /api/v1/checklist-templates}: the company's checklists ("Boiler service"), copied into jobs. Reading needs
 * {@code jobs:read}, changing {@code settings:manage}; changes need {@code If-Match}.
 */
@RestController
@RequestMapping("/api/v1/checklist-templates")
@SecurityRequirement(name = "apiKey")
class ChecklistTemplatesApi {

    private static final Set<String> FIELDS = Set.of("name", "items");
    private static final Set<String> ITEM_FIELDS = Set.of("text", "required");

    private final ChecklistTemplates checklists;

    ChecklistTemplatesApi(ChecklistTemplates checklists) {
        this.checklists = checklists;
    }

    @Operation(summary = "The company's checklist templates by name (jobs:read)")
    @GetMapping
    List<TemplateJson> list(Actor actor) {
        return checklists.templates(actor).stream().map(TemplateJson::of).toList();
    }

    @Operation(summary = "Create a checklist template: {name, items: [{text, required}]} (settings:manage)")
    @PostMapping(consumes = {MediaType.APPLICATION_JSON_VALUE, ApiMediaTypes.MERGE_PATCH_JSON_VALUE})
    ResponseEntity<TemplateJson> create(Actor actor, @RequestBody JsonNode body) {
        actor.require(Permission.SETTINGS_MANAGE);
        JsonFields f = JsonFields.of(body, FIELDS);
        String name = JsonFields.valueOf(f.text("name"));
        List<ChecklistTemplate.Item> items = items(f);
        f.throwIfAny();
        return ApiResponses.created(checklists.createTemplate(actor, name, items == null ? List.of() : items), TemplateJson::of);
    }

    @Operation(summary = "One checklist template, with its version as ETag (jobs:read)")
    @GetMapping("/{id}")
    ResponseEntity<TemplateJson> get(Actor actor, @PathVariable String id) {
        return ApiResponses.tagged(checklists.template(actor, id), TemplateJson::of);
    }

    @Operation(summary = "Rename a template or replace its items (merge patch; If-Match required; settings:manage)")
    @PatchMapping(path = "/{id}", consumes = {ApiMediaTypes.MERGE_PATCH_JSON_VALUE, MediaType.APPLICATION_JSON_VALUE})
    ResponseEntity<TemplateJson> patch(Actor actor, @PathVariable String id,
                                       @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch,
                                       @RequestBody JsonNode body) {
        return ApiResponses.change(actor, Permission.SETTINGS_MANAGE, ifMatch, () -> checklists.template(actor, id), version -> {
            JsonFields f = JsonFields.of(body, FIELDS);
            Change<String> name = f.text("name");
            List<ChecklistTemplate.Item> items = items(f);
            f.throwIfAny();
            // a null name is not a cleared one: the template keeps a name, so it is refused as empty
            String newName = name instanceof Change.To<String>(String given) ? (given == null ? "" : given) : null;
            return checklists.updateTemplate(actor, id, version, newName, items);
        }, TemplateJson::of);
    }

    @Operation(summary = "Delete a checklist template; jobs keep the items copied from it (If-Match required; "
            + "settings:manage)")
    @DeleteMapping("/{id}")
    ResponseEntity<Void> delete(Actor actor, @PathVariable String id,
                                @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch) {
        long version = expectedVersion(actor, Permission.SETTINGS_MANAGE, ifMatch, () -> checklists.template(actor, id));
        checklists.deleteTemplate(actor, id, version);
        return ResponseEntity.noContent().build();
    }

    /** The items when given (null: absent). */
    private static List<ChecklistTemplate.Item> items(JsonFields f) {
        if (!(f.objects("items", ITEM_FIELDS) instanceof Change.To<List<JsonFields>>(List<JsonFields> given))) {
            return null;
        }
        List<ChecklistTemplate.Item> items = new ArrayList<>();
        for (JsonFields item : given) {
            items.add(new ChecklistTemplate.Item(JsonFields.valueOf(item.text("text")),
                    item.bool("required") instanceof Change.To<Boolean>(Boolean required) && required));
        }
        return items;
    }

    record TemplateJson(String id, String name, List<ItemJson> items, long version) {
        static TemplateJson of(ChecklistTemplate t) {
            return new TemplateJson(t.id(), t.name(),
                    t.items().stream().map(i -> new ItemJson(i.text(), i.required())).toList(), t.version());
        }
    }

    record ItemJson(String text, boolean required) {
    }
}
