package org.fieldstone.shared;

/** The request contradicts the current state (a taken slug, the last owner, a stale version). */
public final class Conflict extends DomainException {

    public Conflict(String message) {
        super(message);
    }
}
