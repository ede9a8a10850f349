package org.fieldstone.web;

import jakarta.servlet.http.HttpServletResponse;
import org.fieldstone.shared.Conflict;
import org.fieldstone.shared.DomainException;
import org.fieldstone.shared.Forbidden;
import org.fieldstone.shared.InvalidInput;
import org.fieldstone.shared.NotFound;
import org.fieldstone.shared.TooManyRequests;
import org.fieldstone.shared.Unauthenticated;
import org.fieldstone.shared.VersionConflict;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;

/** Domain refusals in the dashboard become an error page with a clear message and the right status. */
@ControllerAdvice(annotations = Controller.class)
@Order(Ordered.LOWEST_PRECEDENCE)
class PageErrors {

    @ExceptionHandler(DomainException.class)
    String domain(DomainException e, Model model, HttpServletResponse response) {
        int status = switch (e) {
            case NotFound n -> 404;
            case Conflict c -> 409;
            case VersionConflict v -> 409;
            case Forbidden f -> 403;
            case InvalidInput i -> 400;
            case Unauthenticated u -> 401;
            case TooManyRequests t -> 429;
        };
        response.setStatus(status);
        model.addAttribute("status", status);
        model.addAttribute("message", e.getMessage());
        return "error";
    }
}
