package org.fieldstone.sms;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.fieldstone.clients.Client;
import org.fieldstone.clients.Clients;
import org.fieldstone.clients.NewClient;
import org.fieldstone.clients.NewProperty;
import org.fieldstone.jobs.Job;
import org.fieldstone.jobs.Jobs;
import org.fieldstone.jobs.NewJob;
import org.fieldstone.jobs.NewVisit;
import org.fieldstone.jobs.Visit;
import org.fieldstone.jobs.Visits;
import org.fieldstone.notifications.ChannelSender;
import org.fieldstone.notifications.NotificationChannel;
import org.fieldstone.shared.Role;
import org.fieldstone.support.ApiClient;
import org.fieldstone.support.FakeTwilio;
import org.fieldstone.support.Fixtures;
import org.fieldstone.support.Fixtures.TestCompany;
import org.fieldstone.support.Https;
import org.fieldstone.support.TestClock;
import org.fieldstone.tenancy.CompanyDatabases;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;

/** What the SMS contracts share: companies connected to the fake Twilio, clients with phones, visits, signed webhooks. */
@org.junit.jupiter.api.TestInstance(org.junit.jupiter.api.TestInstance.Lifecycle.PER_CLASS)
public abstract class SmsTestSupport {

    static final String SETTINGS = "/api/v1/settings/sms";
    static final ZoneId ZURICH = ZoneId.of("Europe/Zurich");

    @Autowired protected Fixtures fixtures;
    @Autowired protected ApiClient api;
    @Autowired protected TestClock clock;
    @Autowired protected Clients clients;
    @Autowired protected Jobs jobs;
    @Autowired protected Visits visits;
    @Autowired protected CompanyDatabases databases;
    @Autowired protected List<ChannelSender> senders;
    @Value("${server.port}") protected int port;

    protected final FakeTwilio twilio = FakeTwilio.start();
    private final SecureRandom random = new SecureRandom();

    /** A company connected to the fake Twilio with its own account: {sid, token}. */
    protected String[] connect(TestCompany c, String sender) {
        String token = "test-twilio-token-not-real-" + c.slug();
        String sid = twilio.account(token);
        var r = api.put(SETTINGS, c.keys.get(Role.OWNER), """
                {"accountSid": "%s", "authToken": "%s", "sender": "%s"}""".formatted(sid, token, sender));
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        return new String[] {sid, token};
    }

    protected ChannelSender sms() {
        return senders.stream().filter(s -> s.channel() == NotificationChannel.SMS).findFirst().orElseThrow();
    }

    protected Client client(TestCompany c, String name, String phone) {
        return clients.create(c.system(), new NewClient(name, null, phone, null, null),
                new NewProperty("Home", "Seestrasse 5", "Zürich", null, "8002", null, null, null));
    }

    /** A job of the client with one visit {@code hours} from now (an hour long). */
    protected Visit visitIn(TestCompany c, Client client, int hours) {
        String property = clients.properties(c.system(), client.id()).getFirst().id();
        OffsetDateTime start = clock.instant().atZone(ZURICH).toOffsetDateTime().truncatedTo(ChronoUnit.MINUTES)
                .plusHours(hours);
        Job job = jobs.create(c.system(), new NewJob(client.id(), property, "Boiler service", null, null, null, null,
                null, null, null, null, null, new NewVisit(start.toString(), start.plusHours(1).toString(), null)));
        return visits.visits(c.system(), job.id()).getFirst();
    }

    protected Visit reread(TestCompany c, Visit v) {
        return visits.visit(c.system(), v.id());
    }

    protected static String messageSid() {
        byte[] b = new byte[16];
        new SecureRandom().nextBytes(b);
        return "SM" + HexFormat.of().formatHex(b);
    }

    protected String webhookPath(TestCompany c) {
        return "/webhooks/twilio/" + c.slug();
    }

    /** The URL Twilio signs: the configured public URL (its default in tests) and the webhook's path. */
    protected String publicUrl(String path) {
        return "https://localhost:" + port + path;
    }

    /** An inbound message's fields as Twilio posts them. */
    protected static Map<String, String> inbound(String sid, String accountSid, String from, String to, String body) {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("ToCountry", "CH");
        p.put("SmsMessageSid", sid);
        p.put("NumMedia", "0");
        p.put("SmsSid", sid);
        p.put("SmsStatus", "received");
        p.put("Body", body);
        p.put("To", to);
        p.put("NumSegments", "1");
        p.put("MessageSid", sid);
        p.put("AccountSid", accountSid);
        p.put("From", from);
        p.put("ApiVersion", "2010-04-01");
        return p;
    }

    protected static String form(Map<String, String> params) {
        return params.entrySet().stream().map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8)).collect(Collectors.joining("&"));
    }

    /** Posts {@code body} to the path with the signature header (none when null). */
    protected Https.Response post(String path, String body, String signature) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("https://localhost:" + port + path))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (signature != null) {
            request.header("X-Twilio-Signature", signature);
        }
        return new Https(port).send(request);
    }

    /** Posts the params signed as Twilio signs them, with {@code token}, for the public URL of {@code path}. */
    protected Https.Response signed(String path, Map<String, String> params, String token) {
        return post(path, form(params), TwilioSigning.signature(token, publicUrl(path), params));
    }

    protected long rows(TestCompany c, String table) {
        return databases.of(c.company.id()).jdbc().sql("SELECT COUNT(*) FROM " + table).query(Long.class).single();
    }
}
