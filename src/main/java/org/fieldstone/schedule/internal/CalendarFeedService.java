package org.fieldstone.schedule.internal;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import net.fortuna.ical4j.model.Calendar;
import org.apache.commons.codec.digest.DigestUtils;
import net.fortuna.ical4j.model.component.VEvent;
import net.fortuna.ical4j.model.property.Location;
import net.fortuna.ical4j.model.property.ProdId;
import net.fortuna.ical4j.model.property.Status;
import net.fortuna.ical4j.model.property.Uid;
import net.fortuna.ical4j.model.property.immutable.ImmutableCalScale;
import net.fortuna.ical4j.model.property.immutable.ImmutableVersion;
import org.fieldstone.identity.Team;
import org.fieldstone.identity.User;
import org.fieldstone.jobs.VisitCalendar;
import org.fieldstone.jobs.Scheduled;
import org.fieldstone.jobs.VisitStatus;
import org.fieldstone.schedule.CalendarFeeds;
import org.fieldstone.shared.Actor;
import org.fieldstone.shared.Channel;
import org.fieldstone.shared.NotFound;
import org.fieldstone.shared.Permission;
import org.fieldstone.shared.UserId;
import org.fieldstone.tenancy.Companies;
import org.fieldstone.tenancy.Company;
import org.fieldstone.tenancy.CompanyDatabase;
import org.fieldstone.tenancy.CompanyDatabases;
import org.fieldstone.tenancy.RecordKey;
import org.fieldstone.tenancy.RecordStore;
import org.fieldstone.tenancy.RecordType;
import org.fieldstone.tenancy.Changes;
import org.fieldstone.tenancy.Column;
import org.springframework.stereotype.Service;

/** {@link CalendarFeeds} over the one write path ({@code calendar_feeds}, one row per user, id = the user's id). */
@Service
class CalendarFeedService implements CalendarFeeds {

    /** The SHA-256 of the feed's secret link (the link itself is never stored). */
    static final Column<String> TOKEN_HASH = Column.of("token_hash", String.class);
    static final RecordType FEEDS = RecordType.of("calendar_feeds", "calendar_feed", Permission.JOBS_READ, null, TOKEN_HASH);
    /** What the feed covers: two weeks back, about two months ahead (the schedule answers at most 62 days). */
    static final Duration PAST = Duration.ofDays(14);
    static final Duration AHEAD = Duration.ofDays(47);
    private static final Pattern TOKEN = Pattern.compile("^[A-Za-z0-9_-]{43}$");

    private final Companies companies;
    private final CompanyDatabases databases;
    private final RecordStore store;
    private final Team team;
    private final VisitCalendar calendar;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    CalendarFeedService(Companies companies, CompanyDatabases databases, RecordStore store, Team team,
                        VisitCalendar calendar, Clock clock) {
        this.companies = companies;
        this.databases = databases;
        this.store = store;
        this.team = team;
        this.calendar = calendar;
        this.clock = clock;
    }

    @Override
    public Optional<Instant> subscribedSince(Actor actor) {
        actor.require(Permission.JOBS_READ);
        return row(databases.of(actor.tenant()), me(actor)).map(r -> Instant.ofEpochMilli(((Number) r.get("updated_at")).longValue()));
    }

    @Override
    public String subscribe(Actor actor) {
        actor.require(Permission.JOBS_READ);
        String id = me(actor);
        byte[] secret = new byte[32];
        random.nextBytes(secret);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
        CompanyDatabase db = databases.of(actor.tenant());
        db.inTransaction(() -> row(db, id).ifPresentOrElse(
                current -> store.change(actor, RecordKey.of(id), ((Number) current.get("version")).longValue(),
                        Changes.of(FEEDS).set(TOKEN_HASH, hash(token)), "renewed"),
                () -> store.insert(actor, id, Changes.of(FEEDS).set(TOKEN_HASH, hash(token)), "created")));
        return token;
    }

    @Override
    public void revoke(Actor actor) {
        actor.require(Permission.JOBS_READ);
        String id = me(actor);
        CompanyDatabase db = databases.of(actor.tenant());
        db.inTransaction(() -> row(db, id).ifPresent(current ->
                store.delete(actor, FEEDS, RecordKey.of(id), ((Number) current.get("version")).longValue())));
    }

    @Override
    public Optional<String> render(String companySlug, String token) {
        if (token == null || !TOKEN.matcher(token).matches()) {
            return Optional.empty();
        }
        Optional<Company> company = companies.findBySlug(companySlug).filter(Company::isActive);
        if (company.isEmpty()) {
            return Optional.empty();
        }
        CompanyDatabase db = databases.of(company.get().id());
        Optional<String> userId = db.jdbc().sql("SELECT id FROM calendar_feeds WHERE token_hash = :hash")
                .param("hash", hash(token)).query(String.class).optional();
        if (userId.isEmpty()) {
            return Optional.empty();
        }
        User user;
        try {
            user = team.get(Actor.system(company.get().id(), Channel.SYSTEM), UserId.parse(userId.get()));
        } catch (NotFound gone) {
            return Optional.empty();
        }
        if (!user.active()) {
            return Optional.empty();
        }
        Actor reader = new Actor(company.get().id(), Optional.of(user.id()), user.name(), user.role(), Optional.empty(),
                Channel.API, null, "calendar feed");
        Instant now = clock.instant();
        List<Scheduled> visits = calendar.schedule(reader, now.minus(PAST), now.plus(AHEAD), Optional.of(user.id()), Optional.empty());
        return Optional.of(ics(company.get(), visits, now));
    }

    /** Only times, job number and title, address and status: nothing about the client. */
    static String ics(Company company, List<Scheduled> visits, Instant now) {
        Calendar calendar = new Calendar();
        calendar.add(new ProdId("-//Fieldstone//Schedule//EN"));
        calendar.add(ImmutableVersion.VERSION_2_0);
        calendar.add(ImmutableCalScale.GREGORIAN);
        for (Scheduled s : visits) {
            VEvent event = new VEvent(s.visit().startsAt(), s.visit().endsAt(), s.job().number() + " " + s.job().title());
            event.add(new Uid(s.visit().id() + "@" + company.slug() + ".fieldstone"));
            if (s.job().address() != null) {
                event.add(new Location(s.job().address()));
            }
            event.add(new Status(s.visit().status() == VisitStatus.CANCELLED ? Status.VALUE_CANCELLED : Status.VALUE_CONFIRMED));
            calendar.add(event);
        }
        return calendar.toString();
    }

    private static Optional<Map<String, Object>> row(CompanyDatabase db, String userId) {
        return db.jdbc().sql("SELECT version, updated_at FROM calendar_feeds WHERE id = :id").param("id", userId)
                .query().listOfRows().stream().findFirst();
    }

    private static String me(Actor actor) {
        return actor.userId().map(UserId::toString)
                .orElseThrow(() -> new org.fieldstone.shared.InvalidInput("user",
                        org.fieldstone.shared.Message.of("schedule.refused.calendar-without-user")));
    }

    static String hash(String token) {
        return DigestUtils.sha256Hex(token);
    }
}
