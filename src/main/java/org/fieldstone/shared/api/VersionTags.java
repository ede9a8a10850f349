package org.fieldstone.shared.api;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.fieldstone.shared.InvalidInput;
import org.fieldstone.shared.Message;

/**
 * A record's version as an HTTP entity tag: {@code ETag: "3"} on reads and writes, {@code If-Match: "3"}
 * on changes (optimistic concurrency, SPEC §3.4). Every module's REST API speaks them the same way; a missing
 * {@code If-Match} ({@link PreconditionRequired}) is answered 428 in one place, with the other problems.
 */
public final class VersionTags {

    /** {@code "3"} or {@code W/"3"}; a weak tag is accepted because proxies may weaken what we sent. */
    private static final Pattern TAG = Pattern.compile("^(?:W/)?\"(\\d{1,18})\"$");

    private VersionTags() {
    }

    /** The {@code ETag} header value of a version: the number, quoted. */
    public static String etag(long version) {
        return "\"" + version + "\"";
    }

    /**
     * The version a change expects, for a write that needs {@code permission}: 428 without an If-Match — but only
     * after refusing what would be refused anyway, the role ({@code Forbidden}) and an unknown id ({@code exists}
     * throws {@code NotFound}).
     */
    public static long expectedVersion(org.fieldstone.shared.Actor actor, org.fieldstone.shared.Permission permission,
                                       String ifMatch, Runnable exists) {
        actor.require(permission);
        if (ifMatch == null || ifMatch.isBlank()) {
            exists.run();
        }
        return expectedVersion(ifMatch);
    }

    /**
     * The version an {@code If-Match} header names.
     *
     * @throws PreconditionRequired when there is none (428)
     * @throws InvalidInput         when it is not one entity tag as this API sends them (400)
     */
    public static long expectedVersion(String ifMatch) {
        if (ifMatch == null || ifMatch.isBlank()) {
            throw new PreconditionRequired();
        }
        Matcher m = TAG.matcher(ifMatch.strip());
        if (!m.matches()) {
            throw new InvalidInput("If-Match", Message.of("api.refused.if-match", abbreviate(ifMatch.strip())));
        }
        return Long.parseLong(m.group(1));
    }

    private static String abbreviate(String text) {
        String shown = text.length() > 40 ? text.substring(0, 40) + "…" : text;
        return shown.replaceAll("\\p{Cntrl}", "?");
    }

    /** A change was sent without {@code If-Match}: the API answers 428 Precondition Required. */
    public static final class PreconditionRequired extends RuntimeException {

        public static final String MESSAGE = "Send If-Match with the ETag of your last read (like If-Match: \"3\"), "
                + "so that a change made meanwhile by someone else is not overwritten.";

        PreconditionRequired() {
            super(MESSAGE, null, false, false);
        }
    }
}
