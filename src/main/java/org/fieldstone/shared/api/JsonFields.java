package org.fieldstone.shared.api;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.fieldstone.shared.Change;
import org.fieldstone.shared.InvalidInput;
import org.fieldstone.shared.Message;
import tools.jackson.databind.JsonNode;

/**
 * Reads a JSON object field by field as a merge patch does: an absent field is left as it is, a null one
 * is cleared. Unknown fields, read-only fields and values of the wrong JSON type are collected and refused
 * together.
 */
public final class JsonFields {

    /** What every record answers but nobody sets. */
    public static final Set<String> BOOKKEEPING = Set.of("id", "version", "createdAt", "updatedAt");

    private final JsonNode node;
    private final String prefix;
    private final Set<String> readOnly;
    private final Map<String, Message> errors;

    private JsonFields(JsonNode node, String prefix, Set<String> readOnly, Map<String, Message> errors) {
        this.node = node;
        this.prefix = prefix;
        this.readOnly = readOnly;
        this.errors = errors;
    }

    /** The fields of {@code body}, which must be a JSON object naming only {@code known} fields. */
    public static JsonFields of(JsonNode body, Set<String> known) {
        return of(body, known, BOOKKEEPING);
    }

    /**
     * Like {@link #of(JsonNode, Set)}, where {@code readOnly} are the fields the answer carries but a request may
     * not set (refused as read-only rather than unknown).
     */
    public static JsonFields of(JsonNode body, Set<String> known, Set<String> readOnly) {
        if (body == null || !body.isObject()) {
            throw new InvalidInput("body", Message.of("api.json.object-body"));
        }
        JsonFields fields = new JsonFields(body, "", Set.copyOf(readOnly), new LinkedHashMap<>());
        fields.refuseOthers(known);
        return fields;
    }

    /** A nested object (null when absent or null), read into the same collection of problems. */
    public JsonFields object(String field, Set<String> known) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isObject()) {
            errors.putIfAbsent(prefix + field, Message.of("api.json.object"));
            return null;
        }
        JsonFields nested = new JsonFields(value, prefix + field + ".", readOnly, errors);
        nested.refuseOthers(known);
        return nested;
    }

    public boolean has(String field) {
        return node.has(field);
    }

    public Change<String> text(String field) {
        JsonNode value = node.get(field);
        if (value == null) {
            return Change.keep();
        }
        if (value.isNull()) {
            return Change.to(null);
        }
        if (!value.isString()) {
            errors.putIfAbsent(prefix + field, Message.of("api.json.string"));
            return Change.keep();
        }
        return Change.to(value.asString());
    }

    /** A number, sent as a JSON number (or a numeric string), kept as its exact decimal text. */
    public Change<String> decimal(String field) {
        JsonNode value = node.get(field);
        if (value != null && value.isNumber()) {
            return Change.to(value.decimalValue().toPlainString());
        }
        if (value != null && !value.isNull() && !value.isString()) {
            errors.putIfAbsent(prefix + field, Message.of("api.json.number"));
            return Change.keep();
        }
        return text(field);
    }

    /** A list of strings; null clears it (an empty list). */
    public Change<List<String>> strings(String field) {
        JsonNode value = node.get(field);
        if (value == null) {
            return Change.keep();
        }
        if (value.isNull()) {
            return Change.to(List.of());
        }
        if (!value.isArray() || value.valueStream().anyMatch(v -> !v.isString())) {
            errors.putIfAbsent(prefix + field, Message.of("api.json.strings"));
            return Change.keep();
        }
        List<String> strings = new ArrayList<>();
        value.valueStream().forEach(v -> strings.add(v.asString()));
        return Change.to(strings);
    }

    /**
     * A list of objects, each read like {@link #object} into the same collection of problems (their fields named
     * {@code field[i].name}); null clears it (an empty list).
     */
    public Change<List<JsonFields>> objects(String field, Set<String> known) {
        JsonNode value = node.get(field);
        if (value == null) {
            return Change.keep();
        }
        if (value.isNull()) {
            return Change.to(List.of());
        }
        if (!value.isArray() || value.valueStream().anyMatch(v -> !v.isObject())) {
            errors.putIfAbsent(prefix + field, Message.of("api.json.objects"));
            return Change.keep();
        }
        List<JsonFields> objects = new ArrayList<>();
        for (int i = 0; i < value.size(); i++) {
            JsonFields nested = new JsonFields(value.get(i), prefix + field + "[" + i + "].", readOnly, errors);
            nested.refuseOthers(known);
            objects.add(nested);
        }
        return Change.to(objects);
    }

    /** Refuses a field's value for a reason of the caller's (e.g. a number out of range), with the others. */
    public void reject(String field, Message message) {
        errors.putIfAbsent(prefix + field, message);
    }

    public Change<Boolean> bool(String field) {
        JsonNode value = node.get(field);
        if (value == null) {
            return Change.keep();
        }
        if (!value.isBoolean()) {
            errors.putIfAbsent(prefix + field, Message.of("api.json.boolean"));
            return Change.keep();
        }
        return Change.to(value.asBoolean());
    }

    /** Refuses the request if any field was unknown, read-only or of the wrong type. */
    public void throwIfAny() {
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
            errors.putIfAbsent(prefix + shown, readOnly.contains(name)
                    ? Message.of("api.json.read-only", shown) : Message.of("api.json.unknown", shown));
        }
    }

    /** The value a change sets, or null when it keeps the field. */
    public static <T> T valueOf(Change<T> change) {
        return change instanceof Change.To<T>(T value) ? value : null;
    }
}
