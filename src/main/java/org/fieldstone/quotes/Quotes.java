package org.fieldstone.quotes;

import java.util.List;
import java.util.function.Function;
import org.fieldstone.audit.AuditEntry;
import org.fieldstone.pricing.Discount;
import org.fieldstone.pricing.LineInput;
import org.fieldstone.pricing.Totals;
import org.fieldstone.shared.Actor;
import org.fieldstone.shared.Page;

/**
 * The company's quotes. Reading needs {@code quotes:read}; everything else {@code quotes:write} (users hold it by
 * default; a company may take it from them or give them more, {@link org.fieldstone.pricing.Pricing#withMoneyPolicy}).
 * A refused step of the lifecycle is a {@link org.fieldstone.shared.Conflict} and changes nothing.
 */
public interface Quotes {

    Page<Quote> list(Actor actor, QuoteQuery query, Page.PageRequest page);

    /** How many quotes a query finds, without reading them (the home page's cards). */
    long count(Actor actor, QuoteQuery query);

    Quote get(Actor actor, String quoteId);

    /** Every sent revision, oldest first, as it was sent. */
    List<QuoteRevision> revisions(Actor actor, String quoteId);

    /** What happened to the quote (created, sent, approved …), newest first: the page's timeline. */
    List<AuditEntry> history(Actor actor, String quoteId, int limit);

    /**
     * The figures lines would come to, as the quote would reckon them once saved (currency and tax mode of the quote,
     * or of the company for a new one; the default choice of options): the editor's live totals. Lines that would be
     * refused are left out; nothing is saved.
     *
     * @param quoteId the quote being edited (its lines keep their archived rates), or null for a new one
     */
    Totals preview(Actor actor, String quoteId, List<LineInput> lines, Discount discount);

    Quote create(Actor actor, NewQuote quote);

    /** Changes a draft; a quote already sent (not approved) gets a new revision and is a draft again. */
    Quote update(Actor actor, String quoteId, long expectedVersion, QuoteChanges changes);

    /** Deletes a draft that was never sent; its number is not given again. */
    void delete(Actor actor, String quoteId, long expectedVersion);

    /** {@code DRAFT → SENT}: the revision is kept as sent. */
    Quote send(Actor actor, String quoteId, long expectedVersion);

    /**
     * {@code SENT | CHANGES_REQUESTED → APPROVED}, recording the typed signature (not blank), the lines chosen (every
     * option group needs exactly one), time, address and software of the actor and the hash of the revision approved.
     */
    Quote approve(Actor actor, String quoteId, long expectedVersion, String signatureName, List<String> chosenItemIds);

    /** {@code SENT | CHANGES_REQUESTED → DECLINED}, with the customer's reason if given. */
    Quote decline(Actor actor, String quoteId, long expectedVersion, String reason);

    /** {@code SENT → CHANGES_REQUESTED}, with what the customer asked for. */
    Quote requestChanges(Actor actor, String quoteId, long expectedVersion, String message);

    /**
     * {@code APPROVED → CONVERTED}: {@code makeJob} creates the job from the approved quote inside the same transaction
     * and returns its id (so the quote is converted exactly when the job exists).
     */
    Quote convert(Actor actor, String quoteId, long expectedVersion, Function<Quote, String> makeJob);
}
