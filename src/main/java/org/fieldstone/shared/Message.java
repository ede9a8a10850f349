package org.fieldstone.shared;

import java.util.Arrays;
import java.util.Locale;
import java.util.Objects;
import org.springframework.context.MessageSource;
import org.springframework.context.MessageSourceResolvable;
import org.springframework.context.NoSuchMessageException;
import org.springframework.context.support.ResourceBundleMessageSource;

/**
 * A user-facing message: a code in {@code messages.properties} and its arguments ({@link #of}), where the English
 * text lives. An argument that is itself a {@code Message} (a status label, a thing's name) is resolved too. Web
 * layers resolve it through Spring's {@link MessageSource} in the request's locale; everything else (the CLI, logs,
 * plain unit tests) reads {@link #english()}, resolved from the same bundle without Spring.
 *
 * <p>{@link #text} wraps English still built in Java, for the modules not converted yet.
 */
public final class Message implements MessageSourceResolvable {

    /** The application's bundle, read the way Spring Boot's {@code MessageSource} reads it (same formatting rules). */
    private static final ResourceBundleMessageSource BUNDLE = new ResourceBundleMessageSource();

    static {
        BUNDLE.setBasename("messages");
        BUNDLE.setDefaultEncoding("UTF-8");
        BUNDLE.setFallbackToSystemLocale(false);
    }

    private final String code;
    private final Object[] arguments;
    private final String text;

    private Message(String code, Object[] arguments, String text) {
        this.code = code;
        this.arguments = arguments;
        this.text = text;
    }

    /** The message {@code code} of {@code messages.properties}, with its {@code {0}}, {@code {1}} … arguments. */
    public static Message of(String code, Object... arguments) {
        return new Message(Objects.requireNonNull(code), arguments.clone(), null);
    }

    /** English written in Java, shown as it is: only for the modules whose refusals have no codes yet. */
    public static Message text(String english) {
        return new Message(null, new Object[0], Objects.requireNonNull(english));
    }

    /** The code, or null for {@link #text}. */
    public String code() {
        return code;
    }

    public Object[] arguments() {
        return arguments.clone();
    }

    /** This message in the given locale; a code missing from the bundle throws {@link NoSuchMessageException}. */
    public String resolve(MessageSource messages, Locale locale) {
        return messages.getMessage(this, locale);
    }

    /** The English text, from {@code messages.properties} without Spring; a missing code throws. */
    public String english() {
        return resolve(BUNDLE, Locale.ENGLISH);
    }

    @Override
    public String[] getCodes() {
        return code == null ? null : new String[] {code};
    }

    @Override
    public Object[] getArguments() {
        return arguments.clone();
    }

    @Override
    public String getDefaultMessage() {
        return text;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Message m && Objects.equals(code, m.code) && Arrays.equals(arguments, m.arguments)
                && Objects.equals(text, m.text);
    }

    @Override
    public int hashCode() {
        return Objects.hash(code, Arrays.hashCode(arguments), text);
    }

    /** The English text, or the code and arguments when the bundle lacks the code (never throws: logs call it). */
    @Override
    public String toString() {
        try {
            return english();
        } catch (NoSuchMessageException e) {
            return code + Arrays.toString(arguments);
        }
    }
}
