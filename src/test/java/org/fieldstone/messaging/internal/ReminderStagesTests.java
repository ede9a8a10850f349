package org.fieldstone.messaging.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Which reminder stage is due on which day: the pure arithmetic of {@link ReminderStages}. */
class ReminderStagesTests {

    @Test
    void theLatestStageReachedIsDueWithinTheCatchUpWindow() {
        List<Integer> days = List.of(3, 10);
        assertThat(ReminderStages.invoiceStage(-1, days)).as("not yet due").isNull();
        assertThat(ReminderStages.invoiceStage(0, days)).as("due today").isNull();
        assertThat(ReminderStages.invoiceStage(1, days)).as("the day it becomes overdue").isEqualTo(1);
        assertThat(ReminderStages.invoiceStage(2, days)).isEqualTo(1);
        assertThat(ReminderStages.invoiceStage(3, days)).isEqualTo(3);
        assertThat(ReminderStages.invoiceStage(9, days)).isEqualTo(3);
        assertThat(ReminderStages.invoiceStage(10, days)).isEqualTo(10);
        assertThat(ReminderStages.invoiceStage(16, days)).isEqualTo(10);
        assertThat(ReminderStages.invoiceStage(17, days)).as("a week past its day: too old").isNull();
        assertThat(ReminderStages.invoiceStage(400, days)).isNull();
        assertThat(ReminderStages.invoiceStage(8, List.of())).as("only the first stage").isNull();
        assertThat(ReminderStages.invoiceStage(7, List.of())).isEqualTo(1);
        assertThat(ReminderStages.invoiceStage(1, List.of(1, 2))).as("day 1 configured too: once").isEqualTo(1);
    }

    @Test
    void aQuoteIsDueFromItsDaysBeforeUntilItsLastDay() {
        assertThat(ReminderStages.quoteDue(4, 3)).isFalse();
        assertThat(ReminderStages.quoteDue(3, 3)).isTrue();
        assertThat(ReminderStages.quoteDue(0, 3)).as("its last day").isTrue();
        assertThat(ReminderStages.quoteDue(-1, 3)).as("expired").isFalse();
    }
}
