package org.fieldstone.clients.web;

import static org.fieldstone.shared.web.FormText.tagList;
import static org.fieldstone.shared.web.FormText.text;

import java.math.BigDecimal;
import java.util.Map;
import org.fieldstone.clients.Client;
import org.fieldstone.clients.NewClient;
import org.fieldstone.clients.NewProperty;
import org.fieldstone.clients.Property;
import org.fieldstone.shared.web.FormText.Differences;

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
        ClientForm now = of(current);
        return new Differences().field("name", name, now.name).field("email", email, now.email)
                .field("phone", phone, now.phone).field("notes", notes, now.notes)
                .fieldIf(!tagList(tags).equals(current.tags()), "tags", now.tags).map();
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
