package org.fieldstone.support;

import java.time.ZoneId;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.fieldstone.identity.Accounts;
import org.fieldstone.identity.ApiKeys;
import org.fieldstone.identity.Team;
import org.fieldstone.identity.User;
import org.fieldstone.shared.Actor;
import org.fieldstone.shared.Channel;
import org.fieldstone.shared.EmailAddress;
import org.fieldstone.shared.Role;
import org.fieldstone.tenancy.Company;
import org.fieldstone.tenancy.NewCompany;
import org.springframework.stereotype.Component;

/** Builds test companies with one user (and API key) per role, through the real services. */
@Component
public class Fixtures {

    public static final String PASSWORD = "correct horse battery staple 42";
    private static final AtomicInteger counter = new AtomicInteger();

    private final Accounts accounts;
    private final ApiKeys apiKeys;
    private final Team team;

    public Fixtures(Accounts accounts, ApiKeys apiKeys, Team team) {
        this.accounts = accounts;
        this.apiKeys = apiKeys;
        this.team = team;
    }

    public String uniqueSlug(String prefix) {
        return prefix + "-" + counter.incrementAndGet() + "-" + Long.toString(System.nanoTime() % 1_000_000, 36);
    }

    /** A company whose owner is {@code owner@<slug>.example}. */
    public TestCompany company(String prefix) {
        String slug = uniqueSlug(prefix);
        Company company = accounts.createCompany(new NewCompany(slug, "Company " + slug, ZoneId.of("Europe/Zurich"), "CH"),
                new EmailAddress("owner@" + slug + ".example"), "Owner of " + slug, PASSWORD.toCharArray());
        return new TestCompany(company, this);
    }

    /** A company with a user and an API key for each role. */
    public TestCompany companyWithEveryRole(String prefix) {
        TestCompany c = company(prefix);
        for (Role role : Role.values()) {
            User user = role == Role.OWNER ? c.owner() : c.addUser(role);
            c.users.put(role, user);
            c.keys.put(role, c.apiKey(user, Optional.empty()));
        }
        return c;
    }

    /**
     * Two companies with a user and an API key for each role ({@code <prefix>-a} and {@code <prefix>-b}): the
     * one a test works in, and another one whose keys and ids must get nowhere in it.
     */
    public TwoCompanies twoCompanies(String prefix) {
        return new TwoCompanies(companyWithEveryRole(prefix + "-a"), companyWithEveryRole(prefix + "-b"));
    }

    public record TwoCompanies(TestCompany a, TestCompany b) {
    }

    public static final class TestCompany {
        public final Company company;
        private final Fixtures fixtures;
        public final Map<Role, User> users = new EnumMap<>(Role.class);
        public final Map<Role, String> keys = new EnumMap<>(Role.class);

        TestCompany(Company company, Fixtures fixtures) {
            this.company = company;
            this.fixtures = fixtures;
        }

        public String slug() {
            return company.slug();
        }

        public String ownerEmail() {
            return "owner@" + company.slug() + ".example";
        }

        public Actor system() {
            return Actor.system(company.id(), Channel.SYSTEM);
        }

        public User owner() {
            return fixtures.teamUser(this, ownerEmail());
        }

        public User addUser(Role role) {
            String email = role.name().toLowerCase().replace('_', '-') + counter.incrementAndGet() + "@" + slug() + ".example";
            return fixtures.accounts.addUser(system(), new EmailAddress(email), role.name() + " person", role, PASSWORD.toCharArray());
        }

        public String apiKey(User user, Optional<Role> role) {
            return fixtures.apiKeys.createFor(system(), user.id(), "test key", role, Optional.empty()).secret();
        }
    }

    User teamUser(TestCompany c, String email) {
        return team.findByEmail(c.system(), new EmailAddress(email)).orElseThrow();
    }
}
