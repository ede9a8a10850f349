package org.fieldstone.messaging.internal;

import org.fieldstone.messaging.PlatformEmails;
import org.fieldstone.tenancy.SecretStore;
import org.springframework.stereotype.Component;

/** {@link PlatformEmails} through {@link Mailer}'s platform server, its password the platform secret if set. */
@Component
class PlatformMail implements PlatformEmails {

    private final Mailer mailer;
    private final SecretStore secrets;

    PlatformMail(Mailer mailer, SecretStore secrets) {
        this.mailer = mailer;
        this.secrets = secrets;
    }

    @Override
    public boolean configured() {
        return mailer.platform(java.util.Optional.empty()).isPresent();
    }

    @Override
    public String send(String to, String subject, String body) {
        Mailer.Server server = mailer.platform(secrets.revealPlatform(EmailService.PASSWORD))
                .orElseThrow(() -> new IllegalStateException(
                        "The platform's mail server is not configured (spring.mail.host and fieldstone.mail.from)"));
        return mailer.send(server, new Mailer.Mail(to, subject, body, null, null));
    }
}
