package org.fieldstone.payments.internal;

import com.stripe.exception.StripeException;
import com.stripe.model.checkout.Session;
import com.stripe.param.checkout.SessionCreateParams;
import java.net.URI;
import java.util.Locale;
import org.fieldstone.invoices.Invoice;
import org.fieldstone.invoices.InvoiceKind;
import org.fieldstone.invoices.Invoices;
import org.fieldstone.payments.CardPayments;
import org.fieldstone.shared.Actor;
import org.fieldstone.shared.Conflict;
import org.fieldstone.shared.Message;
import org.fieldstone.shared.Money;
import org.fieldstone.shared.TenantId;
import org.fieldstone.tenancy.Companies;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/**
 * {@link CardPayments} through Stripe Checkout with the company's own account: one Checkout Session (mode payment) of
 * one line — what is still due — in the invoice's currency, the invoice's number as the client reference and in the
 * description, and metadata naming the invoice and the company so the webhook finds them. Nothing is recorded here:
 * only Stripe's signed webhook records a payment ({@link StripeWebhooks}).
 */
@Service
class StripeCheckout implements CardPayments {

    private static final Logger log = LoggerFactory.getLogger(StripeCheckout.class);
    static final String INVOICE_ID = "fieldstone_invoice_id";
    static final String COMPANY = "fieldstone_company";

    private final StripeAccounts accounts;
    private final Invoices invoices;
    private final Companies companies;

    StripeCheckout(StripeAccounts accounts, Invoices invoices, Companies companies) {
        this.accounts = accounts;
        this.invoices = invoices;
        this.companies = companies;
    }

    @Override
    public boolean accepting(TenantId tenant) {
        return accounts.off(tenant).isEmpty();
    }

    @Override
    public Checkout checkoutInvoice(Actor actor, String invoiceId, URI successUrl, URI cancelUrl) {
        Invoice invoice = invoices.get(actor, invoiceId); // another company's or an unknown id: NotFound
        requireAccepting(actor.tenant());
        if (invoice.kind() == InvoiceKind.CREDIT_NOTE || !invoice.status().isOpen() || !invoice.balance().isPositive()) {
            throw new Conflict(Message.of("payments.refused.nothing-due", invoice.number() == null ? "" : invoice.number()));
        }
        Money due = invoice.balance();
        String reference = invoice.number();
        String description = Message.of(invoice.kind() == InvoiceKind.DEPOSIT ? "payments.checkout.deposit"
                : "payments.checkout.invoice", reference).english();
        String company = companies.find(actor.tenant()).orElseThrow().slug();
        SessionCreateParams params = SessionCreateParams.builder()
                .setMode(SessionCreateParams.Mode.PAYMENT)
                .setSuccessUrl(stripeTemplate(successUrl))
                .setCancelUrl(cancelUrl.toString())
                .setClientReferenceId(reference)
                .putMetadata(INVOICE_ID, invoice.id())
                .putMetadata(COMPANY, company)
                .setPaymentIntentData(SessionCreateParams.PaymentIntentData.builder().setDescription(description)
                        .putMetadata(INVOICE_ID, invoice.id()).putMetadata(COMPANY, company).build())
                .addLineItem(SessionCreateParams.LineItem.builder().setQuantity(1L)
                        .setPriceData(SessionCreateParams.LineItem.PriceData.builder()
                                .setCurrency(due.currency().toLowerCase(Locale.ROOT))
                                .setUnitAmount(due.amount())
                                .setProductData(SessionCreateParams.LineItem.PriceData.ProductData.builder()
                                        .setName(description).build())
                                .build())
                        .build())
                .build();
        try {
            Session session = accounts.client(actor.tenant()).v1().checkout().sessions().create(params);
            log.info("Checkout Session {} for invoice {} of company {} ({} {})", session.getId(), invoice.id(), company,
                    due.amount(), due.currency());
            return new Checkout(session.getId(), URI.create(session.getUrl()), due, invoice.id());
        } catch (StripeException e) {
            // Stripe's message may name the account's setup, never a customer's data: logged, not shown
            log.warn("Stripe refused a Checkout Session for invoice {} of company {}: {} ({})", invoice.id(), company,
                    e.getMessage(), e.getStatusCode());
            throw new Conflict(Message.of("payments.refused.stripe"));
        }
    }

    @Override
    public Checkout checkoutDeposit(Actor actor, String quoteId, URI successUrl, URI cancelUrl) {
        requireAccepting(actor.tenant());
        Invoice deposit = invoices.quoteDeposit(actor, quoteId);
        return checkoutInvoice(actor, deposit.id(), successUrl, cancelUrl);
    }

    /**
     * The URL as Stripe takes it: a {@link URI} cannot hold {@code {CHECKOUT_SESSION_ID}} but percent-encoded, and
     * Stripe fills in only the literal braces.
     */
    static String stripeTemplate(URI url) {
        return url.toString().replace("%7BCHECKOUT_SESSION_ID%7D", "{CHECKOUT_SESSION_ID}")
                .replace("%7bCHECKOUT_SESSION_ID%7d", "{CHECKOUT_SESSION_ID}");
    }

    private void requireAccepting(TenantId tenant) {
        accounts.off(tenant).ifPresent(why -> {
            throw new Conflict(Message.of("payments.refused.off." + why));
        });
    }
}
