package org.fieldstone.jobs.web;

import org.fieldstone.jobs.Jobs;
import org.fieldstone.pricing.Pricing;
import org.fieldstone.quotes.Quote;
import org.fieldstone.quotes.Quotes;
import org.fieldstone.shared.Actor;
import org.fieldstone.shared.Conflict;
import org.fieldstone.shared.InvalidInput;
import org.fieldstone.shared.Message;
import org.fieldstone.shared.Permission;
import org.fieldstone.shared.VersionConflict;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The quote page's "Convert to job" button posts here, because the job is made by the jobs module (which depends on
 * quotes, never the other way round): the approved quote becomes a job and the job's page is shown. A refusal (the
 * quote changed meanwhile, or is not approved) goes back to the quote's page, which shows its reason.
 */
@Controller
class QuoteConversionController {

    private final Quotes quotes;
    private final Jobs jobs;
    private final Pricing pricing;
    private final MessageSource messages;

    QuoteConversionController(Quotes quotes, Jobs jobs, Pricing pricing, MessageSource messages) {
        this.messages = messages;
        this.quotes = quotes;
        this.jobs = jobs;
        this.pricing = pricing;
    }

    @PostMapping("/c/{slug}/quotes/{id}/convert")
    String convert(Actor actor, @PathVariable String id, @RequestParam(required = false) Long version,
                   RedirectAttributes redirect) {
        actor.require(Permission.JOBS_WRITE);
        pricing.withMoneyPolicy(actor).require(Permission.QUOTES_WRITE);
        if (version == null) {
            throw new InvalidInput("version", Message.of("quotes.refused.form-version"));
        }
        try {
            Quote converted = quotes.convert(actor, id, version, quote -> jobs.createFromQuote(actor, quote).id());
            return "redirect:/c/{slug}/jobs/" + converted.jobId() + "?notice=converted";
        } catch (Conflict | VersionConflict e) {
            // the quote page shows "refusal" as its own refusals; the reason travels as a flash attribute
            redirect.addFlashAttribute("refusal", e.message(messages));
            return "redirect:/c/{slug}/quotes/" + id;
        }
    }
}
