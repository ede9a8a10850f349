package org.fieldstone.telegram;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.fieldstone.identity.User;
import org.fieldstone.jobs.Job;
import org.fieldstone.notifications.Delivery;
import org.fieldstone.notifications.DeliveryStatus;
import org.fieldstone.notifications.NotificationChannel;
import org.fieldstone.notifications.Notifications;
import org.fieldstone.notifications.Recipient;
import org.fieldstone.shared.Role;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Telegram with the notifications core (issue 16): a technician with a linked chat gets "new visit" in Telegram, once,
 * and the job's delivery log says so (through the notifications core's {@link Notifications}).
 */
public abstract class TelegramNotificationsContract extends TelegramTestSupport {

    @Autowired Notifications notifications;

    @Test
    void aLinkedTechnicianGetsTheirNewVisitInTelegramOnce() {
        User tech = a.addUser(Role.USER);
        long chat = linked(tech);
        int before = telegram.sentTo(token, chat).size();
        Job job = job(client("Mrs. Keller"), "Boiler service", tech.id());
        LocalDate day = LocalDate.ofInstant(clock.instant(), ZURICH).plusDays(3);
        visits.addVisit(owner, job.id(), new org.fieldstone.jobs.NewVisit(day + "T10:00", day + "T11:00",
                List.of(tech.id())));

        Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
        Optional<Delivery> sent = Optional.empty();
        while (sent.isEmpty() && Instant.now().isBefore(deadline)) {
            sent = notifications.forJob(owner, job.id()).stream()
                    .filter(d -> d.channel() == NotificationChannel.TELEGRAM
                            && d.recipient().equals(Recipient.user(tech.id().toString()))
                            && d.status() == DeliveryStatus.SENT).findFirst();
            if (sent.isEmpty()) {
                sleep();
            }
        }
        assertThat(sent).as("a Telegram notification to the technician was sent").isPresent();
        assertThat(telegram.sentTo(token, chat)).hasSize(before + 1);
        assertThat(telegram.sentTo(token, chat).getLast().param("text")).isNotBlank();
    }

    private static void sleep() {
        try {
            Thread.sleep(200);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
