package org.fieldstone.payments.internal;

import org.fieldstone.shared.Permission;
import org.fieldstone.tenancy.Column;
import org.fieldstone.tenancy.RecordType;

/** The payments module's table: the Stripe events a company handled, by Stripe's event id (the row's id). */
final class StripeEventTables {

    static final Column<String> TYPE = Column.of("type", String.class);
    /** The id of the object the event is about (a Checkout Session, a Charge, a Dispute): Stripe's, no card data. */
    static final Column<String> OBJECT_ID = Column.of("object_id", String.class);

    static final RecordType STRIPE_EVENTS = RecordType.of("stripe_events", "stripe_event", Permission.PAYMENTS_RECORD,
            null, TYPE, OBJECT_ID);

    private StripeEventTables() {
    }
}
