package org.fieldstone.tenancy.internal;

import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Gap-free human numbers per company and record type ({@code record_numbers}). Called inside the insert's
 * transaction: the row's update locks it until commit (PostgreSQL) or the database is locked for the writer
 * anyway (SQLite), so two inserts never draw the same number and a rolled-back insert gives its number back.
 */
final class RecordNumbers {

    private RecordNumbers() {
    }

    static long next(JdbcClient db, String entityType) {
        db.sql("INSERT INTO record_numbers (entity, last_value) VALUES (:entity, 0) ON CONFLICT (entity) DO NOTHING")
                .param("entity", entityType).update();
        db.sql("UPDATE record_numbers SET last_value = last_value + 1 WHERE entity = :entity")
                .param("entity", entityType).update();
        return db.sql("SELECT last_value FROM record_numbers WHERE entity = :entity").param("entity", entityType)
                .query(Long.class).single();
    }
}
