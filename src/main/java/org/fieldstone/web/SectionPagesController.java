package org.fieldstone.web;

import java.util.List;
import java.util.function.Predicate;
import org.fieldstone.shared.Actor;
import org.fieldstone.shared.Permission;
import org.fieldstone.shared.Role;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * The two index pages of the navigation: Settings (every settings page the actor's role may use, grouped: company,
 * people, work, money) and Reports. Each entry carries the same permission its page checks, so the list never
 * offers a page that would refuse; a role that may use none of the reports is refused the Reports page.
 */
@Controller
class SectionPagesController {

    /** One link of an index page: its label and description message keys, its path under the company. */
    record Entry(String id, String label, String description, String path, Predicate<Actor> allowed) {
    }

    /** A titled group of entries; only the entries the actor may use are kept, and an empty group is left out. */
    record Group(String heading, List<Entry> entries) {
    }

    private static final List<Group> SETTINGS = List.of(
            new Group("settings.index.company", List.of(
                    entry("company", "nav.company", "/settings/company",
                            a -> a.can(Permission.COMPANY_DELETE) || a.can(Permission.PRICING_MANAGE)),
                    entry("security", "nav.security", "/settings/security", a -> a.can(Permission.SECURITY_MANAGE)),
                    entry("audit-log", "nav.auditLog", "/reports/audit-log",
                            a -> a.role() == Role.OWNER || a.role() == Role.ADMIN))),
            new Group("settings.index.people", List.of(
                    entry("team", "nav.team", "/team", a -> a.can(Permission.TEAM_MANAGE)),
                    entry("api-keys", "nav.apiKeys", "/account/api-keys", a -> a.can(Permission.APIKEYS_OWN)),
                    entry("connected-apps", "nav.connectedApps", "/settings/connected-apps", a -> a.can(Permission.APIKEYS_OWN)))),
            new Group("settings.index.work", List.of(
                    entry("scheduling", "nav.scheduleSettings", "/settings/schedule", a -> a.can(Permission.SETTINGS_MANAGE)),
                    entry("email", "nav.emailSettings", "/settings/email", a -> a.can(Permission.SETTINGS_MANAGE)),
                    entry("reminders", "nav.reminderSettings", "/settings/reminders", a -> a.can(Permission.SETTINGS_MANAGE)),
                    entry("notifications", "nav.notificationSettings", "/settings/notifications", a -> a.can(Permission.SETTINGS_MANAGE)),
                    entry("portal", "nav.portalSettings", "/settings/portal", a -> a.can(Permission.SETTINGS_MANAGE)),
                    entry("files", "nav.fileSettings", "/settings/files", a -> a.can(Permission.SETTINGS_MANAGE)),
                    entry("integrations", "nav.integrations", "/settings/integrations", a -> a.can(Permission.SETTINGS_MANAGE)),
                    entry("assistant", "nav.assistantSettings", "/settings/assistant", a -> a.can(Permission.SETTINGS_MANAGE)),
                    entry("sms", "nav.smsSettings", "/settings/sms", a -> a.can(Permission.SETTINGS_MANAGE)),
                    entry("telegram", "nav.telegramSettings", "/settings/telegram", a -> a.can(Permission.SETTINGS_MANAGE)))),
            new Group("settings.index.money", List.of(
                    entry("pricing", "nav.pricing", "/settings/pricing", a -> a.can(Permission.PRICING_MANAGE)),
                    entry("tax-rates", "nav.taxRates", "/settings/tax-rates", a -> a.can(Permission.PRICING_MANAGE)),
                    entry("products", "nav.products", "/settings/products", a -> a.can(Permission.PRICING_MANAGE)),
                    entry("invoicing", "nav.invoicing", "/settings/invoicing", a -> a.can(Permission.PRICING_MANAGE)),
                    entry("payments", "nav.payments", "/settings/payments", a -> a.can(Permission.SETTINGS_MANAGE)))));

    /**
     * Reports in groups, as Settings: money (invoices' figures), work (jobs' and visits' figures), inventory (stock value and
     * parts used: costs, so inventory:manage); a further group is one more {@link Group} here and its message keys.
     */
    private static final List<Group> REPORTS = List.of(
            new Group("reports.index.money", List.of(
                    entry("revenue", "nav.revenue", "/reports/revenue",
                            a -> a.can(Permission.REPORTS_VIEW) && a.can(Permission.INVOICES_READ)),
                    entry("aging", "nav.aging", "/reports/aging",
                            a -> a.can(Permission.REPORTS_VIEW) && a.can(Permission.INVOICES_READ)))),
            new Group("reports.index.work", List.of(
                    entry("jobs", "nav.jobsReport", "/reports/jobs",
                            a -> a.can(Permission.REPORTS_VIEW) && a.can(Permission.JOBS_READ)),
                    entry("utilization", "nav.utilization", "/reports/utilization",
                            a -> a.can(Permission.REPORTS_VIEW) && a.can(Permission.JOBS_READ)))),
            new Group("reports.index.inventory", List.of(
                    entry("inventory-value", "nav.inventoryValue", "/reports/inventory-value",
                            a -> a.can(Permission.REPORTS_VIEW) && a.can(Permission.INVENTORY_MANAGE)),
                    entry("parts-used", "nav.partsUsed", "/reports/parts-used",
                            a -> a.can(Permission.REPORTS_VIEW) && a.can(Permission.INVENTORY_MANAGE)))));

    @GetMapping("/c/{slug}/settings")
    String settings(Actor actor, Model model) {
        model.addAttribute("groups", allowedGroups(SETTINGS, actor));
        return "settings-index";
    }

    @GetMapping("/c/{slug}/reports")
    String reports(Actor actor, Model model) {
        actor.require(Permission.REPORTS_VIEW);
        model.addAttribute("groups", allowedGroups(REPORTS, actor));
        return "reports-index";
    }

    private static List<Group> allowedGroups(List<Group> groups, Actor actor) {
        return groups.stream()
                .map(g -> new Group(g.heading(), allowed(g.entries(), actor)))
                .filter(g -> !g.entries().isEmpty())
                .toList();
    }

    private static List<Entry> allowed(List<Entry> entries, Actor actor) {
        return entries.stream().filter(e -> e.allowed().test(actor)).toList();
    }

    private static Entry entry(String id, String label, String path, Predicate<Actor> allowed) {
        return new Entry(id, label, label + ".about", path, allowed);
    }
}
