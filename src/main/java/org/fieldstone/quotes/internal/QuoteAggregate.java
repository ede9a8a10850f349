package org.fieldstone.quotes.internal;

import static org.fieldstone.quotes.internal.QuoteTables.APPROVAL;
import static org.fieldstone.quotes.internal.QuoteTables.CONTENT;
import static org.fieldstone.quotes.internal.QuoteTables.DECIDED_AT;
import static org.fieldstone.quotes.internal.QuoteTables.DECISION_NOTE;
import static org.fieldstone.quotes.internal.QuoteTables.HASH;
import static org.fieldstone.quotes.internal.QuoteTables.JOB_ID;
import static org.fieldstone.quotes.internal.QuoteTables.QUOTES;
import static org.fieldstone.quotes.internal.QuoteTables.QUOTE_ID;
import static org.fieldstone.quotes.internal.QuoteTables.REVISION;
import static org.fieldstone.quotes.internal.QuoteTables.REVISIONS;
import static org.fieldstone.quotes.internal.QuoteTables.REVISION_NUMBER;
import static org.fieldstone.quotes.internal.QuoteTables.SENT_AT;
import static org.fieldstone.quotes.internal.QuoteTables.STATUS;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.fieldstone.pricing.DocumentLine;
import org.fieldstone.pricing.DocumentLines;
import org.fieldstone.quotes.Approval;
import org.fieldstone.quotes.QuoteEvents;
import org.fieldstone.quotes.QuoteStatus;
import org.fieldstone.shared.Conflict;
import org.fieldstone.shared.InvalidInput;
import org.fieldstone.shared.Message;
import org.fieldstone.shared.TenantId;
import org.fieldstone.tenancy.Changes;
import org.fieldstone.tenancy.Decision;
import org.fieldstone.tenancy.RecordKey;

/**
 * A quote as the write path changes it, loaded inside the write transaction ({@link QuoteRecords#row}, its row locked
 * where the engine locks rows). State changes only through its verbs, which refuse an illegal transition with a
 * {@link Conflict} (a code of {@code messages.properties}, the status as argument) and otherwise return a
 * {@link Decision}: the writes and events of one transaction. It holds no database and no clock ({@code
 * QuoteAggregateTests}).
 */
final class QuoteAggregate {

    static final int NOTE_MAX = 2_000;
    static final int SIGNATURE_MAX = 200;

    private final TenantId tenant;
    private final QuoteRecords.Row row;
    private final LocalDate today;

    /** @param today the company's date now: whether the quote expired */
    QuoteAggregate(TenantId tenant, QuoteRecords.Row row, LocalDate today) {
        this.tenant = tenant;
        this.row = row;
        this.today = today;
    }

    QuoteStatus status() {
        return row.status();
    }

    boolean expired() {
        LocalDate expiresOn = row.content().expiresOn() == null ? null : LocalDate.parse(row.content().expiresOn());
        return expiresOn != null && row.status().isAwaitingResponse() && expiresOn.isBefore(today);
    }

    /**
     * A change of the quote's content: a draft is changed as it is; a quote the customer has (sent, changes requested)
     * or declined becomes the next revision, a draft again (the one sent stays in its history). An approved or
     * converted quote is not changed.
     */
    Decision edit(long expectedVersion, Changes content) {
        requireEditable();
        if (content.isEmpty()) {
            return Decision.NOTHING;
        }
        if (row.status() == QuoteStatus.DRAFT) {
            return Decision.of(new Decision.Update(key(), expectedVersion, content, "updated"));
        }
        content.set(REVISION, row.content().revision() + 1).set(STATUS, QuoteStatus.DRAFT.name())
                .set(SENT_AT, null).set(DECIDED_AT, null).set(DECISION_NOTE, null);
        return Decision.of(new Decision.Update(key(), expectedVersion, content, "revised"));
    }

    /** Refuses a change of an approved or converted quote: checked before the change itself is. */
    void requireEditable() {
        require(Message.of("quotes.refused.edit", state(row.status())), QuoteStatus.DRAFT, QuoteStatus.SENT,
                QuoteStatus.CHANGES_REQUESTED, QuoteStatus.DECLINED);
    }

    /** Only a draft never sent is deleted (a sent quote stays, with its number). */
    void requireDeletable() {
        if (row.status() != QuoteStatus.DRAFT || row.content().revision() > 1) {
            throw new Conflict(Message.of("quotes.refused.delete", state(row.status())));
        }
    }

    /** {@code DRAFT → SENT}; a quote without lines is not sent. The revision is kept as sent. */
    Decision send(long expectedVersion, Instant now) {
        require(Message.of("quotes.refused.send", state(row.status())), QuoteStatus.DRAFT);
        if (DocumentLines.fromJson(row.content().lineItems()).isEmpty()) {
            throw new Conflict(Message.of("quotes.refused.send-empty"));
        }
        QuoteRecords.Content content = row.content();
        Changes snapshot = Changes.of(REVISIONS).set(QUOTE_ID, row.id()).set(REVISION_NUMBER, content.revision())
                .set(HASH, content.hash()).set(CONTENT, content.json());
        Changes set = Changes.of(QUOTES).set(STATUS, QuoteStatus.SENT.name()).set(SENT_AT, now.toEpochMilli());
        return new Decision(List.of(new Decision.Update(key(), expectedVersion, set, "sent"),
                new Decision.Insert(snapshot, "created")),
                List.of(new QuoteEvents.QuoteSent(tenant, row.id(), row.number(), content.revision(), now)));
    }

    /**
     * {@code SENT | CHANGES_REQUESTED → APPROVED}: the signature is a name, not blank; every option group has exactly
     * one line chosen; only the quote's optional items and options may be chosen; an expired quote is not approved.
     */
    Decision approve(long expectedVersion, String signatureName, List<String> chosenItemIds, Instant now,
                     String recordedBy, String ip, String userAgent) {
        return approve(expectedVersion, signatureName, chosenItemIds, now, recordedBy, ip, userAgent, false);
    }

    /** Like {@link #approve(long, String, List, Instant, String, String, String)}; {@code byCustomer}: on the portal. */
    Decision approve(long expectedVersion, String signatureName, List<String> chosenItemIds, Instant now,
                     String recordedBy, String ip, String userAgent, boolean byCustomer) {
        require(Message.of("quotes.refused.approve", state(row.status())), QuoteStatus.SENT, QuoteStatus.CHANGES_REQUESTED);
        String signature = signatureName == null ? "" : signatureName.strip();
        InvalidInput.Collector errors = new InvalidInput.Collector();
        if (signature.isEmpty()) {
            errors.add("signatureName", Message.of("quotes.refused.signature-required"));
        } else if (signature.length() > SIGNATURE_MAX || signature.chars().anyMatch(Character::isISOControl)) {
            errors.add("signatureName", Message.of("quotes.refused.signature-too-long", SIGNATURE_MAX));
        }
        List<DocumentLine> lines = DocumentLines.fromJson(row.content().lineItems());
        Set<String> chosen = new LinkedHashSet<>();
        Map<String, String> byId = new LinkedHashMap<>();
        lines.forEach(l -> byId.put(l.id(), l.group()));
        for (String id : chosenItemIds == null ? List.<String>of() : chosenItemIds) {
            String given = id == null ? "" : id.strip();
            DocumentLine line = lines.stream().filter(l -> l.id().equals(given)).findFirst().orElse(null);
            if (line == null) {
                errors.add("chosenItemIds", Message.of("quotes.refused.chosen-unknown", abbreviate(given)));
            } else if (line.isChoice()) {
                chosen.add(line.id());
            }
        }
        Map<String, List<String>> groups = new LinkedHashMap<>();
        lines.stream().filter(l -> l.group() != null).forEach(l -> groups.computeIfAbsent(l.group(), g -> new ArrayList<>()).add(l.id()));
        groups.forEach((group, ids) -> {
            long picked = ids.stream().filter(chosen::contains).count();
            if (picked != 1) {
                errors.add("chosenItemIds", Message.of("quotes.refused.choose-one", group));
            }
        });
        errors.throwIfAny();
        if (expired()) {
            throw new Conflict(Message.of("quotes.refused.expired", row.content().expiresOn()));
        }
        Approval approval = new Approval(signature, now, recordedBy, ip, userAgent, row.content().revision(),
                row.content().hash(), List.copyOf(chosen));
        Changes set = Changes.of(QUOTES).set(STATUS, QuoteStatus.APPROVED.name()).set(DECIDED_AT, now.toEpochMilli())
                .set(APPROVAL, QuoteRecords.JSON_WRITER.apply(QuoteRecords.ApprovalJson.of(approval)));
        return Decision.of(new Decision.Update(key(), expectedVersion, set, "approved"),
                new QuoteEvents.QuoteApproved(tenant, row.id(), row.number(), row.content().revision(), now,
                        byCustomer));
    }

    /** {@code SENT | CHANGES_REQUESTED → DECLINED}. */
    Decision decline(long expectedVersion, String reason, Instant now) {
        return decline(expectedVersion, reason, now, false);
    }

    /** Like {@link #decline(long, String, Instant)}; {@code byCustomer}: on the portal. */
    Decision decline(long expectedVersion, String reason, Instant now, boolean byCustomer) {
        require(Message.of("quotes.refused.decline", state(row.status())), QuoteStatus.SENT, QuoteStatus.CHANGES_REQUESTED);
        Changes set = Changes.of(QUOTES).set(STATUS, QuoteStatus.DECLINED.name()).set(DECIDED_AT, now.toEpochMilli())
                .set(DECISION_NOTE, note("reason", reason));
        return Decision.of(new Decision.Update(key(), expectedVersion, set, "declined"),
                new QuoteEvents.QuoteDeclined(tenant, row.id(), row.number(), now, byCustomer));
    }

    /** {@code SENT → CHANGES_REQUESTED}, with what the customer asked for. */
    Decision requestChanges(long expectedVersion, String message, Instant now) {
        return requestChanges(expectedVersion, message, now, false);
    }

    /** Like {@link #requestChanges(long, String, Instant)}; {@code byCustomer}: on the portal. */
    Decision requestChanges(long expectedVersion, String message, Instant now, boolean byCustomer) {
        require(Message.of("quotes.refused.request-changes", state(row.status())), QuoteStatus.SENT);
        Changes set = Changes.of(QUOTES).set(STATUS, QuoteStatus.CHANGES_REQUESTED.name())
                .set(DECIDED_AT, now.toEpochMilli()).set(DECISION_NOTE, note("message", message));
        return Decision.of(new Decision.Update(key(), expectedVersion, set, "changes_requested"),
                new QuoteEvents.QuoteChangesRequested(tenant, row.id(), row.number(), now, byCustomer));
    }

    /** Refuses unless the quote is approved: checked before the job is made from it. */
    void requireConvertible() {
        require(Message.of("quotes.refused.convert", state(row.status())), QuoteStatus.APPROVED);
    }

    /** {@code APPROVED → CONVERTED} into the job {@code jobId}. */
    Decision convert(long expectedVersion, String jobId, Instant now) {
        requireConvertible();
        Changes set = Changes.of(QUOTES).set(STATUS, QuoteStatus.CONVERTED.name()).set(JOB_ID, jobId);
        return Decision.of(new Decision.Update(key(), expectedVersion, set, "converted"),
                new QuoteEvents.QuoteConverted(tenant, row.id(), row.number(), jobId, now));
    }

    private RecordKey key() {
        return RecordKey.of(row.id());
    }

    private static String note(String field, String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        if (text.strip().length() > NOTE_MAX) {
            throw new InvalidInput(field, Message.of("quotes.refused.note-too-long", NOTE_MAX));
        }
        return text.strip();
    }

    private void require(Message refusal, QuoteStatus... allowed) {
        if (!List.of(allowed).contains(row.status())) {
            throw new Conflict(refusal);
        }
    }

    /** A quote's status as a word within a sentence: {@code quotes.state.*} in {@code messages.properties}. */
    static Message state(QuoteStatus status) {
        return Message.of("quotes.state." + status.name());
    }

    static String abbreviate(String text) {
        String shown = text.length() > 40 ? text.substring(0, 40) + "…" : text;
        return shown.replaceAll("\\p{Cntrl}", "?");
    }
}
