package org.fieldstone.support;

import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.TrustManagerFactory;

/**
 * A client of the running test application over real HTTPS, trusting only its self-signed certificate.
 * It follows no redirects and keeps cookies itself, so tests see exactly what the server sends.
 */
public final class Https {

    /** Each test JVM (surefire fork) has its own self-signed certificate: forks start side by side. */
    public static final Path CERTIFICATE = Path.of("target/test-tls-" + System.getProperty("fieldstone.test.fork", "0"), "cert.pem");

    private final int port;
    private final HttpClient client;
    private final Map<String, String> cookies = new LinkedHashMap<>();
    private String csrf;

    public Https(int port) {
        this.port = port;
        this.client = HttpClient.newBuilder()
                .sslContext(trustingTestCertificate())
                .sslParameters(tls13())
                .followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(Duration.ofSeconds(10))
                .build();
    }

    public static SSLContext trustingTestCertificate() {
        return trusting(CERTIFICATE);
    }

    /** A TLS context that trusts only the certificate in {@code certificate} (PEM). */
    public static SSLContext trusting(Path certificate) {
        try (InputStream in = Files.newInputStream(certificate)) {
            KeyStore trust = KeyStore.getInstance(KeyStore.getDefaultType());
            trust.load(null, null);
            trust.setCertificateEntry("fieldstone-test", CertificateFactory.getInstance("X.509").generateCertificate(in));
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(trust);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, tmf.getTrustManagers(), null);
            return context;
        } catch (Exception e) {
            throw new IllegalStateException("Cannot trust " + certificate.toAbsolutePath(), e);
        }
    }

    private static SSLParameters tls13() {
        SSLParameters p = new SSLParameters();
        p.setProtocols(new String[] {"TLSv1.3"});
        return p;
    }

    public URI uri(String path) {
        return URI.create("https://localhost:" + port + path);
    }

    public Response get(String path) {
        return send(HttpRequest.newBuilder(uri(path)).GET());
    }

    /** GET with a bearer key. */
    public Response get(String path, String apiKey) {
        return send(HttpRequest.newBuilder(uri(path)).GET().header("Authorization", "Bearer " + apiKey));
    }

    public Response json(String method, String path, String apiKey, String body) {
        return json(method, path, apiKey, body, "application/json");
    }

    public Response json(String method, String path, String apiKey, String body, String contentType) {
        var b = HttpRequest.newBuilder(uri(path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
                .header("Accept", "application/json, application/problem+json");
        if (body != null) {
            b.header("Content-Type", contentType);
        }
        if (apiKey != null) {
            b.header("Authorization", "Bearer " + apiKey);
        }
        return send(b);
    }

    /** The CSRF token of the last page this client loaded (what a page's script sends in a header). */
    public java.util.Optional<String> csrf() {
        return java.util.Optional.ofNullable(csrf);
    }

    /** Submits a form with the CSRF token of the last page this client loaded. */
    public Response post(String path, Map<String, String> form) {
        Map<String, String> fields = new LinkedHashMap<>(form);
        if (csrf != null && !fields.containsKey("_csrf")) {
            fields.put("_csrf", csrf);
        }
        return postRaw(path, fields);
    }

    /** Submits a form whose fields may repeat (ticked checkboxes), with the CSRF token of the last page loaded. */
    public Response post(String path, List<Map.Entry<String, String>> form) {
        List<Map.Entry<String, String>> fields = new java.util.ArrayList<>(form);
        if (csrf != null && fields.stream().noneMatch(e -> e.getKey().equals("_csrf"))) {
            fields.add(Map.entry("_csrf", csrf));
        }
        return postEncoded(path, fields);
    }

    /**
     * Submits a {@code multipart/form-data} form with one file ({@code fileField}) and the CSRF token of the last page
     * loaded, as a browser's file upload does.
     */
    public Response postMultipart(String path, Map<String, String> form, String fileField, String fileName,
                                  String contentType, byte[] content) {
        Map<String, String> fields = new LinkedHashMap<>(form);
        if (csrf != null && !fields.containsKey("_csrf")) {
            fields.put("_csrf", csrf);
        }
        String boundary = "----fieldstone-test-" + Long.toHexString(System.nanoTime());
        java.io.ByteArrayOutputStream body = new java.io.ByteArrayOutputStream();
        java.nio.charset.Charset utf8 = java.nio.charset.StandardCharsets.UTF_8;
        for (Map.Entry<String, String> f : fields.entrySet()) {
            body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + f.getKey() + "\"\r\n\r\n"
                    + f.getValue() + "\r\n").getBytes(utf8));
        }
        body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + fileField + "\"; filename=\""
                + fileName + "\"\r\nContent-Type: " + contentType + "\r\n\r\n").getBytes(utf8));
        body.writeBytes(content);
        body.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(utf8));
        return send(HttpRequest.newBuilder(uri(path))
                .header("Content-Type", "multipart/form-data; boundary=" + boundary).header("Accept", "text/html")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())));
    }

    /** Submits a form exactly as given (no CSRF token added). */
    public Response postRaw(String path, Map<String, String> fields) {
        return postEncoded(path, List.copyOf(fields.entrySet()));
    }

    private Response postEncoded(String path, List<Map.Entry<String, String>> fields) {
        String body = fields.stream()
                .map(e -> enc(e.getKey()) + "=" + enc(e.getValue()))
                .collect(Collectors.joining("&"));
        return send(HttpRequest.newBuilder(uri(path))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    public Response send(HttpRequest.Builder request) {
        if (!cookies.isEmpty()) {
            request.header("Cookie", cookies.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
                    .collect(Collectors.joining("; ")));
        }
        try {
            HttpResponse<String> r = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
            List<String> setCookies = r.headers().allValues("set-cookie");
            for (String c : setCookies) {
                String pair = c.split(";", 2)[0];
                int eq = pair.indexOf('=');
                String name = pair.substring(0, eq).strip();
                String value = pair.substring(eq + 1).strip();
                if (value.isEmpty() || c.toLowerCase().contains("max-age=0")) {
                    cookies.remove(name);
                } else {
                    cookies.put(name, value);
                }
            }
            Response response = new Response(r.statusCode(), r.headers().map(), r.body(), setCookies);
            response.csrfToken().ifPresent(t -> csrf = t);
            return response;
        } catch (Exception e) {
            throw new IllegalStateException("Request failed: " + e, e);
        }
    }

    /** A request whose answer is binary (a PDF): its body as bytes; cookies are neither sent nor kept. */
    public Bytes sendForBytes(HttpRequest.Builder request) {
        try {
            HttpResponse<byte[]> r = client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
            return new Bytes(r.statusCode(), r.headers().map(), r.body());
        } catch (Exception e) {
            throw new IllegalStateException("Request failed: " + e, e);
        }
    }

    public record Bytes(int status, Map<String, List<String>> headers, byte[] body) {

        public String header(String name) {
            return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
                    .flatMap(e -> e.getValue().stream()).findFirst().orElse(null);
        }

        /** The body as text (a problem+json answer). */
        public String text() {
            return new String(body, StandardCharsets.UTF_8);
        }
    }

    public Map<String, String> cookies() {
        return cookies;
    }

    public String cookie(String name) {
        return cookies.get(name);
    }

    public void setCookie(String name, String value) {
        cookies.put(name, value);
    }

    /** Signs in through the login form; returns the response to the POST. */
    public Response signIn(String slug, String email, String password) {
        get("/c/" + slug + "/login");
        return post("/c/" + slug + "/login", Map.of("email", email, "password", password));
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    public record Response(int status, Map<String, List<String>> headers, String body, List<String> setCookies) {

        private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");

        public String header(String name) {
            return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
                    .flatMap(e -> e.getValue().stream()).findFirst().orElse(null);
        }

        java.util.Optional<String> csrfToken() {
            if (body == null) {
                return java.util.Optional.empty();
            }
            Matcher m = CSRF.matcher(body);
            return m.find() ? java.util.Optional.of(m.group(1)) : java.util.Optional.empty();
        }
    }
}
