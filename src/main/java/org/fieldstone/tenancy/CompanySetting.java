package org.fieldstone.tenancy;

import java.util.Objects;
import java.util.function.Function;
import java.util.regex.Pattern;
import org.fieldstone.shared.Permission;

/**
 * One company setting, declared once by the module that owns it: its key ({@code <module>.<name>}), the permission
 * that writes it, its value where a company never set it, and how the value is kept as text. Read and written
 * through {@link CompanySettings}, the only code that touches the settings table.
 */
public record CompanySetting<T>(String key, Permission write, T defaultValue, Function<String, T> parse,
                                Function<T, String> format) {

    private static final Pattern KEY = Pattern.compile("^[a-z]+\\.[a-z0-9-]+$");

    public CompanySetting {
        Objects.requireNonNull(write, "write permission");
        Objects.requireNonNull(defaultValue, "default value");
        if (!KEY.matcher(key).matches()) {
            throw new IllegalArgumentException("A setting's key is <module>.<name>, e.g. identity.mfa-required: " + key);
        }
    }

    /** A yes/no setting, kept as {@code true}/{@code false}. */
    public static CompanySetting<Boolean> flag(String key, Permission write, boolean defaultValue) {
        return new CompanySetting<>(key, write, defaultValue, "true"::equals, b -> Boolean.toString(b));
    }
}
