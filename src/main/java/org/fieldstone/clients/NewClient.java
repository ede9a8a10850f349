package org.fieldstone.clients;

import java.util.List;

/**
 * A client as entered, not yet checked: {@link Clients#create} validates every field at once and
 * normalizes the phone number with the company's country.
 */
public record NewClient(String name, String email, String phone, String notes, List<String> tags) {

    public NewClient {
        tags = tags == null ? List.of() : tags;
    }
}
