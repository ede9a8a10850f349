package org.fieldstone.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.EnumSet;
import java.util.Set;
import java.util.stream.Collectors;
import org.fieldstone.invoices.Invoice;
import org.fieldstone.invoices.InvoiceKind;
import org.fieldstone.invoices.InvoiceStatus;
import org.fieldstone.quotes.QuoteStatus;
import org.fieldstone.support.Fixtures;
import org.fieldstone.support.Fixtures.TestCompany;
import org.fieldstone.support.SqliteApplicationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The demo company's money, seeded after its week into a fresh company: what a first look at quotes, invoices and the
 * home page's cards needs — a quote in every state, invoices overdue, partly paid and paid, a paid deposit.
 */
@SqliteApplicationTest
class DemoMoneyTests {

    @Autowired DemoWeek demoWeek;
    @Autowired DemoMoney demoMoney;
    @Autowired Fixtures fixtures;
    @Autowired org.fieldstone.pricing.Pricing pricing;

    @Test
    void seedsPricesAQuoteInEveryStateAndInvoicesOverduePartlyPaidAndPaid() {
        TestCompany c = fixtures.company("demo-money");
        DemoMoney.Seeded money = demoMoney.seed(c.company, demoWeek.seed(c.company));

        org.fieldstone.pricing.Letterhead letterhead = pricing.letterhead(c.system());
        assertThat(letterhead.addressLines()).hasSize(2);
        assertThat(letterhead.taxNumber()).contains("demo");
        assertThat(letterhead.logo()).as("the demo's documents show a logo").isNotNull();
        assertThat(letterhead.logo().contentType()).isEqualTo("image/png");
        assertThat(money.taxRates()).hasSize(3);
        assertThat(money.products()).hasSizeGreaterThanOrEqualTo(8);
        Set<QuoteStatus> states = money.quotes().stream().map(q -> q.status()).collect(Collectors.toSet());
        assertThat(states).containsAll(EnumSet.allOf(QuoteStatus.class));
        assertThat(money.quotes()).as("good, better, best and an optional item")
                .anyMatch(q -> q.lines().stream().filter(l -> "Boiler".equals(l.group())).count() == 3
                        && q.lines().stream().anyMatch(l -> l.optional()));
        assertThat(money.quotes()).as("a deposit asked for").anyMatch(q -> q.depositDue().isPositive());

        assertThat(money.invoices()).filteredOn(Invoice::overdue).hasSizeGreaterThanOrEqualTo(3);
        assertThat(money.invoices()).as("overdue and partly paid")
                .anyMatch(i -> i.overdue() && i.status() == InvoiceStatus.PARTIALLY_PAID);
        assertThat(money.invoices()).as("a paid deposit")
                .anyMatch(i -> i.kind() == InvoiceKind.DEPOSIT && i.status() == InvoiceStatus.PAID);
        for (Invoice i : money.invoices()) {
            assertThat(i.balance()).as(i.title())
                    .isEqualTo(i.totals().total().minus(i.depositsDeducted()).minus(i.credited()).minus(i.paid()));
            assertThat(i.number()).as(i.title()).isNotNull();
        }
    }
}
