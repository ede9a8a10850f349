package org.fieldstone.shared;

/**
 * One field of a partial change, as in a JSON merge patch: left as it is ({@link #keep()}), or set to a
 * value ({@link #to}) — where a null value clears the field.
 */
public sealed interface Change<T> {

    static <T> Change<T> keep() {
        return new Keep<>();
    }

    static <T> Change<T> to(T value) {
        return new To<>(value);
    }

    default boolean isSet() {
        return this instanceof To<T>;
    }

    /** The field stays as it is. */
    record Keep<T>() implements Change<T> {
    }

    /** The field becomes {@code value}; null clears it. */
    record To<T>(T value) implements Change<T> {
    }
}
