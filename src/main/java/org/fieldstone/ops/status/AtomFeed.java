package org.fieldstone.ops.status;

import java.io.StringWriter;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

/**
 * The status page's Atom 1.0 feed (RFC 4287): one entry per incident update, newest first. Written with the JDK's
 * {@link XMLStreamWriter}, which escapes every text and attribute, so a title such as {@code <b>&} stays text.
 */
public final class AtomFeed {

    private static final String ATOM = "http://www.w3.org/2005/Atom";

    private AtomFeed() {
    }

    /**
     * @param base      the public address ({@code https://status.example}), without a trailing slash
     * @param title     the feed's title
     * @param incidents the incidents to list
     * @param now       the feed's {@code updated} when there are no entries
     */
    public static String render(String base, String title, List<Incident> incidents, Instant now) {
        record Entry(Incident incident, Incident.Update update) {
        }
        List<Entry> entries = new ArrayList<>();
        for (Incident i : incidents) {
            for (Incident.Update u : i.updates()) {
                entries.add(new Entry(i, u));
            }
        }
        entries.sort(Comparator.comparing((Entry e) -> e.update().at()).reversed()
                .thenComparing(e -> -e.incident().id()).thenComparing(e -> -e.update().seq()));
        Instant updated = entries.isEmpty() ? now : entries.getFirst().update().at();
        StringWriter out = new StringWriter();
        try {
            XMLStreamWriter xml = XMLOutputFactory.newFactory().createXMLStreamWriter(out);
            xml.writeStartDocument("UTF-8", "1.0");
            xml.writeStartElement("feed");
            xml.writeDefaultNamespace(ATOM);
            text(xml, "id", base + "/status");
            text(xml, "title", title);
            text(xml, "updated", time(updated));
            link(xml, "self", base + "/status.atom");
            link(xml, "alternate", base + "/status");
            xml.writeStartElement("author");
            text(xml, "name", title);
            xml.writeEndElement();
            for (Entry e : entries) {
                Incident i = e.incident();
                Incident.Update u = e.update();
                xml.writeStartElement("entry");
                text(xml, "id", base + "/status/incidents/" + i.id() + "/updates/" + u.seq());
                text(xml, "title", i.title() + " — " + u.kind().key() + " (" + u.state().key() + ")");
                text(xml, "updated", time(u.at()));
                link(xml, "alternate", base + "/status#incident-" + i.id());
                xml.writeStartElement("content");
                xml.writeAttribute("type", "text");
                xml.writeCharacters(u.message());
                xml.writeEndElement();
                xml.writeEndElement();
            }
            xml.writeEndElement();
            xml.writeEndDocument();
            xml.close();
        } catch (XMLStreamException e) {
            throw new IllegalStateException("Cannot write the status feed", e);
        }
        return out.toString();
    }

    private static void text(XMLStreamWriter xml, String name, String value) throws XMLStreamException {
        xml.writeStartElement(name);
        xml.writeCharacters(value);
        xml.writeEndElement();
    }

    private static void link(XMLStreamWriter xml, String rel, String href) throws XMLStreamException {
        xml.writeEmptyElement("link");
        xml.writeAttribute("rel", rel);
        xml.writeAttribute("href", href);
    }

    private static String time(Instant at) {
        return DateTimeFormatter.ISO_INSTANT.format(at.truncatedTo(java.time.temporal.ChronoUnit.SECONDS));
    }
}
