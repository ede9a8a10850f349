package org.fieldstone.assistant.internal;

import static org.fieldstone.assistant.internal.ToolDefinition.reads;
import static org.fieldstone.assistant.internal.ToolDefinition.writes;

import java.util.List;
import java.util.Locale;
import org.fieldstone.assistant.internal.ToolOutput.MoneyJson;
import org.fieldstone.assistant.internal.ToolOutput.PageJson;
import org.fieldstone.clients.Clients;
import org.fieldstone.invoices.Invoice;
import org.fieldstone.invoices.InvoiceQuery;
import org.fieldstone.invoices.InvoiceStatus;
import org.fieldstone.invoices.Invoices;
import org.fieldstone.invoices.NewPayment;
import org.fieldstone.invoices.Payment;
import org.fieldstone.invoices.PaymentMethod;
import org.fieldstone.shared.Actor;
import org.fieldstone.shared.InvalidInput;
import org.fieldstone.shared.Message;
import org.fieldstone.shared.Money;
import org.fieldstone.shared.Permission;
import org.springframework.ai.tool.annotation.ToolParam;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * Invoices and the manual recording of a payment, through {@link Invoices} as the dashboard's invoice pages and their
 * Record payment form. Card payments online are recorded only by Stripe's webhook, never here.
 */
@Component
@Order(4)
class InvoiceTools implements ToolSet {

    private final Invoices invoices;
    private final Clients clients;

    InvoiceTools(Invoices invoices, Clients clients) {
        this.invoices = invoices;
        this.clients = clients;
    }

    record ListInvoices(
            @ToolParam(required = false, description = "Only invoices of this status") InvoiceStatus status,
            @ToolParam(required = false, description = "true: only overdue ones (open and past their due date)")
            Boolean overdue,
            @ToolParam(required = false, description = "Only this client's (clientId from find_clients)") String clientId,
            @ToolParam(required = false, description = "A number (INV-0042) or words of the title") String search,
            @ToolParam(required = false, description = "Page number, 0-based (default 0)") Integer page,
            @ToolParam(required = false, description = "Invoices per page, 1 to 50 (default 20)") Integer size) {
    }

    record GetInvoice(@ToolParam(description = "The invoice's id (invoiceId of list_invoices)") String invoiceId) {
    }

    /** The methods a person records by hand; CARD (online) is Stripe's alone. */
    enum ManualMethod { CASH, CHEQUE, BANK_TRANSFER, CARD_IN_PERSON, OTHER }

    record RecordPayment(
            @ToolParam(description = "The invoice's id") String invoiceId,
            @ToolParam(description = "Amount paid in minor units of the invoice's currency (e.g. cents: 12050 for "
                    + "120.50); more than 0") Long amount,
            @ToolParam(description = "How it was paid") ManualMethod method,
            @ToolParam(required = false, description = "When (ISO date); default today") String paidOn,
            @ToolParam(required = false, description = "E.g. the bank transfer's reference") String reference) {
    }

    record InvoiceSummary(String invoiceId, String number, String kind, String title, String status, boolean overdue,
                          String clientId, MoneyJson total, MoneyJson balance, String issuedOn, String dueOn,
                          long version) {
        static InvoiceSummary of(Invoice i) {
            return new InvoiceSummary(i.id(), i.number(), i.kind().name(), i.title(), i.status().name(), i.overdue(),
                    i.clientId(), MoneyJson.of(i.totals().total()), MoneyJson.of(i.balance()), ToolOutput.date(i.issuedOn()),
                    ToolOutput.date(i.dueOn()), i.version());
        }
    }

    record LineJson(String description, java.math.BigDecimal quantity, MoneyJson unitPrice) {
    }

    record PaymentJson(String paymentId, MoneyJson amount, String method, String paidOn, String reference) {
        static PaymentJson of(Payment p) {
            return new PaymentJson(p.id(), MoneyJson.of(p.amount()), p.method().name(), ToolOutput.date(p.paidOn()),
                    p.reference());
        }
    }

    record InvoiceJson(InvoiceSummary invoice, String client, String jobId, List<LineJson> lines, MoneyJson tax,
                       MoneyJson paid, List<PaymentJson> payments) {
    }

    record Recorded(PaymentJson payment, InvoiceSummary invoice) {
    }

    @Override
    public List<ToolDefinition<?>> definitions() {
        return List.of(
                reads("list_invoices", "Invoices",
                        "Lists invoices, newest first, optionally by status (DRAFT, SENT, PARTIALLY_PAID, PAID, VOID), "
                                + "only overdue ones, one client's, or matching a number or title: number, status, "
                                + "total and balance (minor units, currency and formatted), due date. Paged.",
                        ListInvoices.class, Permission.INVOICES_READ, this::list),
                reads("get_invoice", "Invoice",
                        "One invoice by id: number, status, client, lines, total, tax, paid, balance, due date and its "
                                + "payments.",
                        GetInvoice.class, Permission.INVOICES_READ, this::get),
                writes("record_payment", "Record payment",
                        "Records a payment received for a sent invoice (cash, cheque, bank transfer, card on a "
                                + "terminal, other); its status becomes partly paid or paid. Not for refunds.",
                        RecordPayment.class, Permission.PAYMENTS_RECORD, this::record, this::previewRecord));
    }

    PageJson<InvoiceSummary> list(Actor actor, ListInvoices args) {
        var request = ToolOutput.request(args.page(), args.size());
        InvoiceQuery query = new InvoiceQuery(args.status(), Boolean.TRUE.equals(args.overdue()) ? Boolean.TRUE : null,
                blankToNull(args.clientId()), null, blankToNull(args.search()));
        return PageJson.of(invoices.list(actor, query, request).map(InvoiceSummary::of));
    }

    InvoiceJson get(Actor actor, GetInvoice args) {
        Invoice i = invoices.get(actor, args.invoiceId().strip());
        return new InvoiceJson(InvoiceSummary.of(i), SeenClients.name(clients, actor, i.clientId()).orElse(null),
                i.jobId(), i.lines().stream().map(l -> new LineJson(l.description(), l.quantity(),
                        MoneyJson.of(Money.of(l.unitPrice(), i.currency())))).toList(),
                MoneyJson.of(i.totals().tax()), MoneyJson.of(i.paid()),
                invoices.payments(actor, i.id()).stream().map(PaymentJson::of).toList());
    }

    Recorded record(Actor actor, RecordPayment args) {
        positive(args.amount());
        Invoice invoice = invoices.get(actor, args.invoiceId().strip());
        Payment payment = invoices.recordPayment(actor, invoice.id(), new NewPayment(args.amount(),
                args.method().name(), blankToNull(args.paidOn()), blankToNull(args.reference()), null, null));
        return new Recorded(PaymentJson.of(payment), InvoiceSummary.of(invoices.get(actor, invoice.id())));
    }

    String previewRecord(Actor actor, RecordPayment args) {
        positive(args.amount());
        Invoice invoice = invoices.get(actor, args.invoiceId().strip());
        if (!invoice.status().isOpen()) {
            throw new org.fieldstone.shared.Conflict(Message.of("assistant.refused.invoice-not-open"));
        }
        String client = SeenClients.name(clients, actor, invoice.clientId()).map(n -> " of " + n).orElse("");
        return "Record a payment of " + Money.of(args.amount(), invoice.currency()).format(Locale.ENGLISH) + " ("
                + args.method().name().toLowerCase(Locale.ROOT).replace('_', ' ') + ") for invoice "
                + (invoice.number() == null ? "" : invoice.number() + " ") + "\"" + invoice.title() + "\"" + client
                + " (balance " + invoice.balance().format(Locale.ENGLISH) + ").";
    }

    private static void positive(Long amount) {
        if (amount == null || amount <= 0) {
            throw new InvalidInput("amount", Message.of("assistant.refused.payment-amount"));
        }
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }

    static PaymentMethod method(ManualMethod m) {
        return PaymentMethod.valueOf(m.name());
    }
}
