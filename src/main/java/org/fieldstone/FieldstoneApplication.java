package org.fieldstone;

import java.time.Clock;
import org.fieldstone.ops.Cli;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.DataSourceTransactionManagerAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.JdbcClientAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.JdbcTemplateAutoConfiguration;
import org.springframework.boot.security.autoconfigure.UserDetailsServiceAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.scheduling.annotation.EnableScheduling;

/**
 * Fieldstone: one jar that is both the server and the operator's command line. With no arguments (or
 * {@code serve}) it serves; otherwise it runs a CLI command (see {@link Cli}).
 *
 * <p>There is no application-wide DataSource: the control plane and every company database are opened by
 * the tenancy module, and a company database is only reached by naming the company.
 */
@SpringBootApplication(exclude = {DataSourceAutoConfiguration.class, DataSourceTransactionManagerAutoConfiguration.class,
        JdbcTemplateAutoConfiguration.class, JdbcClientAutoConfiguration.class, UserDetailsServiceAutoConfiguration.class})
@EnableScheduling
public class FieldstoneApplication {

    public static void main(String[] args) {
        moreCarrierThreads();
        int exit = Cli.run(FieldstoneApplication.class, args);
        if (exit != Cli.SERVING) {
            System.exit(exit);
        }
    }

    /**
     * Requests run on virtual threads, and by default there are only as many carrier threads as cores. SQLite runs
     * inside JNI calls, which pin their carrier for as long as they take (a checkpoint's fsync, a busy wait), and a
     * contended monitor hands over only through the scheduler: on a 2-core machine a couple of such waits stalled
     * every request for seconds under the benchmark (bench/, docs/performance.md). Unless configured, allow twice
     * the cores, at least 4. Must run before the first virtual thread starts.
     */
    static void moreCarrierThreads() {
        String parallelism = "jdk.virtualThreadScheduler.parallelism";
        if (System.getProperty(parallelism) == null) {
            System.setProperty(parallelism, Integer.toString(Math.max(4, 2 * Runtime.getRuntime().availableProcessors())));
        }
    }

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }
}
