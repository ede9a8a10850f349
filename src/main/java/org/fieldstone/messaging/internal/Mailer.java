package org.fieldstone.messaging.internal;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.io.UnsupportedEncodingException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.Properties;
import org.fieldstone.messaging.EmailSettings;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.mail.MailPreparationException;
import org.springframework.mail.javamail.JavaMailSenderImpl;
import org.springframework.mail.javamail.MimeMessageHelper;
import org.springframework.stereotype.Component;

/**
 * Sends one email through a given SMTP server: a company's own (a sender made for the one send, so no company's
 * credentials stay in memory) or the platform's ({@code spring.mail.*}, from {@code fieldstone.mail.from}).
 */
@Component
class Mailer {

    private static final String TIMEOUT_MILLIS = "15000";

    private final String platformHost;
    private final int platformPort;
    private final String platformUsername;
    private final String platformPassword;
    private final String platformFrom;
    private final String platformProtocol;
    private final boolean platformStartTls;

    Mailer(@Value("${spring.mail.host:}") String host, @Value("${spring.mail.port:25}") int port,
           @Value("${spring.mail.username:}") String username, @Value("${spring.mail.password:}") String password,
           @Value("${spring.mail.protocol:smtp}") String protocol,
           @Value("${spring.mail.properties.mail.smtp.starttls.enable:false}") boolean startTls,
           @Value("${fieldstone.mail.from:}") String from) {
        this.platformHost = host.strip();
        this.platformPort = port;
        this.platformUsername = username;
        this.platformPassword = password;
        this.platformProtocol = protocol;
        this.platformStartTls = startTls;
        this.platformFrom = from.strip();
    }

    /** A server and the sender's address on it. */
    record Server(String host, int port, String username, String password, EmailSettings.Security security,
                  String fromAddress, String fromName, String replyTo) {

        @Override
        public String toString() {
            // never the password
            return "Server[" + host + ":" + port + "]";
        }
    }

    /** One email: plain text, and a PDF attachment if {@code attachment} is not null. */
    record Mail(String to, String subject, String body, String fileName, byte[] attachment) {
    }

    /**
     * The platform's server, when {@code spring.mail.host} and {@code fieldstone.mail.from} are set; its password is the
     * platform secret {@code smtp.password} ({@code secretPassword}) if set, else {@code spring.mail.password}.
     */
    Optional<Server> platform(Optional<String> secretPassword) {
        if (platformHost.isEmpty() || platformFrom.isEmpty()) {
            return Optional.empty();
        }
        EmailSettings.Security security = "smtps".equalsIgnoreCase(platformProtocol) ? EmailSettings.Security.TLS
                : platformStartTls ? EmailSettings.Security.STARTTLS : EmailSettings.Security.NONE;
        return Optional.of(new Server(platformHost, platformPort, platformUsername,
                secretPassword.orElse(platformPassword.isEmpty() ? null : platformPassword), security,
                platformFrom, "", ""));
    }

    /** Sends and answers the message's {@code Message-ID}; a refusal or an unreachable server throws. */
    String send(Server server, Mail mail) {
        JavaMailSenderImpl sender = new JavaMailSenderImpl();
        sender.setHost(server.host());
        sender.setPort(server.port());
        sender.setDefaultEncoding(StandardCharsets.UTF_8.name());
        Properties props = new Properties();
        String protocol = server.security() == EmailSettings.Security.TLS ? "smtps" : "smtp";
        sender.setProtocol(protocol);
        props.put("mail." + protocol + ".connectiontimeout", TIMEOUT_MILLIS);
        props.put("mail." + protocol + ".timeout", TIMEOUT_MILLIS);
        props.put("mail." + protocol + ".writetimeout", TIMEOUT_MILLIS);
        if (server.security() == EmailSettings.Security.STARTTLS) {
            props.put("mail.smtp.starttls.enable", "true");
            props.put("mail.smtp.starttls.required", "true");
        }
        if (server.security() != EmailSettings.Security.NONE) {
            props.put("mail." + protocol + ".ssl.checkserveridentity", "true");
        }
        if (server.username() != null && !server.username().isBlank()) {
            sender.setUsername(server.username());
            sender.setPassword(server.password());
            props.put("mail." + protocol + ".auth", "true");
        }
        sender.setJavaMailProperties(props);
        MimeMessage message = sender.createMimeMessage();
        try {
            MimeMessageHelper helper = new MimeMessageHelper(message, mail.attachment() != null,
                    StandardCharsets.UTF_8.name());
            if (server.fromName() == null || server.fromName().isBlank()) {
                helper.setFrom(server.fromAddress());
            } else {
                helper.setFrom(server.fromAddress(), server.fromName());
            }
            if (server.replyTo() != null && !server.replyTo().isBlank()) {
                helper.setReplyTo(server.replyTo());
            }
            helper.setTo(mail.to());
            helper.setSubject(mail.subject());
            helper.setText(mail.body(), false);
            if (mail.attachment() != null) {
                helper.addAttachment(mail.fileName(), new ByteArrayResource(mail.attachment()), "application/pdf");
            }
        } catch (MessagingException | UnsupportedEncodingException e) {
            throw new MailPreparationException(e);
        }
        sender.send(message);
        try {
            return message.getMessageID();
        } catch (MessagingException e) {
            return null;
        }
    }
}
