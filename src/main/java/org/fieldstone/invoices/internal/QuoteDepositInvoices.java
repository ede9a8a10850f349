package org.fieldstone.invoices.internal;

import java.util.List;
import org.fieldstone.invoices.Invoices;
import org.fieldstone.quotes.QuoteDeposits;
import org.fieldstone.shared.Actor;
import org.fieldstone.shared.Permission;
import org.springframework.stereotype.Component;

/** The quote page's deposits: the deposit invoices made for the quote ({@link Invoices#depositsOfQuote}). */
@Component
class QuoteDepositInvoices implements QuoteDeposits {

    private final Invoices invoices;

    QuoteDepositInvoices(Invoices invoices) {
        this.invoices = invoices;
    }

    @Override
    public List<DepositInvoice> of(Actor actor, String quoteId) {
        if (!actor.can(Permission.INVOICES_READ)) {
            return List.of();
        }
        return invoices.depositsOfQuote(actor, quoteId).stream()
                .map(i -> new DepositInvoice(i.id(), i.number(), i.status().name(), i.totals().total(), i.paid()))
                .toList();
    }
}
