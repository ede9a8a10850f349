package org.fieldstone.notifications;

import java.util.Locale;

/** How a notification reaches its recipient. {@link #IN_APP} is for team members only. */
public enum NotificationChannel {
    EMAIL, SMS, TELEGRAM, IN_APP;

    public String code() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
