package org.fieldstone.clients;

import java.util.List;

/**
 * A client as entered, not yet checked: {@link Clients#create} validates every field at once and
 * normalizes the phone number with the company's country.
 */
public record NewClient(String name, String email, String phone, String notes, List<String> tags,
                        boolean remindersOff) {

    public NewClient {
        tags = tags == null ? List.of() : tags;
    }

    /** A client who gets reminders ({@link Client#remindersOff()} false). */
    public NewClient(String name, String email, String phone, String notes, List<String> tags) {
        this(name, email, phone, notes, tags, false);
    }
}
