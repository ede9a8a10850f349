package org.fieldstone.shared;

/** The actor is known but its role does not allow this. */
public final class Forbidden extends DomainException {

    public Forbidden(Message message) {
        super(message);
    }

    /** English written in Java: for the modules not converted to message codes yet. */
    public Forbidden(String message) {
        super(message);
    }
}
