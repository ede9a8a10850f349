package org.fieldstone.web;

import org.fieldstone.shared.Conflict;
import org.fieldstone.shared.DomainException;
import org.fieldstone.shared.InvalidInput;
import org.fieldstone.shared.Message;
import org.fieldstone.shared.TooManyRequests;
import org.fieldstone.shared.VersionConflict;
import org.fieldstone.shared.api.VersionTags;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import java.util.Locale;
import org.springframework.context.MessageSource;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;
import tools.jackson.databind.exc.UnrecognizedPropertyException;

/**
 * Every API error is RFC 9457 problem+json. Domain refusals are mapped once here; unexpected failures
 * answer 500 with no detail (the log has it).
 */
@RestControllerAdvice(annotations = RestController.class)
@Order(Ordered.HIGHEST_PRECEDENCE)
class ApiProblems extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ApiProblems.class);

    private final MessageSource messages;

    ApiProblems(MessageSource messages) {
        this.messages = messages;
    }

    /** The refusal's message and each field's, in the request's locale ({@code messages.properties}). */
    @ExceptionHandler(DomainException.class)
    ResponseEntity<ProblemDetail> domain(DomainException e, Locale locale) {
        HttpStatus status = HttpStatus.valueOf(e.status());
        ProblemDetail problem = problem(status, e.message(messages, locale));
        if (e instanceof InvalidInput invalid) {
            problem.setProperty("errors", invalid.fieldErrors(messages, locale));
        }
        if (e instanceof VersionConflict v) {
            problem.setProperty("currentVersion", v.currentVersion());
        }
        if (e instanceof Conflict c && !c.reasons().isEmpty()) {
            problem.setProperty("reasons", c.reasons());
        }
        var response = ResponseEntity.status(status).contentType(MediaType.APPLICATION_PROBLEM_JSON);
        if (e instanceof TooManyRequests t) {
            response.header(HttpHeaders.RETRY_AFTER, t.retryAfterSeconds());
        }
        return response.body(problem);
    }

    /** A change sent without {@code If-Match}: 428, so that nobody overwrites a change they have not seen. */
    @ExceptionHandler(VersionTags.PreconditionRequired.class)
    ResponseEntity<ProblemDetail> preconditionRequired(VersionTags.PreconditionRequired e) {
        return ResponseEntity.status(HttpStatus.PRECONDITION_REQUIRED).contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(problem(HttpStatus.PRECONDITION_REQUIRED, e.getMessage()));
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<ProblemDetail> unexpected(Exception e, Locale locale) {
        if (databaseBusy(e)) {
            // every database connection of this node was in use for the whole connection timeout (decision 0066)
            log.warn("No database connection within the timeout: {}", e.toString());
            return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE).contentType(MediaType.APPLICATION_PROBLEM_JSON)
                    .header(HttpHeaders.RETRY_AFTER, "5")
                    .body(problem(HttpStatus.SERVICE_UNAVAILABLE, Message.of("api.problem.busy").resolve(messages, locale)));
        }
        log.error("Unexpected failure in an API request", e);
        return ResponseEntity.status(HttpStatus.INTERNAL_SERVER_ERROR).contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(problem(HttpStatus.INTERNAL_SERVER_ERROR,
                        Message.of("api.problem.unexpected").resolve(messages, locale)));
    }

    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException e, HttpHeaders headers,
                                                                  HttpStatusCode status, WebRequest request) {
        if (RequestSizeLimit.causedBy(e)) {
            return ResponseEntity.status(HttpStatus.CONTENT_TOO_LARGE).contentType(MediaType.APPLICATION_PROBLEM_JSON)
                    .body(problem(HttpStatus.CONTENT_TOO_LARGE,
                            RequestSizeLimit.MESSAGE.resolve(messages, request.getLocale())));
        }
        Throwable cause = e.getMostSpecificCause();
        Message detail = cause instanceof UnrecognizedPropertyException unknown
                ? Message.of("api.json.unknown", unknown.getPropertyName())
                : Message.of("api.problem.unreadable");
        return ResponseEntity.badRequest().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(problem(HttpStatus.BAD_REQUEST, detail.resolve(messages, request.getLocale())));
    }

    /** The connection budget was spent for the whole wait (a transient condition: try again shortly). */
    static boolean databaseBusy(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof java.sql.SQLTransientConnectionException) {
                return true;
            }
        }
        return false;
    }

    static ProblemDetail problem(HttpStatus status, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setTitle(status.getReasonPhrase());
        return problem;
    }
}
