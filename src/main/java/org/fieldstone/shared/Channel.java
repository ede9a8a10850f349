package org.fieldstone.shared;

/** Where an action came from; recorded in the audit trail. */
public enum Channel {
    WEB, API, CLI, SYSTEM, MCP, TELEGRAM, SMS,
    /** A company's customer on the customer portal ({@code /p/…}), through a share link's portal session. */
    PORTAL,
    /** The AI assistant acting for a signed-in user (dashboard chat, later Telegram's plain text). */
    ASSISTANT,
    /** A platform operator inside a company under the owner's support grant (identity's SupportAccess). */
    SUPPORT;

    public String code() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
