package org.fieldstone.pricing.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.fieldstone.shared.TenantId;
import org.fieldstone.tenancy.CompanyEvents;
import org.junit.jupiter.api.Test;

/**
 * The opened documents kept in memory: served again only for the same company, row, version and stored values, never
 * more than the bound, and dropped with a company that stops being served.
 */
class CaffeineOpenedDocumentsTests {

    private final CaffeineOpenedDocuments kept = new CaffeineOpenedDocuments(100);
    private final AtomicInteger opened = new AtomicInteger();
    private final TenantId acme = TenantId.random();
    private final TenantId other = TenantId.random();

    /** Counts every time the document is really opened, and answers which time it was. */
    private Supplier<String> opening(String what) {
        return () -> what + " #" + opened.incrementAndGet();
    }

    private String open(TenantId company, String id, long version, String... stored) {
        return kept.open(company, "quotes", id, version, Arrays.asList(stored), String.class, opening(id));
    }

    @Test
    void servesTheSameVersionWithTheSameStoredValuesWithoutOpeningItAgain() {
        assertThat(open(acme, "q1", 1, "sealed-lines", null, "CHF")).isEqualTo("q1 #1");
        assertThat(open(acme, "q1", 1, "sealed-lines", null, "CHF")).isEqualTo("q1 #1");
        assertThat(opened).hasValue(1);
    }

    @Test
    void opensANewVersionAgain() {
        open(acme, "q1", 1, "sealed-lines");
        assertThat(open(acme, "q1", 2, "sealed-lines")).isEqualTo("q1 #2");
        assertThat(opened).hasValue(2);
    }

    @Test
    void opensAgainWhenAStoredValueChangedWithoutANewVersion() {
        // e.g. the company's key rotated (new ciphertext), or the row written outside the write path
        open(acme, "q1", 1, "sealed-lines", "CHF");
        assertThat(open(acme, "q1", 1, "resealed-lines", "CHF")).isEqualTo("q1 #2");
        assertThat(open(acme, "q1", 1, "resealed-lines", null)).isEqualTo("q1 #3");
        assertThat(open(acme, "q1", 1, "resealed-lines", null)).isEqualTo("q1 #3");
    }

    @Test
    void neverServesOneCompanysDocumentToAnother() {
        assertThat(open(acme, "q1", 1, "same")).isEqualTo("q1 #1");
        assertThat(open(other, "q1", 1, "same")).isEqualTo("q1 #2");
        assertThat(open(acme, "q1", 1, "same")).isEqualTo("q1 #1");
        assertThat(open(other, "q1", 1, "same")).isEqualTo("q1 #2");
    }

    @Test
    void keepsTablesApart() {
        String quote = kept.open(acme, "quotes", "x", 1, List.of("s"), String.class, opening("quote"));
        String invoice = kept.open(acme, "invoices", "x", 1, List.of("s"), String.class, opening("invoice"));
        assertThat(quote).isEqualTo("quote #1");
        assertThat(invoice).isEqualTo("invoice #2");
    }

    @Test
    void keepsNoMoreThanItsBound() {
        for (int i = 0; i < 1_000; i++) {
            open(acme, "q" + i, 1, "s" + i);
        }
        assertThat(kept.size()).isLessThanOrEqualTo(100);
        assertThat(opened).hasValue(1_000);
    }

    @Test
    void keepsItsOwnCopyOfTheStoredValues() {
        List<String> stored = new ArrayList<>(List.of("sealed-lines"));
        kept.open(acme, "quotes", "q1", 1, stored, String.class, opening("q1"));
        stored.set(0, "changed by the caller afterwards");
        assertThat(open(acme, "q1", 1, "changed by the caller afterwards")).isEqualTo("q1 #2");
    }

    @Test
    void dropsTheDocumentsOfACompanyThatStopsBeingServed() {
        open(acme, "q1", 1, "s");
        open(other, "q2", 1, "s");
        kept.suspended(new CompanyEvents.CompanySuspended(acme, "acme"));
        assertThat(open(acme, "q1", 1, "s")).isEqualTo("q1 #3");
        assertThat(open(other, "q2", 1, "s")).isEqualTo("q2 #2");

        kept.deleted(new CompanyEvents.CompanyDeleted(acme, "acme", java.time.Instant.now()));
        kept.destroyed(new CompanyEvents.CompanyDestroyed(other, "other"));
        assertThat(kept.size()).isZero();
    }
}
