package org.fieldstone.shared;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.context.NoSuchMessageException;
import org.springframework.context.support.StaticMessageSource;

/** Refusals' messages resolved from codes, without Spring's context: arguments, nested messages, a missing code. */
class MessageTests {

    @Test
    void resolvesTheCodeWithItsArgumentsFromMessagesProperties() {
        assertThat(Message.of("jobs.refused.too-many-assignees", 50).english()).isEqualTo("Assign at most 50 users.");
        assertThat(Message.of("jobs.refused.assignee-deactivated", "Ada Lovelace").english())
                .isEqualTo("Ada Lovelace is deactivated and cannot be assigned.");
    }

    @Test
    void resolvesAnArgumentThatIsItselfAMessage() {
        assertThat(Message.of("jobs.refused.complete", Message.of("jobs.state.CANCELLED")).english())
                .isEqualTo("A job that is cancelled cannot be completed; only a job that is scheduled or in progress can.");
        assertThat(new NotFound(Message.of("jobs.thing.checklist-item")).getMessage()).isEqualTo("No such checklist item.");
    }

    @Test
    void keepsApostrophesAndLargeNumbersAsWritten() {
        assertThat(Message.of("jobs.refused.visit-of-closed-job", Message.of("jobs.state.INVOICED")).english())
                .isEqualTo("This visit's job is invoiced: reopen the job first.");
        assertThat(Message.of("clients.refused.name-required").english()).isEqualTo("Enter the client's name.");
        assertThat(Message.of("jobs.refused.too-long", 10_000).english()).isEqualTo("At most 10000 characters.");
        assertThat(new VersionConflict(Message.of("jobs.thing.job"), 12_345).getMessage())
                .startsWith("Someone else changed this job meanwhile (it is now at version 12345).");
    }

    @Test
    void aMissingCodeFailsLoudlyWhenResolvedButNotInALogLine() {
        Message missing = Message.of("jobs.refused.no-such-code", 3);
        assertThatThrownBy(missing::english).isInstanceOf(NoSuchMessageException.class);
        assertThatThrownBy(() -> missing.resolve(new StaticMessageSource(), Locale.ENGLISH))
                .isInstanceOf(NoSuchMessageException.class);
        assertThat(new Conflict(missing).getMessage()).as("getMessage() serves logs: it never throws")
                .isEqualTo("jobs.refused.no-such-code[3]");
    }

    /** Plurals and numbers are the bundle's: no count is spelled out in Java, no number is grouped. */
    @Test
    void pluralsAndNumbersAreFormattedByTheBundle() {
        assertThat(Message.of("identity.refused.throttled", 1).english())
                .isEqualTo("Too many failed attempts. Try again in 1 minute.");
        assertThat(Message.of("identity.refused.throttled", 15).english())
                .isEqualTo("Too many failed attempts. Try again in 15 minutes.");
        assertThat(Message.of("identity.refused.key-expiry", 3650).english())
                .isEqualTo("Expiry must be between 1 and 3650 days.");
        assertThat(Message.of("audit.period.years", 1).english()).isEqualTo("1 year");
        assertThat(Message.of("audit.period.years", 7).english()).isEqualTo("7 years");
    }

    /** A thing's name and a status are messages of their own inside a sentence. */
    @Test
    void namesAndStatusesOfOtherModulesResolveInsideASentence() {
        assertThat(new NotFound(Message.of("identity.thing.api-key")).getMessage()).isEqualTo("No such API key.");
        assertThat(new Conflict(Message.of("tenancy.refused.status", "acme",
                org.fieldstone.tenancy.CompanyStatus.DESTROYING.word())).getMessage())
                .isEqualTo("Company \"acme\" is being destroyed.");
        assertThat(new Conflict(Message.of("ops.refused.confirm-slug", "acme")).getMessage())
                .isEqualTo("Type the company's address, acme, exactly.");
    }

    @Test
    void resolvesInTheLocaleAsked() {
        StaticMessageSource messages = new StaticMessageSource();
        messages.addMessage("jobs.refused.title-required", Locale.GERMAN, "Gib dem Auftrag einen Titel.");
        messages.addMessage("jobs.refused.title-too-long", Locale.GERMAN, "Höchstens {0} Zeichen.");
        Map<String, Message> errors = new LinkedHashMap<>();
        errors.put("title", Message.of("jobs.refused.title-required"));
        errors.put("description", Message.of("jobs.refused.title-too-long", 200));
        InvalidInput invalid = new InvalidInput(errors);
        assertThat(invalid.fieldErrors(messages, Locale.GERMAN))
                .containsExactly(Map.entry("title", "Gib dem Auftrag einen Titel."),
                        Map.entry("description", "Höchstens 200 Zeichen."));
        assertThat(invalid.asFieldErrors()).containsEntry("title", "Give the job a title, e.g. \"Boiler service\".");
        assertThat(invalid.getMessage()).isEqualTo("Some values are not valid: title, description.");
    }
}
