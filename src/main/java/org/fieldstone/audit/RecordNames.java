package org.fieldstone.audit;

import java.util.Collection;
import java.util.Map;
import java.util.Set;
import org.fieldstone.shared.Actor;

/**
 * How people know a module's records, for those who read the audit trail: a job as {@code J-0032}, a client by its
 * name. Each module names its own records (the audit trail holds only their type and id); the audit log asks for the
 * records of one page at once.
 */
public interface RecordNames {

    /** The entity types (as the audit trail names them, e.g. {@code job}) this names. */
    Set<String> entityTypes();

    /**
     * The names of these records of {@code entityType}, as {@code actor} may read them; a record that no longer
     * exists, or that the actor may not read, is left out (the log then shows its id).
     */
    Map<String, String> names(Actor actor, String entityType, Collection<String> ids);
}
