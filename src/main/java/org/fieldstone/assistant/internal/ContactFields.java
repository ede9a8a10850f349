package org.fieldstone.assistant.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Removes client contact fields from a tool's JSON result before it is sent to the provider (the company setting
 * "exclude client contact fields"), on the JSON tree, at any depth. A property is a contact field when its name —
 * lower-cased, without {@code _} and {@code -} — is one of {@link #ADDRESS} or ends with {@code email}, {@code phone}
 * or {@code mobile} ({@code email}, {@code clientEmail}, {@code phone}, {@code contact_phone}); {@code phoneNumber}
 * and the like are in {@link #ADDRESS}. The names are the ones agreed with the registry's tools' output.
 */
final class ContactFields {

    /** Whole names (normalised) that are contact data. */
    static final Set<String> ADDRESS = Set.of("address", "addresses", "street", "line1", "line2", "addressline1",
            "addressline2", "postcode", "postalcode", "zip", "zipcode", "phonenumber", "mobilenumber", "emailaddress");
    /** Name endings (normalised) that are contact data: {@code email}, {@code clientPhone}, {@code mobile}. */
    static final List<String> ENDINGS = List.of("email", "phone", "mobile");

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private ContactFields() {
    }

    static boolean isContact(String name) {
        String n = name.toLowerCase(Locale.ROOT).replace("_", "").replace("-", "");
        return ADDRESS.contains(n) || ENDINGS.stream().anyMatch(n::endsWith);
    }

    /** The JSON without contact fields; text that is not JSON is withheld entirely (it cannot be checked). */
    static String strip(String json) {
        if (json == null || json.isBlank()) {
            return json;
        }
        try {
            JsonNode tree = JSON.readTree(json);
            strip(tree);
            return JSON.writeValueAsString(tree);
        } catch (JacksonException e) {
            return "{\"withheld\":\"not JSON\"}";
        }
    }

    private static void strip(JsonNode node) {
        if (node instanceof ObjectNode object) {
            List<String> remove = new ArrayList<>();
            for (String name : object.propertyNames()) {
                if (isContact(name)) {
                    remove.add(name);
                }
            }
            remove.forEach(object::remove);
            object.values().forEach(ContactFields::strip);
        } else if (node != null && node.isArray()) {
            node.values().forEach(ContactFields::strip);
        }
    }
}
