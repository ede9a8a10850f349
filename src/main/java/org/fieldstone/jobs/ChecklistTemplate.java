package org.fieldstone.jobs;

import org.fieldstone.shared.Versioned;
import java.util.List;

/** A company's checklist (e.g. "Boiler service"), copied into jobs. */
public record ChecklistTemplate(String id, String name, List<Item> items, long version) implements Versioned {

    public ChecklistTemplate {
        items = List.copyOf(items);
    }

    public record Item(String text, boolean required) {
    }
}
