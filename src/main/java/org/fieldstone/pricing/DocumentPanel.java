package org.fieldstone.pricing;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.fieldstone.shared.Actor;

/**
 * A section another module adds to a quote's or invoice's dashboard page — e.g. the portal's share links with their
 * state, "Copy link" and "Revoke" — so the quotes and invoices modules show it without depending on that module
 * (like {@link DocumentTimeline}). The page renders each section's Thymeleaf fragment with the section's model as
 * {@code panel}.
 */
public interface DocumentPanel {

    /**
     * A fragment of a template and what it shows.
     *
     * @param template e.g. {@code portal/share-links}
     * @param fragment the fragment's name in it
     */
    record Section(String template, String fragment, Map<String, Object> model) {

        public Section {
            Objects.requireNonNull(template, "template");
            Objects.requireNonNull(fragment, "fragment");
            model = Map.copyOf(model);
        }
    }

    /** The section for one document the actor may read (the page has checked it), or null to show none. */
    Section section(Actor actor, DocumentTimeline.Document document, String documentId);

    /** Every panel's section of a document, in the beans' order. */
    static List<Section> sections(List<DocumentPanel> panels, Actor actor, DocumentTimeline.Document document,
                                  String documentId) {
        return panels.stream().map(p -> p.section(actor, document, documentId)).filter(Objects::nonNull).toList();
    }
}
