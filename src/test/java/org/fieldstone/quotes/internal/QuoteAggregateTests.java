package org.fieldstone.quotes.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.fieldstone.pricing.DocumentLine;
import org.fieldstone.pricing.DocumentLines;
import org.fieldstone.pricing.LineTax;
import org.fieldstone.quotes.QuoteEvents;
import org.fieldstone.quotes.QuoteStatus;
import org.fieldstone.shared.Conflict;
import org.fieldstone.shared.InvalidInput;
import org.fieldstone.shared.TenantId;
import org.fieldstone.tenancy.Changes;
import org.fieldstone.tenancy.Decision;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The quote's lifecycle without Spring or a database: each verb's legal and illegal steps and what it writes. */
class QuoteAggregateTests {

    static final TenantId TENANT = TenantId.random();
    static final Instant NOW = Instant.parse("2026-12-07T10:15:30Z");
    static final LocalDate TODAY = LocalDate.parse("2026-12-07");
    static final LineTax VAT = new LineTax("vat", "VAT 8.1 %", new BigDecimal("8.1"));
    static final List<DocumentLine> LINES = List.of(
            new DocumentLine("a", null, "Work", BigDecimal.ONE, 10_000, BigDecimal.ZERO, VAT, false, null),
            new DocumentLine("b", null, "Extra", BigDecimal.ONE, 2_000, BigDecimal.ZERO, VAT, true, null),
            new DocumentLine("g1", null, "Good", BigDecimal.ONE, 1_000, BigDecimal.ZERO, VAT, false, "Tier"),
            new DocumentLine("g2", null, "Best", BigDecimal.ONE, 3_000, BigDecimal.ZERO, VAT, false, "Tier"));

    static QuoteAggregate quote(QuoteStatus status, int revision, List<DocumentLine> lines, String expiresOn) {
        QuoteRecords.Content content = new QuoteRecords.Content("Q-0007", revision, "client", "property", "Boiler", "CHF",
                false, DocumentLines.toJson(lines), null, "percent:30", "Terms", null, expiresOn);
        QuoteRecords.Row row = new QuoteRecords.Row("q-1", "Q-0007", content, status, null, null, null, null, null, 5,
                NOW, NOW);
        return new QuoteAggregate(TENANT, row, TODAY);
    }

    static QuoteAggregate quote(QuoteStatus status) {
        return quote(status, 1, LINES, "2026-12-31");
    }

    @Test
    void sendingKeepsTheRevisionAsSentWithItsHashAndTellsOthers() {
        Decision d = quote(QuoteStatus.DRAFT).send(5, NOW);
        assertThat(d.writes()).hasSize(2);
        Decision.Update update = (Decision.Update) d.writes().get(0);
        assertThat(update.expectedVersion()).isEqualTo(5);
        assertThat(update.set().values()).containsEntry("status", "SENT").containsEntry("sent_at", NOW.toEpochMilli());
        Decision.Insert snapshot = (Decision.Insert) d.writes().get(1);
        assertThat(snapshot.type()).isEqualTo(QuoteTables.REVISIONS);
        assertThat(snapshot.values().values()).containsEntry("revision", 1).containsKey("hash").containsKey("content");
        assertThat(d.events()).containsExactly(new QuoteEvents.QuoteSent(TENANT, "q-1", "Q-0007", 1, NOW));
        assertThatThrownBy(() -> quote(QuoteStatus.DRAFT, 1, List.of(), null).send(5, NOW)).isInstanceOf(Conflict.class);
    }

    @ParameterizedTest
    @EnumSource(QuoteStatus.class)
    void eachVerbIsRefusedOutsideItsStates(QuoteStatus status) {
        QuoteAggregate q = quote(status);
        check(status == QuoteStatus.DRAFT, () -> q.send(5, NOW));
        check(status.isAwaitingResponse(), () -> q.approve(5, "Ada", List.of("g1"), NOW, "Office", "127.0.0.1", "ua"));
        check(status.isAwaitingResponse(), () -> q.decline(5, "No", NOW));
        check(status == QuoteStatus.SENT, () -> q.requestChanges(5, "Cheaper?", NOW));
        check(status == QuoteStatus.APPROVED, () -> q.convert(5, "job-1", NOW));
        check(EnumSet.of(QuoteStatus.DRAFT, QuoteStatus.SENT, QuoteStatus.CHANGES_REQUESTED, QuoteStatus.DECLINED)
                .contains(status), () -> q.edit(5, Changes.of(QuoteTables.QUOTES).set(QuoteTables.TITLE, "New")));
    }

    private static void check(boolean legal, Runnable verb) {
        if (legal) {
            verb.run();
        } else {
            assertThatThrownBy(verb::run).isInstanceOf(Conflict.class);
        }
    }

    @Test
    void editingASentQuoteMakesTheNextRevisionADraftAgain() {
        Decision d = quote(QuoteStatus.SENT).edit(5, Changes.of(QuoteTables.QUOTES).set(QuoteTables.TITLE, "New"));
        Decision.Update u = (Decision.Update) d.writes().getFirst();
        assertThat(u.action()).isEqualTo("revised");
        assertThat(u.set().values()).containsEntry("revision", 2).containsEntry("status", "DRAFT")
                .containsEntry("sent_at", null);
        Decision draft = quote(QuoteStatus.DRAFT).edit(5, Changes.of(QuoteTables.QUOTES).set(QuoteTables.TITLE, "New"));
        assertThat(((Decision.Update) draft.writes().getFirst()).set().values()).doesNotContainKey("revision");
    }

    @Test
    void anApprovalNeedsANameOneOptionPerGroupAndAQuoteNotExpired() {
        QuoteAggregate q = quote(QuoteStatus.SENT);
        for (String blank : new String[] {null, "", "   "}) {
            assertThatThrownBy(() -> q.approve(5, blank, List.of("g1"), NOW, "Office", null, null))
                    .isInstanceOf(InvalidInput.class);
        }
        assertThatThrownBy(() -> q.approve(5, "Ada", List.of(), NOW, "Office", null, null)).isInstanceOf(InvalidInput.class);
        assertThatThrownBy(() -> q.approve(5, "Ada", List.of("g1", "g2"), NOW, "Office", null, null))
                .isInstanceOf(InvalidInput.class);
        assertThatThrownBy(() -> q.approve(5, "Ada", List.of("g1", "zzz"), NOW, "Office", null, null))
                .isInstanceOf(InvalidInput.class);
        assertThatThrownBy(() -> quote(QuoteStatus.SENT, 1, LINES, "2026-12-06")
                .approve(5, "Ada", List.of("g1"), NOW, "Office", null, null)).isInstanceOf(Conflict.class);
        Decision d = q.approve(5, " Ada ", List.of("g2", "b", "a"), NOW, "Office", "10.0.0.1", "Firefox");
        String approval = (String) ((Decision.Update) d.writes().getFirst()).set().values().get("approval");
        assertThat(approval).contains("\"signatureName\":\"Ada\"", "\"recordedBy\":\"Office\"", "\"ip\":\"10.0.0.1\"",
                "\"revisionHash\":\"" + new QuoteRecords.Content("Q-0007", 1, "client", "property", "Boiler", "CHF",
                        false, DocumentLines.toJson(LINES), null, "percent:30", "Terms", null, "2026-12-31").hash() + "\"");
        assertThat(approval).as("only choices are recorded as chosen").contains("[\"g2\",\"b\"]");
        assertThat(d.events()).containsExactly(new QuoteEvents.QuoteApproved(TENANT, "q-1", "Q-0007", 1, NOW));
    }

    @Test
    void beforeApprovalTheFirstOptionOfEachGroupCountsAndOptionalItemsDoNot() {
        assertThat(QuoteRecords.counted(LINES, null)).isEqualTo(Set.of("a", "g1"));
    }
}
