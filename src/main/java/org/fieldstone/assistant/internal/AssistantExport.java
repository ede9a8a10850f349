package org.fieldstone.assistant.internal;

import java.util.function.Consumer;
import org.fieldstone.tenancy.CompanyDatabase;
import org.fieldstone.tenancy.ExportSection;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/** Every user's assistant conversations, messages opened, in the company's export ({@code assistant_conversations}). */
@Component
@Order(90)
class AssistantExport implements ExportSection {

    private final AssistantService assistant;

    AssistantExport(AssistantService assistant) {
        this.assistant = assistant;
    }

    @Override
    public String name() {
        return "assistantConversations";
    }

    @Override
    public void export(CompanyDatabase db, Consumer<Object> item) {
        assistant.export(db).forEach(item);
    }
}
