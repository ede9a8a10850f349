package org.fieldstone.clients.web;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.fieldstone.clients.Change;
import org.fieldstone.shared.InvalidInput;
import tools.jackson.databind.JsonNode;

/**
 * Reads a JSON object field by field as a merge patch does: an absent field is left as it is, a null one
 * is cleared. Unknown fields, read-only fields and values of the wrong JSON type are collected and refused
 * together.
 */
final class JsonFields {

    private static final Set<String> READ_ONLY = Set.of("id", "clientId", "version", "createdAt", "updatedAt");

    private final JsonNode node;
    private final String prefix;
    private final Map<String, String> errors;

    private JsonFields(JsonNode node, String prefix, Map<String, String> errors) {
        this.node = node;
        this.prefix = prefix;
        this.errors = errors;
    }

    /** The fields of {@code body}, which must be a JSON object naming only {@code known} fields. */
    static JsonFields of(JsonNode body, Set<String> known) {
        if (body == null || !body.isObject()) {
            throw new InvalidInput("body", "Send a JSON object.");
        }
        JsonFields fields = new JsonFields(body, "", new LinkedHashMap<>());
        fields.refuseOthers(known);
        return fields;
    }

    /** A nested object (null when absent or null), read into the same collection of problems. */
    JsonFields object(String field, Set<String> known) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isObject()) {
            errors.putIfAbsent(prefix + field, "Use a JSON object.");
            return null;
        }
        JsonFields nested = new JsonFields(value, prefix + field + ".", errors);
        nested.refuseOthers(known);
        return nested;
    }

    boolean has(String field) {
        return node.has(field);
    }

    Change<String> text(String field) {
        JsonNode value = node.get(field);
        if (value == null) {
            return Change.keep();
        }
        if (value.isNull()) {
            return Change.to(null);
        }
        if (!value.isString()) {
            errors.putIfAbsent(prefix + field, "Use a JSON string.");
            return Change.keep();
        }
        return Change.to(value.asString());
    }

    /** A number, sent as a JSON number (or a numeric string), kept as its exact decimal text. */
    Change<String> decimal(String field) {
        JsonNode value = node.get(field);
        if (value != null && value.isNumber()) {
            return Change.to(value.decimalValue().toPlainString());
        }
        if (value != null && !value.isNull() && !value.isString()) {
            errors.putIfAbsent(prefix + field, "Use a JSON number.");
            return Change.keep();
        }
        return text(field);
    }

    /** A list of strings; null clears it (an empty list). */
    Change<List<String>> strings(String field) {
        JsonNode value = node.get(field);
        if (value == null) {
            return Change.keep();
        }
        if (value.isNull()) {
            return Change.to(List.of());
        }
        if (!value.isArray() || value.valueStream().anyMatch(v -> !v.isString())) {
            errors.putIfAbsent(prefix + field, "Use a JSON array of strings.");
            return Change.keep();
        }
        List<String> strings = new ArrayList<>();
        value.valueStream().forEach(v -> strings.add(v.asString()));
        return Change.to(strings);
    }

    Change<Boolean> bool(String field) {
        JsonNode value = node.get(field);
        if (value == null) {
            return Change.keep();
        }
        if (!value.isBoolean()) {
            errors.putIfAbsent(prefix + field, "Use true or false.");
            return Change.keep();
        }
        return Change.to(value.asBoolean());
    }

    /** Refuses the request if any field was unknown, read-only or of the wrong type. */
    void throwIfAny() {
        if (!errors.isEmpty()) {
            throw new InvalidInput(errors);
        }
    }

    private void refuseOthers(Set<String> known) {
        for (String name : node.propertyNames()) {
            if (known.contains(name)) {
                continue;
            }
            String shown = name.length() > 60 ? name.substring(0, 60) + "…" : name;
            errors.putIfAbsent(prefix + shown, READ_ONLY.contains(name)
                    ? "\"" + shown + "\" is read-only." : "Unknown field \"" + shown + "\".");
        }
    }

    static String valueOf(Change<String> change) {
        return change instanceof Change.To<String>(String value) ? value : null;
    }
}
