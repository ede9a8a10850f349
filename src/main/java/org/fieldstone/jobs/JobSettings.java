package org.fieldstone.jobs;

import org.fieldstone.shared.Actor;

/** The company's work settings: working days and hours, and whether technicians see only their own work. */
public interface JobSettings {

    WorkSettings settings(Actor actor);

    /** Needs {@code settings:manage}. */
    WorkSettings updateSettings(Actor actor, WorkSettings settings);
}
