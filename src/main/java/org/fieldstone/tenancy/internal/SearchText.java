package org.fieldstone.tenancy.internal;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/** How text is normalized before it is blind-indexed, the same way when stored and when searched. */
final class SearchText {

    /** Word prefixes are indexed from this length … */
    static final int MIN_PREFIX = 2;
    /** … to this one; longer words are found by their first 20 letters. */
    static final int MAX_PREFIX = 20;
    private static final Pattern MARKS = Pattern.compile("\\p{M}+");
    private static final Pattern NOT_WORD = Pattern.compile("[^\\p{L}\\p{N}]+");

    private SearchText() {
    }

    /** A whole value: Unicode-compatible form, trimmed, lower case. */
    static String exact(String value) {
        return Normalizer.normalize(value, Normalizer.Form.NFKC).strip().toLowerCase(Locale.ROOT);
    }

    /** The words of a text, accents and case folded: "Müller-Lüdenscheidt AG" → [muller, ludenscheidt, ag]. */
    static List<String> words(String text) {
        String folded = MARKS.matcher(Normalizer.normalize(text, Normalizer.Form.NFKD)).replaceAll("").toLowerCase(Locale.ROOT);
        List<String> words = new ArrayList<>();
        for (String w : NOT_WORD.split(folded)) {
            if (!w.isEmpty()) {
                words.add(w);
            }
        }
        return words;
    }

    /** Every prefix a stored word is found by (a one-letter word by itself). */
    static Set<String> prefixes(String text) {
        Set<String> prefixes = new LinkedHashSet<>();
        for (String w : words(text)) {
            int[] cps = w.codePoints().toArray();
            if (cps.length < MIN_PREFIX) {
                prefixes.add(w);
            }
            for (int n = MIN_PREFIX; n <= Math.min(cps.length, MAX_PREFIX); n++) {
                prefixes.add(new String(cps, 0, n));
            }
        }
        return prefixes;
    }

    /** The prefix a query word is looked up by. */
    static String queryPrefix(String word) {
        int[] cps = word.codePoints().toArray();
        return cps.length <= MAX_PREFIX ? word : new String(cps, 0, MAX_PREFIX);
    }
}
