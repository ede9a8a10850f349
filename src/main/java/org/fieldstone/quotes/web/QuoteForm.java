package org.fieldstone.quotes.web;

import static org.fieldstone.shared.web.FormText.blank;
import static org.fieldstone.shared.web.FormText.text;

import java.math.BigDecimal;
import org.fieldstone.pricing.Discount;
import org.fieldstone.quotes.Quote;
import org.fieldstone.shared.InvalidInput;
import org.fieldstone.shared.Message;
import org.fieldstone.shared.Money;

/**
 * The quote editor as submitted, without its lines ({@link QuoteLineRow}): the discount and the deposit each as a kind
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
                q.expiresOn() == null ? "" : q.expiresOn().toString(), kind(q.discount()), value(q.discount(), q.currency()),
                kind(q.deposit()), value(q.deposit(), q.currency()), q.version());
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
        return read("discount", discountKind, discount, currency);
    }

    Discount deposit(String currency) {
        return read("deposit", depositKind, deposit, currency);
    }

    private static Discount read(String field, String kind, String value, String currency) {
        if (blank(value)) {
            return null;
        }
        if ("amount".equals(kind)) {
            return Discount.of(field, null, BigDecimal.valueOf(Money.parse(field, value, currency).amount()));
        }
        try {
            return Discount.of(field, new BigDecimal(value.strip().replace(',', '.')), null);
        } catch (NumberFormatException e) {
            throw new InvalidInput(field, Message.of("pricing.refused.percent"));
        }
    }

    private static String kind(Discount d) {
        return d != null && d.kind() == Discount.Kind.AMOUNT ? "amount" : "percent";
    }

    private static String value(Discount d, String currency) {
        if (d == null) {
            return "";
        }
        return d.kind() == Discount.Kind.AMOUNT ? Money.of(d.value().longValueExact(), currency).plain()
                : d.value().stripTrailingZeros().toPlainString();
    }
}
