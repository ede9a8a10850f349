package org.fieldstone.audit;

/**
 * The outcome of walking a company's audit chain.
 *
 * @param entries     how many entries the chain holds (after any prune)
 * @param firstBadSeq the first sequence number that does not verify, or null when intact
 * @param reason      what is wrong (or, when intact, how far the chain is anchored)
 */
public record Verification(long entries, Long firstBadSeq, String reason) {

    public boolean intact() {
        return firstBadSeq == null;
    }
}
