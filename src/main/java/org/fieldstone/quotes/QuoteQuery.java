package org.fieldstone.quotes;

/**
 * Which quotes to list.
 *
 * @param status  only these, or null
 * @param expired only those expired (true) or not (false), or null
 * @param search  a number (Q-0007) or words of the title, or null
 */
public record QuoteQuery(QuoteStatus status, Boolean expired, String clientId, String search) {

    public static final QuoteQuery ALL = new QuoteQuery(null, null, null, null);
}
