package org.fieldstone.files.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import org.fieldstone.files.FileSettings;
import org.fieldstone.files.FileStatus;
import org.fieldstone.files.FileTooLarge;
import org.fieldstone.files.Files;
import org.fieldstone.files.StoredFile;
import org.fieldstone.files.TargetKind;
import org.fieldstone.shared.Actor;
import org.fieldstone.shared.Change;
import org.fieldstone.shared.Message;
import org.fieldstone.shared.NotFound;
import org.fieldstone.shared.Permission;
import org.fieldstone.shared.api.ApiMediaTypes;
import org.fieldstone.shared.api.JsonFields;
import org.fieldstone.shared.api.VersionTags;
import org.springframework.context.MessageSource;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;
import tools.jackson.databind.JsonNode;

/**
 * The files API: {@code POST /api/v1/{clients|properties|jobs|visits|quotes|invoices}/{id}/files} (multipart, the
 * field {@code file}), the list of a target's files, {@code GET|DELETE /api/v1/files/{id}}, its content (only when
 * {@code CLEAN}) and thumbnail, a signed link for the caller's own browser session, and
 * {@code GET|PUT /api/v1/settings/files}.
 */
@RestController
@RequestMapping("/api/v1")
@SecurityRequirement(name = "apiKey")
class FilesApi {

    private static final String TARGETS = "{collection:clients|properties|jobs|visits|quotes|invoices}";

    private final Files files;
    private final MessageSource messages;

    FilesApi(Files files, MessageSource messages) {
        this.files = files;
        this.messages = messages;
    }

    @Operation(summary = "Upload a file (multipart field 'file'): typed by content, encrypted, scanned for malware")
    @PostMapping(path = "/" + TARGETS + "/{id}/files", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    ResponseEntity<FileJson> upload(Actor actor, @PathVariable String collection, @PathVariable String id,
                                    @RequestParam("file") MultipartFile file, Locale locale) throws IOException {
        StoredFile stored;
        try (InputStream in = file.getInputStream()) {
            stored = files.upload(actor, TargetKind.ofPath(collection), id, file.getOriginalFilename(), in);
        }
        return ResponseEntity.created(URI.create("/api/v1/files/" + stored.id()))
                .eTag(VersionTags.etag(stored.version())).body(json(stored, locale));
    }

    @Operation(summary = "The files of a client, property, job, visit, quote or invoice (read access to it)")
    @GetMapping("/" + TARGETS + "/{id}/files")
    List<FileJson> list(Actor actor, @PathVariable String collection, @PathVariable String id, Locale locale) {
        return files.list(actor, TargetKind.ofPath(collection), id).stream().map(f -> json(f, locale)).toList();
    }

    @Operation(summary = "A file's metadata and scan status")
    @GetMapping("/files/{id}")
    ResponseEntity<FileJson> get(Actor actor, @PathVariable String id, Locale locale) {
        StoredFile f = files.get(actor, id);
        return ResponseEntity.ok().eTag(VersionTags.etag(f.version())).body(json(f, locale));
    }

    @Operation(summary = "A clean file's content (404 while scanning or when infected)")
    @GetMapping("/files/{id}/content")
    void content(Actor actor, @PathVariable String id, HttpServletResponse response) throws IOException {
        FileDownloads.write(files.content(actor, id, false), false, response);
    }

    @Operation(summary = "A clean image's thumbnail (at most 320 pixels)")
    @GetMapping("/files/{id}/thumbnail")
    void thumbnail(Actor actor, @PathVariable String id, HttpServletResponse response) throws IOException {
        FileDownloads.write(files.content(actor, id, true), true, response);
    }

    @Operation(summary = "A signed link to a clean file for the caller's own browser session, valid 5 minutes")
    @PostMapping("/files/{id}/links")
    LinkJson link(Actor actor, @PathVariable String id) {
        Files.SignedLink link = files.link(actor, id);
        return new LinkJson(link.path(), link.expiresAt());
    }

    @Operation(summary = "Delete a file and its ciphertext (the uploader, or an admin; If-Match)")
    @DeleteMapping("/files/{id}")
    ResponseEntity<Void> delete(Actor actor, @PathVariable String id,
                                @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch) {
        long version = VersionTags.expectedVersion(actor, Permission.CLIENTS_WRITE, ifMatch, () -> files.get(actor, id));
        files.delete(actor, id, version);
        return ResponseEntity.noContent().build();
    }

    @Operation(summary = "The company's file settings: largest upload, whether photos keep their location")
    @GetMapping("/settings/files")
    SettingsJson settings(Actor actor) {
        FileSettings s = files.settings(actor);
        return new SettingsJson(s.maxSizeBytes(), s.keepPhotoLocation());
    }

    @Operation(summary = "Change the file settings; absent fields keep their value (settings:manage)")
    @PutMapping(path = "/settings/files", consumes = {MediaType.APPLICATION_JSON_VALUE, ApiMediaTypes.MERGE_PATCH_JSON_VALUE})
    SettingsJson updateSettings(Actor actor, @RequestBody JsonNode body) {
        actor.require(Permission.SETTINGS_MANAGE);
        FileSettings current = files.settings(actor);
        JsonFields f = JsonFields.of(body, java.util.Set.of("maxSizeBytes", "keepPhotoLocation"), java.util.Set.of());
        long max = current.maxSizeBytes();
        if (f.decimal("maxSizeBytes") instanceof Change.To<String>(String v) && v != null) {
            try {
                max = new java.math.BigDecimal(v).longValueExact();
            } catch (ArithmeticException | NumberFormatException e) {
                f.reject("maxSizeBytes", Message.of("files.refused.max-size", 1024, current.maxSizeBytes()));
            }
        }
        boolean keep = f.bool("keepPhotoLocation") instanceof Change.To<Boolean>(Boolean v) && v != null ? v
                : current.keepPhotoLocation();
        f.throwIfAny();
        FileSettings s = files.updateSettings(actor, new FileSettings(max, keep));
        return new SettingsJson(s.maxSizeBytes(), s.keepPhotoLocation());
    }

    @ExceptionHandler(FileTooLarge.class)
    ResponseEntity<ProblemDetail> tooLarge(FileTooLarge e, Locale locale) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.CONTENT_TOO_LARGE,
                messages.getMessage("files.refused.too-large", new Object[] {e.limitMiB()}, locale));
        problem.setProperty("limitBytes", e.limitBytes());
        return ResponseEntity.status(HttpStatus.CONTENT_TOO_LARGE).contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(problem);
    }

    private FileJson json(StoredFile f, Locale locale) {
        String message = f.status() == FileStatus.INFECTED
                ? messages.getMessage("files.infected", new Object[] {f.name(), f.verdict()}, locale)
                : f.status() == FileStatus.SCANNING ? messages.getMessage("files.scanning", null, locale) : null;
        return new FileJson(f.id(), f.name(), f.contentType(), f.size(), f.status().name(), f.version(),
                f.targetKind().path(), f.targetId(), f.verdict(), f.uploadedBy(), f.createdAt(), f.thumbnail(), message);
    }

    /** A file as the API answers it. */
    record FileJson(String id, String name, String contentType, long size, String status, long version, String targetType,
                    String targetId, String verdict, String uploadedBy, Instant createdAt, boolean thumbnail,
                    String message) {
    }

    record LinkJson(String url, Instant expiresAt) {
    }

    record SettingsJson(long maxSizeBytes, boolean keepPhotoLocation) {
    }

    static NotFound notFound() {
        return new NotFound(Message.of("files.thing.file"));
    }
}
