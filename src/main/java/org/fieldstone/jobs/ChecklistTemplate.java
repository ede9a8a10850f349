package org.fieldstone.jobs;

import java.util.List;

/** A company's checklist (e.g. "Boiler service"), copied into jobs. */
public record ChecklistTemplate(String id, String name, List<Item> items, long version) {

    public ChecklistTemplate {
        items = List.copyOf(items);
    }

    public record Item(String text, boolean required) {
    }
}
