package org.fieldstone.notifications.web;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;
import org.fieldstone.clients.ClientHistory;
import org.fieldstone.notifications.Delivery;
import org.fieldstone.notifications.Notifications;
import org.fieldstone.shared.Actor;
import org.fieldstone.shared.Channel;
import org.fieldstone.shared.Permission;
import org.springframework.stereotype.Component;

/**
 * The client page's Messages section: the latest lines of the client's delivery log as the actor may see them, with a
 * link to the whole log, the form to write to the client and the opt-outs. Not on the customer portal.
 */
@Component
class MessagesOnClientPage implements ClientHistory {

    private final Notifications notifications;

    MessagesOnClientPage(Notifications notifications) {
        this.notifications = notifications;
    }

    @Override
    public List<Section> sections(Actor actor, String clientId, int limit, ZoneId zone, Locale locale) {
        if (actor.channel() == Channel.PORTAL || !actor.can(Permission.CLIENTS_READ)) {
            return List.of();
        }
        List<Delivery> log = notifications.forClient(actor, clientId);
        List<Row> rows = log.stream().limit(limit).map(d -> new Row(
                        d.channel().code().toUpperCase(Locale.ROOT), d.text(),
                        "notifications.status." + d.status().name(), d.status().name().toLowerCase(Locale.ROOT),
                        LocalDate.ofInstant(d.createdAt(), zone), null, "clients/" + clientId + "/messages"))
                .toList();
        String path = "clients/" + clientId + "/messages";
        return List.of(new Section(50, "client-messages", "notifications.client.section", rows, log.size(), path,
                actor.can(Permission.CLIENTS_WRITE) ? path : null, "notifications.client.sectionNew"));
    }
}
