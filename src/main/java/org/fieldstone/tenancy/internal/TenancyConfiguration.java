package org.fieldstone.tenancy.internal;

import java.time.Clock;
import java.time.Duration;
import org.fieldstone.audit.AuditTrail;
import org.fieldstone.crypto.KeyRing;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Wires the database server chosen by configuration. Deliberately exposes no {@code DataSource} or
 * {@code JdbcClient} bean: nothing can be injected that reaches a company's database without naming the company
 * (the control plane's platform-level tables are reached through {@link org.fieldstone.tenancy.ControlPlane}).
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(TenancyProperties.class)
class TenancyConfiguration {

    private static final Logger log = LoggerFactory.getLogger(TenancyConfiguration.class);

    @Bean(destroyMethod = "close")
    DatabaseServer databaseServer(TenancyProperties properties) {
        var db = properties.database();
        DatabaseServer server = db.isPostgres()
                ? new PostgresServer(db.url(), db.username(), db.password(),
                        new ConnectionBudget(db.maxConnections()), db.connectionTimeout(), "fieldstone")
                : new SqliteServer(properties.dataDir());
        var result = Migrations.controlPlane(server.controlPlane(), server.engine());
        log.info("Control plane on {} at schema version {}", server.engine(),
                result.targetSchemaVersion != null ? result.targetSchemaVersion : result.initialSchemaVersion);
        return server;
    }

    @Bean
    CompanyRegistry companyRegistry(DatabaseServer server, Clock clock) {
        return new CompanyRegistry(JdbcClient.create(server.controlPlane()), clock);
    }

    @Bean
    ControlPlaneAnchors auditAnchors(DatabaseServer server, Clock clock) {
        return new ControlPlaneAnchors(JdbcClient.create(server.controlPlane()), clock);
    }

    @Bean
    ControlPlaneTokens tokenDirectory(DatabaseServer server, Clock clock, ShedLocks locks) {
        return new ControlPlaneTokens(JdbcClient.create(server.controlPlane()), clock, locks);
    }

    @Bean
    ControlPlaneKeysets keysetStore(DatabaseServer server, Clock clock) {
        return new ControlPlaneKeysets(JdbcClient.create(server.controlPlane()), clock);
    }

    @Bean(destroyMethod = "close")
    CompanyPools companyPools(DatabaseServer server, CompanyRegistry registry, Clock clock, TenancyProperties properties) {
        return new CompanyPools(server, registry, clock, properties.database().maxOpenCompanies(),
                properties.database().idleClose().toMillis());
    }

    @Bean
    Outbox domainEvents(org.springframework.context.ApplicationContext context, CompanyPools pools, CompanyRegistry registry,
                        @Value("${fieldstone.events.retry-delay:PT10S}") Duration retryDelay,
                        @Value("${fieldstone.events.keep-completed:P7D}") Duration keepCompleted,
                        @Value("${fieldstone.events.recovery-delay:PT30S}") Duration recoveryDelay,
                        io.micrometer.core.instrument.MeterRegistry meters) {
        Outbox outbox = new Outbox(context, pools, registry, retryDelay, keepCompleted, recoveryDelay);
        // the operator's "outbox backlog growing" alert (ops.monitoring): as the sweeper last counted it
        io.micrometer.core.instrument.Gauge.builder("fieldstone.outbox.backlog", outbox, Outbox::backlog)
                .description("Events not yet delivered, in the companies the sweeper looks at").register(meters);
        return outbox;
    }

    @Bean
    org.fieldstone.tenancy.ControlPlane controlPlane(DatabaseServer server) {
        JdbcClient jdbc = JdbcClient.create(server.controlPlane());
        String engine = server.engine();
        return new org.fieldstone.tenancy.ControlPlane() {
            @Override
            public String engine() {
                return engine;
            }

            @Override
            public JdbcClient jdbc() {
                return jdbc;
            }

            @Override
            public javax.sql.DataSource dataSource() {
                return server.controlPlane();
            }
        };
    }

    /** The node's name in lock rows: {@code fieldstone.node-id}, or host name and process id. */
    @Bean
    ShedLocks clusterLocks(DatabaseServer server, @Value("${fieldstone.node-id:}") String nodeId) {
        String node = nodeId.isBlank()
                ? net.javacrumbs.shedlock.support.Utils.getHostname() + "/" + ProcessHandle.current().pid()
                : nodeId;
        return new ShedLocks(server.controlPlane(), server.engine(), node);
    }

    @Bean
    DatabaseSnapshots companySnapshots(DatabaseServer server, CompanyRegistry registry, CompanyPools pools,
                                       ControlPlaneAnchors anchors) {
        return new DatabaseSnapshots(server, registry, pools, anchors);
    }

    @Bean
    Tombstones tombstones(DatabaseServer server) {
        return new Tombstones(server.controlPlane());
    }

    @Bean
    CompanyService companyService(CompanyRegistry registry, DatabaseServer server, CompanyPools pools,
                                  AuditTrail audit, KeyRing keys, ApplicationEventPublisher events, Tombstones tombstones,
                                  Clock clock, @Value("${fieldstone.companies.deletion-grace:P30D}") Duration deletionGrace) {
        CompanyService service = new CompanyService(registry, server, pools, audit, keys, events, tombstones, clock,
                deletionGrace);
        service.removeAbandoned(java.time.Duration.ofHours(1));
        return service;
    }
}
