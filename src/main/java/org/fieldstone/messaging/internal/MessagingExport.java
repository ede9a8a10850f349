package org.fieldstone.messaging.internal;

import java.util.function.Consumer;
import org.fieldstone.tenancy.CompanyDatabase;
import org.fieldstone.tenancy.ExportSection;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/** Every email sent (or not) of the company's documents, recipients opened, in the company's export. */
@Component
@Order(60)
class MessagingExport implements ExportSection {

    private final EmailService emails;

    MessagingExport(EmailService emails) {
        this.emails = emails;
    }

    @Override
    public String name() {
        return "emails";
    }

    @Override
    public void export(CompanyDatabase db, Consumer<Object> item) {
        emails.all(db).forEach(item);
    }
}
