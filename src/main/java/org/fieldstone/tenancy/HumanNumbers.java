package org.fieldstone.tenancy;

/**
 * Gap-free human numbers per company and sequence (the same counters the write path numbers jobs and quotes with),
 * for a module that numbers a record later than its insert — an invoice gets its number when it is sent, so drafts
 * deleted leave no gap. Taken inside the caller's transaction: a rollback gives the number back.
 */
public interface HumanNumbers {

    /** The next number of {@code sequence} (1 for the first), in the caller's transaction. */
    long next(CompanyDatabase db, String sequence);

    /** The last number given in {@code sequence}, 0 if none. */
    long last(CompanyDatabase db, String sequence);

    /**
     * Makes {@code next} the next number given; refused (a {@link org.fieldstone.shared.Conflict}) below a number
     * already given, so a number is never given twice.
     */
    void continueAt(CompanyDatabase db, String sequence, long next);
}
