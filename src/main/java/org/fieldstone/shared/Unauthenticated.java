package org.fieldstone.shared;

/** No valid credential (or a credential that stopped working: suspended company, deactivated user). */
public final class Unauthenticated extends DomainException {

    public Unauthenticated(Message message) {
        super(message);
    }
}
