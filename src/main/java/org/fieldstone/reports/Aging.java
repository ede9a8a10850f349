package org.fieldstone.reports;

import java.time.LocalDate;
import java.util.List;
import org.fieldstone.shared.Money;

/**
 * Accounts receivable aging: the balance of every open invoice (sent or partly paid) by days past its due date, one
 * part per currency.
 *
 * @param asOf the company's today
 */
public record Aging(LocalDate asOf, List<InCurrency> currencies) {

    /** How late an invoice is: not yet due, 1–30, 31–60, 61–90 or more than 90 days past its due date. */
    public enum Bucket {
        CURRENT, DAYS_1_30, DAYS_31_60, DAYS_61_90, DAYS_OVER_90;

        /** The bucket of an invoice {@code daysPastDue} days past due (zero or less: not yet due). */
        public static Bucket of(long daysPastDue) {
            if (daysPastDue <= 0) {
                return CURRENT;
            }
            if (daysPastDue <= 30) {
                return DAYS_1_30;
            }
            if (daysPastDue <= 60) {
                return DAYS_31_60;
            }
            return daysPastDue <= 90 ? DAYS_61_90 : DAYS_OVER_90;
        }
    }

    /**
     * @param buckets the five buckets, in {@link Bucket} order
     * @param clients every client owing in this currency, most owed first
     * @param total   the sum of the buckets
     */
    public record InCurrency(String currency, List<Amount> buckets, List<ClientAging> clients, Amount total) {
    }

    /** {@code count} invoices owing {@code balance} together; {@code bucket} is null for a total. */
    public record Amount(Bucket bucket, int count, Money balance) {
    }

    /** @param name the client's name, or null when it cannot be read any more */
    public record ClientAging(String clientId, String name, List<Amount> buckets, Amount total) {
    }
}
