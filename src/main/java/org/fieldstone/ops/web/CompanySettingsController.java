package org.fieldstone.ops.web;

import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import org.fieldstone.identity.Reauthentication;
import org.fieldstone.identity.Sessions;
import org.fieldstone.shared.Actor;
import org.fieldstone.shared.InvalidInput;
import org.fieldstone.shared.Message;
import org.fieldstone.shared.NotFound;
import org.fieldstone.shared.Permission;
import org.fieldstone.shared.TooManyRequests;
import org.fieldstone.tenancy.Companies;
import org.fieldstone.tenancy.Company;
import org.fieldstone.tenancy.CompanyExports;
import org.springframework.context.MessageSource;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseCookie;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * Settings → Company, for owners: download an export of all the company's data, and delete the company (the
 * owner's password and the company's address typed again; then the owner is signed out and told when the data
 * will be destroyed). Every refusal comes from the services: other roles are answered 403.
 */
@Controller
class CompanySettingsController {

    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("d MMMM yyyy, HH:mm (zzz)", Locale.ENGLISH);

    private final Companies companies;
    private final CompanyExports exports;
    private final Reauthentication reauthentication;
    private final Sessions sessions;
    private final MessageSource messages;

    CompanySettingsController(Companies companies, CompanyExports exports, Reauthentication reauthentication,
                              Sessions sessions, MessageSource messages) {
        this.messages = messages;
        this.companies = companies;
        this.exports = exports;
        this.reauthentication = reauthentication;
        this.sessions = sessions;
    }

    @GetMapping("/c/{slug}/settings/company")
    String page(Actor actor, Model model) {
        actor.require(Permission.COMPANY_DELETE);
        return render(actor, model);
    }

    /** The export as a download, streamed as it is written; the services check {@code company:export} first. */
    @GetMapping("/c/{slug}/settings/company/export")
    void export(Actor actor, HttpServletResponse response) throws IOException {
        actor.require(Permission.COMPANY_EXPORT);
        String file = company(actor).slug() + "-export-" + LocalDate.now(ZoneOffset.UTC) + ".json";
        response.setContentType("application/json");
        response.setCharacterEncoding("UTF-8");
        response.setHeader(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment().filename(file).build().toString());
        exports.export(actor, response.getOutputStream());
    }

    @PostMapping("/c/{slug}/settings/company/delete")
    String delete(Actor actor, @RequestParam(defaultValue = "") String confirmSlug,
                  @RequestParam(defaultValue = "") String currentPassword, HttpServletRequest request,
                  HttpServletResponse response, Model model) {
        actor.require(Permission.COMPANY_DELETE);
        try {
            String slug = company(actor).slug();
            if (!slug.equals(confirmSlug.strip().toLowerCase(Locale.ROOT))) {
                throw new InvalidInput("confirmSlug", Message.of("ops.refused.confirm-slug", slug));
            }
            reauthentication.confirmPassword(actor, currentPassword.toCharArray());
        } catch (InvalidInput e) {
            response.setStatus(e.pageStatus());
            model.addAttribute("errors", e.fieldErrors(messages));
            return render(actor, model);
        } catch (TooManyRequests e) {
            response.setStatus(e.pageStatus());
            response.setHeader(HttpHeaders.RETRY_AFTER, e.retryAfterSeconds());
            model.addAttribute("error", e.message(messages));
            return render(actor, model);
        }
        Company deleted = companies.delete(company(actor).slug(), actor, companies.deletionGrace());
        signOut(request, response);
        model.addAttribute("me", null);
        model.addAttribute("companyName", deleted.name());
        model.addAttribute("destroyedAfter", DAY.format(deleted.deleteAfter().atZone(deleted.timeZone())));
        return "company/deleted";
    }

    private String render(Actor actor, Model model) {
        model.addAttribute("company", company(actor));
        model.addAttribute("graceDays", companies.deletionGrace().toDays());
        return "company/settings";
    }

    private Company company(Actor actor) {
        return companies.find(actor.tenant()).orElseThrow(() -> new NotFound(Message.of("ops.thing.company")));
    }

    /** Ends this session on the server and removes its cookie: the company is no longer served. */
    private void signOut(HttpServletRequest request, HttpServletResponse response) {
        Cookie[] cookies = request.getCookies();
        if (cookies != null) {
            for (Cookie c : cookies) {
                if (Sessions.COOKIE.equals(c.getName())) {
                    sessions.close(c.getValue(), true, request.getRemoteAddr(), request.getHeader("User-Agent"));
                }
            }
        }
        response.addHeader(HttpHeaders.SET_COOKIE, ResponseCookie.from(Sessions.COOKIE, "").path("/").secure(true)
                .httpOnly(true).sameSite("Lax").maxAge(Duration.ZERO).build().toString());
        SecurityContextHolder.clearContext();
    }
}
