package org.fieldstone.identity.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.time.Duration;
import org.fieldstone.identity.Operators;
import org.fieldstone.identity.Operators.SignedInOperator;
import org.fieldstone.identity.SupportAccess;
import org.fieldstone.shared.TooManyRequests;
import org.fieldstone.shared.Unauthenticated;
import org.fieldstone.tenancy.Companies;
import org.springframework.context.MessageSource;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseCookie;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.web.csrf.CsrfTokenRepository;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The platform operators' sign-in (password and TOTP code, always both) and home: the companies (address, name, status,
 * created — no business data) and the companies whose owners granted them support access, to enter. Other operator
 * pages (backups, incidents) add themselves to {@code operator/nav.html}.
 */
@Controller
class OperatorController {

    private final Operators operators;
    private final SupportAccess support;
    private final Companies companies;
    private final CsrfTokenRepository csrfTokens;
    private final MessageSource messages;

    OperatorController(Operators operators, SupportAccess support, Companies companies, CsrfTokenRepository csrfTokens,
                       MessageSource messages) {
        this.operators = operators;
        this.support = support;
        this.companies = companies;
        this.csrfTokens = csrfTokens;
        this.messages = messages;
    }

    @GetMapping("/operator/sign-in")
    String signInForm() {
        return "operator/sign-in";
    }

    @PostMapping("/operator/sign-in")
    String signIn(@RequestParam(defaultValue = "") String email, @RequestParam(defaultValue = "") String password,
                  @RequestParam(defaultValue = "") String code, HttpServletRequest request, HttpServletResponse response,
                  Model model) {
        try {
            String cookie = operators.signIn(email, password.toCharArray(), code, request.getRemoteAddr(),
                    request.getHeader("User-Agent"));
            // whatever operator session the browser held before ends; the CSRF token is renewed with the new session
            SessionCookieContextRepository.cookie(request, Operators.COOKIE).ifPresent(operators::signOut);
            csrfTokens.saveToken(null, request, response);
            response.addHeader(HttpHeaders.SET_COOKIE, cookie(cookie, null).toString());
            return "redirect:/operator";
        } catch (Unauthenticated e) {
            response.setStatus(e.pageStatus());
            model.addAttribute("error", e.message(messages));
        } catch (TooManyRequests e) {
            response.setStatus(e.pageStatus());
            response.setHeader(HttpHeaders.RETRY_AFTER, e.retryAfterSeconds());
            model.addAttribute("error", e.message(messages));
        }
        model.addAttribute("email", email);
        return "operator/sign-in";
    }

    @PostMapping("/operator/sign-out")
    String signOut(HttpServletRequest request, HttpServletResponse response) {
        SessionCookieContextRepository.cookie(request, Operators.COOKIE).ifPresent(operators::signOut);
        response.addHeader(HttpHeaders.SET_COOKIE, cookie("", Duration.ZERO).toString());
        return "redirect:/operator/sign-in";
    }

    @GetMapping("/operator")
    String home(@AuthenticationPrincipal SignedInOperator operator, Model model) {
        model.addAttribute("operator", operator);
        model.addAttribute("companies", companies.list());
        model.addAttribute("granted", support.grantedTo(operator));
        model.addAttribute("zone", java.time.ZoneOffset.UTC);
        return "operator/home";
    }

    @PostMapping("/operator/companies/{slug}/enter")
    String enter(@AuthenticationPrincipal SignedInOperator operator, @PathVariable String slug, HttpServletRequest request) {
        support.enter(operator, slug, request.getRemoteAddr(), request.getHeader("User-Agent"));
        return "redirect:/c/" + slug + "/";
    }

    @PostMapping("/operator/leave")
    String leave(@AuthenticationPrincipal SignedInOperator operator) {
        support.leave(operator);
        return "redirect:/operator";
    }

    static ResponseCookie cookie(String value, Duration maxAge) {
        var cookie = ResponseCookie.from(Operators.COOKIE, value).path("/").secure(true).httpOnly(true).sameSite("Strict");
        if (maxAge != null) {
            cookie.maxAge(maxAge);
        }
        return cookie.build();
    }
}
