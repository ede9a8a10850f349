package org.fieldstone.jobs.internal;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import org.fieldstone.jobs.ChecklistTemplate;
import org.fieldstone.jobs.LineItem;
import org.fieldstone.jobs.Priority;
import org.fieldstone.shared.InvalidInput;
import org.fieldstone.shared.Message;

/** Checks a job's fields as entered, collecting every problem so they are reported together. */
final class JobInput {

    static final int TITLE_MAX = 200;
    static final int DESCRIPTION_MAX = 10_000;
    static final int NOTE_MAX = 5_000;
    static final int ITEM_TEXT_MAX = 200;
    static final int LINE_ITEMS_MAX = 200;
    static final int CHECKLIST_MAX = 100;
    private static final int TAG_MAX = 40;
    private static final int TAGS_MAX = 20;
    private static final BigDecimal QUANTITY_MAX = new BigDecimal("1000000");
    private static final long PRICE_MAX = 100_000_000_000L;

    private final InvalidInput.Collector errors = new InvalidInput.Collector();

    void add(String field, Message message) {
        errors.add(field, message);
    }

    void throwIfAny() {
        errors.throwIfAny();
    }

    String title(String given) {
        String title = given == null ? "" : given.strip();
        if (title.isEmpty()) {
            add("title", Message.of("jobs.refused.title-required"));
        } else if (title.length() > TITLE_MAX) {
            add("title", Message.of("jobs.refused.title-too-long", TITLE_MAX));
        }
        return title;
    }

    String description(String given) {
        return text("description", given, DESCRIPTION_MAX);
    }

    String note(String given) {
        String body = text("body", given, NOTE_MAX);
        if (body == null) {
            add("body", Message.of("jobs.refused.note-required"));
        }
        return body;
    }

    String priority(String given) {
        return errors.check(() -> Priority.parse(given).name());
    }

    List<String> tags(List<String> given) {
        LinkedHashSet<String> tags = new LinkedHashSet<>();
        for (String raw : given == null ? List.<String>of() : given) {
            String tag = raw == null ? "" : raw.strip();
            if (tag.isEmpty()) {
                continue;
            }
            if (tag.length() > TAG_MAX || tag.contains(",")) {
                add("tags", Message.of("jobs.refused.tag-too-long", TAG_MAX));
            }
            tags.add(tag);
        }
        if (tags.size() > TAGS_MAX) {
            add("tags", Message.of("jobs.refused.too-many-tags", TAGS_MAX));
        }
        return List.copyOf(tags);
    }

    List<LineItem> lineItems(List<LineItem> given) {
        List<LineItem> items = given == null ? List.of() : given;
        if (items.size() > LINE_ITEMS_MAX) {
            add("lineItems", Message.of("jobs.refused.too-many-line-items", LINE_ITEMS_MAX));
            return List.of();
        }
        List<LineItem> checked = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            LineItem item = items.get(i);
            String field = "lineItems[" + i + "]";
            String description = item.description() == null ? "" : item.description().strip();
            if (item.kind() == null) {
                add(field + ".kind", Message.of("jobs.refused.line-kind"));
            }
            if (description.isEmpty() || description.length() > 500) {
                add(field + ".description", Message.of("jobs.refused.line-description"));
            }
            if (item.quantity() == null || item.quantity().signum() <= 0 || item.quantity().compareTo(QUANTITY_MAX) > 0
                    || item.quantity().stripTrailingZeros().scale() > 3) {
                add(field + ".quantity", Message.of("jobs.refused.line-quantity"));
            }
            if (Math.abs(item.unitPrice()) > PRICE_MAX) {
                add(field + ".unitPrice", Message.of("jobs.refused.line-price"));
            }
            if (item.taxRate() == null || item.taxRate().signum() < 0 || item.taxRate().compareTo(BigDecimal.valueOf(100)) > 0
                    || item.taxRate().stripTrailingZeros().scale() > 3) {
                add(field + ".taxRate", Message.of("jobs.refused.line-tax"));
            }
            if (item.discountPercent().signum() < 0 || item.discountPercent().compareTo(BigDecimal.valueOf(100)) > 0
                    || item.discountPercent().stripTrailingZeros().scale() > 2) {
                add(field + ".discountPercent", Message.of("jobs.refused.line-discount"));
            }
            checked.add(new LineItem(item.kind(), description, item.quantity(), item.unitPrice(), item.taxRate(),
                    item.taxRateId(), item.discountPercent()));
        }
        return checked;
    }

    List<ChecklistTemplate.Item> checklist(String field, List<ChecklistTemplate.Item> given) {
        List<ChecklistTemplate.Item> items = given == null ? List.of() : given;
        if (items.size() > CHECKLIST_MAX) {
            add(field, Message.of("jobs.refused.checklist-too-long", CHECKLIST_MAX));
            return List.of();
        }
        List<ChecklistTemplate.Item> checked = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            String text = items.get(i).text() == null ? "" : items.get(i).text().strip();
            if (text.isEmpty() || text.length() > ITEM_TEXT_MAX) {
                add(field + "[" + i + "].text", Message.of("jobs.refused.checklist-item", ITEM_TEXT_MAX));
            }
            checked.add(new ChecklistTemplate.Item(text, items.get(i).required()));
        }
        return checked;
    }

    String templateName(String given) {
        String name = given == null ? "" : given.strip();
        if (name.isEmpty() || name.length() > 100) {
            add("name", Message.of("jobs.refused.checklist-name"));
        }
        return name;
    }

    private String text(String field, String given, int max) {
        if (given == null || given.isBlank()) {
            return null;
        }
        String text = given.strip();
        if (text.length() > max) {
            add(field, Message.of("jobs.refused.too-long", max));
        }
        return text;
    }
}
