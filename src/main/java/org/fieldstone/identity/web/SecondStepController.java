package org.fieldstone.identity.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.time.Duration;
import java.util.Optional;
import org.fieldstone.identity.MultiFactor;
import org.fieldstone.identity.MultiFactor.Pending;
import org.fieldstone.identity.MultiFactor.Purpose;
import org.fieldstone.shared.InvalidInput;
import org.fieldstone.shared.Message;
import org.fieldstone.shared.NotFound;
import org.fieldstone.shared.TooManyRequests;
import org.fieldstone.shared.Unauthenticated;
import org.fieldstone.tenancy.Companies;
import org.fieldstone.tenancy.Company;
import org.springframework.context.MessageSource;
import org.springframework.http.HttpHeaders;
import org.springframework.security.web.csrf.CsrfTokenRepository;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The second step of signing in, reached only with the challenge cookie a correct password left: enter a code (or a
 * recovery code), or — when the company requires two-step verification — set it up first. Nothing else accepts the
 * challenge; completing the step opens a new session and spends it.
 */
@Controller
class SecondStepController {

    private final Companies companies;
    private final MultiFactor mfa;
    private final CsrfTokenRepository csrfTokens;
    private final MessageSource messages;

    SecondStepController(Companies companies, MultiFactor mfa, CsrfTokenRepository csrfTokens, MessageSource messages) {
        this.messages = messages;
        this.companies = companies;
        this.mfa = mfa;
        this.csrfTokens = csrfTokens;
    }

    @GetMapping("/c/{slug}/login/mfa")
    String codeForm(@PathVariable String slug, HttpServletRequest request, Model model) {
        Company company = activeCompany(slug);
        Optional<Pending> pending = pending(company, request);
        if (pending.isEmpty()) {
            return expired(company);
        }
        if (pending.get().purpose() == Purpose.ENROL) {
            return "redirect:/c/" + company.slug() + "/login/mfa/enrol";
        }
        model.addAttribute("company", company);
        return "identity/login-mfa";
    }

    @PostMapping("/c/{slug}/login/mfa")
    String code(@PathVariable String slug, @RequestParam(defaultValue = "") String code, HttpServletRequest request,
                HttpServletResponse response, Model model) {
        Company company = activeCompany(slug);
        Optional<String> challenge = challenge(request);
        if (challenge.isEmpty() || pending(company, request).filter(p -> p.purpose() == Purpose.CODE).isEmpty()) {
            return expired(company);
        }
        try {
            String session = mfa.completeSignIn(company.slug(), challenge.get(), code.strip(), request.getRemoteAddr(),
                    request.getHeader("User-Agent"));
            signedIn(request, response, session);
            return AfterSignIn.next(company.slug(), request, response);
        } catch (Unauthenticated e) {
            response.setStatus(e.pageStatus());
            model.addAttribute("error", e.message(messages));
        } catch (TooManyRequests e) {
            response.setStatus(e.pageStatus());
            response.setHeader(HttpHeaders.RETRY_AFTER, e.retryAfterSeconds());
            model.addAttribute("error", e.message(messages));
        }
        model.addAttribute("company", company);
        return "identity/login-mfa";
    }

    @GetMapping("/c/{slug}/login/mfa/enrol")
    String enrolForm(@PathVariable String slug, HttpServletRequest request, Model model) {
        Company company = activeCompany(slug);
        if (pending(company, request).filter(p -> p.purpose() == Purpose.ENROL).isEmpty()) {
            return expired(company);
        }
        return enrolPage(company, challenge(request).orElseThrow(), model);
    }

    @PostMapping("/c/{slug}/login/mfa/enrol")
    String enrol(@PathVariable String slug, @RequestParam(defaultValue = "") String code, HttpServletRequest request,
                 HttpServletResponse response, Model model) {
        Company company = activeCompany(slug);
        if (pending(company, request).filter(p -> p.purpose() == Purpose.ENROL).isEmpty()) {
            return expired(company);
        }
        String challenge = challenge(request).orElseThrow();
        try {
            MultiFactor.Enrolled enrolled = mfa.confirmEnrolmentAtSignIn(company.slug(), challenge, code.strip(),
                    request.getRemoteAddr(), request.getHeader("User-Agent"));
            signedIn(request, response, enrolled.sessionCookie());
            model.addAttribute("codes", enrolled.recoveryCodes());
            // the dashboard, or the authorization request that sent the user to sign in
            model.addAttribute("continueTo", AfterSignIn.next(company.slug(), request, response).substring("redirect:".length()));
            model.addAttribute("enrolled", true);
            return "identity/mfa-codes";
        } catch (InvalidInput e) {
            response.setStatus(e.pageStatus());
            model.addAttribute("errors", e.fieldErrors(messages));
            return enrolPage(company, challenge, model);
        }
    }

    private String enrolPage(Company company, String challenge, Model model) {
        MultiFactor.Enrolment enrolment = mfa.startEnrolmentAtSignIn(company.slug(), challenge);
        model.addAttribute("company", company);
        model.addAttribute("atSignIn", true);
        EnrolmentView.addTo(model, enrolment, "/c/" + company.slug() + "/login/mfa/enrol");
        return "identity/mfa-enrol";
    }

    /** The challenge is spent and its cookie cleared; the new session's cookie and a new CSRF token take over. */
    private void signedIn(HttpServletRequest request, HttpServletResponse response, String session) {
        csrfTokens.saveToken(null, request, response);
        response.addHeader(HttpHeaders.SET_COOKIE, LoginController.sessionCookie(session, null).toString());
        response.addHeader(HttpHeaders.SET_COOKIE, LoginController.challengeCookie("", Duration.ZERO).toString());
    }

    private Optional<Pending> pending(Company company, HttpServletRequest request) {
        return challenge(request).flatMap(c -> mfa.pending(company.slug(), c));
    }

    private static Optional<String> challenge(HttpServletRequest request) {
        return SessionCookieContextRepository.cookie(request, MultiFactor.CHALLENGE_COOKIE);
    }

    private static String expired(Company company) {
        return "redirect:/c/" + company.slug() + "/login?notice=signInExpired";
    }

    private Company activeCompany(String slug) {
        return companies.findBySlug(slug).filter(Company::isActive).orElseThrow(() -> new NotFound(Message.of("identity.thing.company")));
    }
}
