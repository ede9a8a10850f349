package org.fieldstone.quotes.web;

import static org.fieldstone.shared.web.FormText.text;

import org.fieldstone.pricing.Discount;
import org.fieldstone.pricing.TypedDiscount;
import org.fieldstone.quotes.Quote;

/**
 * The quote editor as submitted, without its lines ({@link org.fieldstone.pricing.TypedLine}): the discount and the deposit each as a kind
 * ({@code percent} or {@code amount}) and a value, an amount typed in the currency's major unit. Only these fields are
 * bound.
 */
record QuoteForm(String clientId, String propertyId, String title, String terms, String notes, String expiresOn,
                 String discountKind, String discount, String depositKind, String deposit, Long version) {

    static QuoteForm empty() {
        return new QuoteForm("", "", "", "", "", "", "percent", "", "percent", "", null);
    }

    static QuoteForm of(Quote q) {
        return new QuoteForm(q.clientId(), q.propertyId(), q.title(), text(q.terms()), text(q.notes()),
                q.expiresOn() == null ? "" : q.expiresOn().toString(), TypedDiscount.kind(q.discount()), TypedDiscount.value(q.discount(), q.currency()),
                TypedDiscount.kind(q.deposit()), TypedDiscount.value(q.deposit(), q.currency()), q.version());
    }

    QuoteForm withClient(String client, String property) {
        return new QuoteForm(text(client), text(property), title, terms, notes, expiresOn, discountKind, discount,
                depositKind, deposit, version);
    }

    QuoteForm atVersion(long newVersion) {
        return new QuoteForm(clientId, propertyId, title, terms, notes, expiresOn, discountKind, discount, depositKind,
                deposit, newVersion);
    }

    Discount discount(String currency) {
        return TypedDiscount.read("discount", discountKind, discount, currency);
    }

    Discount deposit(String currency) {
        return TypedDiscount.read("deposit", depositKind, deposit, currency);
    }
}
