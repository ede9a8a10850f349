package org.fieldstone.files.internal;

import java.io.IOException;
import java.util.Locale;
import java.util.Map;
import org.apache.tika.io.TikaInputStream;
import org.apache.tika.metadata.Metadata;
import org.apache.tika.mime.MediaType;
import org.apache.tika.mime.MimeTypes;
import org.apache.tika.parser.ParseContext;

/**
 * What an upload is, by its content alone: Apache Tika's magic-byte detection ({@link MimeTypes}, tika-core) over the
 * bytes, never told the name or the declared type. Allowed: JPEG and PNG photos (which can be re-encoded without
 * their metadata), PDF, plain text (CSV included: by content it is text), and Office documents (OOXML and the older
 * OLE2 formats, whose exact kind — Word, Excel, PowerPoint — is then taken from the name's extension among those
 * alone). Everything else is refused: HTML, SVG, XML, scripts, executables, archives, and images ImageIO cannot
 * re-encode (WebP, HEIC, GIF) — whatever the name says.
 */
final class ContentTypes {

    private static final MimeTypes DETECTOR = MimeTypes.getDefaultMimeTypes();

    private static final Map<String, String> OOXML = Map.of(
            "docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
            "xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            "pptx", "application/vnd.openxmlformats-officedocument.presentationml.presentation");
    private static final Map<String, String> OLE2 = Map.of(
            "doc", "application/msword", "xls", "application/vnd.ms-excel", "ppt", "application/vnd.ms-powerpoint");

    private ContentTypes() {
    }

    /** The type to store and serve the content as, or null when it is not allowed. */
    static String allowed(byte[] content, String name) {
        String detected = detect(content);
        String ext = extension(name);
        return switch (detected) {
            case "image/jpeg", "image/png", "application/pdf" -> detected;
            case "text/plain" -> "text/plain";
            case "application/x-tika-ooxml", "application/zip" -> OOXML.getOrDefault(ext, null);
            case "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
                 "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                 "application/vnd.openxmlformats-officedocument.presentationml.presentation" -> detected;
            case "application/x-tika-msoffice", "application/msword", "application/vnd.ms-excel",
                 "application/vnd.ms-powerpoint" -> OLE2.getOrDefault(ext, null);
            default -> null;
        };
    }

    /** Tika's answer for the bytes (the base type, without parameters). */
    static String detect(byte[] content) {
        try (TikaInputStream in = TikaInputStream.get(content)) {
            MediaType type = DETECTOR.detect(in, new Metadata(), new ParseContext());
            return type.getBaseType().toString();
        } catch (IOException e) {
            return "application/octet-stream";
        }
    }

    private static String extension(String name) {
        int dot = name == null ? -1 : name.lastIndexOf('.');
        return dot < 0 ? "" : name.substring(dot + 1).toLowerCase(Locale.ROOT);
    }
}
