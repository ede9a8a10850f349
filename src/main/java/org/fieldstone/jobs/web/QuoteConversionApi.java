package org.fieldstone.jobs.web;

import static org.fieldstone.shared.api.VersionTags.expectedVersion;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import org.fieldstone.jobs.Job;
import org.fieldstone.jobs.Jobs;
import org.fieldstone.pricing.Pricing;
import org.fieldstone.quotes.Quote;
import org.fieldstone.quotes.Quotes;
import org.fieldstone.shared.Actor;
import org.fieldstone.shared.Permission;
import org.fieldstone.shared.api.ApiResponses;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /api/v1/quotes/{id}/actions/convert}: an approved quote becomes a job, here because the job is made by
 * the jobs module (which depends on quotes, never the other way round). The quote and the new job are written in one
 * transaction; the answer is the job (201, its address in {@code Location}). If-Match is the quote's version.
 */
@RestController
@SecurityRequirement(name = "apiKey")
class QuoteConversionApi {

    private final Quotes quotes;
    private final Jobs jobs;
    private final Pricing pricing;

    QuoteConversionApi(Quotes quotes, Jobs jobs, Pricing pricing) {
        this.quotes = quotes;
        this.jobs = jobs;
        this.pricing = pricing;
    }

    @Operation(summary = "Convert an approved quote into a draft job with the lines the customer chose, the quote's "
            + "discount and its deposit due; the quote becomes CONVERTED (If-Match: the quote's version; quotes:write "
            + "and jobs:write); 201 with the job")
    @PostMapping("/api/v1/quotes/{id}/actions/convert")
    ResponseEntity<JobsApi.JobJson> convert(Actor actor, @PathVariable String id,
                                            @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch) {
        actor.require(Permission.JOBS_WRITE);
        long version = expectedVersion(pricing.withMoneyPolicy(actor), Permission.QUOTES_WRITE, ifMatch,
                () -> quotes.get(actor, id));
        Quote converted = quotes.convert(actor, id, version, quote -> jobs.createFromQuote(actor, quote).id());
        Job job = jobs.get(actor, converted.jobId());
        return ApiResponses.created("/api/v1/jobs", job, JobsApi.JobJson::of);
    }
}
