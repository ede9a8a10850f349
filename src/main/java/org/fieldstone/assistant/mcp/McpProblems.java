package org.fieldstone.assistant.mcp;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.fieldstone.shared.Message;
import org.springframework.context.MessageSource;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import tools.jackson.databind.json.JsonMapper;

/** problem+json refusals of the MCP endpoint, written before the SDK runs; in the request's locale. */
final class McpProblems {

    private final JsonMapper json = JsonMapper.builder().build();
    private final MessageSource messages;

    McpProblems(MessageSource messages) {
        this.messages = messages;
    }

    void write(HttpServletRequest request, HttpServletResponse response, HttpStatus status, String challenge,
               Message detail) throws IOException {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail.resolve(messages, request.getLocale()));
        problem.setTitle(status.getReasonPhrase());
        if (challenge != null) {
            response.setHeader("WWW-Authenticate", challenge);
        }
        response.setStatus(status.value());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        response.getWriter().write(json.writeValueAsString(problem));
    }
}
