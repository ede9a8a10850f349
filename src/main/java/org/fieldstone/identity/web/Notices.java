package org.fieldstone.identity.web;

import java.util.Set;

/** Confirmation notices passed in a redirect's query (no HTTP session, so no flash attributes). */
final class Notices {

    private static final Set<String> KNOWN = Set.of("signedOut", "passwordSet", "passwordChanged", "roleChanged",
            "deactivated", "activated", "keyRevoked", "sessionRevoked", "otherSessionsEnded", "sessionsEnded",
            "signInExpired", "mfaDisabled", "mfaDisabledSignIn", "mfaRequiredOn", "mfaRequiredOff", "mfaReset",
            "supportGranted", "supportRevoked");

    private Notices() {
    }

    /** The message key of a known notice; unknown values are ignored rather than echoed. */
    static String key(String notice) {
        return notice != null && KNOWN.contains(notice) ? "notice." + notice : null;
    }
}
