package org.fieldstone.reports.web;

import java.time.Clock;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Consumer;
import org.fieldstone.clients.Client;
import org.fieldstone.clients.Clients;
import org.fieldstone.invoices.Invoice;
import org.fieldstone.invoices.InvoiceQuery;
import org.fieldstone.invoices.InvoiceStatus;
import org.fieldstone.invoices.Invoices;
import org.fieldstone.invoices.Payment;
import org.fieldstone.reports.Aging;
import org.fieldstone.reports.MoneyReports;
import org.fieldstone.reports.Revenue;
import org.fieldstone.shared.Actor;
import org.fieldstone.shared.Forbidden;
import org.fieldstone.shared.InvalidInput;
import org.fieldstone.shared.Message;
import org.fieldstone.shared.Money;
import org.fieldstone.shared.Page;
import org.fieldstone.shared.Permission;
import org.fieldstone.tenancy.Companies;
import org.springframework.stereotype.Service;

/**
 * {@link MoneyReports} added up from the {@link Invoices} facade: the year's payments in one read, the invoices page by
 * page (each counted once, by id). Every sum is per currency.
 */
@Service
class MoneyReportsService implements MoneyReports {

    static final int FIRST_YEAR = 2000;
    static final int LAST_YEAR = 2200;

    private final Invoices invoices;
    private final Clients clients;
    private final Companies companies;
    private final Clock clock;

    MoneyReportsService(Invoices invoices, Clients clients, Companies companies, Clock clock) {
        this.invoices = invoices;
        this.clients = clients;
        this.companies = companies;
        this.clock = clock;
    }

    @Override
    public boolean mayView(Actor actor) {
        return actor.can(Permission.REPORTS_VIEW) && actor.can(Permission.INVOICES_READ);
    }

    @Override
    public Revenue revenue(Actor actor, Optional<Integer> year) {
        requireView(actor);
        int y = year.orElseGet(() -> today(actor).getYear());
        if (y < FIRST_YEAR || y > LAST_YEAR) {
            throw new InvalidInput("year", Message.of("reports.refused.year", FIRST_YEAR, LAST_YEAR));
        }
        List<Payment> payments = invoices.paymentsBetween(actor, LocalDate.of(y, 1, 1), LocalDate.of(y, 12, 31));
        Set<String> paidInvoices = new HashSet<>();
        payments.forEach(p -> paidInvoices.add(p.invoiceId()));
        Map<String, String> clientOf = new HashMap<>();
        // drafts carry no payments; a voided invoice may (paid, refunded in full, then voided)
        for (InvoiceStatus status : InvoiceStatus.values()) {
            if (status != InvoiceStatus.DRAFT && clientOf.size() < paidInvoices.size()) {
                eachInvoice(actor, new InvoiceQuery(status, null, null, null, null), i -> {
                    if (paidInvoices.contains(i.id())) {
                        clientOf.put(i.id(), i.clientId());
                    }
                });
            }
        }
        paidInvoices.stream().filter(id -> !clientOf.containsKey(id)).toList()
                .forEach(id -> clientOf.put(id, invoices.get(actor, id).clientId()));
        Map<String, Client> names = clients.clientsById(actor, new HashSet<>(clientOf.values()));

        Map<String, List<Payment>> byCurrency = new TreeMap<>();
        payments.forEach(p -> byCurrency.computeIfAbsent(p.amount().currency(), c -> new ArrayList<>()).add(p));
        List<Revenue.InCurrency> parts = new ArrayList<>();
        byCurrency.forEach((currency, paid) -> {
            Money[] months = new Money[12];
            int[] counts = new int[12];
            Arrays.fill(months, Money.zero(currency));
            Map<String, Money> byClient = new LinkedHashMap<>();
            Map<String, Integer> countByClient = new LinkedHashMap<>();
            Money total = Money.zero(currency);
            for (Payment p : paid) {
                int m = p.paidOn().getMonthValue() - 1;
                months[m] = months[m].plus(p.amount());
                counts[m]++;
                total = total.plus(p.amount());
                String client = clientOf.get(p.invoiceId());
                byClient.merge(client, p.amount(), Money::plus);
                countByClient.merge(client, 1, Integer::sum);
            }
            List<Revenue.Month> monthRows = new ArrayList<>();
            for (int m = 0; m < 12; m++) {
                monthRows.add(new Revenue.Month("%04d-%02d".formatted(y, m + 1), counts[m], months[m]));
            }
            List<Revenue.ClientRevenue> clientRows = byClient.entrySet().stream()
                    .map(e -> new Revenue.ClientRevenue(e.getKey(), name(names, e.getKey()), countByClient.get(e.getKey()),
                            e.getValue()))
                    .sorted(Comparator.comparing(Revenue.ClientRevenue::received).reversed()
                            .thenComparing(r -> r.name() == null ? "" : r.name()))
                    .toList();
            parts.add(new Revenue.InCurrency(currency, monthRows, clientRows, total));
        });
        return new Revenue(y, parts);
    }

    @Override
    public Aging aging(Actor actor) {
        requireView(actor);
        LocalDate today = today(actor);
        Map<String, Invoice> open = new LinkedHashMap<>();
        for (InvoiceStatus status : InvoiceStatus.values()) {
            if (status.isOpen()) {
                eachInvoice(actor, new InvoiceQuery(status, null, null, null, null), i -> open.put(i.id(), i));
            }
        }
        Map<String, Client> names = clients.clientsById(actor, open.values().stream().map(Invoice::clientId).toList());
        Map<String, List<Invoice>> byCurrency = new TreeMap<>();
        open.values().stream().filter(i -> i.status().isOpen())
                .forEach(i -> byCurrency.computeIfAbsent(i.currency(), c -> new ArrayList<>()).add(i));
        List<Aging.InCurrency> parts = new ArrayList<>();
        byCurrency.forEach((currency, owed) -> {
            Tally all = new Tally(currency);
            Map<String, Tally> byClient = new LinkedHashMap<>();
            for (Invoice i : owed) {
                Aging.Bucket bucket = Aging.Bucket.of(ChronoUnit.DAYS.between(i.dueOn(), today));
                all.add(bucket, i.balance());
                byClient.computeIfAbsent(i.clientId(), c -> new Tally(currency)).add(bucket, i.balance());
            }
            List<Aging.ClientAging> clientRows = byClient.entrySet().stream()
                    .map(e -> new Aging.ClientAging(e.getKey(), name(names, e.getKey()), e.getValue().buckets(),
                            e.getValue().total()))
                    .sorted(Comparator.comparing((Aging.ClientAging r) -> r.total().balance()).reversed()
                            .thenComparing(r -> r.name() == null ? "" : r.name()))
                    .toList();
            parts.add(new Aging.InCurrency(currency, all.buckets(), clientRows, all.total()));
        });
        return new Aging(today, parts);
    }

    /** Counts and balances of open invoices per bucket, in one currency. */
    private static final class Tally {
        private final String currency;
        private final int[] counts = new int[Aging.Bucket.values().length];
        private final Money[] sums;

        Tally(String currency) {
            this.currency = currency;
            this.sums = new Money[counts.length];
            Arrays.fill(sums, Money.zero(currency));
        }

        void add(Aging.Bucket bucket, Money balance) {
            counts[bucket.ordinal()]++;
            sums[bucket.ordinal()] = sums[bucket.ordinal()].plus(balance);
        }

        List<Aging.Amount> buckets() {
            return Arrays.stream(Aging.Bucket.values())
                    .map(b -> new Aging.Amount(b, counts[b.ordinal()], sums[b.ordinal()])).toList();
        }

        Aging.Amount total() {
            return new Aging.Amount(null, Arrays.stream(counts).sum(),
                    Arrays.stream(sums).reduce(Money.zero(currency), Money::plus));
        }
    }

    /** Every invoice of the query, page by page (the largest pages the facade gives). */
    private void eachInvoice(Actor actor, InvoiceQuery query, Consumer<Invoice> each) {
        for (int page = 0; ; page++) {
            Page<Invoice> p = invoices.list(actor, query, Page.request(page, Page.MAX_SIZE));
            p.items().forEach(each);
            if (p.items().size() < Page.MAX_SIZE || (long) (page + 1) * Page.MAX_SIZE >= p.total()) {
                return;
            }
        }
    }

    private static String name(Map<String, Client> names, String clientId) {
        Client c = clientId == null ? null : names.get(clientId);
        return c == null ? null : c.name();
    }

    private LocalDate today(Actor actor) {
        return LocalDate.now(clock.withZone(companies.timeZone(actor.tenant())));
    }

    private void requireView(Actor actor) {
        if (!mayView(actor)) {
            throw new Forbidden(Message.of("reports.refused.money"));
        }
    }
}
