package org.fieldstone.tenancy.internal;

import java.util.regex.Pattern;
import org.fieldstone.shared.InvalidInput;
import org.fieldstone.shared.Message;
import org.fieldstone.tenancy.SecretStore;

/** What a secret's name and value must be, and the hint it is shown by. Messages never carry the value. */
final class SecretInput {

    static final int MAX_LENGTH = 4096;
    /** Characters a hint keeps hidden at least; shorter values get no characters shown at all. */
    static final int HIDDEN_AT_LEAST = 12;

    private static final Pattern NAME = Pattern.compile("^[a-z][a-z0-9._-]{1,63}$");
    /** A type prefix such as Stripe's {@code sk_} or {@code rk_}: says what kind of key, not which. */
    private static final Pattern PREFIX = Pattern.compile("^[A-Za-z]{1,2}_");

    private SecretInput() {
    }

    /**
     * A known secret's name. An unknown one is not repeated in the message: it may be a value typed into the
     * wrong place.
     */
    static String name(String name) {
        String n = name == null ? "" : name.strip();
        if (!NAME.matcher(n).matches() || !SecretStore.KNOWN.contains(n)) {
            throw new InvalidInput("name", Message.of("tenancy.refused.secret-name", String.join(", ", SecretStore.KNOWN)));
        }
        return n;
    }

    /** A platform secret's name: a known one or one only the platform has ({@link SecretStore#PLATFORM_ONLY}). */
    static String platformName(String name) {
        String n = name == null ? "" : name.strip();
        if (NAME.matcher(n).matches() && SecretStore.PLATFORM_ONLY.contains(n)) {
            return n;
        }
        return name(name);
    }

    /** The value without surrounding white space (a pasted key's stray space or newline). */
    static String value(char[] value) {
        String v = value == null ? "" : new String(value).strip();
        if (v.isEmpty()) {
            throw new InvalidInput("value", Message.of("tenancy.refused.secret-required"));
        }
        if (v.codePointCount(0, v.length()) > MAX_LENGTH) {
            throw new InvalidInput("value", Message.of("tenancy.refused.secret-too-long", MAX_LENGTH));
        }
        if (v.codePoints().anyMatch(Character::isISOControl)) {
            throw new InvalidInput("value", Message.of("tenancy.refused.secret-control-characters"));
        }
        return v;
    }

    /**
     * {@code sk_…4f2a}: a type prefix if there is one and the last four characters, only when at least
     * {@value #HIDDEN_AT_LEAST} characters stay hidden; otherwise just {@code …}.
     */
    static String hint(String value) {
        var prefix = PREFIX.matcher(value);
        String start = prefix.find() ? prefix.group() : "";
        int length = value.codePointCount(0, value.length());
        if (length - start.length() - 4 < HIDDEN_AT_LEAST) {
            return "…";
        }
        return start + "…" + value.substring(value.offsetByCodePoints(value.length(), -4));
    }
}
