package org.fieldstone.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Every status pill and badge in {@code app.css} is readable: its text against its background reaches the WCAG 2
 * AA contrast ratio for normal text, 4.5:1 (the "Cancelled" pill was at 4.03:1). The colours are read from the
 * stylesheet itself, custom properties resolved, so a new pill colour is checked as soon as it is written.
 */
class StatusPillContrastTests {

    static final Path CSS = Path.of("src/main/resources/static/css/app.css");
    static final Pattern RULE = Pattern.compile("([^{}]+)\\{([^{}]*)}");
    static final Pattern DECLARATION = Pattern.compile("([a-z-]+)\\s*:\\s*([^;]+)");
    static final Pattern PILL = Pattern.compile("^(?:[a-z]+)?\\.(status|badge)([.-][\\w.-]+)?$");

    @Test
    void everyPillsTextHasAtLeastFourAndAHalfToOneAgainstItsBackground() throws IOException {
        String css = Files.readString(CSS).replaceAll("(?s)/\\*.*?\\*/", "");
        Map<String, String> variables = new HashMap<>();
        Map<String, Map<String, String>> pills = new LinkedHashMap<>();
        Matcher rule = RULE.matcher(css);
        while (rule.find()) {
            Map<String, String> declarations = declarations(rule.group(2));
            String selectors = rule.group(1).replaceFirst("(?s)^.*@media[^{]*$", "").strip();
            if (selectors.equals(":root")) {
                declarations.forEach((k, v) -> { if (k.startsWith("--")) variables.put(k, v); });
            }
            for (String selector : selectors.split(",")) {
                if (PILL.matcher(selector.strip()).matches()) {
                    pills.computeIfAbsent(selector.strip(), s -> new LinkedHashMap<>()).putAll(declarations);
                }
            }
        }
        assertThat(pills).containsKeys(".status", ".status-cancelled", ".badge");

        Map<String, Double> ratios = new LinkedHashMap<>();
        pills.forEach((selector, own) -> {
            Matcher m = PILL.matcher(selector);
            m.matches();
            Map<String, String> base = pills.getOrDefault("." + m.group(1), Map.of());
            String text = own.getOrDefault("color", base.getOrDefault("color", "var(--ink)"));
            String background = own.getOrDefault("background", base.getOrDefault("background", "var(--card)"));
            ratios.put(selector, contrast(hex(text, variables), hex(background, variables)));
        });
        assertThat(ratios).allSatisfy((selector, ratio) -> assertThat(ratio).as(selector).isGreaterThanOrEqualTo(4.5));
    }

    @Test
    void theRatioIsComputedAsWcagDefinesIt() {
        assertThat(contrast("#000000", "#ffffff")).isCloseTo(21.0, org.assertj.core.data.Offset.offset(0.01));
        assertThat(contrast("#5d6b78", "#d8dee4")).isCloseTo(4.03, org.assertj.core.data.Offset.offset(0.01));
    }

    private static Map<String, String> declarations(String block) {
        Map<String, String> declarations = new LinkedHashMap<>();
        Matcher d = DECLARATION.matcher(block);
        while (d.find()) {
            String name = d.group(1).equals("background-color") ? "background" : d.group(1);
            declarations.put(name, d.group(2).strip());
        }
        return declarations;
    }

    private static String hex(String value, Map<String, String> variables) {
        String v = value.strip();
        while (v.startsWith("var(")) {
            String name = v.substring(4, v.indexOf(')')).strip();
            v = java.util.Objects.requireNonNull(variables.get(name), name).strip();
        }
        assertThat(v).as("a pill colour as #rrggbb").matches("#[0-9a-fA-F]{6}");
        return v;
    }

    /** WCAG 2.x contrast ratio of two sRGB colours. */
    static double contrast(String a, String b) {
        double la = luminance(a);
        double lb = luminance(b);
        return (Math.max(la, lb) + 0.05) / (Math.min(la, lb) + 0.05);
    }

    private static double luminance(String hex) {
        double[] c = new double[3];
        for (int i = 0; i < 3; i++) {
            double s = Integer.parseInt(hex.substring(1 + 2 * i, 3 + 2 * i), 16) / 255.0;
            c[i] = s <= 0.04045 ? s / 12.92 : Math.pow((s + 0.055) / 1.055, 2.4);
        }
        return 0.2126 * c[0] + 0.7152 * c[1] + 0.0722 * c[2];
    }
}
