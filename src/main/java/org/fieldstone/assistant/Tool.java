package org.fieldstone.assistant;

import java.util.Objects;
import org.fieldstone.shared.Permission;

/**
 * A tool of the registry as a model or an MCP client sees it.
 *
 * @param name        stable snake_case name, e.g. {@code todays_visits}
 * @param title       a short human title (MCP's {@code title}, the assistant's confirmation heading)
 * @param description what it does and when to use it, written for a language model
 * @param inputSchema the JSON Schema (draft 2020-12) of its arguments, generated from the tool's input record
 * @param permission  what the actor needs to see the tool at all; the services still check every call
 * @param writes      true when it changes data: the assistant asks the user first, MCP marks it in its annotations
 */
public record Tool(String name, String title, String description, String inputSchema, Permission permission,
                   boolean writes) {

    public Tool {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(inputSchema, "inputSchema");
        Objects.requireNonNull(permission, "permission");
    }
}
