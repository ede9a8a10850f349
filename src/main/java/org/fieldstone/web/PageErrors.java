package org.fieldstone.web;

import jakarta.servlet.http.HttpServletResponse;
import java.util.Locale;
import org.fieldstone.shared.DomainException;
import org.springframework.context.MessageSource;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;

/**
 * Domain refusals in the dashboard become an error page with a clear message and the status the refusal names
 * ({@link DomainException#pageStatus()}: the API's, except 409 for a stale version).
 */
@ControllerAdvice(annotations = Controller.class)
@Order(Ordered.LOWEST_PRECEDENCE)
class PageErrors {

    private final MessageSource messages;

    PageErrors(MessageSource messages) {
        this.messages = messages;
    }

    /** The refusal's message in the request's locale ({@code messages.properties}). */
    @ExceptionHandler(DomainException.class)
    String domain(DomainException e, Locale locale, Model model, HttpServletResponse response) {
        int status = e.pageStatus();
        response.setStatus(status);
        model.addAttribute("status", status);
        model.addAttribute("message", e.message(messages, locale));
        return "error";
    }
}
