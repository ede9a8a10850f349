package org.fieldstone.tenancy;

import java.time.ZoneId;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import org.fieldstone.shared.InvalidInput;

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
            throw new InvalidInput("slug", "Enter a short name for the company's address, like acme-plumbing.");
        }
        slug = slug.strip().toLowerCase(Locale.ROOT);
        if (!SLUG.matcher(slug).matches()) {
            throw new InvalidInput("slug", "Use 1–40 lower-case letters, digits and hyphens, starting and ending with a letter or digit.");
        }
        if (RESERVED.contains(slug)) {
            throw new InvalidInput("slug", "\"" + slug + "\" is reserved; choose another.");
        }
        if (name == null || name.isBlank()) {
            throw new InvalidInput("name", "Enter the company's name.");
        }
        name = name.strip();
        if (name.length() > 200) {
            throw new InvalidInput("name", "The company name can be at most 200 characters.");
        }
        if (timeZone == null) {
            timeZone = ZoneId.of("UTC");
        }
        country = country == null || country.isBlank() ? "US" : country.strip().toUpperCase(Locale.ROOT);
        if (!COUNTRIES.contains(country)) {
            throw new InvalidInput("country", "Use a two-letter country code (ISO 3166-1), like US, GB or CH.");
        }
    }
}
