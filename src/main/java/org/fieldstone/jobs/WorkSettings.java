package org.fieldstone.jobs;

import java.time.DayOfWeek;
import java.time.LocalTime;
import java.util.Set;

/**
 * How a company works: its working hours (visits outside them are flagged) and whether technicians ({@code USER})
 * see only the jobs assigned to them or their crew (on unless turned off).
 */
public record WorkSettings(Set<DayOfWeek> workingDays, LocalTime dayStart, LocalTime dayEnd,
                           boolean techniciansSeeOnlyOwnWork) {

    public static final WorkSettings DEFAULT = new WorkSettings(
            Set.of(DayOfWeek.MONDAY, DayOfWeek.TUESDAY, DayOfWeek.WEDNESDAY, DayOfWeek.THURSDAY, DayOfWeek.FRIDAY),
            LocalTime.of(7, 0), LocalTime.of(18, 0), true);

    public WorkSettings {
        workingDays = Set.copyOf(workingDays);
    }
}
