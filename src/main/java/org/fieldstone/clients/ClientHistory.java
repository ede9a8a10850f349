package org.fieldstone.clients;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;
import org.fieldstone.shared.Actor;

/**
 * What a client has had done for them, as other modules know it: their jobs, visits, quotes and invoices on the
 * client's page. The modules that own those records depend on clients, not the other way round, so each of them
 * implements this (a bean) and the client page collects every implementation — as {@link org.fieldstone.audit.RecordNames}
 * lets each module name its own records. An implementation shows only what {@code actor} may read: a section the
 * actor may not read at all is left out (an empty list), never shown empty.
 */
public interface ClientHistory {

    /**
     * The sections this module adds to the page of client {@code clientId} (already known to exist and to be
     * visible to {@code actor}): each at most {@code limit} rows, most recent first; dates in {@code zone}, amounts
     * formatted for {@code locale}.
     */
    List<Section> sections(Actor actor, String clientId, int limit, ZoneId zone, Locale locale);

    /**
     * One list on the client page.
     *
     * @param order    where it goes on the page (ascending: jobs 10, visits 20, quotes 30, invoices 40)
     * @param id       a stable name (the section's HTML id), e.g. {@code client-jobs}
     * @param titleKey the message key of its heading
     * @param rows     the most recent rows, newest first
     * @param total    how many there are in all (may exceed {@code rows})
     * @param allPath  the list page filtered to the client, relative to the company ({@code jobs?client=…}), or null
     * @param newPath  the form for a new record for this client ({@code jobs/new?clientId=…}), or null when the actor
     *                 may not create one
     * @param newKey   the message key of that link
     */
    record Section(int order, String id, String titleKey, List<Row> rows, long total, String allPath, String newPath,
                   String newKey) {
    }

    /**
     * One record in a section.
     *
     * @param number    how people know it ({@code J-0032}), or null
     * @param title     its title, or null
     * @param statusKey the message key of its status
     * @param status    its status name, lower case (for the status pill's class)
     * @param date      its date (a visit's day, an invoice's issue date, otherwise when it was created)
     * @param amount    its amount, formatted, or null
     * @param path      its page, relative to the company ({@code jobs/…})
     */
    record Row(String number, String title, String statusKey, String status, LocalDate date, String amount,
               String path) {
    }
}
