package org.fieldstone.assistant;

/**
 * What a tool answered: compact JSON either way. A refusal (bad input, not found, not allowed, a stale version) is an
 * error result whose content is {@code {"error":"<message code>","message":"<text>"}}, never a stack trace or
 * anything internal; the model can read it and tell the user.
 *
 * @param error   true for a refusal
 * @param content the JSON text
 */
public record ToolResult(boolean error, String content) {

    public static ToolResult ok(String json) {
        return new ToolResult(false, json);
    }

    public static ToolResult refused(String json) {
        return new ToolResult(true, json);
    }
}
