package org.fieldstone.sms.internal;

import java.time.Clock;
import java.time.YearMonth;
import org.fieldstone.shared.TenantId;
import org.fieldstone.tenancy.Companies;
import org.fieldstone.tenancy.CompanyDatabase;
import org.fieldstone.tenancy.CompanyDatabases;
import org.springframework.stereotype.Component;

/**
 * The segments a company sent per calendar month (its own time zone), against its monthly cap: an unversioned counter
 * ({@code sms_usage}, one row a month), outside the write path like the other counters (WritePathTests names it). A
 * send reserves its segments first with one conditional {@code UPDATE}, so two nodes sending at once cannot both pass
 * the cap; a send Twilio refused gives them back.
 */
@Component
class SmsUsage {

    private final CompanyDatabases databases;
    private final Companies companies;
    private final Clock clock;

    SmsUsage(CompanyDatabases databases, Companies companies, Clock clock) {
        this.databases = databases;
        this.companies = companies;
        this.clock = clock;
    }

    String month(TenantId tenant) {
        return YearMonth.now(clock.withZone(companies.timeZone(tenant))).toString();
    }

    /** Segments sent this month. */
    long used(TenantId tenant) {
        return databases.of(tenant).jdbc().sql("SELECT segments FROM sms_usage WHERE id = :id")
                .param("id", month(tenant)).query(Long.class).optional().orElse(0L);
    }

    /** Whether the month has room left at all (at least one segment). */
    boolean full(TenantId tenant, long cap) {
        return used(tenant) >= cap;
    }

    /** Takes {@code segments} of this month's {@code cap}; false (nothing taken) when they do not fit. */
    boolean reserve(TenantId tenant, int segments, long cap) {
        CompanyDatabase db = databases.of(tenant);
        String month = month(tenant);
        db.jdbc().sql("INSERT INTO sms_usage (id, segments, messages) VALUES (:id, 0, 0) ON CONFLICT (id) DO NOTHING")
                .param("id", month).update();
        return db.jdbc().sql("UPDATE sms_usage SET segments = segments + :n, messages = messages + 1"
                        + " WHERE id = :id AND segments + :n <= :cap")
                .param("n", segments).param("id", month).param("cap", cap).update() == 1;
    }

    /** Gives back what {@link #reserve} took for a message that was not sent. */
    void release(TenantId tenant, int segments) {
        databases.of(tenant).jdbc().sql("UPDATE sms_usage SET segments = segments - :n, messages = messages - 1"
                        + " WHERE id = :id AND segments >= :n")
                .param("n", segments).param("id", month(tenant)).update();
    }
}
