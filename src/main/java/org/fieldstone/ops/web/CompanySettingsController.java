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
import java.util.Map;
import java.util.Set;
import org.fieldstone.identity.Reauthentication;
import org.fieldstone.pricing.Letterhead;
import org.fieldstone.pricing.Logo;
import org.fieldstone.pricing.Pricing;
import org.fieldstone.pricing.PricingSettings;
import org.fieldstone.shared.Conflict;
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
import org.fieldstone.tenancy.EncryptedExports;
import org.springframework.context.MessageSource;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseCookie;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;

/**
 * Settings → Company: who the company is on its quotes, invoices, PDFs and portal — its name (owners:
 * {@code company:rename}), the letterhead address and tax number, the logo, the currency and the default tax rate ({@code pricing:manage},
 * through the same pricing service calls as the API) — and, for owners, an export of all the company's data and the
 * deletion of the company (the owner's password and the company's address typed again; then the owner is signed out
 * and told when the data will be destroyed). Each form posts to its own address; a refusal is shown on the page
 * beside its field with what was typed, a success redirects back (post/redirect/get). Every refusal comes from the
 * services: a role that may change none of it is answered 403.
 */
@Controller
class CompanySettingsController {

    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("d MMMM yyyy, HH:mm (zzz)", Locale.ENGLISH);

    private final Companies companies;
    private final CompanyExports exports;
    private final Reauthentication reauthentication;
    private final Sessions sessions;
    private final MessageSource messages;
    private final Pricing pricing;

    CompanySettingsController(Companies companies, CompanyExports exports, Reauthentication reauthentication,
                              Sessions sessions, MessageSource messages, Pricing pricing) {
        this.messages = messages;
        this.pricing = pricing;
        this.companies = companies;
        this.exports = exports;
        this.reauthentication = reauthentication;
        this.sessions = sessions;
    }

    private static final Set<String> NOTICES = Set.of("renamed", "letterhead", "logo", "logo-removed", "currency",
            "default-tax-rate");

    @GetMapping("/c/{slug}/settings/company")
    String page(Actor actor, @RequestParam(required = false) String notice, Model model) {
        requireAny(actor);
        if (notice != null && NOTICES.contains(notice)) {
            model.addAttribute("notice", "company.notice." + notice);
        }
        return render(actor, model);
    }

    /** Renames the company if it still has the name the form was loaded with ({@code expectedName}). */
    @PostMapping("/c/{slug}/settings/company/name")
    String rename(Actor actor, @RequestParam(defaultValue = "") String name,
                  @RequestParam(defaultValue = "") String expectedName, Model model, HttpServletResponse response) {
        actor.require(Permission.COMPANY_RENAME);
        try {
            companies.rename(actor, expectedName, name);
            return "redirect:/c/{slug}/settings/company?notice=renamed#identity";
        } catch (InvalidInput e) {
            response.setStatus(e.pageStatus());
            model.addAttribute("typedName", name);
            model.addAttribute("errors", e.fieldErrors(messages));
            return render(actor, model);
        } catch (Conflict e) {
            response.setStatus(e.pageStatus());
            model.addAttribute("typedName", name);
            model.addAttribute("errors", Map.of("name", e.message(messages, org.springframework.context.i18n.LocaleContextHolder.getLocale())));
            return render(actor, model);
        }
    }

    /** The address and tax number printed on the company's documents. */
    @PostMapping("/c/{slug}/settings/company/letterhead")
    String saveLetterhead(Actor actor, @RequestParam(defaultValue = "") String address,
                          @RequestParam(defaultValue = "") String taxNumber, Model model, HttpServletResponse response) {
        actor.require(Permission.PRICING_MANAGE);
        try {
            pricing.updateLetterhead(actor, address, taxNumber);
            return "redirect:/c/{slug}/settings/company?notice=letterhead#letterhead";
        } catch (InvalidInput e) {
            response.setStatus(e.pageStatus());
            model.addAttribute("typedAddress", address);
            model.addAttribute("typedTaxNumber", taxNumber);
            model.addAttribute("errors", e.fieldErrors(messages));
            return render(actor, model);
        }
    }

    /** A new logo, uploaded as the file field {@code logo} of a {@code multipart/form-data} form. */
    @PostMapping(path = "/c/{slug}/settings/company/logo", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    String uploadLogo(Actor actor, @RequestParam(name = "logo", required = false) MultipartFile logo, Model model,
                      HttpServletResponse response) throws IOException {
        actor.require(Permission.PRICING_MANAGE);
        try {
            pricing.updateLogo(actor, logo == null ? new byte[0] : logo.getBytes());
            return "redirect:/c/{slug}/settings/company?notice=logo#logo";
        } catch (InvalidInput e) {
            response.setStatus(e.pageStatus());
            model.addAttribute("errors", e.fieldErrors(messages));
            return render(actor, model);
        }
    }

    @PostMapping("/c/{slug}/settings/company/logo/remove")
    String removeLogo(Actor actor) {
        actor.require(Permission.PRICING_MANAGE);
        pricing.removeLogo(actor);
        return "redirect:/c/{slug}/settings/company?notice=logo-removed#logo";
    }

    /** The currency of new quotes and invoices; whether prices include tax stays as Settings → Pricing has it. */
    @PostMapping("/c/{slug}/settings/company/currency")
    String saveCurrency(Actor actor, @RequestParam(defaultValue = "") String currency, Model model,
                        HttpServletResponse response) {
        actor.require(Permission.PRICING_MANAGE);
        try {
            pricing.updateSettings(actor, new PricingSettings(currency, pricing.settings(actor).taxInclusive()));
            return "redirect:/c/{slug}/settings/company?notice=currency#currency";
        } catch (InvalidInput e) {
            response.setStatus(e.pageStatus());
            model.addAttribute("typedCurrency", currency);
            model.addAttribute("errors", e.fieldErrors(messages));
            return render(actor, model);
        }
    }

    /** The tax rate new lines of quotes and invoices start with; blank: none. */
    @PostMapping("/c/{slug}/settings/company/default-tax-rate")
    String saveDefaultTaxRate(Actor actor, @RequestParam(defaultValue = "") String defaultTaxRateId, Model model,
                              HttpServletResponse response) {
        actor.require(Permission.PRICING_MANAGE);
        try {
            pricing.setDefaultTaxRate(actor, defaultTaxRateId);
            return "redirect:/c/{slug}/settings/company?notice=default-tax-rate#default-tax-rate";
        } catch (InvalidInput e) {
            response.setStatus(e.pageStatus());
            model.addAttribute("typedDefaultTaxRateId", defaultTaxRateId);
            model.addAttribute("errors", e.fieldErrors(messages));
            return render(actor, model);
        }
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

    /**
     * The export with the files' content: a ZIP archive ({@code kind=zip}), or one encrypted under a passphrase typed
     * twice ({@code kind=encrypted}, at least {@link EncryptedExports#MIN_PASSPHRASE} characters), streamed as it is
     * written; {@code kind=json} is the JSON document as the link downloads it.
     */
    @PostMapping("/c/{slug}/settings/company/export")
    String exportArchive(Actor actor, @RequestParam(defaultValue = "json") String kind,
                         @RequestParam(defaultValue = "") String passphrase,
                         @RequestParam(defaultValue = "") String passphraseAgain,
                         HttpServletResponse response, Model model) throws IOException {
        actor.require(Permission.COMPANY_EXPORT);
        String slug = company(actor).slug();
        String base = slug + "-export-" + LocalDate.now(ZoneOffset.UTC);
        switch (kind) {
            case "json" -> {
                export(actor, response);
                return null;
            }
            case "zip" -> {
                attachment(response, "application/zip", base + ".zip");
                exports.exportArchive(actor, response.getOutputStream(), null);
                return null;
            }
            case "encrypted" -> {
                try {
                    if (passphrase.length() < EncryptedExports.MIN_PASSPHRASE) {
                        throw new InvalidInput("passphrase", Message.of("company.export.passphrase-short",
                                EncryptedExports.MIN_PASSPHRASE));
                    }
                    if (!passphrase.equals(passphraseAgain)) {
                        throw new InvalidInput("passphraseAgain", Message.of("company.export.passphrase-mismatch"));
                    }
                } catch (InvalidInput e) {
                    response.setStatus(e.pageStatus());
                    model.addAttribute("errors", e.fieldErrors(messages));
                    model.addAttribute("exportKind", kind);
                    return render(actor, model);
                }
                attachment(response, "application/octet-stream", base + ".zip.enc");
                exports.exportArchive(actor, response.getOutputStream(), passphrase.toCharArray());
                return null;
            }
            default -> throw new InvalidInput("kind", Message.of("company.export.kind-unknown"));
        }
    }

    private static void attachment(HttpServletResponse response, String type, String file) {
        response.setContentType(type);
        response.setHeader(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment().filename(file).build().toString());
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
        Company company = company(actor);
        boolean canPricing = actor.can(Permission.PRICING_MANAGE);
        model.addAttribute("company", company);
        model.addAttribute("graceDays", companies.deletionGrace().toDays());
        model.addAttribute("canRename", actor.can(Permission.COMPANY_RENAME));
        model.addAttribute("canPricing", canPricing);
        model.addAttribute("canExport", actor.can(Permission.COMPANY_EXPORT));
        model.addAttribute("canDelete", actor.can(Permission.COMPANY_DELETE));
        if (!model.containsAttribute("errors")) {
            model.addAttribute("errors", Map.of());
        }
        if (!model.containsAttribute("typedName")) {
            model.addAttribute("typedName", company.name());
        }
        if (canPricing) {
            Letterhead letterhead = pricing.letterhead(actor);
            model.addAttribute("letterhead", letterhead);
            model.addAttribute("logoMaxBytes", Logo.MAX_BYTES);
            if (!model.containsAttribute("typedAddress")) {
                model.addAttribute("typedAddress", letterhead.address());
                model.addAttribute("typedTaxNumber", letterhead.taxNumber());
            }
            if (!model.containsAttribute("typedCurrency")) {
                model.addAttribute("typedCurrency", pricing.settings(actor).currency());
            }
            model.addAttribute("activeTaxRates", pricing.taxRates(actor).stream().filter(r -> !r.archived()).toList());
            if (!model.containsAttribute("typedDefaultTaxRateId")) {
                model.addAttribute("typedDefaultTaxRateId",
                        pricing.defaultTaxRate(actor).map(org.fieldstone.pricing.TaxRate::id).orElse(""));
            }
        }
        return "company/settings";
    }

    /** The page is for those who may change something on it: owners, and admins (the pricing fields). */
    private static void requireAny(Actor actor) {
        if (!actor.can(Permission.COMPANY_RENAME) && !actor.can(Permission.COMPANY_DELETE)) {
            actor.require(Permission.PRICING_MANAGE);
        }
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
