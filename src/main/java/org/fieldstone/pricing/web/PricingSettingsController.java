package org.fieldstone.pricing.web;

import static org.fieldstone.shared.web.FormText.blank;
import static org.fieldstone.shared.web.FormText.blankToNull;
import static org.fieldstone.shared.web.FormText.text;

import jakarta.servlet.http.HttpServletResponse;
import java.math.BigDecimal;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.fieldstone.pricing.Pricing;
import org.fieldstone.pricing.PricingSettings;
import org.fieldstone.pricing.Product;
import org.fieldstone.pricing.TaxRate;
import org.fieldstone.shared.Actor;
import org.fieldstone.shared.Change;
import org.fieldstone.shared.Conflict;
import org.fieldstone.shared.InvalidInput;
import org.fieldstone.shared.Message;
import org.fieldstone.shared.Money;
import org.fieldstone.shared.Page;
import org.fieldstone.shared.Permission;
import org.fieldstone.shared.VersionConflict;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * Settings → Pricing (whether prices include tax, who may handle money), Tax rates, Products &amp; services
 * ({@code pricing:manage}); the currency and what the company's documents show (address, tax number, logo) are in
 * Settings → Company. Each page's forms post to the page's
 * own address (a row's form names its {@code id}; none: a new one), so a refusal is shown there beside the row's field
 * with what was typed, and a success redirects. Prices are typed in the currency's major unit.
 */
@Controller
@RequestMapping("/c/{slug}/settings")
class PricingSettingsController {

    private static final int PRODUCTS_SHOWN = 200;
    private static final Set<String> NOTICES = Set.of("saved", "created", "deleted");

    private final Pricing pricing;
    private final MessageSource messages;

    PricingSettingsController(Pricing pricing, MessageSource messages) {
        this.pricing = pricing;
        this.messages = messages;
    }

    // ---- currency, tax mode, what users may

    @GetMapping("/pricing")
    String pricingPage(Actor actor, @RequestParam(required = false) String notice, Model model) {
        actor.require(Permission.PRICING_MANAGE);
        notice(model, notice);
        PricingSettings s = pricing.settings(actor);
        return pricingPage(actor, model, s.currency(), s.taxInclusive(), pricing.usersMay(actor), Map.of());
    }

    @PostMapping("/pricing")
    String savePricing(Actor actor, @RequestParam(defaultValue = "false") boolean taxInclusive,
                       @RequestParam(required = false) List<String> usersMay, Model model, HttpServletResponse response) {
        actor.require(Permission.PRICING_MANAGE);
        Set<Permission> may = EnumSet.noneOf(Permission.class);
        for (String code : usersMay == null ? List.<String>of() : usersMay) {
            Pricing.MONEY.stream().filter(p -> p.name().equals(code)).forEach(may::add);
        }
        // the currency is set in Settings → Company
        String currency = pricing.settings(actor).currency();
        try {
            pricing.updateSettings(actor, new PricingSettings(currency, taxInclusive));
            pricing.setUsersMay(actor, may);
            return "redirect:/c/{slug}/settings/pricing?notice=saved";
        } catch (InvalidInput e) {
            response.setStatus(e.pageStatus());
            return pricingPage(actor, model, currency, taxInclusive, may, e.fieldErrors(messages));
        }
    }

    private String pricingPage(Actor actor, Model model, String currency, boolean taxInclusive, Set<Permission> usersMay,
                               Map<String, String> errors) {
        model.addAttribute("currency", currency);
        model.addAttribute("taxInclusive", taxInclusive);
        model.addAttribute("usersMay", usersMay.stream().map(Permission::name).toList());
        model.addAttribute("money", List.of(Permission.QUOTES_WRITE, Permission.INVOICES_WRITE, Permission.PAYMENTS_RECORD));
        model.addAttribute("errors", errors);
        return "settings/pricing";
    }

    // ---- tax rates

    @GetMapping("/tax-rates")
    String taxRates(Actor actor, @RequestParam(required = false) String notice, Model model) {
        actor.require(Permission.PRICING_MANAGE);
        notice(model, notice);
        return taxRatesPage(actor, model, null, "", "", Map.of());
    }

    /** Creates a rate ({@code id} blank) or saves one: name, percent and whether it is archived. */
    @PostMapping("/tax-rates")
    String saveTaxRate(Actor actor, @RequestParam(defaultValue = "") String id,
                       @RequestParam(defaultValue = "") String name, @RequestParam(defaultValue = "") String percent,
                       @RequestParam(defaultValue = "false") boolean archived, @RequestParam(required = false) Long version,
                       Model model, HttpServletResponse response) {
        actor.require(Permission.PRICING_MANAGE);
        try {
            if (blank(id)) {
                pricing.createTaxRate(actor, name, percent(percent));
                return "redirect:/c/{slug}/settings/tax-rates?notice=created";
            }
            pricing.updateTaxRate(actor, id, requiredVersion(version), Change.to(name), Change.to(percent(percent)),
                    Change.to(archived));
            return "redirect:/c/{slug}/settings/tax-rates?notice=saved";
        } catch (InvalidInput e) {
            response.setStatus(e.pageStatus());
            return taxRatesPage(actor, model, blankToNull(id), name, percent, e.fieldErrors(messages));
        } catch (VersionConflict | Conflict e) {
            response.setStatus(e.pageStatus());
            model.addAttribute("refusal", e.message(messages));
            return taxRatesPage(actor, model, null, "", "", Map.of());
        }
    }

    private String taxRatesPage(Actor actor, Model model, String failedId, String name, String percent,
                                Map<String, String> errors) {
        model.addAttribute("rates", pricing.taxRates(actor));
        model.addAttribute("failedId", failedId == null ? "" : failedId);
        model.addAttribute("typedName", name);
        model.addAttribute("typedPercent", percent);
        model.addAttribute("errors", errors);
        return "settings/tax-rates";
    }

    // ---- products and services

    @GetMapping("/products")
    String products(Actor actor, @RequestParam(required = false) String notice,
                    @RequestParam(defaultValue = "false") boolean archived, Model model) {
        actor.require(Permission.PRICING_MANAGE);
        notice(model, notice);
        return productsPage(actor, model, archived, null, ProductRow.empty(), Map.of());
    }

    /** Creates ({@code id} blank), saves or deletes ({@code action=delete}) a product or service. */
    @PostMapping("/products")
    String saveProduct(Actor actor, @RequestParam(defaultValue = "") String id,
                       @RequestParam(defaultValue = "save") String action, @RequestParam(defaultValue = "SERVICE") String kind,
                       @RequestParam(defaultValue = "") String name, @RequestParam(defaultValue = "") String description,
                       @RequestParam(defaultValue = "") String unitPrice, @RequestParam(defaultValue = "") String taxRateId,
                       @RequestParam(defaultValue = "") String unit, @RequestParam(defaultValue = "false") boolean archived,
                       @RequestParam(required = false) Long version, Model model, HttpServletResponse response) {
        actor.require(Permission.PRICING_MANAGE);
        ProductRow typed = new ProductRow(id, kind, name, description, unitPrice, taxRateId, unit, archived);
        try {
            if ("delete".equals(action) && !blank(id)) {
                pricing.deleteProduct(actor, id, requiredVersion(version));
                return "redirect:/c/{slug}/settings/products?notice=deleted";
            }
            String currency = pricing.settings(actor).currency();
            Long price = blank(unitPrice) ? null : Money.parse("unitPrice", unitPrice, currency).amount();
            if (blank(id)) {
                pricing.createProduct(actor, new Pricing.NewProduct(kind, name, blankToNull(description), price,
                        blankToNull(taxRateId), blankToNull(unit)));
                return "redirect:/c/{slug}/settings/products?notice=created";
            }
            pricing.updateProduct(actor, id, requiredVersion(version), new Pricing.ProductChanges(Change.to(kind),
                    Change.to(name), Change.to(blankToNull(description)), Change.to(price),
                    Change.to(blankToNull(taxRateId)), Change.to(blankToNull(unit)), Change.to(archived)));
            return "redirect:/c/{slug}/settings/products?notice=saved";
        } catch (InvalidInput e) {
            response.setStatus(e.pageStatus());
            return productsPage(actor, model, false, blankToNull(id), typed, e.fieldErrors(messages));
        } catch (VersionConflict | Conflict e) {
            response.setStatus(e.pageStatus());
            model.addAttribute("refusal", e.message(messages));
            return productsPage(actor, model, false, null, ProductRow.empty(), Map.of());
        }
    }

    private String productsPage(Actor actor, Model model, boolean archived, String failedId, ProductRow typed,
                                Map<String, String> errors) {
        Locale locale = LocaleContextHolder.getLocale();
        String currency = pricing.settings(actor).currency();
        List<Product> found = pricing.products(actor, "", archived, Page.request(0, PRODUCTS_SHOWN)).items();
        model.addAttribute("products", found.stream().map(p -> failedId != null && failedId.equals(p.id())
                ? new Shown(p, typed, Money.of(p.unitPrice(), currency).format(locale))
                : new Shown(p, ProductRow.of(p, currency), Money.of(p.unitPrice(), currency).format(locale))).toList());
        model.addAttribute("newProduct", failedId == null ? typed : ProductRow.empty());
        model.addAttribute("failedId", failedId == null && !errors.isEmpty() ? "new" : text(failedId));
        model.addAttribute("archived", archived);
        model.addAttribute("currency", currency);
        model.addAttribute("rates", pricing.taxRates(actor).stream().filter(r -> !r.archived()).toList());
        model.addAttribute("errors", errors);
        return "settings/products";
    }

    // ---- helpers

    private static void notice(Model model, String notice) {
        if (notice != null && NOTICES.contains(notice)) {
            model.addAttribute("notice", "settings.pricing.notice." + notice);
        }
    }

    private static BigDecimal percent(String text) {
        try {
            return new BigDecimal(text.strip().replace(',', '.'));
        } catch (NumberFormatException e) {
            throw new InvalidInput("percent", Message.of("pricing.refused.tax-percent"));
        }
    }

    private static long requiredVersion(Long version) {
        if (version == null) {
            throw new InvalidInput("version", Message.of("pricing.refused.form-version"));
        }
        return version;
    }

    /** A product as its form shows it: the price in the major unit. */
    record ProductRow(String id, String kind, String name, String description, String unitPrice, String taxRateId,
                      String unit, boolean archived) {
        static ProductRow empty() {
            return new ProductRow("", "SERVICE", "", "", "", "", "", false);
        }

        static ProductRow of(Product p, String currency) {
            return new ProductRow(p.id(), p.kind().name(), p.name(), text(p.description()),
                    Money.of(p.unitPrice(), currency).plain(), text(p.taxRateId()), text(p.unit()), p.archived());
        }
    }

    record Shown(Product product, ProductRow form, String price) {
    }
}
