package org.fieldstone.shared;

import java.util.List;

/**
 * The request contradicts the current state (a taken slug, the last owner, a job that cannot be completed yet).
 * {@code reasons} lists what stands in the way when there is more than one thing, e.g. the unticked required
 * checklist items; the API returns them as {@code reasons}.
 */
public final class Conflict extends DomainException {

    private final List<String> reasons;

    public Conflict(Message message) {
        this(message, List.of());
    }

    public Conflict(Message message, List<String> reasons) {
        super(message);
        this.reasons = List.copyOf(reasons);
    }

    public List<String> reasons() {
        return reasons;
    }
}
