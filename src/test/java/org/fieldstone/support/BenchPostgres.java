package org.fieldstone.support;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;

/**
 * A real PostgreSQL server for {@code bench/run.sh} (the embedded server the tests use; runs as root, needs no
 * installation). Usage: {@code BenchPostgres <port> <data-dir>}. Prints the control-plane JDBC URL (database
 * {@code fieldstone}, user {@code postgres}, no password) on one line once it accepts connections, then runs
 * until the JVM is stopped (SIGTERM stops PostgreSQL too).
 *
 * <p>Settings that differ from the embedded defaults: {@code synchronous_commit=on} (PostgreSQL's own default,
 * durable commits as in production) and room for one pool of 5 connections per open company.
 */
public final class BenchPostgres {

    private BenchPostgres() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 2) {
            System.err.println("usage: BenchPostgres <port> <data-dir>");
            System.exit(2);
        }
        int port = Integer.parseInt(args[0]);
        EmbeddedPostgres pg = EmbeddedPostgres.builder()
                .setPort(port)
                .setDataDirectory(Path.of(args[1]))
                .setCleanDataDirectory(true)
                .setServerConfig("synchronous_commit", "on")
                .setServerConfig("max_connections", "800")
                .setServerConfig("shared_buffers", "256MB")
                .start();
        try (Connection c = pg.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE fieldstone");
        }
        System.out.println("jdbc:postgresql://localhost:" + pg.getPort() + "/fieldstone");
        System.out.flush();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                pg.close();
            } catch (Exception ignored) {
                // stopping anyway
            }
        }));
        Thread.currentThread().join();
    }
}
