package org.fieldstone.clients.internal;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import org.fieldstone.shared.EmailAddress;
import org.fieldstone.shared.InvalidInput;
import org.fieldstone.shared.Message;

/**
 * The rules for what a client and a property may hold. Each method checks one field as entered and
 * returns the value to store (null for an empty optional field), noting a problem under the field's API
 * name instead of throwing, so {@link #throwIfAny()} reports every invalid field at once.
 */
final class ClientInput {

    static final int NAME_MAX = 200;
    static final int NOTES_MAX = 10_000;
    static final int TAG_MAX = 40;
    static final int TAGS_MAX = 20;
    private static final Set<String> COUNTRIES = Set.of(Locale.getISOCountries());
    /** Control characters break storage (PostgreSQL refuses NUL) and display; line breaks only in notes. */
    private static final Pattern CONTROL = Pattern.compile("[\\p{Cntrl}&&[^\\t]]");
    private static final Pattern CONTROL_EXCEPT_LINES = Pattern.compile("[\\p{Cntrl}&&[^\\t\\r\\n]]");

    private final Map<String, Message> errors = new LinkedHashMap<>();

    void throwIfAny() {
        if (!errors.isEmpty()) {
            throw new InvalidInput(errors);
        }
    }

    private void add(String field, Message message) {
        errors.putIfAbsent(field, message);
    }

    private boolean has(String field) {
        return errors.containsKey(field);
    }

    private <T> T check(Supplier<T> check) {
        try {
            return check.get();
        } catch (InvalidInput e) {
            e.fieldMessages().forEach(this::add);
            return null;
        }
    }

    String name(String text) {
        String name = text(text, "name", NAME_MAX, false);
        if (name == null && !has("name")) {
            add("name", Message.of("clients.refused.name-required"));
        }
        return name;
    }

    String email(String text) {
        if (blank(text)) {
            return null;
        }
        EmailAddress email = check(() -> new EmailAddress(text));
        return email == null ? null : email.value();
    }

    String phone(String text, String country) {
        if (blank(text)) {
            return null;
        }
        return check(() -> PhoneNumbers.e164(text.strip(), country));
    }

    String notes(String text) {
        return text(text, "notes", NOTES_MAX, true);
    }

    /** Tags trimmed, empty ones dropped, duplicates (ignoring case) dropped, order kept. */
    List<String> tags(List<String> given) {
        if (given == null) {
            return List.of();
        }
        Set<String> seen = new LinkedHashSet<>();
        List<String> tags = new ArrayList<>();
        for (String raw : given) {
            if (blank(raw)) {
                continue;
            }
            String tag = raw.strip();
            if (tag.length() > TAG_MAX || tag.contains(",") || CONTROL.matcher(tag).find()) {
                add("tags", Message.of("clients.refused.tag-too-long", TAG_MAX));
                return List.of();
            }
            if (seen.add(tag.toLowerCase(Locale.ROOT))) {
                tags.add(tag);
            }
        }
        if (tags.size() > TAGS_MAX) {
            add("tags", Message.of("clients.refused.too-many-tags", TAGS_MAX));
        }
        return tags;
    }

    String label(String text) {
        return text(text, "label", 100, false);
    }

    String street(String text) {
        return text(text, "street", 200, false);
    }

    String city(String text) {
        return text(text, "city", 100, false);
    }

    String region(String text) {
        return text(text, "region", 100, false);
    }

    String postalCode(String text) {
        return text(text, "postalCode", 20, false);
    }

    /** A two-letter ISO 3166-1 code, upper case; empty means the company's own country. */
    String country(String text, String companyCountry) {
        if (blank(text)) {
            return companyCountry;
        }
        String code = text.strip().toUpperCase(Locale.ROOT);
        if (!COUNTRIES.contains(code)) {
            add("country", Message.of("clients.refused.country"));
            return null;
        }
        return code;
    }

    /** Decimal degrees within ±{@code limit}, as plain text without trailing zeros. */
    String degrees(String text, String field, int limit) {
        if (blank(text)) {
            return null;
        }
        try {
            BigDecimal value = new BigDecimal(text.strip());
            if (value.abs().compareTo(BigDecimal.valueOf(limit)) > 0 || value.scale() > 10) {
                throw new NumberFormatException();
            }
            return value.stripTrailingZeros().toPlainString();
        } catch (NumberFormatException e) {
            add(field, Message.of("clients.refused.degrees", limit));
            return null;
        }
    }

    /** Rules across a property's fields, checked on the property as it would be stored. */
    void checkProperty(String label, String street, String city, String postalCode, String latitude,
                       String longitude) {
        if (label == null && street == null && city == null && postalCode == null
                && !has("label") && !has("street") && !has("city") && !has("postalCode")) {
            add("street", Message.of("clients.refused.label-or-address"));
        }
        if (latitude == null && longitude != null && !has("latitude")) {
            add("latitude", Message.of("clients.refused.latitude-too"));
        }
        if (longitude == null && latitude != null && !has("longitude")) {
            add("longitude", Message.of("clients.refused.longitude-too"));
        }
    }

    private String text(String text, String field, int max, boolean multiline) {
        if (blank(text)) {
            return null;
        }
        String value = text.strip();
        if (value.length() > max) {
            add(field, Message.of("clients.refused.too-long", max));
            return null;
        }
        if ((multiline ? CONTROL_EXCEPT_LINES : CONTROL).matcher(value).find()) {
            add(field, Message.of("clients.refused.control-characters"));
            return null;
        }
        return value;
    }

    static boolean blank(String text) {
        return text == null || text.isBlank();
    }
}
