package org.fieldstone.files.web;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import org.fieldstone.files.Files;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;

/**
 * How a file's content is sent: images and PDFs inline, everything else as an attachment; never as HTML or SVG (the
 * upload refuses both, and a type outside the served list is sent as {@code application/octet-stream});
 * {@code X-Content-Type-Options: nosniff}, a sandboxing CSP and no caching by shared caches.
 */
final class FileDownloads {

    private static final Set<String> INLINE = Set.of("image/jpeg", "image/png", "application/pdf");

    private FileDownloads() {
    }

    static void write(Files.Content content, boolean thumbnail, HttpServletResponse response) throws IOException {
        String type = content.contentType();
        if (type.startsWith("text/html") || type.startsWith("image/svg") || type.contains("xml") || type.contains("javascript")) {
            type = "application/octet-stream";
        }
        boolean inline = INLINE.contains(type);
        String name = thumbnail ? "thumbnail-" + content.file().name() : content.file().name();
        response.setStatus(200);
        response.setContentType(type.equals("text/plain") ? "text/plain;charset=UTF-8" : type);
        response.setHeader(HttpHeaders.CONTENT_DISPOSITION, (inline ? ContentDisposition.inline() : ContentDisposition.attachment())
                .filename(name, StandardCharsets.UTF_8).build().toString());
        response.setHeader("X-Content-Type-Options", "nosniff");
        response.setHeader("Content-Security-Policy", "default-src 'none'; sandbox");
        response.setHeader(HttpHeaders.CACHE_CONTROL, "private, no-store");
        if (!thumbnail) {
            response.setContentLengthLong(content.file().size());
        }
        content.writeTo(response.getOutputStream());
    }
}
