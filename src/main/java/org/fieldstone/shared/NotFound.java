package org.fieldstone.shared;

/** The thing does not exist in the acting company (another company's id is answered the same way). */
public final class NotFound extends DomainException {

    private final String what;

    public NotFound(String what) {
        super("No such " + what + ".");
        this.what = what;
    }

    public String what() {
        return what;
    }
}
