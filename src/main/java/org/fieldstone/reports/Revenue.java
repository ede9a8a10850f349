package org.fieldstone.reports;

import java.util.List;
import org.fieldstone.shared.Money;

/**
 * Revenue received in a year: payments less refunds, by the day they were paid, one part per currency.
 *
 * @param year       the calendar year reported
 * @param currencies one part per currency paid in (a company has one in practice), by currency code
 */
public record Revenue(int year, List<InCurrency> currencies) {

    /**
     * @param months  the twelve months of the year, January first (months without payments show zero)
     * @param clients every client paid for in the year, most received first
     * @param total   the sum of the months
     */
    public record InCurrency(String currency, List<Month> months, List<ClientRevenue> clients, Money total) {
    }

    /** @param month {@code 2027-03}; {@code payments} counts payments and refunds */
    public record Month(String month, int payments, Money received) {
    }

    /** @param name the client's name, or null when it cannot be read any more */
    public record ClientRevenue(String clientId, String name, int payments, Money received) {
    }
}
