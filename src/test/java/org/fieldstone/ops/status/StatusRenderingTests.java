package org.fieldstone.ops.status;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import javax.xml.parsers.DocumentBuilderFactory;
import org.fieldstone.shared.InvalidInput;
import org.fieldstone.shared.TooManyRequests;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/** The status page's pure parts: Atom feed, 90-day bars, the 72-hour deadline, security.txt, the form's throttle. */
class StatusRenderingTests {

    // an arbitrary date far from today: nothing here may depend on the real clock
    private static final Instant T0 = Instant.parse("2030-03-10T22:30:00Z");

    private static Incident incident(long id, String title, ComponentState state, Instant opened, Instant resolved,
                                     Incident.Update... updates) {
        return new Incident(id, title, EnumSet.of(StatusComponent.API, StatusComponent.PORTAL), state, opened, resolved,
                null, List.of(updates));
    }

    private static Incident.Update update(int seq, Instant at, Incident.Kind kind, ComponentState state, String message) {
        return new Incident.Update(seq, at, kind, state, message);
    }

    @Test
    void atomFeedIsValidXmlWithAnEntryPerUpdateNewestFirstAndEscapesText() throws Exception {
        Incident i = incident(7, "Slow <b>API</b> & \"portal\"", ComponentState.DEGRADED, T0, T0.plusSeconds(7200),
                update(1, T0, Incident.Kind.OPENED, ComponentState.DEGRADED, "Looking into it <script>alert(1)</script>"),
                update(2, T0.plusSeconds(3600), Incident.Kind.UPDATED, ComponentState.PARTIAL_OUTAGE, "Worse & worse"),
                update(3, T0.plusSeconds(7200), Incident.Kind.RESOLVED, ComponentState.OPERATIONAL, "Fixed"));

        String xml = AtomFeed.render("https://status.example", "Fieldstone status", List.of(i), T0);

        var factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        Document doc = factory.newDocumentBuilder().parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
        Element feed = doc.getDocumentElement();
        assertThat(feed.getLocalName()).isEqualTo("feed");
        assertThat(feed.getNamespaceURI()).isEqualTo("http://www.w3.org/2005/Atom");
        assertThat(text(feed, "updated")).isEqualTo("2030-03-11T00:30:00Z");
        NodeList entries = feed.getElementsByTagNameNS("http://www.w3.org/2005/Atom", "entry");
        assertThat(entries.getLength()).isEqualTo(3);
        Element newest = (Element) entries.item(0);
        assertThat(text(newest, "title")).isEqualTo("Slow <b>API</b> & \"portal\" — resolved (operational)");
        assertThat(text(newest, "id")).isEqualTo("https://status.example/status/incidents/7/updates/3");
        Element oldest = (Element) entries.item(2);
        assertThat(text(oldest, "content")).isEqualTo("Looking into it <script>alert(1)</script>");
        assertThat(xml).doesNotContain("<script>").doesNotContain("<b>").contains("&lt;script>alert(1)&lt;/script>");
        // every entry has what RFC 4287 requires
        for (int n = 0; n < entries.getLength(); n++) {
            Element e = (Element) entries.item(n);
            assertThat(text(e, "id")).isNotBlank();
            assertThat(text(e, "title")).isNotBlank();
            assertThat(text(e, "updated")).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ");
        }
    }

    @Test
    void anEmptyFeedIsStillAValidFeed() throws Exception {
        String xml = AtomFeed.render("https://status.example", "S", List.of(), T0);
        var factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        Document doc = factory.newDocumentBuilder().parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
        assertThat(text(doc.getDocumentElement(), "updated")).isEqualTo("2030-03-10T22:30:00Z");
        assertThat(doc.getElementsByTagNameNS("http://www.w3.org/2005/Atom", "entry").getLength()).isZero();
    }

    @Test
    void historyBarsShowEachDaysWorstStateAcrossMidnightAndForNinetyDays() {
        LocalDate today = LocalDate.ofInstant(T0, ZoneOffset.UTC).plusDays(2);
        // opened 22:30 on day 0 degraded, partial outage from 00:30 on day 1, resolved 02:30 on day 1
        Incident i = incident(1, "t", ComponentState.PARTIAL_OUTAGE, T0, T0.plusSeconds(4 * 3600),
                update(1, T0, Incident.Kind.OPENED, ComponentState.DEGRADED, "a"),
                update(2, T0.plusSeconds(2 * 3600), Incident.Kind.UPDATED, ComponentState.PARTIAL_OUTAGE, "b"),
                update(3, T0.plusSeconds(4 * 3600), Incident.Kind.RESOLVED, ComponentState.OPERATIONAL, "c"));
        var recorded = List.of(new HistoryBars.DayState(StatusComponent.BACKUPS, today.minusDays(89), ComponentState.MAJOR_OUTAGE),
                new HistoryBars.DayState(StatusComponent.BACKUPS, today.minusDays(90), ComponentState.MAJOR_OUTAGE),
                new HistoryBars.DayState(StatusComponent.API, today.minusDays(2), ComponentState.MAINTENANCE));

        Map<StatusComponent, List<HistoryBars.Day>> bars = HistoryBars.of(today, recorded, List.of(i));

        assertThat(bars).hasSize(StatusComponent.values().length);
        bars.values().forEach(days -> {
            assertThat(days).hasSize(90);
            assertThat(days.getFirst().day()).isEqualTo(today.minusDays(89));
            assertThat(days.getLast().day()).isEqualTo(today);
        });
        List<HistoryBars.Day> api = bars.get(StatusComponent.API);
        assertThat(api.get(87).worst()).isEqualTo(ComponentState.DEGRADED); // day 0: degraded beats maintenance
        assertThat(api.get(88).worst()).isEqualTo(ComponentState.PARTIAL_OUTAGE);
        assertThat(api.get(89).worst()).isEqualTo(ComponentState.OPERATIONAL); // resolved the day before
        assertThat(bars.get(StatusComponent.PORTAL).get(88).worst()).isEqualTo(ComponentState.PARTIAL_OUTAGE);
        assertThat(bars.get(StatusComponent.PAYMENTS)).allMatch(d -> d.worst() == ComponentState.OPERATIONAL);
        // the 91st day back is outside the bars
        assertThat(bars.get(StatusComponent.BACKUPS).getFirst().worst()).isEqualTo(ComponentState.MAJOR_OUTAGE);
        assertThat(bars.get(StatusComponent.BACKUPS).stream().filter(d -> d.worst() != ComponentState.OPERATIONAL)).hasSize(1);
    }

    @Test
    void anOpenIncidentColoursEveryDayUpToTodayAndSetsTheCurrentState() {
        LocalDate today = LocalDate.ofInstant(T0, ZoneOffset.UTC).plusDays(3);
        Incident open = incident(2, "t", ComponentState.MAJOR_OUTAGE, T0, null,
                update(1, T0, Incident.Kind.OPENED, ComponentState.MAJOR_OUTAGE, "a"));
        var bars = HistoryBars.of(today, List.of(), List.of(open));
        assertThat(bars.get(StatusComponent.API).subList(86, 90)).allMatch(d -> d.worst() == ComponentState.MAJOR_OUTAGE);
        assertThat(bars.get(StatusComponent.API).get(85).worst()).isEqualTo(ComponentState.OPERATIONAL);
        var now = HistoryBars.current(List.of(open));
        assertThat(now.get(StatusComponent.API)).isEqualTo(ComponentState.MAJOR_OUTAGE);
        assertThat(now.get(StatusComponent.BACKUPS)).isEqualTo(ComponentState.OPERATIONAL);
    }

    @Test
    void breachDeadlineIsSeventyTwoHoursAfterRecordingWithHoursLeftOrOverdue() {
        Instant recorded = Instant.parse("2030-02-27T09:00:00Z"); // across the end of February
        assertThat(BreachDeadline.of(recorded)).isEqualTo(Instant.parse("2030-03-02T09:00:00Z"));
        assertThat(BreachDeadline.describe(recorded, recorded, null)).isEqualTo("72 h 0 min left");
        assertThat(BreachDeadline.describe(recorded, recorded.plus(Duration.ofMinutes(61 * 60 + 59)), null))
                .isEqualTo("10 h 1 min left");
        assertThat(BreachDeadline.describe(recorded, Instant.parse("2030-03-02T11:05:00Z"), null)).isEqualTo("overdue by 2 h 5 min");
        assertThat(BreachDeadline.describe(recorded, Instant.parse("2030-03-09T00:00:00Z"), Instant.parse("2030-02-28T09:30:00Z")))
                .isEqualTo("met (notified 24 h 30 min after recording)");
        assertThat(BreachDeadline.describe(recorded, Instant.parse("2030-03-09T00:00:00Z"), Instant.parse("2030-03-02T10:00:00Z")))
                .isEqualTo("notified 1 h 0 min late");
    }

    @Test
    void securityTxtHasTheRfc9116FieldsAndExpiresWithinAYear() {
        String txt = SecurityTxt.render("security@fieldstone.example", "https://fieldstone.example", T0);
        assertThat(txt.lines()).containsExactly(
                "Contact: mailto:security@fieldstone.example",
                "Expires: 2030-09-06T22:30:00Z",
                "Policy: https://fieldstone.example/security/disclosure",
                "Preferred-Languages: en",
                "Canonical: https://fieldstone.example/.well-known/security.txt");
        Instant expires = Instant.parse(txt.lines().filter(l -> l.startsWith("Expires: ")).findFirst().orElseThrow().substring(9));
        assertThat(expires).isAfter(T0).isBefore(T0.plus(Duration.ofDays(365)));
        assertThat(SecurityTxt.render("https://hackerone.example/fieldstone", "https://f.example", T0))
                .startsWith("Contact: https://hackerone.example/fieldstone\n");
        assertThat(SecurityTxt.contact("", "https://status.fieldstone.example:8443")).isEqualTo("security@status.fieldstone.example");
        assertThat(SecurityTxt.contact(" psirt@x.example ", "https://f.example")).isEqualTo("psirt@x.example");
    }

    @Test
    void subscribeThrottleLimitsEachAddressAndEveryoneTogether() {
        SubscribeThrottle throttle = new SubscribeThrottle(2, 3);
        throttle.take("192.0.2.1");
        throttle.take("192.0.2.1");
        assertThatThrownBy(() -> throttle.take("192.0.2.1")).isInstanceOf(TooManyRequests.class);
        throttle.take("192.0.2.2");
        // the total budget of 3 is spent: a fresh address is refused too
        assertThatThrownBy(() -> throttle.take("192.0.2.3")).isInstanceOf(TooManyRequests.class);
    }

    @Test
    void unknownComponentsAndStatesAreRefusedByName() {
        assertThat(StatusComponent.parse(" API ")).isEqualTo(StatusComponent.API);
        assertThat(ComponentState.parse("partial-outage")).isEqualTo(ComponentState.PARTIAL_OUTAGE);
        assertThatThrownBy(() -> StatusComponent.parse("database")).isInstanceOf(InvalidInput.class)
                .hasMessageContaining("database").hasMessageContaining("dashboard, api, portal");
        assertThatThrownBy(() -> ComponentState.parse("on fire")).isInstanceOf(InvalidInput.class);
    }

    @Test
    void blankAndOversizedTitlesAndMessagesAreRefused() {
        assertThatThrownBy(() -> Incident.checkTitle(" ")).isInstanceOf(InvalidInput.class);
        assertThatThrownBy(() -> Incident.checkTitle("x".repeat(Incident.MAX_TITLE + 1))).isInstanceOf(InvalidInput.class)
                .hasMessageContaining(String.valueOf(Incident.MAX_TITLE));
        Incident.checkTitle("x".repeat(Incident.MAX_TITLE));
        assertThatThrownBy(() -> Incident.checkMessage("x".repeat(Incident.MAX_MESSAGE + 1))).isInstanceOf(InvalidInput.class);
        Incident resolved = incident(1, "t", ComponentState.DEGRADED, T0, T0.plusSeconds(1));
        assertThatThrownBy(resolved::requireOpen).isInstanceOf(org.fieldstone.shared.Conflict.class);
    }

    private static String text(Element parent, String name) {
        NodeList nodes = parent.getElementsByTagNameNS("http://www.w3.org/2005/Atom", name);
        return nodes.getLength() == 0 ? null : nodes.item(0).getTextContent();
    }
}
