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
    private Message(String code, Object[] arguments) {
        this.code = code;
        this.arguments = arguments;
    }

    /** The message {@code code} of {@code messages.properties}, with its {@code {0}}, {@code {1}} … arguments. */
    public static Message of(String code, Object... arguments) {
        return new Message(Objects.requireNonNull(code), arguments.clone());
    }

    /** The code, a key of {@code messages.properties}. */
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

    /** This message in the current request's locale ({@link org.springframework.context.i18n.LocaleContextHolder}). */
    public String resolve(MessageSource messages) {
        return resolve(messages, org.springframework.context.i18n.LocaleContextHolder.getLocale());
    }

    /** The English text, from {@code messages.properties} without Spring; a missing code throws. */
    public String english() {
        return resolve(BUNDLE, Locale.ENGLISH);
    }

    @Override
    public String[] getCodes() {
        return new String[] {code};
    }

    @Override
    public Object[] getArguments() {
        return arguments.clone();
    }

    @Override
    public String getDefaultMessage() {
        return null;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Message m && Objects.equals(code, m.code) && Arrays.equals(arguments, m.arguments);
    }

    @Override
    public int hashCode() {
        return Objects.hash(code, Arrays.hashCode(arguments));
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
