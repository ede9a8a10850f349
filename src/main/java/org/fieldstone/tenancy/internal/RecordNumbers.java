package org.fieldstone.tenancy.internal;

import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Gap-free human numbers per company and record type ({@code record_numbers}). Called inside the insert's
 * transaction: the row's update locks it until commit (PostgreSQL) or the database is locked for the writer
 * anyway (SQLite), so two inserts never draw the same number and a rolled-back insert gives its number back.
 */
@org.springframework.stereotype.Component
final class RecordNumbers implements org.fieldstone.tenancy.HumanNumbers {

    RecordNumbers() {
    }

    @Override
    public long next(org.fieldstone.tenancy.CompanyDatabase db, String sequence) {
        return db.inTransaction(() -> next(db.jdbc(), sequence));
    }

    @Override
    public long last(org.fieldstone.tenancy.CompanyDatabase db, String sequence) {
        return db.jdbc().sql("SELECT last_value FROM record_numbers WHERE entity = :entity").param("entity", sequence)
                .query(Long.class).optional().orElse(0L);
    }

    @Override
    public void continueAt(org.fieldstone.tenancy.CompanyDatabase db, String sequence, long next) {
        db.inTransaction(() -> {
            db.jdbc().sql("INSERT INTO record_numbers (entity, last_value) VALUES (:entity, 0) ON CONFLICT (entity) DO NOTHING")
                    .param("entity", sequence).update();
            int raised = db.jdbc().sql("UPDATE record_numbers SET last_value = :last WHERE entity = :entity AND last_value <= :last")
                    .param("last", next - 1).param("entity", sequence).update();
            if (raised != 1 || next < 1) {
                throw new org.fieldstone.shared.Conflict(org.fieldstone.shared.Message.of("tenancy.refused.number-used",
                        last(db, sequence)));
            }
            return null;
        });
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
