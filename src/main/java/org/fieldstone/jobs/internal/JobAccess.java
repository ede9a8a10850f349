package org.fieldstone.jobs.internal;

import java.time.DayOfWeek;
import java.time.LocalTime;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.fieldstone.identity.Crews;
import org.fieldstone.jobs.WorkSettings;
import org.fieldstone.shared.Actor;
import org.fieldstone.shared.Permission;
import org.fieldstone.shared.Role;
import org.fieldstone.shared.UserId;
import org.fieldstone.tenancy.CompanyDatabase;
import org.fieldstone.tenancy.CompanySetting;
import org.fieldstone.tenancy.CompanySettings;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * Who sees which job. With the company setting "technicians see only their own work" (on by default), a
 * {@code USER} sees a job only when it is assigned to them or to one of their crews, or one of its visits is
 * assigned to them; everyone else sees every job. Applied to every query, so a job outside it is simply not found —
 * in the API, the dashboard, the calendar and the feed alike.
 */
@Component
class JobAccess {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** The company's {@link WorkSettings}, kept as one JSON value; admins set them. */
    static final CompanySetting<WorkSettings> WORK_SETTINGS = new CompanySetting<>("jobs.work-settings",
            Permission.SETTINGS_MANAGE, WorkSettings.DEFAULT, JobAccess::parse, JobAccess::format);

    private final Crews crews;
    private final CompanySettings settings;

    JobAccess(Crews crews, CompanySettings settings) {
        this.crews = crews;
        this.settings = settings;
    }

    /** What the actor may see of the company's jobs. */
    Visibility of(Actor actor, CompanyDatabase db) {
        if (actor.role() != Role.USER || actor.userId().isEmpty() || !settings(db).techniciansSeeOnlyOwnWork()) {
            return Visibility.ALL;
        }
        UserId me = actor.userId().get();
        return new Visibility(true, me, crews.crewIdsOf(actor.tenant(), me));
    }

    WorkSettings settings(CompanyDatabase db) {
        return settings.get(db, WORK_SETTINGS);
    }

    record StoredSettings(List<String> workingDays, String dayStart, String dayEnd, boolean techniciansSeeOnlyOwnWork) {
    }

    private static String format(WorkSettings settings) {
        return JSON.writeValueAsString(new StoredSettings(new TreeSet<>(settings.workingDays()).stream().map(Enum::name).toList(),
                settings.dayStart().toString(), settings.dayEnd().toString(), settings.techniciansSeeOnlyOwnWork()));
    }

    private static WorkSettings parse(String value) {
        StoredSettings s = JSON.readValue(value, StoredSettings.class);
        return new WorkSettings(Set.copyOf(s.workingDays().stream().map(DayOfWeek::valueOf).toList()),
                LocalTime.parse(s.dayStart()), LocalTime.parse(s.dayEnd()), s.techniciansSeeOnlyOwnWork());
    }

    /** A LIKE pattern matching a JSON array of user ids that contains {@code user} (ids are UUIDs: no wildcards). */
    static String containing(UserId user) {
        return "%\"" + user + "\"%";
    }

    /**
     * @param restricted whether anything is hidden at all
     * @param user       the technician
     * @param crewIds    their crews
     */
    record Visibility(boolean restricted, UserId user, Set<String> crewIds) {

        static final Visibility ALL = new Visibility(false, null, Set.of());

        /** A condition (starting with AND) on the jobs row {@code alias} that keeps the jobs this reader may see. */
        String jobCondition(String alias, Map<String, Object> params) {
            if (!restricted) {
                return "";
            }
            params.put("me", containing(user));
            // an IN list may not be empty: a crew id that cannot exist stands in for none
            params.put("myCrews", crewIds.isEmpty() ? List.of("-") : List.copyOf(crewIds));
            return " AND (" + alias + ".assignees LIKE :me OR " + alias + ".crew_id IN (:myCrews)"
                    + " OR EXISTS (SELECT 1 FROM visits vv WHERE vv.job_id = " + alias + ".id AND vv.assignees LIKE :me))";
        }
    }
}
