package org.fieldstone.files.web;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.util.Set;
import org.fieldstone.files.FileStatus;
import org.fieldstone.files.FileTooLarge;
import org.fieldstone.files.Files;
import org.fieldstone.files.StoredFile;
import org.fieldstone.files.TargetKind;
import org.fieldstone.shared.Actor;
import org.fieldstone.shared.InvalidInput;
import org.fieldstone.shared.Message;
import org.fieldstone.shared.VersionConflict;
import org.springframework.context.MessageSource;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The dashboard's side of files (the "Files" section of the client, job, quote and invoice pages, and the photos of
 * My day): an upload form posting {@code multipart/form-data} to {@code /c/{slug}/attachments/{collection}/{id}}, a
 * download through {@code /c/{slug}/files/{id}/download} (the facade's read check, sent exactly as the API's content
 * endpoint sends it, {@link FileDownloads}), and delete ({@code POST /c/{slug}/files/{id}/delete} with the version
 * the page was read at). Each answers with a redirect back to the page (a flash message says what happened: stored
 * and scanning, clean, malware found, or why it was refused), so the forms work without JavaScript.
 */
@Controller
class FilesPages {

    private static final String TARGETS = "{collection:clients|properties|jobs|visits|quotes|invoices}";
    private static final Set<String> LABELS = Set.of("before", "after");

    private final Files files;
    private final MessageSource messages;

    FilesPages(Files files, MessageSource messages) {
        this.files = files;
        this.messages = messages;
    }

    @PostMapping(path = "/c/{slug}/attachments/" + TARGETS + "/{id}", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    String upload(Actor actor, @PathVariable String collection, @PathVariable String id,
                  @RequestParam(name = "file", required = false) MultipartFile file,
                  @RequestParam(defaultValue = "") String label, @RequestParam(defaultValue = "") String back,
                  @RequestParam(defaultValue = "") String stop, RedirectAttributes flash) throws IOException {
        TargetKind kind = TargetKind.ofPath(collection);
        flash.addFlashAttribute("filesTarget", id);
        try {
            if (file == null || file.isEmpty()) {
                throw new InvalidInput("file", Message.of("files.refused.empty"));
            }
            String name = file.getOriginalFilename() == null ? "upload" : file.getOriginalFilename();
            if (LABELS.contains(label)) {
                name = label + "-" + name;
            }
            StoredFile stored;
            try (InputStream in = file.getInputStream()) {
                stored = files.upload(actor, kind, id, name, in);
            }
            if (stored.status() == FileStatus.INFECTED) {
                flash.addFlashAttribute("filesError", Message.of("files.infected", stored.name(), stored.verdict()).resolve(messages));
            } else if (stored.status() == FileStatus.SCANNING) {
                flash.addFlashAttribute("filesNotice", Message.of("files.scanning").resolve(messages));
            } else {
                flash.addFlashAttribute("filesNotice", Message.of("files.page.uploaded", stored.name()).resolve(messages));
            }
        } catch (InvalidInput e) {
            // refused content (type, empty, unreadable photo): said on the page; a weaker role is a 403 page instead
            flash.addFlashAttribute("filesError", e.message(messages));
        } catch (FileTooLarge e) {
            flash.addFlashAttribute("filesError", Message.of("files.refused.too-large", e.limitMiB()).resolve(messages));
        }
        return back(kind, id, back, stop);
    }

    @GetMapping("/c/{slug}/files/{id}/download")
    void download(Actor actor, @PathVariable String id, HttpServletResponse response) throws IOException {
        FileDownloads.write(files.content(actor, id, false), false, response);
    }

    @PostMapping("/c/{slug}/files/{id}/delete")
    String delete(Actor actor, @PathVariable String id, @RequestParam(required = false) Long version,
                  @RequestParam(defaultValue = "") String back, @RequestParam(defaultValue = "") String stop,
                  RedirectAttributes flash) {
        StoredFile file = files.get(actor, id);
        flash.addFlashAttribute("filesTarget", file.targetId());
        try {
            if (version == null) {
                throw new InvalidInput("version", Message.of("schedule.refused.form-version"));
            }
            files.delete(actor, id, version);
            flash.addFlashAttribute("filesNotice", Message.of("files.page.deleted", file.name()).resolve(messages));
        } catch (VersionConflict e) {
            flash.addFlashAttribute("filesError", Message.of("files.page.stale").resolve(messages));
        } catch (InvalidInput e) {
            flash.addFlashAttribute("filesError", e.message(messages));
        }
        return back(file.targetKind(), file.targetId(), back, stop);
    }

    /** Back to My day's stop, or to the target's own page at its Files section. */
    private static String back(TargetKind kind, String id, String back, String stop) {
        if ("myday".equals(back)) {
            return stop.matches("[0-9A-Za-z-]{1,64}") ? "redirect:/c/{slug}/my-day#stop-" + stop : "redirect:/c/{slug}/my-day";
        }
        if (!id.matches("[0-9A-Za-z-]{1,64}")) {
            return "redirect:/c/{slug}";
        }
        return switch (kind) {
            case CLIENT, JOB, QUOTE, INVOICE -> "redirect:/c/{slug}/" + kind.path() + "/" + id + "#files";
            default -> "redirect:/c/{slug}";
        };
    }
}
