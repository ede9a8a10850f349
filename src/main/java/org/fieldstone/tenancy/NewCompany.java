package org.fieldstone.tenancy;

import java.time.ZoneId;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import org.fieldstone.shared.InvalidInput;
import org.fieldstone.shared.Message;

/** What it takes to provision a company; validated on construction. */
public record NewCompany(String slug, String name, ZoneId timeZone, String country) {

    private static final Set<String> COUNTRIES = Set.of(java.util.Locale.getISOCountries());

    public NewCompany(String slug, String name, ZoneId timeZone) {
        this(slug, name, timeZone, null);
    }

    private static final Pattern SLUG = Pattern.compile("^[a-z0-9](?:[a-z0-9-]{0,38}[a-z0-9])?$");
    /** Slugs that would read as part of the product rather than a company. */
    private static final Set<String> RESERVED = Set.of("api", "admin", "www", "static", "status", "login",
            "logout", "p", "c", "mcp", "oauth", "well-known", "fieldstone", "support", "help");

    public NewCompany {
        if (slug == null || slug.isBlank()) {
            throw new InvalidInput("slug", Message.of("tenancy.refused.slug-required"));
        }
        slug = slug.strip().toLowerCase(Locale.ROOT);
        if (!SLUG.matcher(slug).matches()) {
            throw new InvalidInput("slug", Message.of("tenancy.refused.slug"));
        }
        if (RESERVED.contains(slug)) {
            throw new InvalidInput("slug", Message.of("tenancy.refused.slug-reserved", slug));
        }
        if (name == null || name.isBlank()) {
            throw new InvalidInput("name", Message.of("tenancy.refused.name-required"));
        }
        name = name.strip();
        if (name.length() > 200) {
            throw new InvalidInput("name", Message.of("tenancy.refused.name-too-long", 200));
        }
        if (timeZone == null) {
            timeZone = ZoneId.of("UTC");
        }
        country = country == null || country.isBlank() ? "US" : country.strip().toUpperCase(Locale.ROOT);
        if (!COUNTRIES.contains(country)) {
            throw new InvalidInput("country", Message.of("tenancy.refused.country"));
        }
    }
}
