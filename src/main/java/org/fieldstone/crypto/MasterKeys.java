package org.fieldstone.crypto;

/** The master key (KEK) that wraps every keyset, and its rotation. */
public interface MasterKeys {

    /** Which master key is current (an id, never key material). */
    String currentId();

    /**
     * Wraps every keyset under a new master key: creates it (or takes up one an interrupted run created),
     * re-wraps keyset after keyset (resumable), then makes it the master key and destroys the old one.
     *
     * @param progress told about every keyset re-wrapped
     * @return how many keysets were re-wrapped
     */
    int rotate(java.util.function.Consumer<String> progress);
}
