package org.fieldstone.ops;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.fieldstone.clients.Client;
import org.fieldstone.clients.Clients;
import org.fieldstone.invoices.Invoice;
import org.fieldstone.invoices.InvoiceKind;
import org.fieldstone.invoices.Invoices;
import org.fieldstone.invoices.NewInvoice;
import org.fieldstone.invoices.NewPayment;
import org.fieldstone.jobs.Job;
import org.fieldstone.jobs.JobStatus;
import org.fieldstone.jobs.Jobs;
import org.fieldstone.pricing.Discount;
import org.fieldstone.pricing.LineInput;
import org.fieldstone.pricing.Pricing;
import org.fieldstone.pricing.Product;
import org.fieldstone.pricing.TaxRate;
import org.fieldstone.quotes.NewQuote;
import org.fieldstone.quotes.Quote;
import org.fieldstone.quotes.Quotes;
import org.fieldstone.shared.Actor;
import org.fieldstone.shared.Change;
import org.fieldstone.shared.Channel;
import org.fieldstone.tenancy.Company;
import org.springframework.stereotype.Component;

/**
 * The demo company's money, after its week ({@link DemoWeek}): tax rates and products and services, a quote in every
 * state (one with good/better/best options and an optional item, one converted into a job whose deposit was invoiced
 * and paid), invoices for the week's completed jobs (one paid, one partly paid) and a few from last month that are
 * overdue. Everything goes through the facades, so the figures are the calculator's.
 */
@Component
class DemoMoney {

    /** What was made, for the test. */
    record Seeded(List<TaxRate> taxRates, List<Product> products, List<Quote> quotes, List<Invoice> invoices) {
    }

    private final Pricing pricing;
    private final Quotes quotes;
    private final Invoices invoices;
    private final Jobs jobs;
    private final Clients clients;
    private final Clock clock;

    DemoMoney(Pricing pricing, Quotes quotes, Invoices invoices, Jobs jobs, Clients clients, Clock clock) {
        this.pricing = pricing;
        this.quotes = quotes;
        this.invoices = invoices;
        this.jobs = jobs;
        this.clients = clients;
        this.clock = clock;
    }

    /** The demo's logo: three stacked stones in the dashboard's blues on a transparent ground, drawn without fonts. */
    static byte[] logo() {
        java.awt.image.BufferedImage img = new java.awt.image.BufferedImage(360, 120,
                java.awt.image.BufferedImage.TYPE_INT_ARGB);
        java.awt.Graphics2D g = img.createGraphics();
        g.setRenderingHint(java.awt.RenderingHints.KEY_ANTIALIASING, java.awt.RenderingHints.VALUE_ANTIALIAS_ON);
        int[][] stones = {{10, 70, 150, 40, 0x0b3d91}, {30, 38, 120, 34, 0x1f6feb}, {52, 10, 84, 30, 0x6ea8fe}};
        for (int[] s : stones) {
            g.setColor(new java.awt.Color(s[4]));
            g.fillRoundRect(s[0], s[1], s[2], s[3], 22, 22);
        }
        g.setColor(new java.awt.Color(0x0b3d91));
        g.fillRoundRect(180, 48, 170, 14, 8, 8);
        g.setColor(new java.awt.Color(0x6ea8fe));
        g.fillRoundRect(180, 72, 120, 10, 8, 8);
        g.dispose();
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        try {
            javax.imageio.ImageIO.write(img, "png", out);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    Seeded seed(Company company, DemoWeek.Week week) {
        Actor system = Actor.system(company.id(), Channel.SYSTEM);
        LocalDate today = LocalDate.now(clock.withZone(company.timeZone()));
        pricing.updateLetterhead(system, "Seestrasse 5\n8002 Zürich", "CHE-000.000.000 MWST (demo)");
        pricing.updateLogo(system, logo());
        TaxRate vat = pricing.createTaxRate(system, "VAT 8.1 %", new BigDecimal("8.1"));
        TaxRate reduced = pricing.createTaxRate(system, "VAT 2.6 % (reduced)", new BigDecimal("2.6"));
        TaxRate exempt = pricing.createTaxRate(system, "Exempt", BigDecimal.ZERO);
        List<Product> products = new ArrayList<>();
        products.add(product(system, "SERVICE", "Boiler service, flat rate", "Yearly service of a gas or oil boiler", 18_500, vat, "pc"));
        products.add(product(system, "SERVICE", "Labour, per hour", null, 12_000, vat, "h"));
        products.add(product(system, "SERVICE", "Call-out fee", "Within the city of Zürich", 6_500, vat, "pc"));
        products.add(product(system, "SERVICE", "Descaling", "Descaling of the hot water tank", 9_500, vat, "pc"));
        products.add(product(system, "PRODUCT", "Thermostatic radiator valve", null, 4_850, vat, "pc"));
        products.add(product(system, "PRODUCT", "Expansion vessel 18 l", null, 12_900, vat, "pc"));
        products.add(product(system, "PRODUCT", "Heat pump 8 kW (air/water)", null, 1_450_000, vat, "pc"));
        products.add(product(system, "PRODUCT", "Water test kit", "Sold over the counter", 2_400, reduced, "pc"));
        Product hour = products.get(1);
        Product descaling = products.get(3);
        List<Client> c = week.clients();

        List<Quote> made = new ArrayList<>();
        // a draft being written
        made.add(quote(system, c.get(10), "Bathroom renovation", null, List.of(
                line(null, "Remove the bathtub and tiles", "1", 95_000, vat),
                line(null, "Walk-in shower, tiled, with glass wall", "1", 620_000, vat),
                line(hour, null, "6", null, null))));
        // sent, waiting: good, better, best, and an optional item
        Quote boiler = quote(system, c.get(2), "Boiler replacement", Discount.percent(new BigDecimal("30")), List.of(
                option("Condensing gas boiler 15 kW", 690_000, vat, "Boiler"),
                option("Condensing gas boiler 24 kW with hot water tank", 890_000, vat, "Boiler"),
                option("Heat pump 8 kW (air/water), instead of gas", 1_450_000, vat, "Boiler"),
                line(hour, null, "8", null, null),
                new LineInput(null, descaling.id(), null, BigDecimal.ONE, null, null, Change.keep(), true, null)));
        made.add(send(system, boiler));
        made.add(send(system, quote(system, c.get(3), "Radiator valves", null, List.of(
                line(products.get(4), null, "6", null, null), line(hour, null, "2.5", null, null)))));
        // the customer asked for changes
        Quote floor = send(system, quote(system, c.get(5), "Underfloor heating, ground floor", null, List.of(
                line(null, "Underfloor heating circuits, 45 m²", "1", 540_000, vat),
                line(null, "Screed", "45", 4_800, vat))));
        made.add(quotes.requestChanges(system, floor.id(), floor.version(), "Could you quote without the screed? We do it ourselves."));
        // approved by phone
        Quote maintenance = send(system, quote(system, c.get(6), "Heat pump maintenance, yearly", null, List.of(
                line(null, "Heat pump maintenance contract, 1 year", "1", 38_000, vat))));
        made.add(quotes.approve(system, maintenance.id(), maintenance.version(), "Peter Keller", List.of()));
        // declined
        Quote softener = send(system, quote(system, c.get(8), "Water softener", null, List.of(
                line(null, "Water softener, 20 l resin, installed", "1", 285_000, vat))));
        made.add(quotes.decline(system, softener.id(), softener.version(), "Too expensive for now; maybe next year."));
        // approved and converted: its deposit invoiced and paid
        Quote vessel = send(system, quote(system, c.get(12), "Expansion vessel replacement", Discount.amount(10_000), List.of(
                line(products.get(5), null, "1", null, null), line(hour, null, "1.5", null, null),
                line(products.get(2), null, "1", null, null))));
        Quote approved = quotes.approve(system, vessel.id(), vessel.version(), "Anna Meier", List.of());
        Quote converted = quotes.convert(system, approved.id(), approved.version(), q -> jobs.createFromQuote(system, q).id());
        made.add(converted);

        List<Invoice> billed = new ArrayList<>();
        // last month's work, overdue: dated in order (numbers follow the dates), so before today's
        billed.add(overdue(system, c.get(1), "Leaking siphon, kitchen", today.minusDays(70), 30, 14_500, vat, 0));
        billed.add(overdue(system, c.get(4), "Radiator bleeding and pressure check", today.minusDays(45), 30, 26_000, vat, 10_000));
        billed.add(overdue(system, c.get(9), "Replace shower mixer", today.minusDays(20), 10, 48_000, vat, 0));
        // the deposit of the converted job
        Invoice deposit = invoices.invoiceJob(system, converted.jobId(), InvoiceKind.DEPOSIT, null);
        deposit = invoices.send(system, deposit.id(), deposit.version());
        invoices.recordPayment(system, deposit.id(), new NewPayment(deposit.balance().amount(), "BANK_TRANSFER", null,
                "Deposit " + converted.number(), null, null));
        billed.add(invoices.get(system, deposit.id()));
        // this week's completed jobs: the first paid, the second partly paid, the third sent, the fourth a draft
        List<Job> completed = week.jobs().stream().map(j -> jobs.get(system, j.id()))
                .filter(j -> j.status() == JobStatus.COMPLETED && !j.lineItems().isEmpty()).limit(4).toList();
        for (int i = 0; i < completed.size(); i++) {
            Invoice invoice = invoices.invoiceJob(system, completed.get(i).id(), InvoiceKind.INVOICE, null);
            if (i < 3) {
                invoice = invoices.send(system, invoice.id(), invoice.version());
            }
            if (i == 0) {
                invoices.recordPayment(system, invoice.id(), new NewPayment(invoice.balance().amount(), "CARD_IN_PERSON",
                        null, null, null, null));
            } else if (i == 1) {
                invoices.recordPayment(system, invoice.id(), new NewPayment(invoice.balance().amount() / 2, "CASH", null,
                        null, null, null));
            }
            billed.add(invoices.get(system, invoice.id()));
        }
        return new Seeded(List.of(vat, reduced, exempt), List.copyOf(products),
                made.stream().map(q -> quotes.get(system, q.id())).toList(), List.copyOf(billed));
    }

    private Product product(Actor system, String kind, String name, String description, long price, TaxRate rate, String unit) {
        return pricing.createProduct(system, new Pricing.NewProduct(kind, name, description, price, rate.id(), unit));
    }

    private Quote quote(Actor system, Client client, String title, Discount deposit, List<LineInput> lines) {
        String propertyId = clients.properties(system, client.id()).getFirst().id();
        return quotes.create(system, new NewQuote(client.id(), propertyId, title, lines, null, deposit,
                "Prices valid for 30 days. Work is guaranteed for 2 years.", null, null));
    }

    private Quote send(Actor system, Quote quote) {
        return quotes.send(system, quote.id(), quote.version());
    }

    /** A sent invoice dated {@code issuedOn}, past due, with {@code paid} paid on it ten days after it was issued. */
    private Invoice overdue(Actor system, Client client, String title, LocalDate issuedOn, int termsDays, long price,
                            TaxRate vat, long paid) {
        Invoice draft = invoices.create(system, new NewInvoice(client.id(), null, title,
                List.of(line(null, title, "1", price, vat)), null, null, null, null, termsDays));
        Invoice sent = invoices.send(system, draft.id(), draft.version(), issuedOn);
        if (paid > 0) {
            invoices.recordPayment(system, sent.id(), new NewPayment(paid, "BANK_TRANSFER",
                    issuedOn.plusDays(10).toString(), "Part payment", null, null));
        }
        return invoices.get(system, sent.id());
    }

    private static LineInput line(Product product, String description, String quantity, Long price, TaxRate rate) {
        return new LineInput(null, product == null ? null : product.id(), description, new BigDecimal(quantity), price,
                null, rate == null ? Change.keep() : Change.to(rate.id()), false, null);
    }

    private static LineInput line(Product product, String description, String quantity, long price, TaxRate rate) {
        return line(product, description, quantity, Long.valueOf(price), rate);
    }

    private static LineInput option(String description, long price, TaxRate rate, String group) {
        return new LineInput(null, null, description, BigDecimal.ONE, price, null, Change.to(rate.id()), false, group);
    }
}
