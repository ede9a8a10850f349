package org.fieldstone.clients;

import java.util.List;
import org.fieldstone.shared.Change;

/** A partial change of a client, as entered; absent fields stay, null ones are cleared (the name cannot be). */
public record ClientChanges(Change<String> name, Change<String> email, Change<String> phone, Change<String> notes,
                            Change<List<String>> tags, Change<Boolean> remindersOff) {

    public ClientChanges {
        name = name == null ? Change.keep() : name;
        email = email == null ? Change.keep() : email;
        phone = phone == null ? Change.keep() : phone;
        notes = notes == null ? Change.keep() : notes;
        tags = tags == null ? Change.keep() : tags;
        remindersOff = remindersOff == null ? Change.keep() : remindersOff;
    }

    /** A change that keeps the reminders opt-out. */
    public ClientChanges(Change<String> name, Change<String> email, Change<String> phone, Change<String> notes,
                         Change<List<String>> tags) {
        this(name, email, phone, notes, tags, Change.keep());
    }

    /** Every field set, as an edit form submits them. */
    public static ClientChanges all(NewClient values) {
        return new ClientChanges(Change.to(values.name()), Change.to(values.email()), Change.to(values.phone()),
                Change.to(values.notes()), Change.to(values.tags()), Change.to(values.remindersOff()));
    }
}
