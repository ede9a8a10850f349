package org.fieldstone.invoices.web;

import static org.fieldstone.shared.web.FormText.blank;
import static org.fieldstone.shared.web.FormText.text;

import org.fieldstone.invoices.Invoice;
import org.fieldstone.pricing.Discount;
import org.fieldstone.pricing.TypedDiscount;
import org.fieldstone.shared.InvalidInput;
import org.fieldstone.shared.Message;

/**
 * The invoice editor as submitted, without its lines ({@link org.fieldstone.pricing.TypedLine}): the discount and the
 * deposit each as a kind and a value ({@link TypedDiscount}), the payment terms in days (blank: the company's). Only
 * these fields are bound.
 */
record InvoiceForm(String clientId, String propertyId, String title, String terms, String notes,
                   String paymentTermsDays, String discountKind, String discount, String depositKind, String deposit,
                   Long version) {

    static InvoiceForm empty() {
        return new InvoiceForm("", "", "", "", "", "", "percent", "", "percent", "", null);
    }

    static InvoiceForm of(Invoice i) {
        return new InvoiceForm(i.clientId(), text(i.propertyId()), i.title(), text(i.terms()), text(i.notes()),
                String.valueOf(i.paymentTermsDays()), TypedDiscount.kind(i.discount()),
                TypedDiscount.value(i.discount(), i.currency()), TypedDiscount.kind(i.deposit()),
                TypedDiscount.value(i.deposit(), i.currency()), i.version());
    }

    InvoiceForm withClient(String client, String property) {
        return new InvoiceForm(text(client), text(property), title, terms, notes, paymentTermsDays, discountKind, discount,
                depositKind, deposit, version);
    }

    InvoiceForm withClient(String client) {
        return new InvoiceForm(text(client), propertyId, title, terms, notes, paymentTermsDays, discountKind, discount,
                depositKind, deposit, version);
    }

    InvoiceForm atVersion(long newVersion) {
        return new InvoiceForm(clientId, propertyId, title, terms, notes, paymentTermsDays, discountKind, discount,
                depositKind, deposit, newVersion);
    }

    Discount discount(String currency) {
        return TypedDiscount.read("discount", discountKind, discount, currency);
    }

    Discount deposit(String currency) {
        return TypedDiscount.read("deposit", depositKind, deposit, currency);
    }

    /** The payment terms typed, or null for the company's; what is not a whole number is refused on the field. */
    Integer days() {
        if (blank(paymentTermsDays)) {
            return null;
        }
        try {
            return Integer.valueOf(paymentTermsDays.strip());
        } catch (NumberFormatException e) {
            throw new InvalidInput("paymentTermsDays", Message.of("invoices.refused.terms-days", 365));
        }
    }
}
