package org.fieldstone.notifications;

import java.util.List;
import org.fieldstone.shared.Actor;
import org.fieldstone.shared.TenantId;

/**
 * What other modules ask of notifications: send now (free text, through the same log, quiet hours and opt-outs), take
 * a provider's report, record what a client wrote back, and honour a client's opt-out on every path.
 */
public interface Notifications {

    /**
     * Queues a message of {@code kind} with free {@code text} to a client on one channel, on behalf of {@code actor}
     * (free text from the client's page). Refused when the actor may not message clients; skipped (and logged so) when
     * the client opted out of the channel.
     *
     * @return the delivery log's entry
     */
    Delivery message(Actor actor, String clientId, NotificationChannel channel, String text);

    /**
     * A provider's status report for a message it sent ({@code providerId} is what {@link ChannelSender#send}
     * returned): moves the notification to {@code status} ({@link DeliveryStatus#DELIVERED} or {@link
     * DeliveryStatus#FAILED} with {@code reason}). Unknown ids and reports that would move a notification backwards
     * change nothing; a repeated report is harmless.
     */
    void providerStatus(TenantId tenant, NotificationChannel channel, String providerId, DeliveryStatus status,
                        String reason);

    /**
     * Something a client sent to the company on a channel (an SMS reply that is not a command): attached to the
     * client's timeline. Idempotent by {@code providerId} (the provider's message id).
     */
    void received(TenantId tenant, NotificationChannel channel, String clientId, String text, String providerId);

    /**
     * Tells the company's office (active owners and admins, on their channels for {@code kind}) about something a
     * client did on a channel — {@link NotificationKind#CALLBACK_REQUESTED} from an SMS reply {@code R}. Idempotent by
     * {@code key} (the provider's message id).
     */
    void tellOffice(TenantId tenant, NotificationKind kind, String clientId, String text, String key);

    /** Whether the client opted out of the channel; every notification to a client checks it before sending. */
    boolean optedOut(TenantId tenant, String clientId, NotificationChannel channel);

    /**
     * Records a client's opt-out of ({@code optedOut} true) or back into a channel — from an SMS {@code STOP}/{@code
     * START} (actor: the system through channel SMS) or from the client's page (a user with {@code clients:edit}).
     * Audited; idempotent.
     */
    void setOptOut(Actor actor, String clientId, NotificationChannel channel, boolean optedOut);

    /** The delivery log of a client, newest first (the caller sees the client). */
    List<Delivery> forClient(Actor actor, String clientId);

    /** The delivery log of a job's notifications, newest first (the caller sees the job). */
    List<Delivery> forJob(Actor actor, String jobId);

    /**
     * An invoice's overdue reminder is due (messaging's reminders decide when): tells its client on the company's
     * channels for {@link NotificationKind#INVOICE_OVERDUE} (email stays messaging's own reminder). Idempotent by
     * {@code reminderKey}.
     */
    void invoiceOverdue(TenantId tenant, String invoiceId, String reminderKey);
}
