package org.fieldstone.shared;

/** The actor is known but its role does not allow this. */
public final class Forbidden extends DomainException {

    public Forbidden(Message message) {
        super(message);
    }
}
