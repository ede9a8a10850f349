package org.fieldstone.reports.web;

import java.time.LocalDate;
import java.util.List;
import org.fieldstone.reports.Aging;
import org.fieldstone.reports.Revenue;
import org.fieldstone.shared.Money;

/** The money reports in the API's shape; money as {@code {"amount": <minor units>, "currency": "CHF"}}. */
final class MoneyReportJson {

    private MoneyReportJson() {
    }

    record MoneyJson(long amount, String currency) {
        static MoneyJson of(Money m) {
            return new MoneyJson(m.amount(), m.currency());
        }
    }

    record RevenueJson(int year, List<RevenueInCurrency> currencies) {
        static RevenueJson of(Revenue r) {
            return new RevenueJson(r.year(), r.currencies().stream().map(c -> new RevenueInCurrency(c.currency(),
                    MoneyJson.of(c.total()),
                    c.months().stream().map(m -> new MonthJson(m.month(), m.payments(), MoneyJson.of(m.received()))).toList(),
                    c.clients().stream().map(k -> new ClientRevenueJson(k.clientId(), k.name(), k.payments(),
                            MoneyJson.of(k.received()))).toList())).toList());
        }
    }

    record RevenueInCurrency(String currency, MoneyJson total, List<MonthJson> months, List<ClientRevenueJson> clients) {
    }

    record MonthJson(String month, int payments, MoneyJson received) {
    }

    record ClientRevenueJson(String clientId, String name, int payments, MoneyJson received) {
    }

    record AgingJson(LocalDate asOf, List<AgingInCurrency> currencies) {
        static AgingJson of(Aging a) {
            return new AgingJson(a.asOf(), a.currencies().stream().map(c -> new AgingInCurrency(c.currency(),
                    AmountJson.of(c.total()), buckets(c.buckets()),
                    c.clients().stream().map(k -> new ClientAgingJson(k.clientId(), k.name(), AmountJson.of(k.total()),
                            buckets(k.buckets()))).toList())).toList());
        }

        private static List<AmountJson> buckets(List<Aging.Amount> amounts) {
            return amounts.stream().map(AmountJson::of).toList();
        }
    }

    record AgingInCurrency(String currency, AmountJson total, List<AmountJson> buckets, List<ClientAgingJson> clients) {
    }

    /** @param bucket {@code CURRENT}, {@code DAYS_1_30} … {@code DAYS_OVER_90}; absent in a total */
    record AmountJson(String bucket, int count, MoneyJson balance) {
        static AmountJson of(Aging.Amount a) {
            return new AmountJson(a.bucket() == null ? null : a.bucket().name(), a.count(), MoneyJson.of(a.balance()));
        }
    }

    record ClientAgingJson(String clientId, String name, AmountJson total, List<AmountJson> buckets) {
    }
}
