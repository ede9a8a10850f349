package org.fieldstone.notifications.web;

import org.fieldstone.identity.SignedIn;
import org.fieldstone.notifications.internal.NotificationService;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

/** The signed-in member's unread in-app notifications, for the navigation (one indexed count per page). */
@ControllerAdvice(annotations = Controller.class)
class UnreadCount {

    private final NotificationService service;

    UnreadCount(NotificationService service) {
        this.service = service;
    }

    @ModelAttribute("unreadNotifications")
    Integer unread(jakarta.servlet.http.HttpServletRequest request) {
        if (!request.getRequestURI().startsWith(request.getContextPath() + "/c/")) {
            return null; // the API and the portal have no navigation
        }
        Authentication auth = SecurityContextHolder.getContext().getAuthentication();
        if (auth == null || !(auth.getPrincipal() instanceof SignedIn me) || me.userId() == null) {
            return null;
        }
        try {
            return service.unread(me.actor());
        } catch (RuntimeException e) {
            return null; // never let the count break a page
        }
    }
}
