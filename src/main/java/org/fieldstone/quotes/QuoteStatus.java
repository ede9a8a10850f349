package org.fieldstone.quotes;

/** Where a quote stands; <em>expired</em> is computed ({@link Quote#expired()}), not a status. */
public enum QuoteStatus {
    DRAFT, SENT, APPROVED, DECLINED, CHANGES_REQUESTED, CONVERTED;

    /** The customer has it and may still answer. */
    public boolean isAwaitingResponse() {
        return this == SENT || this == CHANGES_REQUESTED;
    }
}
