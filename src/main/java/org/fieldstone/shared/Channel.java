package org.fieldstone.shared;

/** Where an action came from; recorded in the audit trail. */
public enum Channel {
    WEB, API, CLI, SYSTEM, MCP, TELEGRAM, SMS;

    public String code() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
