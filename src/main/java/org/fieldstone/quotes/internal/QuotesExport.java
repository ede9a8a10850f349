package org.fieldstone.quotes.internal;

import java.util.List;
import java.util.function.Consumer;
import org.fieldstone.quotes.Quote;
import org.fieldstone.quotes.QuoteRevision;
import org.fieldstone.tenancy.CompanyDatabase;
import org.fieldstone.tenancy.ExportSection;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/** Every quote, opened, with its figures and its sent revisions, in the company's export (after the jobs). */
@Component
@Order(40)
class QuotesExport implements ExportSection {

    private final QuoteRecords records;

    QuotesExport(QuoteRecords records) {
        this.records = records;
    }

    record ExportedQuote(Quote quote, List<QuoteRevision> revisions) {
    }

    @Override
    public String name() {
        return "quotes";
    }

    @Override
    public void export(CompanyDatabase db, Consumer<Object> item) {
        for (String id : db.jdbc().sql("SELECT id FROM quotes ORDER BY created_at, id").query(String.class).list()) {
            records.quote(db, id, null).ifPresent(q -> item.accept(new ExportedQuote(q, records.revisions(db, id, q))));
        }
    }
}
