package org.fieldstone.support;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.Address;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Real SMTP servers for the tests (GreenMail on loopback), one of each per test JVM, started on first use on free
 * ports: the platform's server, which every application context's {@code spring.mail.*} points at
 * ({@link Engines}), and a company's own server, which requires a user name and password.
 */
public final class TestMail {

    public static final String COMPANY_USER = "mailer";
    public static final String COMPANY_PASSWORD = "Smtp-Pa55word-never-shown-4711";

    private static GreenMail platform;
    private static GreenMail company;

    private TestMail() {
    }

    /** The platform's server (no authentication). */
    public static synchronized GreenMail platform() {
        if (platform == null) {
            platform = start(GreenMailConfiguration.aConfig().withDisabledAuthentication());
        }
        return platform;
    }

    /** A company's own server: only {@link #COMPANY_USER} with {@link #COMPANY_PASSWORD} may send. */
    public static synchronized GreenMail company() {
        if (company == null) {
            company = start(GreenMailConfiguration.aConfig().withUser("mailer@mail.test", COMPANY_USER, COMPANY_PASSWORD));
        }
        return company;
    }

    private static GreenMail start(GreenMailConfiguration configuration) {
        GreenMail mail = new GreenMail(new ServerSetup(Engines.freePort(), "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        mail.withConfiguration(configuration);
        mail.start();
        Runtime.getRuntime().addShutdownHook(new Thread(mail::stop));
        return mail;
    }

    /**
     * The messages {@code server} received for {@code recipient}, waiting (at most {@code timeout}) until there are
     * at least {@code count}; fewer after the timeout is what the test then sees.
     */
    public static List<MimeMessage> awaitFor(GreenMail server, String recipient, int count, Duration timeout) {
        long until = System.nanoTime() + timeout.toNanos();
        List<MimeMessage> found = messagesFor(server, recipient);
        while (found.size() < count && System.nanoTime() < until) {
            server.waitForIncomingEmail(200, server.getReceivedMessages().length + 1);
            found = messagesFor(server, recipient);
        }
        return found;
    }

    public static List<MimeMessage> messagesFor(GreenMail server, String recipient) {
        List<MimeMessage> found = new ArrayList<>();
        for (MimeMessage m : server.getReceivedMessages()) {
            try {
                Address[] to = m.getAllRecipients();
                if (to != null && Arrays.stream(to).anyMatch(a -> a.toString().equalsIgnoreCase(recipient))) {
                    found.add(m);
                }
            } catch (MessagingException e) {
                throw new IllegalStateException(e);
            }
        }
        return found;
    }
}
