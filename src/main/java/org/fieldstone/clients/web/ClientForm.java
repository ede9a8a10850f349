package org.fieldstone.clients.web;

import java.math.BigDecimal;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.fieldstone.clients.Client;
import org.fieldstone.clients.NewClient;
import org.fieldstone.clients.NewProperty;
import org.fieldstone.clients.Property;

/**
 * The client form of the dashboard as submitted: text as typed, tags comma-separated, the version the form
 * was loaded at, and (when creating) the first property's fields. Only these fields are bound.
 */
record ClientForm(String name, String email, String phone, String notes, String tags, Long version,
                  String label, String street, String city, String region, String postalCode, String country,
                  String latitude, String longitude) {

    /** An empty form; an empty country means the company's own. */
    static ClientForm empty() {
        return new ClientForm("", "", "", "", "", null, "", "", "", "", "", "", "", "");
    }

    static ClientForm of(Client c) {
        return new ClientForm(c.name(), text(c.email()), text(c.phone()), text(c.notes()), String.join(", ", c.tags()),
                c.version(), "", "", "", "", "", "", "", "");
    }

    NewClient client() {
        return new NewClient(name, email, phone, notes, tagList(tags));
    }

    NewProperty firstProperty() {
        return new NewProperty(label, street, city, region, postalCode, country, latitude, longitude);
    }

    ClientForm atVersion(long newVersion) {
        return new ClientForm(name, email, phone, notes, tags, newVersion, label, street, city, region, postalCode,
                country, latitude, longitude);
    }

    /**
     * The other person's values where they differ from what this form submitted, by field name: what a
     * resubmission would overwrite.
     */
    Map<String, String> differencesFrom(Client current) {
        Map<String, String> theirs = new LinkedHashMap<>();
        ClientForm now = of(current);
        differ(theirs, "name", name, now.name);
        differ(theirs, "email", email, now.email);
        differ(theirs, "phone", phone, now.phone);
        differ(theirs, "notes", notes, now.notes);
        if (!tagList(tags).equals(current.tags())) {
            theirs.put("tags", now.tags);
        }
        return theirs;
    }

    static List<String> tagList(String text) {
        return text == null ? List.of() : Arrays.stream(text.split(",")).map(String::strip).filter(t -> !t.isEmpty()).toList();
    }

    static void differ(Map<String, String> theirs, String field, String submitted, String current) {
        if (!Objects.equals(text(submitted).strip(), text(current).strip())) {
            theirs.put(field, text(current));
        }
    }

    static String text(String value) {
        return value == null ? "" : value;
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

        PropertyForm atVersion(long newVersion) {
            return new PropertyForm(label, street, city, region, postalCode, country, latitude, longitude, newVersion);
        }

        Map<String, String> differencesFrom(Property current) {
            Map<String, String> theirs = new LinkedHashMap<>();
            PropertyForm now = of(current);
            differ(theirs, "label", label, now.label);
            differ(theirs, "street", street, now.street);
            differ(theirs, "city", city, now.city);
            differ(theirs, "region", region, now.region);
            differ(theirs, "postalCode", postalCode, now.postalCode);
            if (!text(country).strip().equalsIgnoreCase(now.country)) {
                theirs.put("country", now.country);
            }
            differ(theirs, "latitude", latitude, now.latitude);
            differ(theirs, "longitude", longitude, now.longitude);
            return theirs;
        }

        private static String decimal(BigDecimal value) {
            return value == null ? "" : value.toPlainString();
        }
    }
}
