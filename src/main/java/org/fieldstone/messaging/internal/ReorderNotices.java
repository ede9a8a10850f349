package org.fieldstone.messaging.internal;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.fieldstone.identity.Team;
import org.fieldstone.identity.User;
import org.fieldstone.inventory.Inventory;
import org.fieldstone.inventory.InventoryEvents;
import org.fieldstone.inventory.Quantities;
import org.fieldstone.inventory.Reorder;
import org.fieldstone.shared.Actor;
import org.fieldstone.shared.Channel;
import org.fieldstone.shared.Role;
import org.fieldstone.tenancy.DomainEventListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Tells a company's owners and admins what to reorder when the daily low-stock check found items below their
 * threshold ({@link InventoryEvents.ReorderDue}): one email each, listing item, SKU, location, stock and threshold as
 * they are when the email is written. Like the malware notice, a failed send is tried again by the outbox.
 */
@Component
class ReorderNotices {

    private static final Logger log = LoggerFactory.getLogger(ReorderNotices.class);

    private final EmailService emails;
    private final Inventory inventory;
    private final Team team;

    ReorderNotices(EmailService emails, Inventory inventory, Team team) {
        this.emails = emails;
        this.inventory = inventory;
        this.team = team;
    }

    @DomainEventListener
    void due(InventoryEvents.ReorderDue event) {
        Actor system = Actor.system(event.tenant(), Channel.SYSTEM);
        List<Reorder> reorder = inventory.toReorder(system);
        if (reorder.isEmpty()) {
            return; // received or adjusted since the check
        }
        String items = reorder.stream().map(r -> "- " + r.itemName() + (r.sku() == null ? "" : " (" + r.sku() + ")")
                        + " at " + r.locationName() + ": " + Quantities.toDecimal(r.quantity()).toPlainString()
                        + " in stock, threshold " + Quantities.toDecimal(r.minimum()).toPlainString())
                .collect(Collectors.joining("\n"));
        Map<String, String> values = Map.of("day", event.day().toString(), "count", String.valueOf(reorder.size()),
                "items", items);
        String subject = TemplateText.render(emails.text("messaging.template.office.reorder.subject"), values);
        String body = TemplateText.render(emails.text("messaging.template.office.reorder.body"), values);
        for (User user : TeamMembers.told(team, system, Set.of(Role.OWNER, Role.ADMIN))) {
            if (!emails.sendNotice(system, user.email().value(), subject, body)) {
                log.warn("No email server for company {}: its admins were not told what to reorder", event.tenant());
                return;
            }
        }
    }
}
