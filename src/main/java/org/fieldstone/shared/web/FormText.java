package org.fieldstone.shared.web;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * How every dashboard form reads what was typed: text as typed (absent is empty), blank as nothing, tags
 * comma-separated, and — when a save meets a newer version — the other person's values where they differ from what
 * this form submitted ({@link Differences}), shown beside the form so the user sees what saving again overwrites.
 */
public final class FormText {

    private FormText() {
    }

    /** The text, or empty for none. */
    public static String text(String value) {
        return value == null ? "" : value;
    }

    public static boolean blank(String value) {
        return value == null || value.isBlank();
    }

    /** The text without surrounding blanks, or null for blank. */
    public static String blankToNull(String value) {
        return blank(value) ? null : value.strip();
    }

    /**
     * A parameter repeated once per row of a form (line items, checklist items): its values in the rows' order, or
     * none. Rows arrive as parallel parameters; {@link #at} reads one row's value.
     */
    public static String[] values(jakarta.servlet.http.HttpServletRequest request, String name) {
        String[] v = request.getParameterValues(name);
        return v == null ? new String[0] : v;
    }

    /** The value of row {@code i} of a repeated parameter, or empty where the browser sent fewer. */
    public static String at(String[] values, int i) {
        return i < values.length && values[i] != null ? values[i] : "";
    }

    /** Comma-separated tags, each stripped, empty ones left out. */
    public static List<String> tagList(String text) {
        return text == null ? List.of() : Arrays.stream(text.split(",")).map(String::strip).filter(t -> !t.isEmpty()).toList();
    }

    /** The fields where the current record differs from the submitted form, with the current values. */
    public static final class Differences {
        private final Map<String, String> theirs = new LinkedHashMap<>();

        /** Compared as text without surrounding blanks. */
        public Differences field(String name, String submitted, String current) {
            if (!Objects.equals(text(submitted).strip(), text(current).strip())) {
                theirs.put(name, text(current));
            }
            return this;
        }

        /** A difference the caller decided on (a list, a case-insensitive code). */
        public Differences fieldIf(boolean differs, String name, String current) {
            if (differs) {
                theirs.put(name, text(current));
            }
            return this;
        }

        public Map<String, String> map() {
            return theirs;
        }
    }
}
