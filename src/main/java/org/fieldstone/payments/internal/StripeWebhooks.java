package org.fieldstone.payments.internal;

import com.stripe.exception.SignatureVerificationException;
import com.stripe.model.Charge;
import com.stripe.model.Dispute;
import com.stripe.model.Event;
import com.stripe.model.StripeObject;
import com.stripe.model.checkout.Session;
import com.stripe.net.Webhook;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.fieldstone.invoices.Invoices;
import org.fieldstone.shared.Actor;
import org.fieldstone.shared.Channel;
import org.fieldstone.shared.InvalidInput;
import org.fieldstone.shared.Message;
import org.fieldstone.shared.NotFound;
import org.fieldstone.shared.Role;
import org.fieldstone.tenancy.Changes;
import org.fieldstone.tenancy.Companies;
import org.fieldstone.tenancy.Company;
import org.fieldstone.tenancy.CompanyDatabase;
import org.fieldstone.tenancy.CompanyDatabases;
import org.fieldstone.tenancy.RecordStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.stereotype.Service;

/**
 * A company's Stripe webhook: the request is verified with the company's signing secret and a 300 s tolerance
 * ({@link Webhook#constructEvent}) before anything is read from it; the event is handled once, by its id, in one
 * transaction with the change it makes; the change is made by the company's system actor "stripe", through the same
 * {@link Invoices} as payments recorded by hand.
 *
 * <p>An event of another API version than stripe-java's ({@link com.stripe.Stripe#API_VERSION}) cannot be read safely
 * (its data object comes out empty): it is logged and answered 200 with nothing changed, and not marked handled, so
 * that it can be resent once the endpoint's version is fixed in Stripe (docs/decisions/0041).
 */
@Service
public class StripeWebhooks {

    private static final Logger log = LoggerFactory.getLogger(StripeWebhooks.class);
    /** Stripe's tolerance for the signature's timestamp, in seconds. */
    static final long TOLERANCE_SECONDS = 300;

    /** What became of a verified event. */
    public enum Outcome {
        /** Handled now. */
        HANDLED,
        /** Handled before (a replay): nothing changed. */
        REPLAY,
        /** Verified but nothing to do (an event type or state Fieldstone does not act on, another API version). */
        IGNORED
    }

    private final Companies companies;
    private final CompanyDatabases databases;
    private final StripeAccounts accounts;
    private final RecordStore store;
    private final Invoices invoices;

    StripeWebhooks(Companies companies, CompanyDatabases databases, StripeAccounts accounts, RecordStore store,
                   Invoices invoices) {
        this.companies = companies;
        this.databases = databases;
        this.accounts = accounts;
        this.store = store;
        this.invoices = invoices;
    }

    /**
     * Verifies and handles one webhook request of the company at {@code slug}.
     *
     * @throws NotFound     no active company has that address
     * @throws InvalidInput the request is not verified (no signature, a forged or stale one, another secret's) or
     *                      not an event
     */
    public Outcome handle(String slug, byte[] body, String signature, String ip) {
        Company company = companies.findBySlug(slug == null ? "" : slug).filter(Company::isActive)
                .orElseThrow(() -> new NotFound(Message.of("payments.thing.webhook")));
        Optional<String> secret = accounts.webhookSecret(company.id());
        if (signature == null || signature.isBlank() || secret.isEmpty()) {
            log.info("Stripe webhook of {} refused from {}: {}", slug, ip, secret.isEmpty() ? "no signing secret set"
                    : "no Stripe-Signature");
            throw unverified();
        }
        String payload = new String(body, StandardCharsets.UTF_8);
        Event event;
        try {
            event = Webhook.constructEvent(payload, signature, secret.get(), TOLERANCE_SECONDS);
        } catch (SignatureVerificationException e) {
            log.info("Stripe webhook of {} refused from {}: {}", slug, ip, e.getMessage());
            throw unverified();
        } catch (RuntimeException e) {
            // signed by the company's secret, but not an event (malformed JSON)
            log.info("Stripe webhook of {} refused from {}: not an event ({})", slug, ip, e.getClass().getSimpleName());
            throw new InvalidInput("body", Message.of("payments.webhook.malformed"));
        }
        if (event.getId() == null || event.getType() == null) {
            throw new InvalidInput("body", Message.of("payments.webhook.malformed"));
        }
        if (!handles(event.getType())) {
            return Outcome.IGNORED;
        }
        Optional<StripeObject> object = event.getDataObjectDeserializer().getObject();
        if (object.isEmpty()) {
            log.warn("Stripe event {} ({}) of {} has API version {}, not {}: ignored, nothing changed. Set the webhook"
                            + " endpoint's API version to {} in Stripe and resend the event.", event.getId(),
                    event.getType(), slug, event.getApiVersion(), com.stripe.Stripe.API_VERSION,
                    com.stripe.Stripe.API_VERSION);
            return Outcome.IGNORED;
        }
        Actor stripe = new Actor(company.id(), Optional.empty(), "stripe", Role.OWNER, Optional.empty(), Channel.SYSTEM,
                ip, "Stripe webhook");
        CompanyDatabase db = databases.of(company.id());
        if (handledBefore(db, event.getId())) {
            return Outcome.REPLAY;
        }
        try {
            return db.inTransaction(() -> {
                // first: a concurrent delivery of the same event waits here, then finds the id taken
                store.insert(stripe, event.getId(), Changes.of(StripeEventTables.STRIPE_EVENTS)
                        .set(StripeEventTables.TYPE, event.getType()).set(StripeEventTables.OBJECT_ID, objectId(object.get())),
                        "handled");
                act(stripe, company, event, object.get());
                return Outcome.HANDLED;
            });
        } catch (DataIntegrityViolationException e) {
            if (handledBefore(db, event.getId())) {
                return Outcome.REPLAY; // delivered twice at once: the other delivery handled it
            }
            throw e;
        }
    }

    static boolean handles(String type) {
        return org.fieldstone.payments.PaymentSettings.EVENTS.contains(type);
    }

    private void act(Actor stripe, Company company, Event event, StripeObject object) {
        switch (event.getType()) {
            case "checkout.session.completed", "checkout.session.async_payment_succeeded" -> {
                Session session = (Session) object;
                // completed with payment_status "unpaid": a delayed method; async_payment_succeeded follows
                if ("paid".equals(session.getPaymentStatus()) || "no_payment_required".equals(session.getPaymentStatus())) {
                    invoiceOf(company, session).ifPresent(invoiceId -> invoices.recordCardPayment(stripe, invoiceId,
                            new Invoices.CardPayment(session.getAmountTotal(), session.getCurrency(), session.getId(),
                                    session.getPaymentIntent(), null)));
                }
            }
            case "checkout.session.async_payment_failed" ->
                    invoiceOf(company, (Session) object).ifPresent(id -> invoices.noteCardFailure(stripe, id));
            case "charge.refunded" -> {
                Charge charge = (Charge) object;
                if (invoices.refundCardPayment(stripe, charge.getPaymentIntent(), charge.getId(),
                        charge.getAmountRefunded() == null ? 0 : charge.getAmountRefunded(),
                        Message.of("payments.refund.reason", charge.getId()).english()).isEmpty()) {
                    log.info("Stripe event {}: charge {} names no card payment of {} with anything to refund",
                            event.getId(), charge.getId(), company.slug());
                }
            }
            case "charge.dispute.created" -> {
                Dispute dispute = (Dispute) object;
                if (invoices.flagDispute(stripe, dispute.getPaymentIntent(), dispute.getCharge(), dispute.getId()).isEmpty()) {
                    log.warn("Stripe event {}: dispute {} names no card payment of {}", event.getId(), dispute.getId(),
                            company.slug());
                }
            }
            default -> {
            }
        }
    }

    /**
     * The invoice a Checkout Session was made for, when it is this company's: a session made elsewhere (another
     * integration on the same Stripe account) is none of Fieldstone's business and is only logged.
     */
    private Optional<String> invoiceOf(Company company, Session session) {
        var metadata = session.getMetadata();
        String invoiceId = metadata == null ? null : metadata.get(StripeCheckout.INVOICE_ID);
        String slug = metadata == null ? null : metadata.get(StripeCheckout.COMPANY);
        if (invoiceId == null || !company.slug().equals(slug)) {
            log.info("Checkout Session {} is not one of {}'s invoices: ignored", session.getId(), company.slug());
            return Optional.empty();
        }
        try {
            invoices.get(Actor.system(company.id(), Channel.SYSTEM), invoiceId);
            return Optional.of(invoiceId);
        } catch (NotFound e) {
            log.warn("Checkout Session {} names invoice {}, which {} does not have: ignored", session.getId(), invoiceId,
                    company.slug());
            return Optional.empty();
        }
    }

    private static String objectId(StripeObject object) {
        return switch (object) {
            case Session s -> s.getId();
            case Charge c -> c.getId();
            case Dispute d -> d.getId();
            default -> null;
        };
    }

    private static boolean handledBefore(CompanyDatabase db, String eventId) {
        return db.jdbc().sql("SELECT COUNT(*) FROM stripe_events WHERE id = :id").param("id", eventId)
                .query(Long.class).single() > 0;
    }

    private static InvalidInput unverified() {
        return new InvalidInput("Stripe-Signature", Message.of("payments.webhook.unverified"));
    }
}
