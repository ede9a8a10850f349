package org.fieldstone.invoices.web;

import java.util.Optional;
import org.fieldstone.invoices.Invoice;
import org.fieldstone.invoices.InvoiceKind;
import org.fieldstone.invoices.InvoiceQuery;
import org.fieldstone.invoices.InvoiceStatus;
import org.fieldstone.invoices.Invoices;
import org.fieldstone.pricing.Pricing;
import org.fieldstone.shared.Actor;
import org.fieldstone.shared.Conflict;
import org.fieldstone.shared.Page;
import org.fieldstone.shared.Permission;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The job page's "Create invoice" and "Request deposit" buttons post here, because invoices depend on jobs (the job
 * page renders the buttons from the job's own status and deposit due). A draft invoice is made and shown; if the job
 * already has one of that kind (not void), that one is shown instead; a refusal goes back to the job page with its
 * reason (never leaving this POST address in the address bar).
 */
@Controller
class JobInvoiceController {

    private final Invoices invoices;
    private final Pricing pricing;
    private final MessageSource messages;

    JobInvoiceController(Invoices invoices, Pricing pricing, MessageSource messages) {
        this.messages = messages;
        this.invoices = invoices;
        this.pricing = pricing;
    }

    @PostMapping("/c/{slug}/jobs/{id}/invoice")
    String invoice(Actor actor, @PathVariable String id, @RequestParam(defaultValue = "INVOICE") String kind,
                   @RequestParam(required = false) String hourlyProductId, RedirectAttributes redirect) {
        pricing.withMoneyPolicy(actor).require(Permission.INVOICES_WRITE);
        InvoiceKind k = "DEPOSIT".equals(kind) ? InvoiceKind.DEPOSIT : InvoiceKind.INVOICE;
        Optional<Invoice> existing = invoices.list(actor, new InvoiceQuery(null, null, null, id, null, k),
                Page.request(0, Page.MAX_SIZE)).items().stream().filter(i -> i.status() != InvoiceStatus.VOID).findFirst();
        if (existing.isPresent()) {
            return "redirect:/c/{slug}/invoices/" + existing.get().id() + "?notice=existing";
        }
        try {
            Invoice created = invoices.invoiceJob(actor, id, k,
                    k == InvoiceKind.INVOICE && hourlyProductId != null && !hourlyProductId.isBlank() ? hourlyProductId : null);
            return "redirect:/c/{slug}/invoices/" + created.id() + "?notice=fromJob";
        } catch (org.fieldstone.shared.InvalidInput e) {
            redirect.addFlashAttribute("invoiceRefusal", e.message(messages));
            return "redirect:/c/{slug}/jobs/" + id;
        } catch (Conflict e) {
            // the job page shows "invoiceRefusal" above its buttons; the reason travels as a flash attribute
            redirect.addFlashAttribute("invoiceRefusal", e.message(messages));
            return "redirect:/c/{slug}/jobs/" + id;
        }
    }
}
