/**
 * SMS through each company's own Twilio account: Settings → SMS (account SID, the auth token in the company's
 * {@link org.fieldstone.tenancy.SecretStore}, the sender, a monthly cap in segments), the SMS
 * {@link org.fieldstone.notifications.ChannelSender} that the notifications module sends through (E.164 numbers,
 * segments counted against the cap), and the company's signed webhook {@code /webhooks/twilio/<slug>}: Twilio's status
 * callbacks update the delivery log, and a client's reply confirms their next visit ({@code C}/{@code YES}), asks for
 * a call back ({@code R}), opts out or back in ({@code STOP}/{@code START}) or is attached to their timeline.
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = {"shared", "tenancy", "audit", "clients", "jobs",
        "notifications", "web"})
package org.fieldstone.sms;
