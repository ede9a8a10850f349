package org.fieldstone.jobs;

import org.fieldstone.shared.Versioned;
import java.util.List;

/** A visit as the schedule shows it: with a summary of its job and what conflicts with it. */
public record Scheduled(Visit visit, JobSummary job, List<Warning> warnings) implements Versioned {

    public Scheduled {
        warnings = List.copyOf(warnings);
    }

    /**
     * What a calendar needs of the job: its number, title, client and address (for a technician's day also the
     * phone). {@code address} is one line: street, postal code and city.
     */
    public record JobSummary(String id, String number, String title, JobStatus status, Priority priority,
                             String clientId, String clientName, String clientPhone, String propertyId,
                             String address, String crewId) {
    }

    /** A scheduled visit is versioned as its visit. */
    @Override
    public String id() {
        return visit.id();
    }

    @Override
    public long version() {
        return visit.version();
    }
}
