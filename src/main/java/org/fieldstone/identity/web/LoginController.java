package org.fieldstone.identity.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.time.Duration;
import org.fieldstone.identity.Accounts;
import org.fieldstone.identity.MultiFactor;
import org.fieldstone.identity.Operators;
import org.fieldstone.identity.Sessions;
import org.fieldstone.identity.SupportAccess;
import org.fieldstone.identity.SignIn;
import org.fieldstone.shared.InvalidInput;
import org.fieldstone.shared.Message;
import org.fieldstone.shared.NotFound;
import org.fieldstone.shared.TooManyRequests;
import org.fieldstone.shared.Unauthenticated;
import org.fieldstone.tenancy.Companies;
import org.fieldstone.tenancy.Company;
import org.springframework.context.MessageSource;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseCookie;
import org.springframework.security.web.csrf.CsrfTokenRepository;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** Sign in, sign out, and setting a password from an invitation link. */
@Controller
class LoginController {

    private final Companies companies;
    private final SignIn signIn;
    private final Sessions sessions;
    private final Accounts accounts;
    private final CsrfTokenRepository csrfTokens;
    private final MessageSource messages;
    private final Operators operators;
    private final SupportAccess support;

    LoginController(Companies companies, SignIn signIn, Sessions sessions, Accounts accounts, CsrfTokenRepository csrfTokens,
                    MessageSource messages, Operators operators, SupportAccess support) {
        this.operators = operators;
        this.support = support;
        this.messages = messages;
        this.companies = companies;
        this.signIn = signIn;
        this.sessions = sessions;
        this.accounts = accounts;
        this.csrfTokens = csrfTokens;
    }

    @GetMapping("/c/{slug}/login")
    String form(@PathVariable String slug, @RequestParam(required = false) String notice, Model model) {
        model.addAttribute("company", activeCompany(slug));
        model.addAttribute("notice", Notices.key(notice));
        return "identity/login";
    }

    @PostMapping("/c/{slug}/login")
    String login(@PathVariable String slug, @RequestParam(defaultValue = "") String email,
                 @RequestParam(defaultValue = "") String password, HttpServletRequest request,
                 HttpServletResponse response, Model model) {
        Company company = activeCompany(slug);
        try {
            SignIn.Outcome outcome = signIn.signIn(company.slug(), email, password.toCharArray(), request.getRemoteAddr(),
                    request.getHeader("User-Agent"));
            // whatever session the browser held before ends; the CSRF token is renewed with the new session
            SessionCookieContextRepository.cookie(request, Sessions.COOKIE)
                    .ifPresent(old -> sessions.close(old, false, request.getRemoteAddr(), request.getHeader("User-Agent")));
            csrfTokens.saveToken(null, request, response);
            return switch (outcome) {
                case SignIn.SessionOpened opened -> {
                    response.addHeader(HttpHeaders.SET_COOKIE, sessionCookie(opened.cookie(), null).toString());
                    response.addHeader(HttpHeaders.SET_COOKIE, challengeCookie("", Duration.ZERO).toString());
                    yield AfterSignIn.next(company.slug(), request, response);
                }
                // the password alone opens no session: a short-lived challenge for the second step, which grants nothing else
                case SignIn.CodeRequired code -> {
                    pending(response, code.challenge());
                    yield "redirect:/c/" + company.slug() + "/login/mfa";
                }
                case SignIn.EnrolmentRequired enrol -> {
                    pending(response, enrol.challenge());
                    yield "redirect:/c/" + company.slug() + "/login/mfa/enrol";
                }
            };
        } catch (Unauthenticated e) {
            response.setStatus(e.pageStatus());
            model.addAttribute("error", e.message(messages));
        } catch (TooManyRequests e) {
            response.setStatus(e.pageStatus());
            response.setHeader(HttpHeaders.RETRY_AFTER, e.retryAfterSeconds());
            model.addAttribute("error", e.message(messages));
        }
        model.addAttribute("company", company);
        model.addAttribute("email", email);
        return "identity/login";
    }

    @PostMapping("/c/{slug}/logout")
    String logout(@PathVariable String slug, HttpServletRequest request, HttpServletResponse response) {
        // an operator inside the company under a support grant leaves it and goes back to the operator pages
        if (org.springframework.security.core.context.SecurityContextHolder.getContext().getAuthentication() != null
                && org.springframework.security.core.context.SecurityContextHolder.getContext().getAuthentication()
                        .getPrincipal() instanceof org.fieldstone.identity.SignedIn me
                && me.channel() == org.fieldstone.shared.Channel.SUPPORT) {
            SessionCookieContextRepository.cookie(request, Operators.COOKIE).flatMap(operators::resolve)
                    .ifPresent(support::leave);
            return "redirect:/operator";
        }
        SessionCookieContextRepository.cookie(request, Sessions.COOKIE)
                .ifPresent(cookie -> sessions.close(cookie, true, request.getRemoteAddr(), request.getHeader("User-Agent")));
        response.addHeader(HttpHeaders.SET_COOKIE, sessionCookie("", Duration.ZERO).toString());
        return "redirect:/c/" + slug + "/login?notice=signedOut";
    }

    @GetMapping("/c/{slug}/invite/{token}")
    String invitation(@PathVariable String slug, @PathVariable String token, Model model, HttpServletResponse response) {
        Company company = activeCompany(slug);
        model.addAttribute("company", company);
        model.addAttribute("token", token);
        if (!accounts.invitationValid(company.id(), token)) {
            response.setStatus(404);
            model.addAttribute("expired", true);
        }
        return "identity/invitation";
    }

    @PostMapping("/c/{slug}/invite/{token}")
    String acceptInvitation(@PathVariable String slug, @PathVariable String token,
                            @RequestParam(defaultValue = "") String password,
                            @RequestParam(defaultValue = "") String confirm, Model model, HttpServletResponse response) {
        Company company = activeCompany(slug);
        model.addAttribute("company", company);
        model.addAttribute("token", token);
        try {
            if (!password.equals(confirm)) {
                throw new InvalidInput("confirm", Message.of("identity.refused.passwords-differ"));
            }
            accounts.acceptInvitation(company.id(), token, password.toCharArray());
            return "redirect:/c/" + company.slug() + "/login?notice=passwordSet";
        } catch (InvalidInput e) {
            response.setStatus(e.pageStatus());
            model.addAttribute("errors", e.fieldErrors(messages));
        } catch (NotFound e) {
            response.setStatus(e.pageStatus());
            model.addAttribute("expired", true);
        }
        return "identity/invitation";
    }

    private Company activeCompany(String slug) {
        return companies.findBySlug(slug).filter(Company::isActive).orElseThrow(() -> new NotFound(Message.of("identity.thing.company")));
    }

    private static void pending(HttpServletResponse response, String challenge) {
        response.addHeader(HttpHeaders.SET_COOKIE, sessionCookie("", Duration.ZERO).toString());
        response.addHeader(HttpHeaders.SET_COOKIE, challengeCookie(challenge, CHALLENGE_LIFETIME).toString());
    }

    /** A little longer than the challenge itself lives on the server, which is what counts. */
    static final Duration CHALLENGE_LIFETIME = Duration.ofMinutes(6);

    static ResponseCookie challengeCookie(String value, Duration maxAge) {
        return ResponseCookie.from(MultiFactor.CHALLENGE_COOKIE, value).path("/").secure(true).httpOnly(true)
                .sameSite("Lax").maxAge(maxAge).build();
    }

    static ResponseCookie sessionCookie(String value, Duration maxAge) {
        var cookie = ResponseCookie.from(Sessions.COOKIE, value).path("/").secure(true).httpOnly(true).sameSite("Lax");
        if (maxAge != null) {
            cookie.maxAge(maxAge);
        }
        return cookie.build();
    }
}
