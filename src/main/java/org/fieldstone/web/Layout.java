package org.fieldstone.web;

import jakarta.servlet.http.HttpServletRequest;
import org.fieldstone.identity.SignedIn;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

/**
 * What the shared layout needs on every page: the signed-in user, if any, and which navigation item the page belongs
 * to, so that item is marked {@code aria-current="page"} (screen readers say "current page", the eye sees it
 * underlined).
 */
@ControllerAdvice
class Layout {

    @ModelAttribute("me")
    SignedIn me() {
        Authentication auth = SecurityContextHolder.getContext().getAuthentication();
        return auth != null && auth.getPrincipal() instanceof SignedIn s ? s : null;
    }

    /** The navigation item of the page: see {@link #section(String)}. */
    @ModelAttribute("navCurrent")
    String navCurrent(HttpServletRequest request) {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        return section(path);
    }

    /**
     * The navigation item a company page's path belongs to: {@code home, myday, schedule, jobs, clients, quotes,
     * invoices, reports, settings, account} — or {@code ""} outside a company's pages. The audit log, the team and
     * API keys count as settings, as the navigation groups them.
     */
    static String section(String path) {
        String[] parts = path.split("/", -1);
        if (parts.length < 3 || !"c".equals(parts[1])) {
            return "";
        }
        String first = parts.length > 3 ? parts[3] : "";
        String second = parts.length > 4 ? parts[4] : "";
        return switch (first) {
            case "" -> "home";
            case "my-day" -> "myday";
            case "schedule" -> "subscription".equals(second) ? "account" : "schedule";
            case "jobs", "clients", "quotes", "invoices", "assistant" -> first;
            case "inventory" -> "van".equals(second) ? "myday" : "inventory";
            case "reports" -> "audit-log".equals(second) ? "settings" : "reports";
            case "settings", "team" -> "settings";
            case "account" -> "api-keys".equals(second) ? "settings" : "account";
            default -> "";
        };
    }
}
