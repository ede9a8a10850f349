package org.fieldstone.assistant;

import java.util.List;
import java.util.Optional;
import org.fieldstone.shared.Actor;

/**
 * The one registry of tools over the domain facades. Every call runs as {@code actor} — the calling user of the calling
 * company, narrowed by a token's scopes where one was used — through the same services as the dashboard: same
 * permission checks, same visibility (a technician sees only their jobs), same write path and audit. Another company's
 * ids are not found. Arguments and results are JSON text; lists are paged.
 */
public interface Tools {

    /** Every tool of the registry, in a stable order (for documentation and tests). */
    List<Tool> all();

    /** The tools {@code actor} may use: those whose permission it holds. */
    List<Tool> available(Actor actor);

    Optional<Tool> find(String name);

    /**
     * Runs the tool as {@code actor}. Unknown tools, arguments that do not match the schema and every refusal of the
     * services come back as an error result; nothing is written then.
     *
     * @param arguments the JSON object of arguments ({@code {}} or blank for none)
     */
    ToolResult call(Actor actor, String name, String arguments);

    /**
     * What a write tool would do with these arguments, in one sentence for the user to confirm ("Move visit V-0042 of
     * Mrs. Keller to Thu 10 Dec, 10:00–11:00"), after checking the arguments and that the actor may do it; writes
     * nothing. A refusal is an error result, as with {@link #call}.
     */
    ToolResult preview(Actor actor, String name, String arguments);
}
