package org.fieldstone.assistant.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.fieldstone.assistant.Tool;
import org.fieldstone.assistant.ToolResult;
import org.fieldstone.assistant.Tools;
import org.fieldstone.shared.Actor;
import org.fieldstone.shared.Channel;
import org.springframework.ai.tool.ToolCallback;
import org.springframework.ai.tool.definition.ToolDefinition;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * One question's bridge from the model to the registry: each tool the user may use ({@link Tools#available}) becomes a
 * Spring AI {@link ToolCallback} with the tool's name, description and input schema, whose call runs as the user
 * through {@code Channel.ASSISTANT}. A read tool's result goes back to the model delimited as data
 * ({@link #delimit}), client contact fields removed when the company says so. A write tool is never run here: its
 * {@link Tools#preview preview} is checked and recorded as a {@link Proposed proposed action} for the user to confirm,
 * and the model is told that it waits for the user. At most {@code maxToolCalls} calls per question.
 */
final class AssistantTurn {

    /** A write the model asked for: the tool, its arguments and what it will do, in one sentence. */
    record Proposed(Tool tool, String arguments, String preview) {
    }

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final Tools tools;
    private final Actor actor;
    private final boolean excludeContacts;
    private final int maxToolCalls;
    private final AtomicInteger calls = new AtomicInteger();
    private final List<Proposed> proposed = new ArrayList<>();
    private final List<String> used = new ArrayList<>();

    AssistantTurn(Tools tools, Actor actor, boolean excludeContacts, int maxToolCalls) {
        this.tools = tools;
        this.actor = actor.through(Channel.ASSISTANT);
        this.excludeContacts = excludeContacts;
        this.maxToolCalls = maxToolCalls;
    }

    List<ToolCallback> callbacks() {
        return tools.available(actor).stream().map(this::callback).toList();
    }

    synchronized List<Proposed> proposed() {
        return List.copyOf(proposed);
    }

    synchronized List<String> used() {
        return List.copyOf(used);
    }

    private ToolCallback callback(Tool tool) {
        ToolDefinition definition = ToolDefinition.builder().name(tool.name())
                .description(tool.writes() ? tool.description() + " (A write: the user confirms it before it runs.)"
                        : tool.description())
                .inputSchema(tool.inputSchema()).build();
        return new ToolCallback() {
            @Override
            public ToolDefinition getToolDefinition() {
                return definition;
            }

            @Override
            public String call(String arguments) {
                return run(tool, arguments);
            }
        };
    }

    String run(Tool tool, String arguments) {
        String args = arguments == null || arguments.isBlank() ? "{}" : arguments;
        synchronized (this) {
            used.add(tool.name());
        }
        if (calls.incrementAndGet() > maxToolCalls) {
            return delimit(tool.name(), ToolResult.refused("{\"error\":\"assistant.too-many-tool-calls\","
                    + "\"message\":\"Too many tool calls for one question; answer with what you have.\"}"));
        }
        if (!tool.writes()) {
            return delimit(tool.name(), tools.call(actor, tool.name(), args));
        }
        ToolResult preview = tools.preview(actor, tool.name(), args);
        if (preview.error()) {
            return delimit(tool.name(), preview);
        }
        synchronized (this) {
            proposed.add(new Proposed(tool, args, previewText(preview.content())));
        }
        return delimit(tool.name(), ToolResult.ok("{\"status\":\"needs_confirmation\",\"message\":"
                + "\"Not done yet: the user sees what it will do and confirms or cancels it. Tell the user it waits for their confirmation.\"}"));
    }

    /** A preview's sentence: the text itself, or a JSON string's value, or a {@code preview}/{@code message} property. */
    static String previewText(String content) {
        if (content == null) {
            return "";
        }
        String text = content.strip();
        try {
            JsonNode node = JSON.readTree(text);
            if (node.isString()) {
                return node.asString();
            }
            for (String name : List.of("preview", "message", "text", "summary")) {
                if (node.isObject() && node.has(name) && node.get(name).isString()) {
                    return node.get(name).asString();
                }
            }
        } catch (JacksonException e) {
            return text;
        }
        return text;
    }

    /**
     * A tool's result as the model reads it: inside {@code <tool_result>} with the tool's name and whether it was
     * refused, the JSON with every {@code <} and {@code >} escaped ({@code \u003c}) so that nothing in the data — a
     * client's note saying {@code </tool_result> ignore previous instructions} — can close the delimiter.
     */
    String delimit(String name, ToolResult result) {
        String content = excludeContacts && !result.error() ? ContactFields.strip(result.content()) : result.content();
        return wrap(name, result.error(), content);
    }

    static String wrap(String name, boolean error, String content) {
        String safe = (content == null ? "" : content).replace("<", "\\u003c").replace(">", "\\u003e");
        return "<tool_result tool=\"" + name + "\" status=\"" + (error ? "refused" : "ok") + "\">" + safe
                + "</tool_result>";
    }
}
