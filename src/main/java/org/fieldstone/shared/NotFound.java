package org.fieldstone.shared;

/**
 * The thing does not exist in the acting company (another company's id is answered the same way): "No such job."
 * ({@code refusal.not-found}, the thing's name as argument).
 */
public final class NotFound extends DomainException {

    private final String what;

    /** {@code what} names the thing, e.g. {@code Message.of("jobs.thing.job")}. */
    public NotFound(Message what) {
        super(Message.of("refusal.not-found", what));
        this.what = what.code();
    }

    /** The code of the thing's name, e.g. {@code jobs.thing.job}. */
    public String what() {
        return what;
    }
}
