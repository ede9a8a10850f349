package org.fieldstone.identity.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.fieldstone.shared.Message;
import org.springframework.context.MessageSource;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import tools.jackson.databind.json.JsonMapper;

/** problem+json answers written by security filters, before any controller runs. */
final class ProblemResponses {

    private final JsonMapper json = JsonMapper.builder().build();
    private final MessageSource messages;

    ProblemResponses(MessageSource messages) {
        this.messages = messages;
    }

    void unauthorized(HttpServletRequest request, HttpServletResponse response, Message detail) throws IOException {
        response.setHeader("WWW-Authenticate", "Bearer");
        write(request, response, HttpStatus.UNAUTHORIZED, detail);
    }

    /** {@code detail} in the request's locale (its {@code Accept-Language}): no controller has run to set one. */
    void write(HttpServletRequest request, HttpServletResponse response, HttpStatus status, Message detail)
            throws IOException {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail.resolve(messages, request.getLocale()));
        problem.setTitle(status.getReasonPhrase());
        response.setStatus(status.value());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        response.getWriter().write(json.writeValueAsString(problem));
    }
}
