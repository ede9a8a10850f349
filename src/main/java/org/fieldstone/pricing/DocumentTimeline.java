package org.fieldstone.pricing;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.fieldstone.shared.Actor;
import org.fieldstone.shared.Message;

/**
 * What other modules know happened to a quote or invoice — e.g. the emails that sent it —, shown on the document's
 * timeline beside its own history. A module that depends on quotes and invoices (messaging) provides a bean; the
 * document pages merge every bean's entries, so the quotes and invoices modules never depend on it.
 */
public interface DocumentTimeline {

    /** The document kinds a timeline is asked about. */
    enum Document { QUOTE, INVOICE }

    /** One entry: when, who or what it concerned, and what happened (a message code and arguments). */
    record Entry(Instant at, String who, Message what) {
    }

    /** The entries of one document the actor may read (the page has already checked it), in any order. */
    List<Entry> entries(Actor actor, Document document, String documentId);

    /** Every timeline's entries of a document and {@code own}, newest first. */
    static List<Entry> merged(List<DocumentTimeline> timelines, List<Entry> own, Actor actor, Document document,
                              String documentId) {
        return Stream.concat(own.stream(), timelines.stream().flatMap(t -> t.entries(actor, document, documentId).stream()))
                .sorted(Comparator.comparing(Entry::at).reversed()).toList();
    }
}
