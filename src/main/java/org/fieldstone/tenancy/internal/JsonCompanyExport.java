package org.fieldstone.tenancy.internal;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Instant;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.fieldstone.audit.AuditQuery;
import org.fieldstone.audit.AuditRecord;
import org.fieldstone.audit.AuditRecord.Change;
import org.fieldstone.audit.AuditTrail;
import org.fieldstone.shared.Actor;
import org.fieldstone.shared.Message;
import org.fieldstone.shared.NotFound;
import org.fieldstone.shared.Permission;
import org.fieldstone.tenancy.Companies;
import org.fieldstone.tenancy.Company;
import org.fieldstone.tenancy.CompanyDatabase;
import org.fieldstone.tenancy.CompanyDatabases;
import org.fieldstone.tenancy.CompanyExports;
import org.fieldstone.tenancy.EncryptedExports;
import org.fieldstone.tenancy.ExportContent;
import org.fieldstone.tenancy.ExportSection;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.StreamWriteFeature;
import tools.jackson.databind.json.JsonMapper;

/** {@link CompanyExports}: the company, every module's {@link ExportSection} in bean order, then the audit trail. */
@Component
class JsonCompanyExport implements CompanyExports {

    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(JsonCompanyExport.class);
    static final String AUDIT_SECTION = "auditTrail";
    static final String ARCHIVE_ENTRIES = "archiveEntries";

    private final Companies companies;
    private final CompanyDatabases databases;
    private final AuditTrail audit;
    private final ObjectProvider<ExportSection> sections;
    private final ObjectProvider<ExportContent> contents;
    private final Clock clock;
    private final JsonMapper json = JsonMapper.builder().disable(StreamWriteFeature.AUTO_CLOSE_TARGET).build();

    JsonCompanyExport(Companies companies, CompanyDatabases databases, AuditTrail audit,
                      ObjectProvider<ExportSection> sections, ObjectProvider<ExportContent> contents, Clock clock) {
        this.contents = contents;
        this.companies = companies;
        this.databases = databases;
        this.audit = audit;
        this.sections = sections;
        this.clock = clock;
    }

    /** What the export says about the company itself (the control plane's record, without its placement). */
    record ExportedCompany(String id, String slug, String name, String status, String country, String timeZone,
                           Instant createdAt) {
    }

    @Override
    public Map<String, Long> export(Actor actor, OutputStream out) throws IOException {
        return export(actor, out, null, false);
    }

    @Override
    public Map<String, Long> exportArchive(Actor actor, OutputStream out, char[] passphrase) throws IOException {
        actor.require(Permission.COMPANY_EXPORT);
        OutputStream target = nonClosing(out);
        OutputStream sink = passphrase == null ? target : EncryptedExports.encrypting(target, passphrase);
        ZipOutputStream zip = new ZipOutputStream(sink);
        zip.putNextEntry(new ZipEntry(ARCHIVE_JSON));
        return export(actor, nonClosing(zip), zip, passphrase != null);
    }

    /** Lets a stream be closed by who writes to it without closing the stream below (which is flushed instead). */
    private static OutputStream nonClosing(OutputStream out) {
        return new FilterOutputStream(out) {
            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                out.write(b, off, len);
            }

            @Override
            public void close() throws IOException {
                flush();
            }
        };
    }

    /** With a {@code zip}, {@code out} is its {@value #ARCHIVE_JSON} entry, and the content entries follow. */
    private Map<String, Long> export(Actor actor, OutputStream out, ZipOutputStream zip, boolean encrypted) throws IOException {
        actor.require(Permission.COMPANY_EXPORT);
        Company company = companies.find(actor.tenant()).orElseThrow(() -> new NotFound(Message.of("tenancy.thing.company")));
        CompanyDatabase db = databases.of(company.id());
        List<ExportSection> ordered = sections.orderedStream().toList();
        Set<String> names = new HashSet<>(Set.of("format", "exportedAt", "company", AUDIT_SECTION));
        for (ExportSection section : ordered) {
            if (!names.add(section.name())) {
                throw new IllegalStateException("Two export sections are called " + section.name());
            }
        }
        Map<String, Long> counts = new LinkedHashMap<>();
        boolean complete = false;
        try (JsonGenerator g = json.createGenerator(out)) {
            g.writeStartObject();
            g.writeStringProperty("format", FORMAT);
            g.writeStringProperty("exportedAt", clock.instant().toString());
            g.writeName("company");
            json.writeValue(g, new ExportedCompany(company.id().toString(), company.slug(), company.name(),
                    company.status().name(), company.country(), company.timeZone().getId(), company.createdAt()));
            for (ExportSection section : ordered) {
                counts.put(section.name(), array(g, section.name(), each -> section.export(db, each)));
            }
            counts.put(AUDIT_SECTION, array(g, AUDIT_SECTION,
                    each -> audit.forEach(company.id(), db.jdbc(), AuditQuery.ALL, each::accept)));
            g.writeEndObject();
            g.flush();
            if (zip != null) {
                zip.closeEntry();
                AtomicLong entries = new AtomicLong();
                for (ExportContent content : contents.orderedStream().toList()) {
                    content.contents(db, (path, writer) -> {
                        zip.putNextEntry(new ZipEntry(path));
                        writer.writeTo(nonClosing(zip));
                        zip.closeEntry();
                        entries.incrementAndGet();
                    });
                }
                counts.put(ARCHIVE_ENTRIES, entries.get());
                zip.close(); // finishes the archive and, when encrypted, the last segment; the caller's stream stays open
            }
            complete = true;
        } catch (JacksonException e) {
            throw e.getCause() instanceof IOException io ? io : new IOException("The export could not be written", e);
        } catch (UncheckedIOException e) {
            throw e.getCause();
        } finally {
            try {
                record(actor, db, counts, complete, zip == null ? List.of() : List.of(
                        new Change("archive", null, "zip"), new Change("encrypted", null, Boolean.toString(encrypted))));
            } catch (RuntimeException e) {
                if (complete) {
                    throw e; // an export that cannot be recorded is a failed export
                }
                log.warn("A broken-off export of company {} could not be recorded: {}", company.slug(), e.toString());
            }
        }
        return counts;
    }

    /** Writes one named array, item by item as the section hands them over; returns how many. */
    private long array(JsonGenerator g, String name, java.util.function.Consumer<java.util.function.Consumer<Object>> items) {
        AtomicLong count = new AtomicLong();
        g.writeName(name);
        g.writeStartArray();
        items.accept(item -> {
            json.writeValue(g, item);
            count.incrementAndGet();
        });
        g.writeEndArray();
        return count.get();
    }

    private void record(Actor actor, CompanyDatabase db, Map<String, Long> counts, boolean complete, List<Change> archive) {
        List<Change> changes = new java.util.ArrayList<>();
        changes.add(new Change("format", null, FORMAT));
        changes.addAll(archive);
        changes.add(new Change("complete", null, Boolean.toString(complete)));
        counts.forEach((section, n) -> changes.add(new Change(section, null, Long.toString(n))));
        db.inTransaction(() -> audit.append(db.jdbc(), new AuditRecord(actor, "company", actor.tenant().toString(),
                "company.exported", changes)));
    }
}
