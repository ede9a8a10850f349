package org.fieldstone.bench;

import java.util.Map;
import java.util.TreeMap;
import org.fieldstone.notifications.internal.VisitReminders;
import org.fieldstone.tenancy.Companies;
import org.fieldstone.tenancy.Company;
import org.fieldstone.tenancy.CompanyDatabases;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.security.config.annotation.web.configuration.WebSecurityCustomizer;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * BENCHMARK ONLY, never in the production jar (decision 0020), like {@link BenchBaseline}: the reminder fan-out's
 * trigger and stopwatch for {@code bench/run.sh --mix fanout}, unauthenticated on the bench server alone.
 * {@code POST /bench/notifications/reminders} runs the appointment reminders once — {@link VisitReminders#runOnce()},
 * exactly what the scheduled job ({@code fieldstone.notifications.reminders.interval}, first run a minute after the
 * start) calls — and answers how many reminders it queued and how long the run took; the dispatcher is handed each
 * company as its reminders are queued and sends them at once. {@code GET /bench/notifications/counts} answers the
 * delivery log's rows of every active company by kind and status ({@code {"VISIT_REMINDER/SENT": 10000, …}}), read
 * straight from the company databases.
 *
 * <p>Listed in the bench jar's {@code META-INF/spring/…AutoConfiguration.imports} (from {@code bench/resources/}).
 */
@AutoConfiguration
@ConditionalOnWebApplication
@RestController
public class BenchNotifications {

    private final VisitReminders reminders;
    private final Companies companies;
    private final CompanyDatabases databases;

    BenchNotifications(VisitReminders reminders, Companies companies, CompanyDatabases databases) {
        this.reminders = reminders;
        this.companies = companies;
        this.databases = databases;
    }

    @Bean
    static WebSecurityCustomizer benchNotificationsAreNotSecured() {
        return web -> web.ignoring().requestMatchers("/bench/notifications/**");
    }

    @PostMapping("/bench/notifications/reminders")
    Map<String, Long> runReminders() {
        long start = System.nanoTime();
        int queued = reminders.runOnce();
        return Map.of("queued", (long) queued, "ms", (System.nanoTime() - start) / 1_000_000);
    }

    @GetMapping("/bench/notifications/counts")
    Map<String, Long> counts() {
        Map<String, Long> counts = new TreeMap<>();
        for (Company company : companies.list()) {
            if (!company.isActive()) {
                continue;
            }
            databases.of(company.id()).jdbc()
                    .sql("SELECT kind, status, COUNT(*) FROM notifications GROUP BY kind, status")
                    .query((rs, i) -> counts.merge(rs.getString(1) + "/" + rs.getString(2), rs.getLong(3), Long::sum))
                    .list();
        }
        return counts;
    }
}
