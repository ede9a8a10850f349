package org.fieldstone.tenancy.internal;

import java.nio.file.Path;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code fieldstone.data-dir} and {@code fieldstone.database.*}: with no URL the embedded SQLite default
 * is used; a {@code jdbc:postgresql://…} URL puts the control plane there and each company in its own
 * database on that server.
 */
@ConfigurationProperties("fieldstone")
record TenancyProperties(Path dataDir, Database database) {

    TenancyProperties {
        if (dataDir == null) {
            dataDir = Path.of("data");
        }
        if (database == null) {
            database = new Database(null, null, null, null, null, null, null);
        }
    }

    /**
     * @param maxConnections    PostgreSQL: backend connections of this node to all company databases together
     *                          (decision 0066)
     * @param connectionTimeout how long a request waits for one of them before it is answered 503
     */
    record Database(String url, String username, String password, Integer maxOpenCompanies, Duration idleClose,
                    Integer maxConnections, Duration connectionTimeout) {
        Database {
            if (maxConnections == null) {
                maxConnections = 100;
            }
            if (connectionTimeout == null) {
                connectionTimeout = Duration.ofSeconds(10);
            }
            if (maxOpenCompanies == null) {
                maxOpenCompanies = 200;
            }
            if (idleClose == null) {
                idleClose = Duration.ofMinutes(10);
            }
        }

        boolean isPostgres() {
            return url != null && !url.isBlank();
        }
    }
}
