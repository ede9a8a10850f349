package org.fieldstone.schedule.web;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.fieldstone.clients.Clients;
import org.fieldstone.clients.Property;
import org.fieldstone.identity.Crew;
import org.fieldstone.identity.Crews;
import org.fieldstone.identity.Team;
import org.fieldstone.identity.User;
import org.fieldstone.jobs.Scheduled;
import org.fieldstone.jobs.Visit;
import org.fieldstone.jobs.VisitCalendar;
import org.fieldstone.jobs.VisitStatus;
import org.fieldstone.shared.Actor;
import org.fieldstone.shared.InvalidInput;
import org.fieldstone.shared.Message;
import org.fieldstone.shared.Page;
import org.fieldstone.shared.Permission;
import org.fieldstone.shared.UserId;
import org.fieldstone.tenancy.Companies;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import tools.jackson.databind.json.JsonMapper;

/**
 * The map of a day's visits: one colour per technician, each technician's stops numbered in the order of their
 * visits and joined by a line, beside a list of the same stops (the accessible alternative, and where visits whose
 * property has no coordinates yet are named, with a link to add them). The stops reach the page's script as JSON in a
 * {@code <script type="application/json">} element, which the browser never runs, so the strict CSP stays as it is.
 * Map tiles come only from the server the operator configured ({@code fieldstone.map.tile-url}); without one the
 * markers stand on a plain background and nothing is requested from anyone else.
 */
@Controller
class ScheduleMapController {

    /** As many colours as {@code .map-tech-N} classes in app.css; further technicians take them again. */
    static final int COLOURS = 8;
    private static final int PEOPLE = 200;
    private static final DateTimeFormatter FULL_DAY = DateTimeFormatter.ofPattern("EEEE d MMMM uuuu");
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final VisitCalendar calendar;
    private final Clients clients;
    private final Team team;
    private final Crews crews;
    private final Companies companies;
    private final java.time.Clock clock;
    private final String tileUrl;
    private final String attribution;

    ScheduleMapController(VisitCalendar calendar, Clients clients, Team team, Crews crews, Companies companies,
                          java.time.Clock clock, @Value("${fieldstone.map.tile-url:}") String tileUrl,
                          @Value("${fieldstone.map.attribution:}") String attribution) {
        this.calendar = calendar;
        this.clients = clients;
        this.team = team;
        this.crews = crews;
        this.companies = companies;
        this.clock = clock;
        this.tileUrl = tileUrl.strip();
        this.attribution = attribution.strip();
    }

    @GetMapping("/c/{slug}/schedule/map")
    String map(Actor actor, @RequestParam(required = false) String date, @RequestParam(defaultValue = "") String crew,
               Model model) {
        ZoneId zone = companies.timeZone(actor.tenant());
        LocalDate today = LocalDate.ofInstant(clock.instant(), zone);
        LocalDate day = parseDate(date).orElse(today);
        Optional<String> crewId = crew.isBlank() ? Optional.empty() : Optional.of(crew.strip());
        List<Scheduled> visits = calendar.schedule(actor, day.atStartOfDay(zone).toInstant(),
                day.plusDays(1).atStartOfDay(zone).toInstant(), Optional.empty(), crewId).stream()
                .filter(s -> s.visit().status() != VisitStatus.CANCELLED).toList();
        Day plan = plan(actor, visits, zone);

        model.addAttribute("date", day.toString());
        model.addAttribute("previous", day.minusDays(1).toString());
        model.addAttribute("next", day.plusDays(1).toString());
        model.addAttribute("today", today.toString());
        model.addAttribute("crew", crew);
        model.addAttribute("crews", actor.can(Permission.TEAM_VIEW) ? crews.list(actor) : List.<Crew>of());
        Locale locale = LocaleContextHolder.getLocale();
        model.addAttribute("range", FULL_DAY.withLocale(locale).format(day));
        model.addAttribute("zone", zone.getId());
        model.addAttribute("technicians", plan.technicians());
        model.addAttribute("stops", plan.stops());
        model.addAttribute("located", plan.stops().stream().filter(Stop::located).count());
        model.addAttribute("tiles", !tileUrl.isEmpty());
        model.addAttribute("mapData", mapData(plan));
        return "schedule/map";
    }

    /**
     * The day's stops: for each technician (by name; the unassigned visits last) their visits in time order, numbered
     * from 1. A visit with two technicians is a stop on both routes.
     */
    private Day plan(Actor actor, List<Scheduled> visits, ZoneId zone) {
        Map<String, String> names = people(actor);
        Map<String, Property> properties = properties(actor, visits);
        Set<String> ids = new LinkedHashSet<>();
        boolean unassigned = false;
        for (Scheduled s : visits) {
            s.visit().assignees().forEach(u -> ids.add(u.toString()));
            unassigned |= s.visit().assignees().isEmpty();
        }
        List<String> order = new ArrayList<>(ids);
        order.sort((a, b) -> name(names, a).compareToIgnoreCase(name(names, b)));
        if (unassigned) {
            order.add(null);
        }
        List<Technician> technicians = new ArrayList<>();
        List<Stop> stops = new ArrayList<>();
        for (int t = 0; t < order.size(); t++) {
            String userId = order.get(t);
            String colour = userId == null ? "none" : String.valueOf(t % COLOURS);
            List<Scheduled> theirs = visits.stream()
                    .filter(s -> userId == null ? s.visit().assignees().isEmpty()
                            : s.visit().assignees().stream().anyMatch(u -> u.toString().equals(userId)))
                    .sorted((a, b) -> a.visit().startsAt().compareTo(b.visit().startsAt())).toList();
            technicians.add(new Technician(userId, userId == null ? null : name(names, userId), colour, theirs.size()));
            int n = 0;
            for (Scheduled s : theirs) {
                n++;
                Visit v = s.visit();
                ZonedDateTime start = v.startsAt().atZone(zone);
                Property p = s.job().propertyId() == null ? null : properties.get(s.job().propertyId());
                stops.add(new Stop(n, t, userId == null ? null : name(names, userId), colour,
                        ScheduleController.TIME.format(start) + "–" + ScheduleController.TIME.format(v.endsAt().atZone(zone)),
                        s.job().id(), s.job().number(), s.job().title(), s.job().clientId(), s.job().clientName(),
                        s.job().address(), p == null ? null : p.latitude(), p == null ? null : p.longitude()));
            }
        }
        return new Day(technicians, stops);
    }

    /** What the script draws, as JSON: the tile server if any, and the located stops. */
    private String mapData(Day plan) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("tileUrl", tileUrl.isEmpty() ? null : tileUrl);
        data.put("attribution", attribution.isEmpty() ? null : attribution);
        List<Map<String, Object>> routes = new ArrayList<>();
        for (int t = 0; t < plan.technicians().size(); t++) {
            Technician tech = plan.technicians().get(t);
            int index = t;
            List<Map<String, Object>> points = new ArrayList<>();
            plan.stops().stream().filter(s -> s.technician() == index && s.located()).forEach(s -> {
                Map<String, Object> point = new LinkedHashMap<>();
                point.put("n", s.number());
                point.put("lat", s.latitude());
                point.put("lon", s.longitude());
                point.put("label", s.number() + ". " + s.time() + " " + (tech.name() == null ? "" : tech.name() + ": ")
                        + s.client() + (s.address() == null ? "" : ", " + s.address()));
                points.add(point);
            });
            Map<String, Object> route = new LinkedHashMap<>();
            route.put("colour", tech.colour());
            route.put("line", tech.userId() != null);
            route.put("stops", points);
            routes.add(route);
        }
        data.put("routes", routes);
        // the JSON sits inside a <script> element: no "</script>" or "<!--" may end it early ("<" only occurs in strings)
        return JSON.writeValueAsString(data).replace("<", "\\u003c");
    }

    private Map<String, Property> properties(Actor actor, List<Scheduled> visits) {
        if (!actor.can(Permission.CLIENTS_READ)) {
            return Map.of();
        }
        List<String> ids = visits.stream().map(s -> s.job().propertyId()).filter(Objects::nonNull).distinct().toList();
        return ids.isEmpty() ? Map.of() : clients.propertiesById(actor, ids);
    }

    private Map<String, String> people(Actor actor) {
        Map<String, String> people = new LinkedHashMap<>();
        if (actor.can(Permission.TEAM_VIEW)) {
            for (User u : team.list(actor, Page.request(0, PEOPLE)).items()) {
                people.put(u.id().toString(), u.name());
            }
        }
        return people;
    }

    private static String name(Map<String, String> names, String userId) {
        return names.getOrDefault(userId, userId);
    }

    private static Optional<LocalDate> parseDate(String text) {
        if (text == null || text.isBlank()) {
            return Optional.empty();
        }
        try {
            return Optional.of(LocalDate.parse(text.strip()));
        } catch (DateTimeParseException e) {
            throw new InvalidInput("date", Message.of("schedule.refused.date"));
        }
    }

    record Day(List<Technician> technicians, List<Stop> stops) {
    }

    /** A route in the legend; {@code userId} null: the unassigned visits. {@code colour} names a CSS class suffix. */
    record Technician(String userId, String name, String colour, int stops) {
    }

    /** A stop on a technician's route, {@code number} from 1 in time order; without coordinates it is only listed. */
    record Stop(int number, int technician, String technicianName, String colour, String time, String jobId,
                String jobNumber, String title, String clientId, String client, String address, BigDecimal latitude,
                BigDecimal longitude) {
        public boolean located() {
            return latitude != null && longitude != null;
        }
    }
}
