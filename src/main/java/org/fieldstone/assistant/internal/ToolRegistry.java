package org.fieldstone.assistant.internal;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.fieldstone.assistant.Tool;
import org.fieldstone.assistant.ToolResult;
import org.fieldstone.assistant.Tools;
import org.fieldstone.pricing.Pricing;
import org.fieldstone.shared.Actor;
import org.fieldstone.shared.DomainException;
import org.fieldstone.shared.InvalidInput;
import org.fieldstone.shared.Message;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.MessageSource;
import org.springframework.context.NoSuchMessageException;
import org.springframework.stereotype.Service;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DatabindException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.MapperFeature;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The one registry of tools: collects every {@link ToolSet}, checks the actor's permission (as the company's money
 * policy adjusts it, within a token's scopes), reads the arguments strictly against the tool's generated schema
 * (unknown, missing or mistyped ones are refused before anything runs), runs or previews the tool, and answers
 * compact JSON. A refusal of a service is answered with its message code and English text; anything unexpected is
 * logged and answered with a generic error, never the exception's text.
 */
@Service
class ToolRegistry implements Tools {

    private static final Logger log = LoggerFactory.getLogger(ToolRegistry.class);
    private static final Pattern SNAKE_CASE = Pattern.compile("^[a-z][a-z0-9]*(_[a-z0-9]+)*$");
    /** The most argument text a call reads: tools take a few short fields, never documents. */
    static final int MAX_ARGUMENTS = 32 * 1024;

    /** Reads arguments: no coercion of "5" to 5 or 1.5 to 1, no unknown properties, nulls for primitives refused. */
    static final JsonMapper ARGUMENTS = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
            .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
            .build();
    /** Writes answers: compact, nulls left out. */
    static final JsonMapper ANSWERS = JsonMapper.builder()
            .changeDefaultPropertyInclusion(v -> v.withValueInclusion(JsonInclude.Include.NON_NULL))
            .build();

    private final Map<String, Entry<?>> tools = new LinkedHashMap<>();
    private final List<Tool> all;
    private final Pricing pricing;
    private final MessageSource messages;

    ToolRegistry(List<ToolSet> sets, Pricing pricing, MessageSource messages) {
        this.pricing = pricing;
        this.messages = messages;
        for (ToolSet set : sets) {
            for (ToolDefinition<?> definition : set.definitions()) {
                if (!SNAKE_CASE.matcher(definition.name()).matches()) {
                    throw new IllegalStateException("tool name not snake_case: " + definition.name());
                }
                if (tools.putIfAbsent(definition.name(), Entry.of(definition)) != null) {
                    throw new IllegalStateException("two tools named " + definition.name());
                }
            }
        }
        this.all = tools.values().stream().map(e -> e.definition.tool()).toList();
    }

    @Override
    public List<Tool> all() {
        return all;
    }

    @Override
    public List<Tool> available(Actor actor) {
        Actor effective = effective(actor);
        return all.stream().filter(t -> effective.can(t.permission())).toList();
    }

    @Override
    public Optional<Tool> find(String name) {
        return Optional.ofNullable(name == null ? null : tools.get(name)).map(e -> e.definition.tool());
    }

    @Override
    public ToolResult call(Actor actor, String name, String arguments) {
        return run(actor, name, arguments, false);
    }

    @Override
    public ToolResult preview(Actor actor, String name, String arguments) {
        return run(actor, name, arguments, true);
    }

    private ToolResult run(Actor actor, String name, String arguments, boolean preview) {
        Entry<?> entry = name == null ? null : tools.get(name);
        if (entry == null) {
            return refused("assistant.refused.unknown-tool", Message.of("assistant.refused.unknown-tool"), Map.of());
        }
        try {
            effective(actor).require(entry.definition.tool().permission());
            Object answer = entry.run(actor, arguments, preview);
            return ToolResult.ok(ANSWERS.writeValueAsString(preview ? Map.of("preview", answer) : answer));
        } catch (InvalidInput e) {
            return refused(e.message().code(), e.message(), e.fieldMessages());
        } catch (DomainException e) {
            return refused(e.message().code(), e.message(), Map.of());
        } catch (RuntimeException e) {
            log.error("Tool {} failed for company {}", name, actor.tenant(), e);
            return refused("assistant.refused.unexpected", Message.of("assistant.refused.unexpected"), Map.of());
        }
    }

    /** The actor as the company's money policy sees it (who may quote, invoice, record payments), within its scopes. */
    private Actor effective(Actor actor) {
        return pricing.withMoneyPolicy(actor);
    }

    private ToolResult refused(String code, Message message, Map<String, Message> fields) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("error", code);
        body.put("message", english(message));
        if (fields.size() > 1 || (fields.size() == 1 && !fields.values().iterator().next().equals(message))) {
            Map<String, String> texts = new LinkedHashMap<>();
            fields.forEach((field, m) -> texts.put(field, english(m)));
            body.put("fields", texts);
        } else if (fields.size() == 1) {
            body.put("field", fields.keySet().iterator().next());
        }
        return ToolResult.refused(ANSWERS.writeValueAsString(body));
    }

    private String english(Message message) {
        try {
            return message.resolve(messages, Locale.ENGLISH);
        } catch (NoSuchMessageException e) {
            return message.code();
        }
    }

    /** A definition with what its schema says: the properties it has, which are required and of which JSON type. */
    private record Entry<A extends Record>(ToolDefinition<A> definition, Map<String, String> types, Set<String> required) {

        static <A extends Record> Entry<A> of(ToolDefinition<A> definition) {
            JsonNode schema = ARGUMENTS.readTree(definition.tool().inputSchema());
            Map<String, String> types = new LinkedHashMap<>();
            schema.path("properties").properties().forEach(p -> types.put(p.getKey(), p.getValue().path("type").asString("")));
            Set<String> required = new HashSet<>();
            schema.path("required").values().forEach(r -> required.add(r.asString()));
            return new Entry<>(definition, types, required);
        }

        Object run(Actor actor, String arguments, boolean preview) {
            A parsed = parse(arguments);
            return preview ? definition.preview().apply(actor, parsed) : definition.run().apply(actor, parsed);
        }

        /** The arguments as the input record, or {@link InvalidInput} naming each property at fault. */
        A parse(String arguments) {
            String text = arguments == null || arguments.isBlank() ? "{}" : arguments;
            if (text.length() > MAX_ARGUMENTS) {
                throw new InvalidInput("arguments", Message.of("assistant.refused.arguments-size", MAX_ARGUMENTS / 1024));
            }
            JsonNode node;
            try {
                node = ARGUMENTS.readTree(text);
            } catch (JacksonException e) {
                throw new InvalidInput("arguments", Message.of("assistant.refused.arguments-json"));
            }
            if (!(node instanceof ObjectNode object)) {
                throw new InvalidInput("arguments", Message.of("assistant.refused.arguments-json"));
            }
            InvalidInput.Collector errors = new InvalidInput.Collector();
            for (var property : object.properties()) {
                String type = types.get(property.getKey());
                if (type == null) {
                    errors.add(safeName(property.getKey()), Message.of("assistant.refused.argument-unknown",
                            safeName(property.getKey())));
                } else if (!property.getValue().isNull() && !matches(type, property.getValue())) {
                    errors.add(property.getKey(), Message.of("assistant.refused.argument-type", property.getKey(), type));
                }
            }
            for (String name : required) {
                if (!object.has(name) || object.get(name).isNull()) {
                    errors.add(name, Message.of("assistant.refused.argument-required", name));
                }
            }
            errors.throwIfAny();
            try {
                return ARGUMENTS.treeToValue(object, definition.input());
            } catch (DatabindException e) {
                String path = e.getPath().stream().map(r -> r.getPropertyName() != null ? r.getPropertyName()
                        : "[" + r.getIndex() + "]").reduce((a, b) -> b.startsWith("[") ? a + b : a + "." + b).orElse("arguments");
                throw new InvalidInput(safeName(path), Message.of("assistant.refused.argument-invalid", safeName(path)));
            }
        }

        private static boolean matches(String type, JsonNode value) {
            return switch (type) {
                case "string" -> value.isString();
                case "integer" -> value.isIntegralNumber();
                case "number" -> value.isNumber();
                case "boolean" -> value.isBoolean();
                case "array" -> value.isArray();
                case "object" -> value.isObject();
                default -> true;
            };
        }

        /** A property name as echoed back: short and plain, whatever was sent. */
        private static String safeName(String name) {
            String plain = name.replaceAll("[^A-Za-z0-9_.\\[\\]-]", "?");
            return plain.length() > 40 ? plain.substring(0, 40) + "…" : plain;
        }
    }

}
