package org.fieldstone.ops.status;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * A component's last {@link #DAYS} UTC days, oldest first, each the worst state the component had that day: the
 * recorded day rows (written at every change) and every day an incident touching it was open, in its state then.
 */
public final class HistoryBars {

    public static final int DAYS = 90;

    private HistoryBars() {
    }

    /** A recorded day: the worst state written for {@code component} on {@code day}. */
    public record DayState(StatusComponent component, LocalDate day, ComponentState worst) {
    }

    /** One bar. */
    public record Day(LocalDate day, ComponentState worst) {
    }

    public static Map<StatusComponent, List<Day>> of(LocalDate today, List<DayState> recorded, List<Incident> incidents) {
        LocalDate first = today.minusDays(DAYS - 1);
        Map<StatusComponent, ComponentState[]> worst = new EnumMap<>(StatusComponent.class);
        for (StatusComponent c : StatusComponent.values()) {
            ComponentState[] days = new ComponentState[DAYS];
            java.util.Arrays.fill(days, ComponentState.OPERATIONAL);
            worst.put(c, days);
        }
        for (DayState d : recorded) {
            mark(worst.get(d.component()), first, d.day(), d.worst());
        }
        for (Incident incident : incidents) {
            // between two updates the incident stayed in the state the earlier one set
            List<Incident.Update> updates = incident.updates();
            for (int i = 0; i < updates.size(); i++) {
                Incident.Update u = updates.get(i);
                if (u.kind() == Incident.Kind.RESOLVED) {
                    break;
                }
                Instant until = i + 1 < updates.size() ? updates.get(i + 1).at()
                        : incident.open() ? null : incident.resolvedAt();
                LocalDate from = day(u.at());
                LocalDate to = until == null ? today : day(until);
                for (LocalDate d = from.isBefore(first) ? first : from; !d.isAfter(to) && !d.isAfter(today); d = d.plusDays(1)) {
                    for (StatusComponent c : incident.components()) {
                        mark(worst.get(c), first, d, u.state());
                    }
                }
            }
        }
        Map<StatusComponent, List<Day>> bars = new EnumMap<>(StatusComponent.class);
        worst.forEach((c, days) -> {
            List<Day> list = new ArrayList<>(DAYS);
            for (int i = 0; i < DAYS; i++) {
                list.add(new Day(first.plusDays(i), days[i]));
            }
            bars.put(c, List.copyOf(list));
        });
        return bars;
    }

    /** Each component's state now: the worst state of the open incidents touching it. */
    public static Map<StatusComponent, ComponentState> current(List<Incident> incidents) {
        Map<StatusComponent, ComponentState> now = new EnumMap<>(StatusComponent.class);
        for (StatusComponent c : StatusComponent.values()) {
            now.put(c, ComponentState.OPERATIONAL);
        }
        for (Incident i : incidents) {
            if (i.open()) {
                for (StatusComponent c : i.components()) {
                    now.merge(c, i.state(), ComponentState::worse);
                }
            }
        }
        return now;
    }

    static LocalDate day(Instant at) {
        return LocalDate.ofInstant(at, ZoneOffset.UTC);
    }

    private static void mark(ComponentState[] days, LocalDate first, LocalDate day, ComponentState state) {
        long i = java.time.temporal.ChronoUnit.DAYS.between(first, day);
        if (i >= 0 && i < days.length) {
            days[(int) i] = days[(int) i].worse(state);
        }
    }
}
