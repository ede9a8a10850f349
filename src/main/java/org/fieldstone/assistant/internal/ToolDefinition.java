package org.fieldstone.assistant.internal;

import java.util.Objects;
import org.fieldstone.assistant.Tool;
import org.fieldstone.shared.Actor;
import org.fieldstone.shared.Permission;

/**
 * One tool as the registry runs it: what a model sees ({@link #tool()}, its schema generated from {@code input}), and
 * how it runs and previews. The handlers get arguments already parsed and checked against the schema, and an actor
 * already known to hold {@code permission}; the facades they call check everything again.
 *
 * @param input   the record its arguments are read into (its components are the schema's properties)
 * @param run     what it does: returns what is answered, turned into compact JSON
 * @param preview what it would do, in one sentence, having read what it names; writes nothing
 */
record ToolDefinition<A extends Record>(Tool tool, Class<A> input, Handler<A> run, Preview<A> preview) {

    ToolDefinition {
        Objects.requireNonNull(tool);
        Objects.requireNonNull(input);
        Objects.requireNonNull(run);
        Objects.requireNonNull(preview);
    }

    @FunctionalInterface
    interface Handler<A> {
        Object apply(Actor actor, A arguments);
    }

    @FunctionalInterface
    interface Preview<A> {
        String apply(Actor actor, A arguments);
    }

    /** A tool that only reads; its preview says what it reads. */
    static <A extends Record> ToolDefinition<A> reads(String name, String title, String description, Class<A> input,
                                                      Permission permission, Handler<A> run) {
        return new ToolDefinition<>(new Tool(name, title, description, ToolSchemas.of(input), permission, false),
                input, run, (actor, args) -> "Read: " + title + ".");
    }

    /** A tool that changes data: the assistant shows {@code preview} and waits for the user. */
    static <A extends Record> ToolDefinition<A> writes(String name, String title, String description, Class<A> input,
                                                       Permission permission, Handler<A> run, Preview<A> preview) {
        return new ToolDefinition<>(new Tool(name, title, description, ToolSchemas.of(input), permission, true),
                input, run, preview);
    }

    String name() {
        return tool.name();
    }
}
