package org.fieldstone.web;

import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.fieldstone.files.AttachmentTargets;
import org.fieldstone.files.FileStatus;
import org.fieldstone.files.Files;
import org.fieldstone.files.StoredFile;
import org.fieldstone.files.TargetKind;
import org.fieldstone.identity.SignedIn;
import org.fieldstone.jobs.VisitSignature;
import org.fieldstone.jobs.Visits;
import org.fieldstone.tenancy.Companies;
import org.fieldstone.shared.Actor;
import org.fieldstone.shared.DomainException;
import org.fieldstone.shared.Role;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;
import org.thymeleaf.context.IExpressionContext;
import org.thymeleaf.dialect.AbstractDialect;
import org.thymeleaf.dialect.IExpressionObjectDialect;
import org.thymeleaf.expression.IExpressionObjectFactory;

/**
 * {@code #attachments} in every template: {@code ${#attachments.of('JOB', job.id)}} is what the Files section
 * ({@code files/section.html}) shows of a target for the signed-in user (the layout's {@code me}): its files with
 * short-lived signed links for image thumbnails, download links (the authorized endpoint), and only the forms the
 * user can use (upload when they may attach to the target, delete when they uploaded the file or are an admin).
 * Everything is asked of the files facade, which checks the user's access to the target again.
 */
@Component
class Attachments extends AbstractDialect implements IExpressionObjectDialect {

    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

    private final ObjectProvider<Files> files;
    private final ObjectProvider<AttachmentTargets> targets;
    private final ObjectProvider<Visits> visits;
    private final ObjectProvider<Companies> companies;

    Attachments(ObjectProvider<Files> files, ObjectProvider<AttachmentTargets> targets, ObjectProvider<Visits> visits,
                ObjectProvider<Companies> companies) {
        super("fieldstone-attachments");
        this.files = files;
        this.targets = targets;
        this.visits = visits;
        this.companies = companies;
    }

    @Override
    public IExpressionObjectFactory getExpressionObjectFactory() {
        return new IExpressionObjectFactory() {
            @Override
            public Set<String> getAllExpressionObjectNames() {
                return Set.of("attachments");
            }

            @Override
            public Object buildObject(IExpressionContext context, String name) {
                Actor actor = context.getVariable("me") instanceof SignedIn me ? me.actor() : null;
                return new View(actor, files.getObject(), targets.orderedStream().toList(), visits.getObject(),
                        companies.getObject());
            }

            @Override
            public boolean isCacheable(String name) {
                return false;
            }
        };
    }

    /** The sections of one page, for its signed-in user. */
    public record View(Actor actor, Files files, List<AttachmentTargets> targets, Visits visits, Companies companies) {

        /**
         * The customer signatures collected on a job's visits: who signed, when (the company's time zone), and a
         * signed link to the image (null while it is still being scanned).
         */
        public List<Signed> signatures(String jobId) {
            if (actor == null) {
                return List.of();
            }
            ZoneId zone = companies.timeZone(actor.tenant());
            List<Signed> signed = new ArrayList<>();
            for (VisitSignature s : visits.signatures(actor, jobId)) {
                String image = null;
                try {
                    image = files.link(actor, s.fileId()).path();
                } catch (DomainException e) {
                    // scanning (or refused): no image yet
                }
                signed.add(new Signed(s.visitId(), s.signedBy(), WHEN.format(s.signedAt().atZone(zone)), image));
            }
            return signed;
        }

        /** The Files section of a target ({@code kind}: {@code CLIENT, JOB, QUOTE, INVOICE, VISIT}). */
        public Section of(String kind, String targetId) {
            TargetKind k = TargetKind.valueOf(kind);
            if (actor == null) {
                return new Section(k.path(), targetId, false, 0, List.of());
            }
            boolean canAttach = canAttach(k, targetId);
            List<Item> items = new ArrayList<>();
            for (StoredFile f : files.list(actor, k, targetId)) {
                String thumb = null;
                if (f.status() == FileStatus.CLEAN && f.thumbnail()) {
                    thumb = files.link(actor, f.id()).path() + "&thumb=1";
                }
                boolean mine = f.uploadedBy() != null && actor.userId().map(u -> u.value().toString().equals(f.uploadedBy()))
                        .orElse(false);
                items.add(new Item(f, size(f.size()), thumb, f.status() == FileStatus.CLEAN,
                        canAttach && (mine || actor.role().covers(Role.ADMIN)), mine));
            }
            long max = 0;
            try {
                max = files.settings(actor).maxSizeBytes();
            } catch (DomainException e) {
                canAttach = false;
            }
            return new Section(k.path(), targetId, canAttach, max, items);
        }

        /** The photos (images) of a target, for My day's stops. */
        public Section photos(String kind, String targetId) {
            Section s = of(kind, targetId);
            return new Section(s.collection(), s.targetId(), s.canAttach(), s.maxBytes(),
                    s.items().stream().filter(i -> i.file().isImage()).toList());
        }

        private boolean canAttach(TargetKind kind, String targetId) {
            for (AttachmentTargets t : targets) {
                if (t.kinds().contains(kind)) {
                    try {
                        t.checkAttach(actor, kind, targetId);
                        return true;
                    } catch (DomainException e) {
                        return false;
                    }
                }
            }
            return false;
        }

        static String size(long bytes) {
            if (bytes < 1024) {
                return bytes + " B";
            }
            if (bytes < 1024 * 1024) {
                return (bytes + 1023) / 1024 + " KiB";
            }
            return String.format(Locale.ROOT, "%.1f MiB", bytes / (1024.0 * 1024.0));
        }
    }

    /** A signature as the job page shows it: {@code image} a signed link, or null while it is being scanned. */
    public record Signed(String visitId, String signedBy, String signedAt, String image) {
    }

    /** A target's Files section: {@code collection} as the API names it ({@code jobs}), the upload limit in bytes. */
    public record Section(String collection, String targetId, boolean canAttach, long maxBytes, List<Item> items) {

        public long maxMiB() {
            return Math.max(1, maxBytes / (1024 * 1024));
        }
    }

    /**
     * One file: {@code thumbnail} a signed link (null unless a clean image), {@code downloadable} when clean,
     * {@code mine} when the user uploaded it (they see the scanner's words when it was refused).
     */
    public record Item(StoredFile file, String size, String thumbnail, boolean downloadable, boolean canDelete,
                       boolean mine) {
    }
}
