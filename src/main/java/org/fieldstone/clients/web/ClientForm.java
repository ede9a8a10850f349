package org.fieldstone.clients.web;

import static org.fieldstone.shared.web.FormText.tagList;
import static org.fieldstone.shared.web.FormText.text;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.fieldstone.clients.Client;
import org.fieldstone.clients.NewClient;
import org.fieldstone.clients.NewProperty;
import org.fieldstone.clients.Property;
import org.fieldstone.shared.web.FormText.Differences;
import org.fieldstone.shared.web.PhoneText;

/**
 * The client form of the dashboard as submitted: text as typed, tags comma-separated, the version the form
 * was loaded at, and (when creating) the first property's fields; {@code remindersOff} a checkbox (absent: false).
 * Only these fields are bound.
 */
record ClientForm(String name, String email, String phone, String notes, String tags, Long version,
                  String label, String street, String city, String region, String postalCode, String country,
                  String latitude, String longitude, Boolean remindersOff) {

    /** Whether the box "no reminders" is ticked. */
    public boolean noReminders() {
        return Boolean.TRUE.equals(remindersOff);
    }

    /** An empty form; an empty country means the company's own. */
    static ClientForm empty() {
        return new ClientForm("", "", "", "", "", null, "", "", "", "", "", "", "", "", false);
    }

    /** The edit form of {@code c}, its phone as the company in {@code country} reads it (what it parses back from). */
    static ClientForm of(Client c, String country) {
        return new ClientForm(c.name(), text(c.email()), text(PhoneText.display(c.phone(), country)), text(c.notes()),
                String.join(", ", c.tags()), c.version(), "", "", "", "", "", "", "", "", c.remindersOff());
    }

    /** The fields of this form as {@code c} stores them (the phone in E.164), by field name. */
    static Map<String, String> fields(Client c) {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("name", text(c.name()));
        fields.put("email", text(c.email()));
        fields.put("phone", text(c.phone()));
        fields.put("notes", text(c.notes()));
        fields.put("tags", String.join(", ", c.tags()));
        return fields;
    }

    NewClient client() {
        return new NewClient(name, email, phone, notes, tagList(tags), noReminders());
    }

    NewProperty firstProperty() {
        return new NewProperty(label, street, city, region, postalCode, country, latitude, longitude);
    }

    ClientForm atVersion(long newVersion) {
        return new ClientForm(name, email, phone, notes, tags, newVersion, label, street, city, region, postalCode,
                country, latitude, longitude, remindersOff);
    }

    /**
     * The other person's changes, by field name, as stored now (the phone in E.164): the fields whose value differs
     * between {@code started} (the client as this form was loaded, {@link ClientViews#fieldsAt}) and {@code current}.
     * A field only this form changed is not theirs. Without {@code started} (the trail does not reach back), the
     * fields where the stored value differs from what this form submitted.
     */
    Map<String, String> differencesFrom(Client current, Optional<Map<String, String>> started, String country) {
        Map<String, String> now = fields(current);
        Differences theirs = new Differences();
        if (started.isPresent()) {
            now.forEach((field, value) -> theirs.fieldIf(!Objects.equals(started.get().get(field), value), field, value));
            return theirs.map();
        }
        return theirs.field("name", name, now.get("name")).field("email", email, now.get("email"))
                .fieldIf(!text(phone).strip().equals(now.get("phone"))
                        && !text(phone).strip().equals(text(PhoneText.display(current.phone(), country))), "phone", now.get("phone"))
                .field("notes", notes, now.get("notes"))
                .fieldIf(!tagList(tags).equals(current.tags()), "tags", now.get("tags")).map();
    }




    /** A property's form: also used to edit one inline on the client page. */
    record PropertyForm(String label, String street, String city, String region, String postalCode, String country,
                        String latitude, String longitude, Long version) {

        static PropertyForm empty() {
            return new PropertyForm("", "", "", "", "", "", "", "", null);
        }

        static PropertyForm of(Property p) {
            return new PropertyForm(text(p.label()), text(p.street()), text(p.city()), text(p.region()),
                    text(p.postalCode()), p.country(), decimal(p.latitude()), decimal(p.longitude()), p.version());
        }

        NewProperty property() {
            return new NewProperty(label, street, city, region, postalCode, country, latitude, longitude);
        }

        /** This form with the coordinates a geocoder found. */
        PropertyForm at(String newLatitude, String newLongitude) {
            return new PropertyForm(label, street, city, region, postalCode, country, newLatitude, newLongitude, version);
        }

        PropertyForm atVersion(long newVersion) {
            return new PropertyForm(label, street, city, region, postalCode, country, latitude, longitude, newVersion);
        }

        /** The fields of this form as {@code p} stores them, by field name. */
        static Map<String, String> fields(Property p) {
            PropertyForm f = of(p);
            Map<String, String> fields = new LinkedHashMap<>();
            fields.put("label", f.label);
            fields.put("street", f.street);
            fields.put("city", f.city);
            fields.put("region", f.region);
            fields.put("postalCode", f.postalCode);
            fields.put("country", text(f.country));
            fields.put("latitude", f.latitude);
            fields.put("longitude", f.longitude);
            return fields;
        }

        /**
         * The other person's changes, by field name: the fields whose value differs between {@code started} (the
         * property as this form was loaded) and {@code current}; without it, where {@code current} differs from what
         * this form submitted.
         */
        Map<String, String> differencesFrom(Property current, Optional<Map<String, String>> started) {
            if (started.isPresent()) {
                Differences theirs = new Differences();
                fields(current).forEach((field, value) ->
                        theirs.fieldIf(!Objects.equals(started.get().get(field), value), field, value));
                return theirs.map();
            }
            PropertyForm now = of(current);
            return new Differences().field("label", label, now.label).field("street", street, now.street)
                    .field("city", city, now.city).field("region", region, now.region)
                    .field("postalCode", postalCode, now.postalCode)
                    .fieldIf(!text(country).strip().equalsIgnoreCase(now.country), "country", now.country)
                    .field("latitude", latitude, now.latitude).field("longitude", longitude, now.longitude).map();
        }

        private static String decimal(BigDecimal value) {
            return value == null ? "" : value.toPlainString();
        }
    }
}
