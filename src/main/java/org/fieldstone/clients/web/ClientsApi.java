package org.fieldstone.clients.web;

import org.fieldstone.shared.api.ApiResponses;
import org.fieldstone.shared.api.ApiMediaTypes;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.fieldstone.clients.Client;
import org.fieldstone.clients.ClientChanges;
import org.fieldstone.clients.Clients;
import org.fieldstone.clients.NewClient;
import org.fieldstone.clients.NewProperty;
import org.fieldstone.clients.Property;
import org.fieldstone.clients.PropertyChanges;
import org.fieldstone.shared.Actor;
import org.fieldstone.shared.Change;
import org.fieldstone.shared.InvalidInput;
import org.fieldstone.shared.Message;
import org.fieldstone.shared.Page;
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
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/**
 * {@code /api/v1/clients} and their properties. Reads answer an {@code ETag} (the version); changes need
 * {@code If-Match} with it: none is 428, a stale one 412 and nothing changes. Bodies are read as JSON merge
 * patches, so an absent field stays and a null one is cleared.
 */
@RestController
@RequestMapping("/api/v1/clients")
@SecurityRequirement(name = "apiKey")
class ClientsApi {

    private static final Set<String> CLIENT_FIELDS = Set.of("name", "email", "phone", "notes", "tags", "remindersOff");
    private static final Set<String> NEW_CLIENT_FIELDS = Set.of("name", "email", "phone", "notes", "tags", "remindersOff",
            "property");
    private static final Set<String> CLIENT_PATCH_FIELDS = Set.of("name", "email", "phone", "notes", "tags", "remindersOff",
            "archived");
    private static final Set<String> PROPERTY_FIELDS = Set.of("label", "street", "city", "region", "postalCode",
            "country", "latitude", "longitude");
    private static final Set<String> READ_ONLY = Set.of("id", "clientId", "version", "createdAt", "updatedAt");

    private final Clients clients;

    ClientsApi(Clients clients) {
        this.clients = clients;
    }

    @Operation(summary = "Clients by name; q searches name, email, phone and city (clients:read)")
    @GetMapping
    Page<ClientJson> list(Actor actor, @RequestParam(required = false) String q,
                          @RequestParam(required = false) Integer page, @RequestParam(required = false) Integer size,
                          @RequestParam(defaultValue = "false") boolean archived) {
        return clients.list(actor, q, archived, Page.request(page, size)).map(ClientJson::of);
    }

    @Operation(summary = "Create a client, optionally with its first property (clients:write)")
    @PostMapping(consumes = {MediaType.APPLICATION_JSON_VALUE, ApiMediaTypes.MERGE_PATCH_JSON_VALUE})
    ResponseEntity<ClientJson> create(Actor actor, @RequestBody JsonNode body) {
        actor.require(Permission.CLIENTS_WRITE);
        JsonFields fields = JsonFields.of(body, NEW_CLIENT_FIELDS, READ_ONLY);
        NewClient client = newClient(fields);
        JsonFields property = fields.object("property", PROPERTY_FIELDS);
        NewProperty first = property == null ? null : newProperty(property);
        fields.throwIfAny();
        return ApiResponses.created(clients.create(actor, client, first), ClientJson::of);
    }

    @Operation(summary = "One client, with its version as ETag (clients:read)")
    @GetMapping("/{id}")
    ResponseEntity<ClientJson> get(Actor actor, @PathVariable String id) {
        return ApiResponses.tagged(clients.get(actor, id), ClientJson::of);
    }

    @Operation(summary = "Change a client (JSON merge patch; If-Match required; clients:write)")
    @PatchMapping(path = "/{id}", consumes = {ApiMediaTypes.MERGE_PATCH_JSON_VALUE, MediaType.APPLICATION_JSON_VALUE})
    ResponseEntity<ClientJson> patch(Actor actor, @PathVariable String id,
                                     @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch,
                                     @RequestBody JsonNode body) {
        return ApiResponses.change(actor, Permission.CLIENTS_WRITE, ifMatch, () -> clients.get(actor, id), version -> {
            JsonFields fields = JsonFields.of(body, CLIENT_PATCH_FIELDS, READ_ONLY);
            ClientChanges changes = new ClientChanges(fields.text("name"), fields.text("email"), fields.text("phone"),
                    fields.text("notes"), fields.strings("tags"), fields.bool("remindersOff"));
            Change<Boolean> archived = fields.bool("archived");
            if (archived.isSet() && CLIENT_FIELDS.stream().anyMatch(fields::has)) {
                throw new InvalidInput("archived", Message.of("clients.refused.archived-alone"));
            }
            fields.throwIfAny();
            if (archived instanceof Change.To<Boolean>(Boolean archive)) {
                return archive ? clients.archive(actor, id, version) : clients.restore(actor, id, version);
            }
            return clients.update(actor, id, version, changes);
        }, ClientJson::of);
    }

    @Operation(summary = "Archive a client: hidden from lists, kept with its history (If-Match required; clients:write)")
    @DeleteMapping("/{id}")
    ResponseEntity<Void> archive(Actor actor, @PathVariable String id,
                                 @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch) {
        long version = VersionTags.expectedVersion(actor, Permission.CLIENTS_WRITE, ifMatch, () -> clients.get(actor, id));
        clients.archive(actor, id, version);
        return ResponseEntity.noContent().build();
    }

    @Operation(summary = "A client's properties (clients:read)")
    @GetMapping("/{id}/properties")
    List<PropertyJson> properties(Actor actor, @PathVariable String id) {
        return clients.properties(actor, id).stream().map(PropertyJson::of).toList();
    }

    @Operation(summary = "Add a property to a client; the client's version is not involved (clients:write)")
    @PostMapping(path = "/{id}/properties", consumes = {MediaType.APPLICATION_JSON_VALUE, ApiMediaTypes.MERGE_PATCH_JSON_VALUE})
    ResponseEntity<PropertyJson> addProperty(Actor actor, @PathVariable String id,
                                             @RequestBody JsonNode body) {
        actor.require(Permission.CLIENTS_WRITE);
        JsonFields fields = JsonFields.of(body, PROPERTY_FIELDS, READ_ONLY);
        NewProperty property = newProperty(fields);
        fields.throwIfAny();
        return ApiResponses.created(clients.addProperty(actor, id, property), PropertyJson::of);
    }

    @Operation(summary = "One property of a client, with its version as ETag (clients:read)")
    @GetMapping("/{id}/properties/{propertyId}")
    ResponseEntity<PropertyJson> property(Actor actor, @PathVariable String id,
                                          @PathVariable String propertyId) {
        return ApiResponses.tagged(clients.property(actor, id, propertyId), PropertyJson::of);
    }

    @Operation(summary = "Change a property (JSON merge patch; If-Match required; clients:write)")
    @PatchMapping(path = "/{id}/properties/{propertyId}", consumes = {ApiMediaTypes.MERGE_PATCH_JSON_VALUE, MediaType.APPLICATION_JSON_VALUE})
    ResponseEntity<PropertyJson> patchProperty(Actor actor, @PathVariable String id,
                                               @PathVariable String propertyId,
                                               @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch,
                                               @RequestBody JsonNode body) {
        return ApiResponses.change(actor, Permission.CLIENTS_WRITE, ifMatch, () -> clients.property(actor, id, propertyId),
                version -> {
                    JsonFields fields = JsonFields.of(body, PROPERTY_FIELDS, READ_ONLY);
                    PropertyChanges changes = new PropertyChanges(fields.text("label"), fields.text("street"),
                            fields.text("city"), fields.text("region"), fields.text("postalCode"), fields.text("country"),
                            fields.decimal("latitude"), fields.decimal("longitude"));
                    fields.throwIfAny();
                    return clients.updateProperty(actor, id, propertyId, version, changes);
                }, PropertyJson::of);
    }

    @Operation(summary = "Delete a property (If-Match required; clients:write)")
    @DeleteMapping("/{id}/properties/{propertyId}")
    ResponseEntity<Void> deleteProperty(Actor actor, @PathVariable String id,
                                        @PathVariable String propertyId,
                                        @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch) {
        long version = VersionTags.expectedVersion(actor, Permission.CLIENTS_WRITE, ifMatch, () -> clients.property(actor, id, propertyId));
        clients.deleteProperty(actor, id, propertyId, version);
        return ResponseEntity.noContent().build();
    }


    private static NewClient newClient(JsonFields f) {
        Change<List<String>> tags = f.strings("tags");
        return new NewClient(JsonFields.valueOf(f.text("name")), JsonFields.valueOf(f.text("email")),
                JsonFields.valueOf(f.text("phone")), JsonFields.valueOf(f.text("notes")),
                tags instanceof Change.To<List<String>>(List<String> list) ? list : List.of(),
                Boolean.TRUE.equals(JsonFields.valueOf(f.bool("remindersOff"))));
    }

    private static NewProperty newProperty(JsonFields f) {
        return new NewProperty(JsonFields.valueOf(f.text("label")), JsonFields.valueOf(f.text("street")),
                JsonFields.valueOf(f.text("city")), JsonFields.valueOf(f.text("region")),
                JsonFields.valueOf(f.text("postalCode")), JsonFields.valueOf(f.text("country")),
                JsonFields.valueOf(f.decimal("latitude")), JsonFields.valueOf(f.decimal("longitude")));
    }


    record ClientJson(String id, String name, String email, String phone, String notes, List<String> tags,
                      boolean archived, boolean remindersOff, long version, Instant createdAt, Instant updatedAt) {
        static ClientJson of(Client c) {
            return new ClientJson(c.id(), c.name(), c.email(), c.phone(), c.notes(), c.tags(), c.archived(),
                    c.remindersOff(), c.version(), c.createdAt(), c.updatedAt());
        }
    }

    record PropertyJson(String id, String clientId, String label, String street, String city, String region,
                        String postalCode, String country, BigDecimal latitude, BigDecimal longitude, long version,
                        Instant createdAt, Instant updatedAt) {
        static PropertyJson of(Property p) {
            return new PropertyJson(p.id(), p.clientId(), p.label(), p.street(), p.city(), p.region(), p.postalCode(),
                    p.country(), p.latitude(), p.longitude(), p.version(), p.createdAt(), p.updatedAt());
        }
    }
}
