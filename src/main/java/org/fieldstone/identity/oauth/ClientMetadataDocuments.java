package org.fieldstone.identity.oauth;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.IDN;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.JsonNodeType;

/**
 * Client ID Metadata Documents (draft-ietf-oauth-client-id-metadata-document; the MCP authorization spec's preferred
 * registration): a {@code client_id} that is an https URL names the JSON document describing the client. Fetched
 * with an SSRF guard: https only (no user info, no fragment); the host is resolved once and refused when any of its
 * addresses is not public ({@link ClientAddresses}; {@code fieldstone.oauth.client-metadata.allow-private-addresses}
 * lifts that for tests and development); the connection goes to that address (no second lookup: DNS rebinding) with
 * SNI and certificate verification for the name; no redirects; 3 seconds for connect and read together; at most
 * 5 KiB read; {@code application/json} only. Documents are cached per URL (Cache-Control max-age bounded to
 * [5 min, 1 h]); failures for 30 seconds; 1,000 entries.
 */
@Component
class ClientMetadataDocuments {

    private static final Logger log = LoggerFactory.getLogger(ClientMetadataDocuments.class);

    static final int MAX_BYTES = 5 * 1024;
    static final int MAX_HEADER_BYTES = 8 * 1024;
    static final int MAX_URL_LENGTH = 255;
    static final int MAX_REDIRECT_URIS = 10;
    static final Duration MIN_CACHE = Duration.ofMinutes(5);
    static final Duration MAX_CACHE = Duration.ofHours(1);
    static final Duration FAILURE_CACHE = Duration.ofSeconds(30);
    private static final Pattern MAX_AGE = Pattern.compile("(?i)(?:^|[,\\s])max-age\\s*=\\s*\"?(\\d{1,10})");
    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** A client as its document describes it. */
    record Document(String clientId, String name, List<String> redirectUris, String host) {
    }

    /** A fetched document, or why there is none (for the log; the user sees only that it could not be read). */
    record Result(Optional<Document> document, String failure, Duration ttl) {
        static Result failed(String why) {
            return new Result(Optional.empty(), why, FAILURE_CACHE);
        }
    }

    private final boolean allowPrivate;
    private final Duration timeout;
    private final String trustCertificate;
    private volatile SSLContext tls;
    private final Cache<String, Result> cache = Caffeine.newBuilder().maximumSize(1_000)
            .expireAfter(new Expiry<String, Result>() {
                @Override
                public long expireAfterCreate(String key, Result value, long currentTime) {
                    return value.ttl().toNanos();
                }

                @Override
                public long expireAfterUpdate(String key, Result value, long currentTime, long currentDuration) {
                    return value.ttl().toNanos();
                }

                @Override
                public long expireAfterRead(String key, Result value, long currentTime, long currentDuration) {
                    return currentDuration;
                }
            }).build();

    @Autowired
    ClientMetadataDocuments(@Value("${fieldstone.oauth.client-metadata.allow-private-addresses:false}") boolean allowPrivate,
                            @Value("${fieldstone.oauth.client-metadata.trust-certificate:}") String trustCertificate) {
        this(allowPrivate, trustCertificate, Duration.ofSeconds(3));
    }

    ClientMetadataDocuments(boolean allowPrivate, String trustCertificate, Duration timeout) {
        this.allowPrivate = allowPrivate;
        this.trustCertificate = trustCertificate == null ? "" : trustCertificate.strip();
        this.timeout = timeout;
    }

    /** Whether {@code clientId} names a metadata document (an https URL) rather than a registered app. */
    static boolean isUrl(String clientId) {
        return clientId != null && clientId.regionMatches(true, 0, "https://", 0, 8);
    }

    /** The host of a URL client id, for the consent and error pages ({@code null} when it is not one). */
    static String hostOf(String clientId) {
        try {
            return isUrl(clientId) ? new URI(clientId).getHost() : null;
        } catch (URISyntaxException e) {
            return null;
        }
    }

    /** The document of {@code url}, from the cache or fetched now. */
    Result resolve(String url) {
        return cache.get(url, this::fetch);
    }

    /** What the cache holds for {@code url}, without fetching. */
    Optional<Result> cached(String url) {
        return Optional.ofNullable(cache.getIfPresent(url));
    }

    private Result fetch(String url) {
        Result result = fetchUncached(url);
        if (result.document().isEmpty()) {
            String shown = url.replaceAll("[^\\x21-\\x7e]", "?"); // no line breaks or controls from the request in the log
            log.info("Client metadata document {} refused: {}", shown.length() > 100 ? shown.substring(0, 100) : shown, result.failure());
        }
        return result;
    }

    Result fetchUncached(String url) {
        URI uri;
        try {
            uri = validUrl(url);
        } catch (IllegalArgumentException e) {
            return Result.failed(e.getMessage());
        }
        String host = uri.getHost();
        String bareHost = host.startsWith("[") ? host.substring(1, host.length() - 1) : host;
        int port = uri.getPort() == -1 ? 443 : uri.getPort();
        InetAddress address;
        try {
            address = ClientAddresses.resolve(bareHost, allowPrivate);
        } catch (ClientAddresses.RefusedAddress e) {
            return Result.failed("address refused");
        } catch (IOException e) {
            return Result.failed("unknown host");
        }
        long deadline = System.nanoTime() + timeout.toNanos();
        try (Socket raw = new Socket()) {
            raw.connect(new InetSocketAddress(address, port), (int) timeout.toMillis());
            try (SSLSocket socket = (SSLSocket) tls().getSocketFactory().createSocket(raw, bareHost, port, true)) {
                SSLParameters params = socket.getSSLParameters();
                params.setEndpointIdentificationAlgorithm("HTTPS");
                if (!ClientAddresses.literal(bareHost)) {
                    params.setServerNames(List.of(new SNIHostName(bareHost)));
                }
                socket.setSSLParameters(params);
                socket.setSoTimeout(remaining(deadline));
                socket.startHandshake();
                String path = uri.getRawPath() + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
                String hostHeader = port == 443 ? host : host + ":" + port;
                // HTTP/1.0: the answer is not chunked and ends with the connection
                OutputStream out = socket.getOutputStream();
                out.write(("GET " + path + " HTTP/1.0\r\nHost: " + hostHeader + "\r\nAccept: application/json\r\n"
                        + "User-Agent: Fieldstone\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
                out.flush();
                return parse(url, host, socket, deadline);
            }
        } catch (java.net.SocketTimeoutException e) {
            return Result.failed("timed out");
        } catch (IOException | RuntimeException e) {
            return Result.failed("could not be read: " + e.getClass().getSimpleName());
        }
    }

    private Result parse(String url, String host, SSLSocket socket, long deadline) throws IOException {
        InputStream in = socket.getInputStream();
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int matched = 0;
        while (matched < 4) {
            socket.setSoTimeout(remaining(deadline));
            int c = in.read();
            if (c < 0) {
                return Result.failed("no complete answer");
            }
            head.write(c);
            if (head.size() > MAX_HEADER_BYTES) {
                return Result.failed("headers too large");
            }
            matched = (c == '\r' && (matched == 0 || matched == 2)) || (c == '\n' && (matched == 1 || matched == 3)) ? matched + 1
                    : c == '\r' ? 1 : 0;
        }
        String[] lines = head.toString(StandardCharsets.ISO_8859_1).split("\r\n");
        String[] status = lines[0].split(" ", 3);
        if (status.length < 2 || !status[0].startsWith("HTTP/1.")) {
            return Result.failed("not HTTP");
        }
        if (!"200".equals(status[1])) {
            return Result.failed("status " + status[1].substring(0, Math.min(3, status[1].length())) + " (redirects are not followed)");
        }
        String contentType = "";
        String cacheControl = "";
        long contentLength = -1;
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            if (colon <= 0) {
                continue;
            }
            String name = lines[i].substring(0, colon).strip().toLowerCase(Locale.ROOT);
            String value = lines[i].substring(colon + 1).strip();
            switch (name) {
                case "content-type" -> contentType = value;
                case "cache-control" -> cacheControl = value;
                case "content-length" -> {
                    try {
                        contentLength = Long.parseLong(value);
                    } catch (NumberFormatException e) {
                        return Result.failed("bad content-length");
                    }
                }
                default -> {
                }
            }
        }
        String mediaType = contentType.split(";", 2)[0].strip().toLowerCase(Locale.ROOT);
        if (!"application/json".equals(mediaType)) {
            return Result.failed("not application/json");
        }
        if (contentLength > MAX_BYTES) {
            return Result.failed("larger than 5 KiB");
        }
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        byte[] buffer = new byte[1024];
        while (true) {
            socket.setSoTimeout(remaining(deadline));
            int n = in.read(buffer, 0, Math.min(buffer.length, MAX_BYTES + 1 - body.size()));
            if (n < 0) {
                break;
            }
            body.write(buffer, 0, n);
            if (body.size() > MAX_BYTES) {
                return Result.failed("larger than 5 KiB"); // stop reading
            }
        }
        Document document;
        try {
            document = document(url, host, JSON.readTree(body.toByteArray()));
        } catch (IllegalArgumentException e) {
            return Result.failed(e.getMessage());
        } catch (RuntimeException e) {
            return Result.failed("not JSON");
        }
        return new Result(Optional.of(document), null, cacheFor(cacheControl));
    }

    static Duration cacheFor(String cacheControl) {
        Matcher m = MAX_AGE.matcher(cacheControl);
        Duration ttl = m.find() ? Duration.ofSeconds(Long.parseLong(m.group(1))) : MIN_CACHE;
        return ttl.compareTo(MIN_CACHE) < 0 ? MIN_CACHE : ttl.compareTo(MAX_CACHE) > 0 ? MAX_CACHE : ttl;
    }

    /** The document's client, if it describes the client of {@code url} as a public client. */
    static Document document(String url, String host, JsonNode json) {
        if (json == null || !json.isObject()) {
            throw new IllegalArgumentException("not a JSON object");
        }
        if (!url.equals(string(json, "client_id"))) {
            throw new IllegalArgumentException("client_id differs from the URL");
        }
        String method = json.has("token_endpoint_auth_method") ? string(json, "token_endpoint_auth_method") : "none";
        if (!"none".equals(method) || json.has("client_secret") || json.has("client_secret_expires_at")) {
            throw new IllegalArgumentException("not a public client (token_endpoint_auth_method none)");
        }
        JsonNode uris = json.get("redirect_uris");
        if (uris == null || !uris.isArray() || uris.isEmpty() || uris.size() > MAX_REDIRECT_URIS) {
            throw new IllegalArgumentException("redirect_uris missing or too many");
        }
        Set<String> redirects = new LinkedHashSet<>();
        for (JsonNode uri : uris) {
            if (uri.getNodeType() != JsonNodeType.STRING) {
                throw new IllegalArgumentException("redirect_uris not strings");
            }
            try {
                redirects.add(ConnectedAppsService.validRedirectUri(uri.asString()));
            } catch (RuntimeException e) {
                throw new IllegalArgumentException("a redirect URI is not allowed");
            }
        }
        String name = json.has("client_name") ? string(json, "client_name") : null;
        name = name == null ? "" : name.strip().replaceAll("\\p{Cntrl}", "");
        if (name.isEmpty()) {
            name = host;
        }
        if (name.length() > 100) {
            name = name.substring(0, 100);
        }
        return new Document(url, name, new ArrayList<>(redirects), host);
    }

    private static String string(JsonNode json, String field) {
        JsonNode node = json.get(field);
        if (node == null || node.getNodeType() != JsonNodeType.STRING) {
            throw new IllegalArgumentException(field + " missing or not a string");
        }
        return node.asString();
    }

    /** An acceptable client id URL (the draft's rules): https, a host, a path, no user info, fragment or dot segments. */
    static URI validUrl(String url) {
        if (url == null || url.length() > MAX_URL_LENGTH || !isUrl(url)) {
            throw new IllegalArgumentException("not an https URL of at most 255 characters");
        }
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("not a URL");
        }
        String path = uri.getRawPath();
        if (!"https".equals(uri.getScheme()) || uri.getHost() == null || uri.getRawUserInfo() != null
                || uri.getRawFragment() != null || path == null || path.isEmpty() || "/".equals(path)
                || path.contains("/./") || path.contains("/../") || path.endsWith("/.") || path.endsWith("/..")) {
            throw new IllegalArgumentException("not an acceptable client id URL");
        }
        if (!uri.getHost().equals(IDN.toASCII(uri.getHost()))) {
            throw new IllegalArgumentException("not an ASCII host");
        }
        return uri;
    }

    private static int remaining(long deadline) throws java.net.SocketTimeoutException {
        long left = (deadline - System.nanoTime()) / 1_000_000;
        if (left <= 0) {
            throw new java.net.SocketTimeoutException();
        }
        return (int) left;
    }

    private SSLContext tls() {
        SSLContext context = tls;
        if (context != null) {
            return context;
        }
        try {
            if (trustCertificate.isEmpty()) {
                context = SSLContext.getDefault();
            } else {
                // tests and development: trust this one certificate (PEM) instead of the JDK's authorities
                try (InputStream in = Files.newInputStream(Path.of(trustCertificate))) {
                    KeyStore trust = KeyStore.getInstance(KeyStore.getDefaultType());
                    trust.load(null, null);
                    trust.setCertificateEntry("trusted", CertificateFactory.getInstance("X.509").generateCertificate(in));
                    TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
                    tmf.init(trust);
                    context = SSLContext.getInstance("TLS");
                    context.init(null, tmf.getTrustManagers(), null);
                }
            }
        } catch (Exception e) {
            throw new IllegalStateException("Cannot set up TLS for client metadata documents", e);
        }
        tls = context;
        return context;
    }
}
