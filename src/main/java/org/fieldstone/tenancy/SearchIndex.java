package org.fieldstone.tenancy;

/**
 * How an encrypted column stays searchable (through blind indexes, keyed PRF values of the company).
 * <ul>
 *   <li>{@link #EXACT}: the normalized whole value (trimmed, Unicode-NFKC, lower case) in the column
 *       {@code <column>_index} of the same row — equality lookups (email, phone);</li>
 *   <li>{@link #WORDS}: every word's prefixes (2 to 20 letters, accents and case folded) in the
 *       {@code search_tokens} table — "starts with" search on each word (names, cities).</li>
 * </ul>
 */
public enum SearchIndex {
    EXACT, WORDS
}
