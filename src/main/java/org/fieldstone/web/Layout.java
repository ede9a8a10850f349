package org.fieldstone.web;

import org.fieldstone.identity.SignedIn;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

/** What the shared layout needs on every page: the signed-in user, if any. */
@ControllerAdvice
class Layout {

    @ModelAttribute("me")
    SignedIn me() {
        Authentication auth = SecurityContextHolder.getContext().getAuthentication();
        return auth != null && auth.getPrincipal() instanceof SignedIn s ? s : null;
    }
}
