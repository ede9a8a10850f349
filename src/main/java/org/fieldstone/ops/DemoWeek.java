package org.fieldstone.ops;

import java.math.BigDecimal;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.fieldstone.clients.Client;
import org.fieldstone.clients.Clients;
import org.fieldstone.clients.NewClient;
import org.fieldstone.clients.NewProperty;
import org.fieldstone.clients.Property;
import org.fieldstone.identity.Accounts;
import org.fieldstone.identity.Crew;
import org.fieldstone.identity.Crews;
import org.fieldstone.identity.User;
import org.fieldstone.jobs.ChecklistItem;
import org.fieldstone.jobs.ChecklistTemplate;
import org.fieldstone.jobs.Job;
import org.fieldstone.jobs.Jobs;
import org.fieldstone.jobs.Visits;
import org.fieldstone.jobs.ChecklistTemplates;
import org.fieldstone.jobs.VisitCalendar;
import org.fieldstone.jobs.LineItem;
import org.fieldstone.jobs.NewJob;
import org.fieldstone.jobs.NewVisit;
import org.fieldstone.jobs.Scheduled;
import org.fieldstone.jobs.Visit;
import org.fieldstone.jobs.VisitStatus;
import org.fieldstone.shared.Actor;
import org.fieldstone.shared.Channel;
import org.fieldstone.shared.EmailAddress;
import org.fieldstone.shared.Role;
import org.fieldstone.shared.UserId;
import org.fieldstone.tenancy.Company;
import org.springframework.stereotype.Component;

/**
 * The demo company's working week, so that a first look shows a living schedule: five technicians in two crews,
 * clients with Swiss service addresses (phone numbers in the 555 range and emails at example domains: obviously
 * fake), a "Boiler service" checklist and about thirty jobs whose visits fill Monday to Friday of the current week
 * (of the next one on a weekend), relative to the application clock. Everything goes through the facades.
 *
 * <p>Visits that ended before now are started and finished now — the lifecycle records the clock's time, so their
 * time on site is the moment of seeding, not invented; one that ended earlier today (or on the last working day) is
 * left open and shows as late. One visit double-books a technician, two jobs wait unscheduled as drafts, and one
 * job recurs every Tuesday.
 */
@Component
class DemoWeek {

    static final LocalTime LATE_START = LocalTime.of(16, 0);
    static final LocalTime LATE_END = LocalTime.of(17, 30);

    private record Technician(String email, String name) {
    }

    private record Customer(String name, String email, String phone, String notes, List<String> tags,
                            List<NewProperty> properties) {
    }

    /** A visit of the table below: day 0 is Monday, the technician and client are indexes. */
    private record Booking(int day, String from, String to, int technician, int client, String title,
                           String description, boolean boilerService) {
    }

    /** What was made, for the test and for anyone curious. */
    record Week(LocalDate monday, List<User> technicians, List<Crew> crews, List<Client> clients, List<Job> jobs) {
    }

    private static final List<Technician> TECHNICIANS = List.of(
            new Technician("tech@demo.example", "Tara Technician"),
            new Technician("luca.bernasconi@demo.example", "Luca Bernasconi"),
            new Technician("nina.keller@demo.example", "Nina Keller"),
            new Technician("marco.frei@demo.example", "Marco Frei"),
            new Technician("sophie.brunner@demo.example", "Sophie Brunner"));

    /**
     * Where the demo's towns are (their centres, by postal code), so that the map of the day shows the demo's visits
     * without a geocoder; each property is set a little apart from the centre by its street, so that neighbours in one
     * town do not hide each other.
     */
    private static final java.util.Map<String, double[]> TOWNS = java.util.Map.ofEntries(
            java.util.Map.entry("8600", new double[] {47.3972, 8.6186}), java.util.Map.entry("8610", new double[] {47.3471, 8.7209}),
            java.util.Map.entry("8800", new double[] {47.2953, 8.5636}), java.util.Map.entry("8400", new double[] {47.4997, 8.7241}),
            java.util.Map.entry("8706", new double[] {47.2700, 8.6434}), java.util.Map.entry("8700", new double[] {47.3183, 8.5839}),
            java.util.Map.entry("6300", new double[] {47.1662, 8.5155}), java.util.Map.entry("5400", new double[] {47.4733, 8.3059}),
            java.util.Map.entry("8304", new double[] {47.4150, 8.5967}), java.util.Map.entry("8302", new double[] {47.4515, 8.5849}),
            java.util.Map.entry("8810", new double[] {47.2596, 8.5977}), java.util.Map.entry("8050", new double[] {47.4111, 8.5441}),
            java.util.Map.entry("8008", new double[] {47.3550, 8.5560}));

    private static final List<Customer> CUSTOMERS = List.of(
            customer("Anna Meier", "anna.meier@example.com", "+41 44 555 01 01", "Gate code 2580.", "residential",
                    home("Rosenweg 7", "8600", "Dübendorf")),
            customer("Beat Huber", "beat.huber@example.org", "+41 79 555 01 02", null, "residential",
                    home("Dorfstrasse 23", "8610", "Uster")),
            customer("Claudia Rossi", "c.rossi@example.net", "+41 44 555 01 03", "Dog in the garden: ring first.",
                    "residential", home("Seestrasse 112", "8800", "Thalwil")),
            customer("Daniel Schmid", "daniel.schmid@example.com", "+41 52 555 01 04", null, "residential",
                    home("Lindenstrasse 4", "8400", "Winterthur")),
            customer("Eva Brunner-Weber", "eva.weber@example.org", "+41 76 555 01 05", null, "residential",
                    home("Kirchweg 15", "8706", "Meilen")),
            customer("Fabian Graf", "fabian.graf@example.net", "+41 44 555 01 06", "Works nights: not before 10:00.",
                    "residential", home("Bergstrasse 31", "8700", "Küsnacht")),
            customer("Gabriela Steiner", "g.steiner@example.com", "+41 41 555 01 07", null, "residential",
                    home("Alpenblick 9", "6300", "Zug")),
            customer("Hans Zimmermann", "hans.zimmermann@example.org", "+41 56 555 01 08", null, "residential",
                    home("Badstrasse 18", "5400", "Baden")),
            customer("Isabelle Favre", "isabelle.favre@example.net", "+41 78 555 01 09", "Speaks French and German.",
                    "residential", home("Im Grund 3", "8304", "Wallisellen")),
            customer("Jonas Baumann", "jonas.baumann@example.com", "+41 44 555 01 10", null, "residential",
                    home("Schulhausstrasse 27", "8302", "Kloten")),
            customer("Katharina Wyss", "k.wyss@example.org", "+41 44 555 01 11", null, "residential",
                    home("Zürcherstrasse 64", "8810", "Horgen")),
            customer("Bäckerei Lüthi AG", "info@baeckerei-luethi.example", "+41 44 555 01 12",
                    "Bakery: the oven room is hot, no visits 04:00–09:00.", "commercial",
                    new NewProperty("Bakery", "Marktgasse 5", "Winterthur", "ZH", "8400", null, null, null)),
            customer("Restaurant Sonne", "kontakt@sonne-restaurant.example", "+41 44 555 01 13", null, "commercial",
                    new NewProperty("Restaurant", "Hauptstrasse 40", "Zürich", "ZH", "8050", null, null, null)),
            customer("Alterszentrum Lindenhof", "technik@lindenhof.example", "+41 44 555 01 14",
                    "Sign in at reception; legionella log in the plant room.", "commercial",
                    new NewProperty("Care home", "Lindenhofweg 2", "Uster", "ZH", "8610", null, null, null)),
            customer("Immobilien Keller & Co.", "verwaltung@keller-immo.example", "+41 44 555 01 15",
                    "Property manager: invoices to the office, keys at the caretaker's.", "commercial",
                    new NewProperty("Seefeld block", "Seefeldstrasse 88", "Zürich", "ZH", "8008", null, null, null),
                    new NewProperty("Oerlikon block", "Schaffhauserstrasse 301", "Zürich", "ZH", "8050", null, null, null)),
            customer("Praxis Dr. Vogel", "praxis@dr-vogel.example", "+41 44 555 01 16", null, "commercial",
                    new NewProperty("Surgery", "Bahnhofplatz 6", "Dübendorf", "ZH", "8600", null, null, null)));

    // Three slots a day (08:00, 10:30, 13:30); Nina's Wednesday 10:30 is double-booked below, on purpose.
    private static final List<Booking> BOOKINGS = List.of(
            new Booking(0, "08:00", "10:00", 0, 0, "Boiler service", "Annual service of the gas boiler.", true),
            new Booking(0, "08:00", "10:00", 1, 13, "Radiator balancing, east wing", "Residents report cold rooms on floor 2.", false),
            new Booking(0, "10:30", "12:30", 2, 1, "Leaking kitchen tap", "Mixer tap drips; replace cartridge.", false),
            new Booking(0, "13:30", "16:00", 3, 14, "Replace thermostatic valves", "Six radiators, Seefeld block, flat 3.1.", false),
            new Booking(0, "13:30", "15:30", 4, 2, "Blocked shower drain", null, false),
            new Booking(1, "08:00", "10:00", 0, 3, "Boiler service", "Oil boiler, tank check included.", true),
            new Booking(1, "10:30", "12:30", 2, 11, "Descale water heater", "Bakery hot water, 300 l tank.", false),
            new Booking(1, "10:30", "12:00", 3, 4, "Toilet cistern keeps running", null, false),
            new Booking(1, "13:30", "16:00", 1, 12, "Grease trap inspection", "Kitchen grease separator, after lunch service.", false),
            new Booking(1, "13:30", "15:00", 4, 5, "Outdoor tap frost protection", null, false),
            new Booking(2, "08:00", "10:00", 0, 6, "Boiler service", null, true),
            new Booking(2, "10:30", "12:30", 2, 7, "Install new washbasin", "Customer bought the basin; bring siphon and valves.", false),
            new Booking(2, "10:30", "12:30", 1, 14, "Heat pump annual check", "Oerlikon block, roof unit.", false),
            new Booking(2, "13:30", "15:30", 3, 8, "Low water pressure upstairs", null, false),
            new Booking(2, "13:30", "16:00", 4, 15, "Legionella-safe hot water loop", "Surgery: check circulation temperature.", false),
            new Booking(3, "08:00", "10:00", 1, 9, "Boiler service", null, true),
            new Booking(3, "08:00", "09:30", 3, 10, "Radiator bleeding", "Whole house, 9 radiators.", false),
            new Booking(3, "10:30", "12:30", 0, 13, "Replace circulation pump", "Pump noisy since last week.", false),
            new Booking(3, "13:30", "16:00", 2, 12, "Dishwasher connection", "New commercial dishwasher, inlet and drain.", false),
            new Booking(3, "13:30", "15:00", 4, 0, "Water softener refill", null, false),
            new Booking(4, "08:00", "10:00", 0, 1, "Boiler service", "Condensing boiler, check condensate drain.", true),
            new Booking(4, "08:00", "10:00", 2, 14, "Burst pipe follow-up", "Seefeld block basement: check the repair, dry out.", false),
            new Booking(4, "10:30", "12:30", 3, 3, "Expansion vessel pressure", null, false),
            new Booking(4, "10:30", "12:00", 1, 5, "Underfloor heating manifold", "Two loops stay cold.", false),
            new Booking(4, "13:30", "15:30", 4, 11, "Backflow preventer test", "Annual test certificate for the bakery.", false));

    private static final List<LineItem> BOILER_SERVICE_PRICE = List.of(new LineItem(LineItem.Kind.WORK,
            "Boiler service, flat rate", BigDecimal.ONE, 18_500, new BigDecimal("8.1")));

    private static final String ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";

    private final Accounts accounts;
    private final Crews crews;
    private final Clients clients;
    private final Jobs jobs;
    private final Visits jobVisits;
    private final ChecklistTemplates checklists;
    private final VisitCalendar calendar;
    private final Clock clock;

    DemoWeek(Accounts accounts, Crews crews, Clients clients, Jobs jobs, Visits jobVisits,
             ChecklistTemplates checklists, VisitCalendar calendar, Clock clock) {
        this.accounts = accounts;
        this.crews = crews;
        this.clients = clients;
        this.jobs = jobs;
        this.jobVisits = jobVisits;
        this.checklists = checklists;
        this.calendar = calendar;
        this.clock = clock;
    }

    /** Seeds the week into a company that has its owner and nothing of the above yet. */
    Week seed(Company company) {
        return seed(company, clock.instant());
    }

    /**
     * Seeds the week as it looks at {@code now} (which visits have ended, which one is late); the lifecycle still
     * records the clock's time. For tests, which must not move the shared clock by days.
     */
    Week seed(Company company, Instant now) {
        Actor system = Actor.system(company.id(), Channel.SYSTEM);
        ZoneId zone = company.timeZone();
        LocalDate monday = weekOf(LocalDate.ofInstant(now, zone));

        List<User> technicians = new ArrayList<>();
        for (Technician t : TECHNICIANS) {
            technicians.add(accounts.addUser(system, new EmailAddress(t.email()), t.name(), Role.USER, randomPassword(24)));
        }
        Crew heating = crews.create(system, "Heating crew", List.of(technicians.get(0).id(), technicians.get(1).id()));
        Crew plumbing = crews.create(system, "Plumbing crew", List.of(technicians.get(2).id(), technicians.get(3).id()));

        List<Client> customers = new ArrayList<>();
        List<Property> sites = new ArrayList<>();
        List<Property> secondSites = new ArrayList<>();
        for (Customer c : CUSTOMERS) {
            Client client = clients.create(system, new NewClient(c.name(), c.email(), c.phone(), c.notes(), c.tags()),
                    c.properties().getFirst());
            customers.add(client);
            sites.add(clients.properties(system, client.id()).getFirst());
            for (NewProperty more : c.properties().subList(1, c.properties().size())) {
                secondSites.add(clients.addProperty(system, client.id(), more));
            }
        }
        ChecklistTemplate boilerService = checklists.createTemplate(system, "Boiler service", List.of(
                new ChecklistTemplate.Item("Check flue gas values", true),
                new ChecklistTemplate.Item("Clean burner and heat exchanger", true),
                new ChecklistTemplate.Item("Check expansion vessel pressure", true),
                new ChecklistTemplate.Item("Test the safety valve", true),
                new ChecklistTemplate.Item("Note the meter reading", false)));

        List<Job> made = new ArrayList<>();
        for (Booking b : BOOKINGS) {
            UserId who = technicians.get(b.technician()).id();
            String crewId = b.technician() <= 1 ? heating.id() : b.technician() <= 3 ? plumbing.id() : null;
            LocalDate day = monday.plusDays(b.day());
            String priority = b.title().startsWith("Burst") ? "HIGH" : null;
            made.add(jobs.create(system, new NewJob(customers.get(b.client()).id(), sites.get(b.client()).id(), b.title(),
                    b.description(), priority, List.of(), b.boilerService() ? BOILER_SERVICE_PRICE : List.of(),
                    crewId, List.of(who), b.boilerService() ? boilerService.id() : null, List.of(), null,
                    visit(day, b.from(), b.to(), who))));
        }

        // the double-booking: an emergency squeezed into Nina's Wednesday installation
        UserId nina = technicians.get(2).id();
        made.add(jobs.create(system, new NewJob(customers.get(9).id(), sites.get(9).id(), "No hot water",
                "Emergency call: boiler shows fault F28.", "URGENT", List.of("emergency"), List.of(), null,
                List.of(nina), null, List.of(), null, visit(monday.plusDays(2), "11:00", "12:00", nina))));

        // an installation over two visits, Monday and Thursday
        UserId luca = technicians.get(1).id();
        Job installation = jobs.create(system, new NewJob(customers.get(4).id(), sites.get(4).id(),
                "New heat pump installation", "Replace the oil boiler with an air-to-water heat pump.", "HIGH",
                List.of("installation"), List.of(), heating.id(), List.of(technicians.get(0).id(), luca), null,
                List.of(new ChecklistTemplate.Item("Old tank emptied and removed", true),
                        new ChecklistTemplate.Item("Commissioning protocol signed", true)), null,
                visit(monday, "10:30", "16:00", null)));
        jobVisits.addVisit(system, installation.id(), visit(monday.plusDays(3), "13:30", "17:00", null));
        made.add(installation);

        // recurring: the care home's hot water is flushed every Tuesday morning
        made.add(jobs.create(system, new NewJob(customers.get(13).id(), sites.get(13).id(), "Weekly legionella flush",
                "Flush the rarely used outlets and log the temperatures.", null, List.of("maintenance"), List.of(),
                heating.id(), List.of(luca), null, List.of(), "FREQ=WEEKLY;BYDAY=TU",
                visit(monday.plusDays(1), "07:15", "08:00", null))));

        // two requests waiting to be scheduled
        made.add(jobs.create(system, NewJob.of(customers.get(10).id(), sites.get(10).id(), "Quote: bathroom renovation",
                "Customer wants a walk-in shower instead of the tub. Visit to measure and quote.")));
        made.add(jobs.create(system, NewJob.of(customers.get(14).id(), secondSites.getFirst().id(),
                "Replace outdoor taps before winter", "Oerlikon block: three frost-proof taps.")));

        // late: the last working slot that has ended, left open
        UserId sophie = technicians.get(4).id();
        LocalDate lateDay = lateDay(now, zone);
        Job late = jobs.create(system, new NewJob(customers.get(7).id(), sites.get(7).id(), "Check pressure relief valve",
                "Valve drips into the tundish.", null, List.of(), List.of(), null, List.of(sophie), null, List.of(), null,
                visit(lateDay, LATE_START.toString(), LATE_END.toString(), sophie)));
        made.add(late);

        work(system, monday.atStartOfDay(zone).toInstant(), now, late.id());
        List<Job> current = made.stream().map(j -> jobs.get(system, j.id())).toList();
        return new Week(monday, List.copyOf(technicians), List.of(heating, plumbing), List.copyOf(customers), current);
    }

    /** The visits of the week that have begun: started, and finished when they have ended (but the late one). */
    private void work(Actor system, Instant monday, Instant now, String lateJobId) {
        if (!now.isAfter(monday)) {
            return;
        }
        for (Scheduled s : calendar.schedule(system, monday, now, Optional.empty(), Optional.empty())) {
            Visit visit = s.visit();
            if (visit.jobId().equals(lateJobId) || visit.status() != VisitStatus.SCHEDULED) {
                continue;
            }
            visit = jobVisits.start(system, visit.id(), visit.version());
            if (visit.endsAt().isAfter(now)) {
                continue;
            }
            Job job = jobs.get(system, visit.jobId());
            String visitId = visit.id();
            boolean lastOpen = jobVisits.visits(system, job.id()).stream()
                    .noneMatch(v -> !v.id().equals(visitId) && v.status().isOpen());
            if (lastOpen && job.recurrence() == null) {
                for (ChecklistItem item : job.checklist()) {
                    if (!item.done()) {
                        jobs.tick(system, job.id(), item.id(), true);
                    }
                }
            }
            jobVisits.finish(system, visit.id(), visit.version());
        }
    }

    /** Monday of this working week; on a weekend, of the coming one. */
    static LocalDate weekOf(LocalDate today) {
        DayOfWeek d = today.getDayOfWeek();
        return d == DayOfWeek.SATURDAY || d == DayOfWeek.SUNDAY
                ? today.with(TemporalAdjusters.next(DayOfWeek.MONDAY))
                : today.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
    }

    /** The latest working day whose late slot has ended by now. */
    static LocalDate lateDay(Instant now, ZoneId zone) {
        LocalDate day = LocalDate.ofInstant(now, zone);
        while (day.getDayOfWeek() == DayOfWeek.SATURDAY || day.getDayOfWeek() == DayOfWeek.SUNDAY
                || !day.atTime(LATE_END).atZone(zone).toInstant().isBefore(now)) {
            day = day.minusDays(1);
        }
        return day;
    }

    private static NewVisit visit(LocalDate day, String from, String to, UserId who) {
        return new NewVisit(day + "T" + from, day + "T" + to, who == null ? null : List.of(who));
    }

    private static Customer customer(String name, String email, String phone, String notes, String tag,
                                     NewProperty... properties) {
        return new Customer(name, email, phone, notes, List.of(tag),
                java.util.Arrays.stream(properties).map(DemoWeek::located).toList());
    }

    private static NewProperty located(NewProperty p) {
        double[] town = TOWNS.get(p.postalCode());
        if (town == null || p.latitude() != null) {
            return p;
        }
        int spread = Math.floorMod(p.street().hashCode(), 81);
        double lat = town[0] + (spread / 9 - 4) * 0.0008;
        double lon = town[1] + (spread % 9 - 4) * 0.0012;
        return new NewProperty(p.label(), p.street(), p.city(), p.region(), p.postalCode(), p.country(),
                String.format(java.util.Locale.ROOT, "%.4f", lat), String.format(java.util.Locale.ROOT, "%.4f", lon));
    }

    private static NewProperty home(String street, String postalCode, String city) {
        return new NewProperty("Home", street, city, postalCode.startsWith("6") ? "ZG" : postalCode.startsWith("5") ? "AG"
                : "ZH", postalCode, null, null, null);
    }

    static char[] randomPassword(int length) {
        SecureRandom random = new SecureRandom();
        char[] p = new char[length];
        for (int i = 0; i < length; i++) {
            p[i] = ALPHABET.charAt(random.nextInt(ALPHABET.length()));
        }
        return p;
    }
}
