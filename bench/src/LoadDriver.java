import java.io.IOException;
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
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.TrustManagerFactory;

/**
 * Fieldstone's HTTPS load driver (JDK only; run it as a single file: {@code java bench/src/LoadDriver.java …}).
 *
 * <p>C workers on virtual threads, each with its own keep-alive HTTP/1.1 connection over TLS 1.3 (trusting only
 * the certificate given with --cert), send requests back to back (a closed loop, like wrk) for a warm-up that is
 * not measured and then for the measured duration. Phase 1 drives the API with the mix 10 % a technician's
 * {@code GET /api/v1/schedule/today} (the technician's key), 10 % the calendar week
 * {@code GET /api/v1/schedule?from=<this Monday>&to=<next Monday>} (the owner's key), and of the other 80 %: 80 % reads
 * (list, search, get; a third each) and 20 % versioned PATCHes — with a seed file without technician keys (older
 * seeds, or {@code --mix clients}) the schedule requests are left out and the mix is the old one; {@code --mix schedule}
 * sends only the two schedule requests, half each; {@code --mix get} only {@code GET /api/v1/clients/{id}};
 * {@code --mix money} (a seed with quotes and invoices) 30 % {@code GET /api/v1/quotes/{id}}, 30 %
 * {@code GET /api/v1/invoices/{id}}, 10 % each the two lists ({@code ?size=20}), 10 % the invoice's PDF (the body must
 * start with {@code %PDF-}) and 10 % a payment of 1.00 ({@code POST /api/v1/invoices/{id}/payments}, 201), all with the
 * owner's key; {@code --mix portal} the customer portal's quote and invoice pages, half each, each with a portal session
 * the worker got by exchanging a share link (see {@link #portal}); {@code --mix stock} (a seed with items and
 * locations: {@code --movements-per-company}) half {@code GET /api/v1/stock?itemId=&locationId=} for a random item and
 * location, half the whole {@code GET /api/v1/stock}, with the owner's key; {@code --mix files} is no load at all but
 * one connection's uploads and downloads, timed in MiB/s against {@code cat} and {@code cp} (see {@link #files}). Each worker PATCHes only its own share of the
 * clients and keeps their versions from the returned ETag, so a 412 is an error, like any other non-2xx answer, a
 * timeout or an I/O failure. Phase 2 drives the bare baseline endpoint (GET one client row, no security filter chain) with the same
 * workers. Latency is from sending a request to having read its whole body; percentiles are exact (every latency
 * is kept), overall and per endpoint. The last line reads {@code engine=… rps=… p50_ms=… p95_ms=… p99_ms=… errors=…}.
 *
 * <pre>
 * java bench/src/LoadDriver.java --url https://localhost:8443 --cert data/tls/cert.pem --seed seed.txt \
 *     --engine sqlite [--connections 64] [--warmup 30s] [--duration 60s]
 *     [--mix api|get|clients|schedule|money|pages|portal|stock|mcp|telegram|twilio|fanout] [--fake-url URL] [--expect N]
 *     [--phases both|api|baseline] [--storage local|s3 --file-sizes 1,10 --files 5 --work-dir DIR]
 * </pre>
 */
public final class LoadDriver {

    enum Kind {
        LIST("GET /api/v1/clients?page=0&size=20"), SEARCH("GET /api/v1/clients?q=…"), GET("GET /api/v1/clients/{id}"),
        PATCH("PATCH /api/v1/clients/{id}"), TODAY("GET /api/v1/schedule/today (technician)"),
        WEEK("GET /api/v1/schedule?from=<Monday>&to=<next Monday> (owner)"), QUOTE("GET /api/v1/quotes/{id}"),
        INVOICE("GET /api/v1/invoices/{id}"), QUOTES("GET /api/v1/quotes?size=20"), INVOICES("GET /api/v1/invoices?size=20"),
        PDF("GET /api/v1/invoices/{id}/pdf"), PAYMENT("POST /api/v1/invoices/{id}/payments (1.00 CASH)"),
        WEBHOOK("POST /webhooks/stripe/{slug} (signed checkout.session.completed, 1.00 by card)"),
        // --mix telegram / twilio: the bots' and the SMS webhooks (issue 16), each a new verified update
        TELEGRAM("POST /webhooks/telegram/{slug} (secret token; /today from the linked technician's chat, new update_id)"),
        TWILIO("POST /webhooks/twilio/{slug} (X-Twilio-Signature; an inbound SMS from a client, new MessageSid)"),
        BASELINE("GET /bench/baseline/…"),
        // --mix stock: the stock (the sum of the ledger) of a random item at a random location, and the whole list
        STOCK("GET /api/v1/stock?itemId=&locationId= (random item and location)"), STOCK_LIST("GET /api/v1/stock (all)"),
        // --mix pages: the dashboard's pages as the signed-in owner sees them (HTML)
        HOME("GET /c/{slug}/ (home)"), CLIENTS_PAGE("GET /c/{slug}/clients"), CLIENT_PAGE("GET /c/{slug}/clients/{id}"),
        JOBS_PAGE("GET /c/{slug}/jobs"), JOB_PAGE("GET /c/{slug}/jobs/{id}"),
        DAY_PAGE("GET /c/{slug}/schedule?view=day (today)"), WEEK_PAGE("GET /c/{slug}/schedule?view=week (this week)"),
        QUOTES_PAGE("GET /c/{slug}/quotes"), QUOTE_PAGE("GET /c/{slug}/quotes/{id}"),
        INVOICES_PAGE("GET /c/{slug}/invoices"), INVOICE_PAGE("GET /c/{slug}/invoices/{id}"),
        REVENUE_PAGE("GET /c/{slug}/reports/revenue"), AGING_PAGE("GET /c/{slug}/reports/aging"),
        AUDIT_PAGE("GET /c/{slug}/reports/audit-log"), TEAM_PAGE("GET /c/{slug}/team"),
        PRICING_PAGE("GET /c/{slug}/settings/pricing"), ACCOUNT_PAGE("GET /c/{slug}/account"),
        SIGN_IN("POST /c/{slug}/login (the owner; bcrypt included)"),
        // --mix portal: the customer portal's pages, each with the portal session its share link was exchanged for
        PORTAL_QUOTE("GET /p/quote/{id} (portal session)"), PORTAL_INVOICE("GET /p/invoice/{id} (portal session)"),
        // --mix mcp: the MCP endpoint's tools/call of todays_visits with the technician's OAuth access token
        MCP("POST /c/{slug}/mcp tools/call todays_visits (OAuth access token, technician)");

        /** The pages of {@code --mix portal}, half each. */
        static final List<Kind> PORTAL = List.of(PORTAL_QUOTE, PORTAL_INVOICE);

        /** The pages of {@code --mix pages}, sent in equal shares. */
        static final List<Kind> PAGES = List.of(HOME, CLIENTS_PAGE, CLIENT_PAGE, JOBS_PAGE, JOB_PAGE, DAY_PAGE, WEEK_PAGE,
                QUOTES_PAGE, QUOTE_PAGE, INVOICES_PAGE, INVOICE_PAGE, REVENUE_PAGE, AGING_PAGE, AUDIT_PAGE, TEAM_PAGE,
                PRICING_PAGE, ACCOUNT_PAGE);

        final String endpoint;

        Kind(String endpoint) {
            this.endpoint = endpoint;
        }
    }

    /**
     * {@code technicianKey} is null in seed files written before technicians were seeded; {@code quoteIds} and
     * {@code invoiceIds} are empty in those written before quotes and invoices were.
     */
    record Company(String slug, String tenant, String compact, String key, String technicianKey, String webhookSecret,
                   String webhookCurrency, List<String> clientIds,
                   List<String> names, List<String> quoteIds, List<String> invoiceIds, String ownerEmail,
                   String ownerPassword, List<String> itemIds, List<String> locationIds, String technicianEmail,
                   String technicianPassword, String oauthClientId, String oauthRedirect, String telegramSecret,
                   String telegramCode, String twilioSid, String twilioToken) {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> opts = options(args);
        URI base = URI.create(require(opts, "url"));
        Path cert = Path.of(require(opts, "cert"));
        List<Company> companies = readSeed(Path.of(require(opts, "seed")));
        String engine = opts.getOrDefault("engine", "unknown");
        int connections = Integer.parseInt(opts.getOrDefault("connections", "64"));
        Duration warmup = duration(opts.getOrDefault("warmup", "30s"));
        Duration measured = duration(opts.getOrDefault("duration", "60s"));
        String mix = opts.getOrDefault("mix", "api");
        String phases = opts.getOrDefault("phases", "both");
        serverPid = Long.parseLong(opts.getOrDefault("server-pid", "0"));
        if (!List.of("api", "get", "clients", "schedule", "money", "pages", "webhooks", "portal", "stock", "files", "mcp", "telegram", "twilio", "fanout").contains(mix)
                || !List.of("both", "api", "baseline").contains(phases)) {
            throw new IllegalArgumentException("--mix api|get|clients|schedule|money|pages|webhooks|portal|stock|files|mcp|telegram|twilio|fanout, --phases both|api|baseline");
        }
        if (mix.equals("stock") && companies.stream().anyMatch(c -> c.itemIds().isEmpty() || c.locationIds().isEmpty())) {
            throw new IllegalArgumentException("--mix stock needs a seed with items and locations in every company (--movements-per-company)");
        }
        if (mix.equals("pages") && companies.stream().anyMatch(c -> c.ownerPassword() == null)) {
            throw new IllegalArgumentException("--mix pages needs a seed with the owners' passwords (a newer BenchSeed)");
        }
        if (mix.equals("webhooks") && companies.stream().anyMatch(c -> c.webhookSecret() == null || c.invoiceIds().isEmpty())) {
            throw new IllegalArgumentException("--mix webhooks needs a seed with invoices and webhook secrets in every company");
        }
        if ((mix.equals("money") || mix.equals("portal")) && companies.stream().anyMatch(c -> c.quoteIds().isEmpty() || c.invoiceIds().isEmpty())) {
            throw new IllegalArgumentException("--mix " + mix + " needs a seed with quotes and invoices in every company");
        }
        if (mix.equals("mcp") && companies.stream().anyMatch(c -> c.technicianPassword() == null || c.oauthClientId() == null)) {
            throw new IllegalArgumentException("--mix mcp needs a seed with the technicians' passwords and OAuth clients (a newer BenchSeed)");
        }
        if (mix.equals("telegram") && companies.stream().anyMatch(c -> c.telegramSecret() == null)) {
            throw new IllegalArgumentException("--mix telegram needs a seed with connected bots (BenchSeed --connect-telegram)");
        }
        if ((mix.equals("twilio") || mix.equals("fanout")) && companies.stream().anyMatch(c -> c.twilioToken() == null)) {
            throw new IllegalArgumentException("--mix twilio needs a seed with connected Twilio accounts (BenchSeed --connect-twilio)");
        }
        SSLContext tls = trusting(cert);
        if (mix.equals("fanout")) {
            fanout(new Worker(0, 1, base, tls, companies, mix), engine, opts.get("fake-url"),
                    Long.parseLong(opts.getOrDefault("expect", "0")));
            return;
        }
        if (mix.equals("files")) {
            files(base, tls, companies, engine, opts.getOrDefault("storage", "local"),
                    fileSizes(opts.getOrDefault("file-sizes", "1,10")), Integer.parseInt(opts.getOrDefault("files", "5")),
                    Path.of(opts.getOrDefault("work-dir", System.getProperty("java.io.tmpdir"))));
            return;
        }
        long clients = companies.stream().mapToLong(c -> c.clientIds().size()).sum();
        System.out.printf("load driver: %s, %d companies, %d clients, %d connections, warm-up %ds, measured %ds, mix %s%n",
                base, companies.size(), clients, connections, warmup.toSeconds(), measured.toSeconds(), mix);

        Result api = null;
        Result baseline = null;
        Worker[] workers = new Worker[connections];
        for (int w = 0; w < connections; w++) {
            workers[w] = new Worker(w, connections, base, tls, companies, mix);
        }
        if (mix.equals("pages")) {
            pages(workers, companies, engine, warmup, measured);
            return;
        }
        if (mix.equals("portal")) {
            portal(workers, companies, engine, warmup, measured);
            return;
        }
        if (mix.equals("mcp")) {
            mcp(workers, companies, engine, warmup, measured);
            return;
        }
        if (mix.equals("telegram") || mix.equals("twilio")) {
            if (mix.equals("telegram")) {
                linkTelegram(workers[0], companies, opts.get("fake-url"));
            }
            Kind kind = mix.equals("telegram") ? Kind.TELEGRAM : Kind.TWILIO;
            Result hooks = run(mix, workers, false, warmup, measured);
            System.out.println(hooks.describe(mix, engine));
            System.out.println("  " + hooks.describeKind(kind));
            if (firstWebhookFailure != null) {
                System.out.println(mix + ": the first refused or unhandled answer: " + firstWebhookFailure);
            }
            if (opts.get("fake-url") != null) {
                System.out.println(mix + ": the fake providers counted " + fakeCounts(opts.get("fake-url")));
                if (mix.equals("telegram")) {
                    String last = fakeGet(opts.get("fake-url") + "/telegram/last?chat_id=" + telegramChat(0));
                    System.out.println("telegram: the bot's last answer to the first chat: "
                            + last.replace('\n', ' ').substring(0, Math.min(120, last.length())));
                }
            }
            for (Worker w : workers) {
                w.close();
            }
            System.out.println(hooks.lastLine(engine));
            return;
        }
        if (!phases.equals("baseline")) {
            api = run("fieldstone", workers, false, warmup, measured);
            System.out.println(api.describe("fieldstone", engine));
            for (Kind k : List.of(Kind.LIST, Kind.SEARCH, Kind.GET, Kind.PATCH, Kind.TODAY, Kind.WEEK, Kind.QUOTE,
                    Kind.INVOICE, Kind.QUOTES, Kind.INVOICES, Kind.PDF, Kind.PAYMENT, Kind.STOCK, Kind.STOCK_LIST)) {
                // only the kinds the mix sent (--mix schedule sends no clients requests, --mix clients no schedule)
                if (api.byKind().get(k).count() > 0 || api.byKind().get(k).errors() > 0) {
                    System.out.println("  " + api.describeKind(k));
                }
            }
        }
        if (!phases.equals("api")) {
            baseline = run("baseline", workers, true, warmup, measured);
            System.out.println(baseline.describe("baseline", engine));
        }
        for (Worker w : workers) {
            w.close();
        }
        if (api != null && baseline != null) {
            System.out.printf(Locale.ROOT, "ratio: fieldstone_rps/baseline_rps=%.2f (target >= 0.50)%n", api.rps() / baseline.rps());
        }
        Result last = api != null ? api : baseline;
        System.out.println(last.lastLine(engine));
    }

    /**
     * {@code --mix pages}: the owner of every company signs in once through the login form (the session cookie is
     * shared by the workers); the ids of a few jobs are read from the jobs page. The workers then ask for the
     * dashboard's pages ({@link Kind#PAGES}) in equal shares, for random companies. Afterwards, one connection signs
     * in again and again ({@code SIGN_IN}, for at most 30 s and 200 sign-ins), each a fresh session, to measure the
     * sign-in as a whole (bcrypt at the configured cost is part of it: the seed prints one check's cost).
     */
    static void pages(Worker[] workers, List<Company> companies, String engine, Duration warmup, Duration measured)
            throws Exception {
        Worker first = workers[0];
        long t0 = System.nanoTime();
        for (Company c : companies) {
            Session s = first.signIn(c);
            if (s == null) {
                throw new IllegalStateException("cannot sign in to " + c.slug() + " as " + c.ownerEmail());
            }
            sessions.put(c.slug(), s);
        }
        System.out.printf(Locale.ROOT, "pages: signed in to %d companies in %.1f s; %d jobs known%n", companies.size(),
                (System.nanoTime() - t0) / 1e9, sessions.values().stream().mapToInt(s -> s.jobIds().size()).sum());
        Result pages = run("pages", workers, false, warmup, measured);
        System.out.println(pages.describe("pages", engine));
        for (Kind k : Kind.PAGES) {
            System.out.println("  " + pages.describeKind(k));
        }
        // the sign-in: one connection, sequentially, so that each is measured alone
        first.reset(System.nanoTime(), System.nanoTime() + Duration.ofSeconds(30).toNanos());
        for (int i = 0; i < 200 && System.nanoTime() < first.to; i++) {
            first.signIn(companies.get(i % companies.size()));
        }
        Result signIn = Result.of(new Worker[] {first}, Duration.ofSeconds(30));
        System.out.println("  " + signIn.describeKind(Kind.SIGN_IN));
        for (Worker w : workers) {
            w.close();
        }
        System.out.println(pages.lastLine(engine));
    }


    /**
     * {@code --mix mcp}: before the warm-up, the first technician of every company signs in through the login form
     * (one session per company, on the first worker's connection), and every worker gets its own OAuth access token for
     * every company through the real authorization code flow with PKCE: {@code GET /c/<slug>/oauth2/authorize} (public
     * client from the seed, scopes {@link #MCP_SCOPES}, {@code resource} = the company's MCP endpoint), the consent page and
     * its Allow (the first time; later authorizations of the same client, scope and resource may skip it), the code from
     * the redirect, {@code POST /c/<slug>/oauth2/token}. The workers then send, per request for a random company,
     * {@code POST /c/<slug>/mcp} {@code tools/call} {@code todays_visits} (revision 2026-07-28: {@code Mcp-Method},
     * {@code Mcp-Name}, the JSON-RPC body) with {@code Authorization: Bearer <token>}: the token is checked on every
     * request. Access tokens live 10 minutes: a worker refreshes its token (rotating the refresh token) when it has less
     * than a minute left, inline and not counted as an MCP request. No baseline phase.
     */
    static void mcp(Worker[] workers, List<Company> companies, String engine, Duration warmup, Duration measured)
            throws Exception {
        long t0 = System.nanoTime();
        List<String> sessions = new ArrayList<>();
        for (Company c : companies) {
            sessions.add(workers[0].technicianSession(c));
        }
        long t1 = System.nanoTime();
        try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            List<java.util.concurrent.Future<?>> authorizing = new ArrayList<>();
            for (Worker w : workers) {
                authorizing.add(threads.submit(() -> {
                    for (int i = 0; i < companies.size(); i++) {
                        w.mcpTokens.add(w.authorizeMcp(companies.get(i), sessions.get(i)));
                    }
                    return null;
                }));
            }
            for (java.util.concurrent.Future<?> f : authorizing) {
                f.get();
            }
        }
        System.out.printf(Locale.ROOT, "mcp: %d technicians signed in in %.1f s; %d access tokens (audience: each company's "
                        + "MCP endpoint) through authorize, consent and token in %.1f s%n", companies.size(), (t1 - t0) / 1e9,
                (long) workers.length * companies.size(), (System.nanoTime() - t1) / 1e9);
        Result mcp = run("mcp", workers, false, warmup, measured);
        System.out.println(mcp.describe("mcp", engine));
        System.out.println("  " + mcp.describeKind(Kind.MCP));
        System.out.printf("mcp: %d token refreshes during the run%n", Arrays.stream(workers).mapToLong(w -> w.refreshes).sum());
        if (firstMcpFailure != null) {
            System.out.println("mcp: the first answer that was not a tool result: "
                    + firstMcpFailure.substring(0, Math.min(500, firstMcpFailure.length())));
        }
        for (Worker w : workers) {
            w.close();
        }
        System.out.println(mcp.lastLine(engine));
    }

    /** An access token for one company's MCP endpoint, its refresh token and when it expires (System.nanoTime()). */
    record McpToken(String access, String refresh, long expiresAtNanos) {
        boolean expiresSoon() {
            return System.nanoTime() > expiresAtNanos - 60_000_000_000L;
        }
    }

    /** The first answer of {@code --mix mcp} that was not a tool result (200 with an error), for the report. */
    static volatile String firstMcpFailure;

    /**
     * The scopes the driver asks for: todays_visits is declared as a {@code jobs:read} tool, but it names each visit's
     * client and answers {@code shared.refused.permission} ("needs clients:read") to a token with jobs:read alone.
     */
    static final List<String> MCP_SCOPES = List.of("jobs:read", "clients:read");

    /** The MCP revision the requests speak (the headers and {@code _meta} of 2026-07-28). */
    static final String MCP_VERSION = "2026-07-28";

    /** The JSON-RPC body of a {@code tools/call} of revision 2026-07-28 (protocol version and capabilities in {@code _meta}). */
    static String mcpToolsCall(String tool, long id) {
        return "{\"jsonrpc\":\"2.0\",\"id\":" + id + ",\"method\":\"tools/call\",\"params\":{\"name\":\"" + tool
                + "\",\"arguments\":{},\"_meta\":{\"io.modelcontextprotocol/protocolVersion\":\"" + MCP_VERSION
                + "\",\"io.modelcontextprotocol/clientCapabilities\":{}}}}";
    }

    /** Whether an MCP answer is a JSON-RPC result that is not a tool error. */
    static boolean mcpAnswered(String body) {
        return body.contains("\"result\"") && !body.contains("\"isError\":true") && !body.contains("\"error\":{");
    }

    /** A PKCE verifier (64 random URL-safe characters) and its S256 challenge. */
    static String[] pkce() {
        byte[] random = new byte[48];
        new java.security.SecureRandom().nextBytes(random);
        String verifier = java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(random);
        try {
            byte[] digest = java.security.MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII));
            return new String[] {verifier, java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(digest)};
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** One query parameter of a URI (decoded), or null. */
    static String queryParam(String uri, String name) {
        String q = uri == null ? null : URI.create(uri).getRawQuery();
        if (q == null) {
            return null;
        }
        for (String pair : q.split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0 && java.net.URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8).equals(name)) {
                return java.net.URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            }
        }
        return null;
    }

    /** A string or number field of a flat JSON object such as a token response ({@code access_token}, {@code expires_in}), or null. */
    static String jsonField(String json, String name) {
        java.util.regex.Matcher m = java.util.regex.Pattern
                .compile("\"" + java.util.regex.Pattern.quote(name) + "\"\\s*:\\s*(?:\"([^\"]*)\"|([0-9]+))").matcher(json);
        return m.find() ? (m.group(1) != null ? m.group(1) : m.group(2)) : null;
    }

    /** A token endpoint's answer as an {@link McpToken}; fails if it holds no access token. */
    static McpToken mcpToken(String json, long now) {
        String access = jsonField(json, "access_token");
        String expiresIn = jsonField(json, "expires_in");
        if (access == null || expiresIn == null) {
            throw new IllegalStateException("not a token response: " + json.substring(0, Math.min(200, json.length())));
        }
        return new McpToken(access, jsonField(json, "refresh_token"), now + Long.parseLong(expiresIn) * 1_000_000_000L);
    }

    static String form(Map<String, String> fields) {
        return String.join("&", fields.entrySet().stream().map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8)
                + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8)).toList());
    }

    /**
     * {@code --mix portal}: before the warm-up every worker, on its own connection, makes a share link for one sent
     * quote and one sent invoice of every company ({@code POST /api/v1/quotes|invoices/{id}/share-links} with the
     * owner's key), opens each link's landing page and presses its button (the one exchange, with the form's
     * {@code _csrf} and the CSRF cookie), and keeps the portal session cookie it gets: one link per worker and
     * document, as each link opens once. Worker w takes the w-th seeded quote and invoice of each company (modulo
     * their number). The workers then ask, per request, a random company's quote or invoice page (half each) with
     * that company's session, as HTML; the sessions stay live (their idle timeout is 30 minutes and every request
     * uses them). Phase 2 (the baseline) is not run: there is no bare endpoint to set the portal beside.
     */
    static void portal(Worker[] workers, List<Company> companies, String engine, Duration warmup, Duration measured)
            throws Exception {
        long t0 = System.nanoTime();
        try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            List<java.util.concurrent.Future<?>> opening = new ArrayList<>();
            for (Worker w : workers) {
                opening.add(threads.submit(() -> {
                    w.openPortal();
                    return null;
                }));
            }
            for (java.util.concurrent.Future<?> f : opening) {
                f.get();
            }
        }
        System.out.printf(Locale.ROOT, "portal: %d share links made and exchanged for portal sessions in %.1f s%n",
                2L * workers.length * companies.size(), (System.nanoTime() - t0) / 1e9);
        Result portal = run("portal", workers, false, warmup, measured);
        System.out.println(portal.describe("portal", engine));
        for (Kind k : Kind.PORTAL) {
            System.out.println("  " + portal.describeKind(k));
        }
        for (Worker w : workers) {
            w.close();
        }
        System.out.println(portal.lastLine(engine));
    }

    /** A portal page and the cookies (one {@code Cookie} header) of the session its link was exchanged for. */
    record PortalPage(String path, String cookie) {
    }

    static final java.util.regex.Pattern SHARE_TOKEN =
            java.util.regex.Pattern.compile("\"url\"\\s*:\\s*\"https://[^\"/]+/p/([A-Za-z0-9]{24})\"");

    /** The token of a share-links answer ({@code {"id":…,"url":"https://…/p/<24 characters>",…}}), or null. */
    static String shareToken(String json) {
        java.util.regex.Matcher m = SHARE_TOKEN.matcher(json);
        return m.find() ? m.group(1) : null;
    }

    /** The {@code _csrf} field of a page's form, or null. */
    static String csrf(String html) {
        java.util.regex.Matcher m = CSRF.matcher(html);
        return m.find() ? m.group(1) : null;
    }

    /** Whether an exchange's redirect goes to the document's page ({@code /p/quote/<id>} or {@code /p/invoice/<id>}). */
    static boolean opensDocument(String location, String kind, String id) {
        String path = location == null ? "" : URI.create(location).getPath();
        return path != null && path.equals("/p/" + kind + "/" + id);
    }

    /** Adds the name=value of each {@code Set-Cookie} header to {@code cookies} (a later one of a name wins). */
    static void keepCookies(Map<String, String> cookies, List<String> setCookies) {
        for (String c : setCookies) {
            String pair = c.split(";", 2)[0];
            int eq = pair.indexOf('=');
            if (eq > 0) {
                cookies.put(pair.substring(0, eq).strip(), pair.substring(eq + 1).strip());
            }
        }
    }

    /** {@code --mix telegram}: update ids, one sequence for all workers (each update is new; Telegram's are 32-bit). */
    static final AtomicLong telegramUpdates = new AtomicLong(ThreadLocalRandom.current().nextInt(1, 1_000_000_000));
    /** {@code --mix twilio}: MessageSid counter, with a random prefix per run. */
    static final AtomicLong twilioMessages = new AtomicLong();
    static final String TWILIO_RUN = Long.toHexString(ThreadLocalRandom.current().nextLong() | Long.MIN_VALUE);
    /** The first answer of --mix telegram|twilio that was refused or not handled, for the report. */
    static volatile String firstWebhookFailure;

    /** The linked technician's private chat in the {@code i}th company (chat id = user id in a private chat). */
    static long telegramChat(int i) {
        return 7_000_000_000L + i;
    }

    /** A Telegram update with a text message from a private chat, as Telegram posts it. */
    static String telegramUpdate(long updateId, long chatId, String text) {
        return """
                {"update_id":%d,"message":{"message_id":%d,"date":%d,"chat":{"id":%d,"type":"private","first_name":"Bench"},\
                "from":{"id":%d,"is_bot":false,"first_name":"Bench"},"text":"%s"}}"""
                .formatted(updateId, updateId % 1_000_000, System.currentTimeMillis() / 1000, chatId, chatId, text);
    }

    /**
     * Before the warm-up of {@code --mix telegram}: in every company the first technician's chat sends
     * {@code /start <code>} with the seed's one-time link code (valid ten minutes from the seed), as a technician does
     * after "Link Telegram" in My account; the fake's last message to that chat must then be the "Linked" answer.
     */
    static void linkTelegram(Worker worker, List<Company> companies, String fakeUrl) throws Exception {
        long t0 = System.nanoTime();
        for (int i = 0; i < companies.size(); i++) {
            Company c = companies.get(i);
            HttpResponse<String> r = worker.http.send(HttpRequest.newBuilder(worker.base.resolve("/webhooks/telegram/" + c.slug()))
                    .timeout(Duration.ofSeconds(30)).header("Content-Type", "application/json")
                    .header("X-Telegram-Bot-Api-Secret-Token", c.telegramSecret())
                    .POST(HttpRequest.BodyPublishers.ofString(telegramUpdate(telegramUpdates.incrementAndGet(),
                            telegramChat(i), "/start " + c.telegramCode()))).build(), HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() != 200 || !r.body().contains("handled")) {
                throw new IllegalStateException("linking the chat of " + c.slug() + ": HTTP " + r.statusCode() + " " + r.body());
            }
            if (fakeUrl != null) {
                String last = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(fakeUrl + "/telegram/last?chat_id="
                        + telegramChat(i))).build(), HttpResponse.BodyHandlers.ofString()).body();
                if (!last.startsWith("Linked")) {
                    throw new IllegalStateException("the chat of " + c.slug() + " was not linked; the bot answered: " + last);
                }
            }
        }
        System.out.printf(Locale.ROOT, "telegram: %d technicians' chats linked with /start <code> in %.1f s%n",
                companies.size(), (System.nanoTime() - t0) / 1e9);
    }

    /**
     * {@code --mix fanout}: waits until the delivery log of every company holds nothing QUEUED or SENDING (what the
     * seed's own events queued is dealt with first), then starts the stopwatch, asks the bench server to run the
     * appointment reminders once ({@code POST /bench/notifications/reminders}: {@code VisitReminders.runOnce()}, what
     * the scheduled job calls) and polls the delivery log's counts ({@code GET /bench/notifications/counts}) every
     * 250 ms until no reminder is QUEUED or SENDING and the run has answered; the time is until the last one left.
     */
    static void fanout(Worker worker, String engine, String fakeUrl, long expect) throws Exception {
        long waitFrom = System.nanoTime();
        Map<String, Long> before = notificationCounts(worker);
        // settled: nothing QUEUED and the same counts three seconds running (a row the seed's process left SENDING
        // when it exited stays so until its lease runs out: it is not waited for)
        int quiet = 0;
        while (quiet < 3 && System.nanoTime() - waitFrom < 300_000_000_000L) {
            Thread.sleep(1000);
            Map<String, Long> previous = before;
            before = notificationCounts(worker);
            quiet = count(before, null, "QUEUED") == 0 && before.equals(previous) ? quiet + 1 : 0;
        }
        System.out.printf(Locale.ROOT, "fanout: delivery log before (after %.0f s of waiting for it to settle): %s%n",
                (System.nanoTime() - waitFrom) / 1e9, before);
        String fakeBefore = fakeUrl == null ? "" : fakeCounts(fakeUrl);
        long t0 = System.nanoTime();
        var run = worker.http.sendAsync(HttpRequest.newBuilder(worker.base.resolve("/bench/notifications/reminders"))
                .timeout(Duration.ofMinutes(10)).POST(HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.ofString());
        Map<String, Long> now = before;
        long firstSent = 0;
        long lastChange = t0;
        long sentBefore = count(before, "VISIT_REMINDER", "SENT");
        long sentSoFar = sentBefore;
        List<String> progress = new ArrayList<>();
        long nextProgress = t0 + 5_000_000_000L;
        while (System.nanoTime() - t0 < 600_000_000_000L) {
            Thread.sleep(250);
            now = notificationCounts(worker);
            long sent = count(now, "VISIT_REMINDER", "SENT");
            long tick = System.nanoTime();
            if (sent > sentSoFar) {
                if (firstSent == 0) {
                    firstSent = tick;
                }
                sentSoFar = sent;
                lastChange = tick;
            }
            if (tick >= nextProgress) {
                progress.add(String.format(Locale.ROOT, "%.0fs:%d", (tick - t0) / 1e9, sent - sentBefore));
                nextProgress += 5_000_000_000L;
            }
            if (run.isDone() && pending(now, "VISIT_REMINDER") == 0) {
                break;
            }
        }
        long t1 = System.nanoTime();
        String answer = run.isDone() ? run.get().statusCode() + " " + run.get().body() : "(still running)";
        long sent = count(now, "VISIT_REMINDER", "SENT") - sentBefore;
        double seconds = (lastChange - t0) / 1e9;
        System.out.println("fanout: the reminder run answered " + answer);
        System.out.println("fanout: reminders sent (cumulative, every 5 s): " + String.join(" ", progress));
        System.out.println("fanout: delivery log after: " + now);
        if (fakeUrl != null) {
            System.out.println("fanout: the fake providers counted, before " + fakeBefore + ", after " + fakeCounts(fakeUrl));
        }
        System.out.printf(Locale.ROOT, "fanout: first reminder SENT after %.1f s, the last after %.1f s (polled every 250 ms; "
                + "waited %.1f s in all)%n", firstSent == 0 ? Double.NaN : (firstSent - t0) / 1e9, seconds, (t1 - t0) / 1e9);
        System.out.printf(Locale.ROOT, "engine=%s visits=%d reminders_sent=%d not_sent=%d seconds=%.1f per_second=%.0f "
                        + "(target: 10,000 in <= 60 s)%n", engine, expect, sent,
                Math.max(0, (expect > 0 ? expect : sent) - sent), seconds, seconds > 0 ? sent / seconds : 0);
    }

    static Map<String, Long> notificationCounts(Worker worker) throws Exception {
        String body = worker.http.send(HttpRequest.newBuilder(worker.base.resolve("/bench/notifications/counts"))
                .timeout(Duration.ofSeconds(60)).GET().build(), HttpResponse.BodyHandlers.ofString()).body();
        Map<String, Long> counts = new java.util.TreeMap<>();
        var m = java.util.regex.Pattern.compile("\"([^\"]+)\":(\\d+)").matcher(body);
        while (m.find()) {
            counts.put(m.group(1), Long.parseLong(m.group(2)));
        }
        return counts;
    }

    /** Rows {@code <kind>/<status>} of the kind (any, when null) with that status (case as stored, compared ignoring it). */
    static long count(Map<String, Long> counts, String kind, String status) {
        return counts.entrySet().stream().filter(e -> {
            String[] ks = e.getKey().split("/", 2);
            return (kind == null || ks[0].equalsIgnoreCase(kind)) && ks.length == 2 && ks[1].equalsIgnoreCase(status);
        }).mapToLong(Map.Entry::getValue).sum();
    }

    static long pending(Map<String, Long> counts, String kind) {
        return count(counts, kind, "QUEUED") + count(counts, kind, "SENDING");
    }

    static String fakeCounts(String fakeUrl) {
        return fakeGet(fakeUrl + "/counts");
    }

    static String fakeGet(String url) {
        try {
            return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url)).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
        } catch (IOException | InterruptedException e) {
            return "(unknown: " + e + ")";
        }
    }

    /**
     * Twilio's request signature as twilio.com/docs/usage/security describes it — Base64(HMAC-SHA1(auth token, the URL
     * followed by each POST parameter's name and value, sorted by name)) — computed here as Twilio does; the server
     * checks it with the SDK's {@code RequestValidator}.
     */
    static String twilioSignature(String token, String url, Map<String, String> params) {
        StringBuilder data = new StringBuilder(url);
        new java.util.TreeMap<>(params).forEach((k, v) -> data.append(k).append(v));
        try {
            javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA1");
            mac.init(new javax.crypto.spec.SecretKeySpec(token.getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
            return java.util.Base64.getEncoder().encodeToString(mac.doFinal(data.toString().getBytes(StandardCharsets.UTF_8)));
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The seed's client phones: {@code +1 650 253 NNNN} with NNNN the client's index (BenchSeed.client). */
    static String clientPhone(int index) {
        return String.format("+1650253%04d", index % 10_000);
    }

    /** A signed-in owner's cookies (as one {@code Cookie} header) and a few of the company's job ids. */
    record Session(String cookie, List<String> jobIds) {
    }

    static final Map<String, Session> sessions = new java.util.concurrent.ConcurrentHashMap<>();
    static final java.util.regex.Pattern CSRF = java.util.regex.Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");

    static long serverPid;

    /**
     * stripe-java's own API version and signing ({@code --mix webhooks}): called reflectively, so that the driver still
     * runs without stripe-java on the class path for the other mixes (bench/run.sh adds it for this one).
     */
    static final String STRIPE_API_VERSION = stripeApiVersion();

    static String stripeApiVersion() {
        try {
            return (String) Class.forName("com.stripe.Stripe").getField("API_VERSION").get(null);
        } catch (ReflectiveOperationException e) {
            return null;
        }
    }

    static String stripeSignature(String payload, String secret) {
        try {
            return (String) Class.forName("com.stripe.net.Webhook$Signature")
                    .getMethod("generateSignatureHeader", String.class, String.class).invoke(null, payload, secret);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("--mix webhooks needs stripe-java on the class path", e);
        }
    }

    /** Runs every worker for warm-up + measured time; only requests that start and end in the measured window count. */
    static Result run(String name, Worker[] workers, boolean baseline, Duration warmup, Duration measured) throws Exception {
        long now = System.nanoTime();
        long from = now + warmup.toNanos();
        long to = from + measured.toNanos();
        System.out.printf("%s: warming up for %ds, then measuring for %ds …%n", name, warmup.toSeconds(), measured.toSeconds());
        Thread cpu = Thread.ofVirtual().start(() -> cpuDuring(name, from, to));
        try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            for (Worker w : workers) {
                w.reset(from, to);
                threads.submit(() -> w.loop(baseline));
            }
        }
        cpu.join();
        long[] perSecond = new long[workers[0].perSecond.length];
        long[] slowest = new long[perSecond.length];
        for (Worker w : workers) {
            for (int i = 0; i < perSecond.length; i++) {
                perSecond[i] += w.perSecond[i];
                slowest[i] = Math.max(slowest[i], w.slowestPerSecond[i]);
            }
        }
        StringBuilder line = new StringBuilder(name + ": requests per second of the measured window (slowest ms):");
        for (int i = 0; i < perSecond.length; i++) {
            line.append(' ').append(perSecond[i]).append('(').append(slowest[i] / 1_000_000).append(')');
        }
        System.out.println(line);
        long gcMillis = java.lang.management.ManagementFactory.getGarbageCollectorMXBeans().stream()
                .mapToLong(java.lang.management.GarbageCollectorMXBean::getCollectionTime).sum();
        System.out.println(name + ": driver GC time so far " + gcMillis + " ms");
        return Result.of(workers, measured);
    }

    /** How busy the driver and (with --server-pid) the server were during the measured window, in cores. */
    static void cpuDuring(String name, long from, long to) {
        try {
            Thread.sleep(Duration.ofNanos(Math.max(0, from - System.nanoTime())));
            long driver0 = ownCpuNanos();
            long server0 = serverCpuNanos();
            long t0 = System.nanoTime();
            Thread.sleep(Duration.ofNanos(Math.max(0, to - System.nanoTime())));
            double wall = System.nanoTime() - t0;
            double driver = (ownCpuNanos() - driver0) / wall;
            String server = serverPid > 0 ? String.format(Locale.ROOT, ", server %.2f", (serverCpuNanos() - server0) / wall) : "";
            System.out.printf(Locale.ROOT, "%s: cpu cores used while measured: driver %.2f%s (of %d)%n", name, driver, server,
                    Runtime.getRuntime().availableProcessors());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    static long ownCpuNanos() {
        var os = java.lang.management.ManagementFactory.getOperatingSystemMXBean();
        return os instanceof com.sun.management.OperatingSystemMXBean sun ? sun.getProcessCpuTime() : 0;
    }

    /** utime + stime of the server process from /proc (clock ticks of 10 ms on Linux). */
    static long serverCpuNanos() {
        if (serverPid <= 0) {
            return 0;
        }
        try {
            String stat = Files.readString(Path.of("/proc/" + serverPid + "/stat"));
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return (Long.parseLong(f[11]) + Long.parseLong(f[12])) * 10_000_000L;
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }

    /** One connection: sends requests back to back and records what finished inside the measured window. */
    static final class Worker {
        private final int index;
        private final int workers;
        private final URI base;
        private final HttpClient http;
        private final List<Company> companies;
        private final boolean getsOnly;
        /** {@code --mix schedule}: only the two schedule requests, half each. */
        private final boolean scheduleOnly;
        /** {@code --mix money}: quotes, invoices, the invoice PDF and payments only. */
        private final boolean money;
        /** {@code --mix pages}: the dashboard's HTML pages only, as the signed-in owner. */
        private final boolean pages;
        /** {@code --mix webhooks}: Stripe's signed events only, each a new card payment of 1.00. */
        private final boolean webhooks;
        /** {@code --mix portal}: the portal's quote and invoice pages only, with this worker's portal sessions. */
        private final boolean portal;
        /** {@code --mix stock}: the stock of a random item at a random location, and the whole stock list, half each. */
        private final boolean stock;
        /** {@code --mix telegram}: only the bot's webhook, {@code /today} from the linked technician's chat. */
        private final boolean telegram;
        /** {@code --mix twilio}: only the SMS webhook, signed inbound messages from the company's clients. */
        private final boolean twilio;
        /** {@code --mix mcp}: only tools/call of todays_visits, with this worker's access token of the company. */
        private final boolean mcp;
        /** Per company (in the seed's order): this worker's OAuth tokens for the company's MCP endpoint (--mix mcp). */
        final List<McpToken> mcpTokens = new ArrayList<>();
        /** How many times this worker refreshed a token during the run (--mix mcp). */
        long refreshes;
        /** Per company (in the seed's order): this worker's portal quote and invoice pages (--mix portal). */
        final List<PortalPage[]> portalPages = new ArrayList<>();
        /** Whether the seed has technician keys, and so the mix has the schedule requests. */
        final boolean withSchedule;
        /** The calendar week asked for: this Monday to next Monday (the bench companies are in UTC). */
        private final String week;
        /** The clients this worker (and no other) PATCHes: index % workers == this worker's index, per company. */
        private final List<List<String>> own = new ArrayList<>();
        private final Map<String, Long> versions = new HashMap<>();
        private long from;
        private long to;
        final Map<Kind, Latencies> latencies = new LinkedHashMap<>();
        final Map<Kind, AtomicLong> errors = new LinkedHashMap<>();
        final Map<String, Long> errorKinds = new HashMap<>();
        private long patches;
        /** Per second of the measured window: requests completed and the slowest latency (ns). */
        long[] perSecond = new long[0];
        long[] slowestPerSecond = new long[0];

        Worker(int index, int workers, URI base, SSLContext tls, List<Company> companies, String mix) {
            this.index = index;
            this.workers = workers;
            this.base = base;
            this.companies = companies;
            this.getsOnly = mix.equals("get");
            this.scheduleOnly = mix.equals("schedule");
            this.money = mix.equals("money");
            this.pages = mix.equals("pages");
            this.webhooks = mix.equals("webhooks");
            this.portal = mix.equals("portal");
            this.stock = mix.equals("stock");
            this.mcp = mix.equals("mcp");
            this.telegram = mix.equals("telegram");
            this.twilio = mix.equals("twilio");
            // --mix clients: the clients requests only (80 % list/search/get, 20 % PATCH), as with an older seed
            this.withSchedule = !mix.equals("clients") && companies.stream().allMatch(c -> c.technicianKey() != null);
            if (scheduleOnly && !withSchedule) {
                throw new IllegalArgumentException("--mix schedule needs a seed with technician keys");
            }
            java.time.LocalDate monday = java.time.LocalDate.now(java.time.ZoneOffset.UTC)
                    .with(java.time.temporal.TemporalAdjusters.previousOrSame(java.time.DayOfWeek.MONDAY));
            // local date-times: a date as "to" would include that whole day (QueryTimes)
            this.week = "from=" + monday + "T00:00&to=" + monday.plusWeeks(1) + "T00:00";
            SSLParameters tls13 = new SSLParameters();
            tls13.setProtocols(new String[] {"TLSv1.3"});
            this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).sslContext(tls).sslParameters(tls13)
                    .connectTimeout(Duration.ofSeconds(10)).followRedirects(HttpClient.Redirect.NEVER)
                    .executor(Executors.newVirtualThreadPerTaskExecutor()).build();
            for (Company c : companies) {
                List<String> mine = new ArrayList<>();
                for (int i = index; i < c.clientIds().size(); i += workers) {
                    mine.add(c.clientIds().get(i));
                    versions.put(c.clientIds().get(i), 1L); // seeded clients start at version 1
                }
                own.add(mine);
            }
        }

        void reset(long from, long to) {
            this.from = from;
            this.to = to;
            latencies.clear();
            errors.clear();
            errorKinds.clear();
            for (Kind k : Kind.values()) {
                latencies.put(k, new Latencies());
                errors.put(k, new AtomicLong());
            }
            int seconds = (int) Math.ceil((to - from) / 1e9);
            perSecond = new long[seconds];
            slowestPerSecond = new long[seconds];
        }

        void loop(boolean baseline) {
            ThreadLocalRandom random = ThreadLocalRandom.current();
            while (System.nanoTime() < to) {
                int c = random.nextInt(companies.size());
                Company company = companies.get(c);
                if (baseline) {
                    String id = company.clientIds().get(random.nextInt(company.clientIds().size()));
                    send(Kind.BASELINE, request("/bench/baseline/" + company.compact() + "/clients/" + id, null).GET(), null);
                    continue;
                }
                if (money) {
                    money(company, random);
                    continue;
                }
                if (webhooks) {
                    webhook(company, random);
                    continue;
                }
                if (telegram) {
                    send(Kind.TELEGRAM, HttpRequest.newBuilder(base.resolve("/webhooks/telegram/" + company.slug()))
                            .timeout(Duration.ofSeconds(30)).header("Content-Type", "application/json")
                            .header("X-Telegram-Bot-Api-Secret-Token", company.telegramSecret())
                            .POST(HttpRequest.BodyPublishers.ofString(telegramUpdate(telegramUpdates.incrementAndGet(),
                                    telegramChat(c), "/today"))), null);
                    continue;
                }
                if (twilio) {
                    twilioInbound(company, random);
                    continue;
                }
                if (stock) {
                    if (random.nextBoolean()) {
                        send(Kind.STOCK, request(stockPath(company, random.nextInt(company.itemIds().size()),
                                random.nextInt(company.locationIds().size())), company).GET(), null);
                    } else {
                        send(Kind.STOCK_LIST, request("/api/v1/stock", company).GET(), null);
                    }
                    continue;
                }
                if (pages) {
                    page(company, Kind.PAGES.get(random.nextInt(Kind.PAGES.size())), random);
                    continue;
                }
                if (mcp) {
                    McpToken token = mcpTokens.get(c);
                    if (token.expiresSoon()) {
                        token = refreshMcp(company, token);
                        mcpTokens.set(c, token);
                        refreshes++;
                    }
                    send(Kind.MCP, mcpCall(company, token.access()), null);
                    continue;
                }
                if (portal) {
                    int k = random.nextInt(2);
                    PortalPage p = portalPages.get(c)[k];
                    send(Kind.PORTAL.get(k), HttpRequest.newBuilder(base.resolve(p.path())).timeout(Duration.ofSeconds(10))
                            .header("Accept", "text/html").header("Cookie", p.cookie()).GET(), null);
                    continue;
                }
                if (!getsOnly && withSchedule) {
                    // 10 % a technician's today, 10 % the calendar week; the other 80 % as without schedules
                    // (--mix schedule: half and half, nothing else)
                    int schedule = scheduleOnly ? random.nextInt(2) : random.nextInt(10);
                    if (schedule == 0) {
                        send(Kind.TODAY, withKey("/api/v1/schedule/today", company.technicianKey()).GET(), null);
                        continue;
                    } else if (schedule == 1) {
                        send(Kind.WEEK, withKey("/api/v1/schedule?" + week, company.key()).GET(), null);
                        continue;
                    }
                }
                int roll = random.nextInt(100);
                if (getsOnly || (roll >= 20 && roll < 47)) {
                    String id = company.clientIds().get(random.nextInt(company.clientIds().size()));
                    send(Kind.GET, request("/api/v1/clients/" + id, company).GET(), null);
                } else if (roll >= 47 && roll < 74) {
                    send(Kind.LIST, request("/api/v1/clients?page=0&size=20", company).GET(), null);
                } else if (roll >= 74) {
                    String name = company.names().get(random.nextInt(company.names().size()));
                    String q = name.substring(0, Math.min(4, name.length()));
                    send(Kind.SEARCH, request("/api/v1/clients?q=" + URLEncoder.encode(q, StandardCharsets.UTF_8), company).GET(), null);
                } else {
                    List<String> mine = own.get(c);
                    if (mine.isEmpty()) {
                        continue;
                    }
                    String id = mine.get(random.nextInt(mine.size()));
                    String body = "{\"notes\":\"bench worker " + index + " patch " + (++patches) + "\"}";
                    send(Kind.PATCH, request("/api/v1/clients/" + id, company)
                            .header("Content-Type", "application/merge-patch+json")
                            .header("If-Match", "\"" + versions.get(id) + "\"")
                            .method("PATCH", HttpRequest.BodyPublishers.ofString(body)), id);
                }
            }
        }

        /**
         * One request of {@code --mix money}: 30 % a quote, 30 % an invoice, 10 % each the two lists, 10 % an invoice's
         * PDF, 10 % a payment of 1.00 (the seeded invoices are far larger than any run pays).
         */
        private void money(Company company, ThreadLocalRandom random) {
            int roll = random.nextInt(10);
            String invoice = company.invoiceIds().get(random.nextInt(company.invoiceIds().size()));
            if (roll < 3) {
                String quote = company.quoteIds().get(random.nextInt(company.quoteIds().size()));
                send(Kind.QUOTE, request("/api/v1/quotes/" + quote, company).GET(), null);
            } else if (roll < 6) {
                send(Kind.INVOICE, request("/api/v1/invoices/" + invoice, company).GET(), null);
            } else if (roll == 6) {
                send(Kind.QUOTES, request("/api/v1/quotes?size=20", company).GET(), null);
            } else if (roll == 7) {
                send(Kind.INVOICES, request("/api/v1/invoices?size=20", company).GET(), null);
            } else if (roll == 8) {
                send(Kind.PDF, request("/api/v1/invoices/" + invoice + "/pdf", company).setHeader("Accept", "application/pdf")
                        .GET(), null);
            } else {
                send(Kind.PAYMENT, request("/api/v1/invoices/" + invoice + "/payments", company)
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString("{\"amount\": 100, \"method\": \"CASH\"}")), null);
            }
        }

        /**
         * One request of {@code --mix webhooks}: a {@code checkout.session.completed} event (new event and session ids,
         * paid, 1.00 in the company's currency, naming one of its invoices) signed with the company's webhook secret by
         * stripe-java's own {@code Webhook.Signature.generateSignatureHeader} (on the class path: bench/run.sh).
         */
        private void webhook(Company company, ThreadLocalRandom random) {
            String invoice = company.invoiceIds().get(random.nextInt(company.invoiceIds().size()));
            String id = Long.toHexString(random.nextLong()) + Long.toHexString(System.nanoTime());
            String event = """
                    {"id": "evt_bench_%1$s", "object": "event", "api_version": "%2$s", "created": %3$d, "livemode": false,
                     "pending_webhooks": 1, "request": {"id": null, "idempotency_key": null},
                     "type": "checkout.session.completed",
                     "data": {"object": {"id": "cs_bench_%1$s", "object": "checkout.session", "mode": "payment",
                       "amount_total": 100, "currency": "%4$s", "payment_status": "paid", "status": "complete",
                       "payment_intent": "pi_bench_%1$s", "client_reference_id": "bench",
                       "metadata": {"fieldstone_invoice_id": "%5$s", "fieldstone_company": "%6$s"}}}}"""
                    .formatted(id, STRIPE_API_VERSION, System.currentTimeMillis() / 1000,
                            company.webhookCurrency().toLowerCase(java.util.Locale.ROOT), invoice, company.slug());
            send(Kind.WEBHOOK, HttpRequest.newBuilder(base.resolve("/webhooks/stripe/" + company.slug()))
                    .timeout(Duration.ofSeconds(30)).header("Content-Type", "application/json")
                    .header("Stripe-Signature", stripeSignature(event, company.webhookSecret()))
                    .POST(HttpRequest.BodyPublishers.ofString(event)), null);
        }

        /**
         * One request of {@code --mix twilio}: an inbound SMS as Twilio posts it (form-encoded, a new {@code SM…}
         * MessageSid, From = a random client's phone, To = the company's sender) signed with the company's auth token
         * for {@code https://localhost:<port>/webhooks/twilio/<slug>} (the server's public URL). The body is a free-text
         * reply ("See you then, the gate is open"): attached to the client's timeline.
         */
        private void twilioInbound(Company company, ThreadLocalRandom random) {
            int client = random.nextInt(company.clientIds().size());
            String sid = "SM" + TWILIO_RUN + String.format("%016x", twilioMessages.incrementAndGet());
            Map<String, String> params = new LinkedHashMap<>();
            params.put("ToCountry", "US");
            params.put("SmsMessageSid", sid);
            params.put("NumMedia", "0");
            params.put("SmsSid", sid);
            params.put("SmsStatus", "received");
            params.put("Body", "See you then, the gate is open " + client);
            params.put("To", "+15005550006");
            params.put("NumSegments", "1");
            params.put("MessageSid", sid);
            params.put("AccountSid", company.twilioSid());
            params.put("From", clientPhone(client));
            params.put("ApiVersion", "2010-04-01");
            String path = "/webhooks/twilio/" + company.slug();
            StringBuilder form = new StringBuilder();
            params.forEach((k, v) -> form.append(form.isEmpty() ? "" : "&").append(URLEncoder.encode(k, StandardCharsets.UTF_8))
                    .append('=').append(URLEncoder.encode(v, StandardCharsets.UTF_8)));
            send(Kind.TWILIO, HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(30))
                    .header("Content-Type", "application/x-www-form-urlencoded; charset=UTF-8")
                    .header("X-Twilio-Signature", twilioSignature(company.twilioToken(), base.resolve(path).toString(), params))
                    .POST(HttpRequest.BodyPublishers.ofString(form.toString())), null);
        }

        /** One dashboard page of {@code --mix pages}: must answer 200 with HTML. */
        private void page(Company company, Kind kind, ThreadLocalRandom random) {
            Session session = sessions.get(company.slug());
            String c = "/c/" + company.slug() + "/";
            String path = switch (kind) {
                case HOME -> c;
                case CLIENTS_PAGE -> c + "clients";
                case CLIENT_PAGE -> c + "clients/" + company.clientIds().get(random.nextInt(company.clientIds().size()));
                case JOBS_PAGE -> c + "jobs";
                case JOB_PAGE -> session.jobIds().isEmpty() ? c + "jobs"
                        : c + "jobs/" + session.jobIds().get(random.nextInt(session.jobIds().size()));
                case DAY_PAGE -> c + "schedule?view=day";
                case WEEK_PAGE -> c + "schedule?view=week";
                case QUOTES_PAGE -> c + "quotes";
                case QUOTE_PAGE -> company.quoteIds().isEmpty() ? c + "quotes"
                        : c + "quotes/" + company.quoteIds().get(random.nextInt(company.quoteIds().size()));
                case INVOICES_PAGE -> c + "invoices";
                case INVOICE_PAGE -> company.invoiceIds().isEmpty() ? c + "invoices"
                        : c + "invoices/" + company.invoiceIds().get(random.nextInt(company.invoiceIds().size()));
                case REVENUE_PAGE -> c + "reports/revenue";
                case AGING_PAGE -> c + "reports/aging";
                case AUDIT_PAGE -> c + "reports/audit-log";
                case TEAM_PAGE -> c + "team";
                case PRICING_PAGE -> c + "settings/pricing";
                case ACCOUNT_PAGE -> c + "account";
                default -> throw new IllegalArgumentException(kind + " is not a page");
            };
            send(kind, HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(10))
                    .header("Accept", "text/html").header("Cookie", session.cookie()).GET(), null);
        }

        /** Opens this worker's portal sessions: a quote and an invoice of every company (see {@link #portal}). */
        void openPortal() throws IOException, InterruptedException {
            for (Company company : companies) {
                String quote = company.quoteIds().get(index % company.quoteIds().size());
                String invoice = company.invoiceIds().get(index % company.invoiceIds().size());
                portalPages.add(new PortalPage[] {
                        new PortalPage("/p/quote/" + quote, exchange(company, "quote", quote)),
                        new PortalPage("/p/invoice/" + invoice, exchange(company, "invoice", invoice))});
            }
        }

        /**
         * Makes a share link to a sent document with the owner's key, opens its landing page and presses the button;
         * returns the cookies of the portal session (one {@code Cookie} header). Anything unexpected stops the run.
         */
        String exchange(Company company, String kind, String id) throws IOException, InterruptedException {
            HttpResponse<String> issued = http.send(request("/api/v1/" + kind + "s/" + id + "/share-links", company)
                    .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString("{}")).build(),
                    HttpResponse.BodyHandlers.ofString());
            String token = issued.statusCode() == 201 ? shareToken(issued.body()) : null;
            if (token == null) {
                throw new IllegalStateException("no share link for " + kind + " " + id + " of " + company.slug() + ": HTTP "
                        + issued.statusCode() + " " + issued.body());
            }
            Map<String, String> cookies = new LinkedHashMap<>();
            HttpResponse<String> landing = http.send(HttpRequest.newBuilder(base.resolve("/p/" + token))
                    .timeout(Duration.ofSeconds(10)).header("Accept", "text/html").GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            keepCookies(cookies, landing.headers().allValues("set-cookie"));
            String csrf = landing.statusCode() == 200 ? csrf(landing.body()) : null;
            if (csrf == null) {
                throw new IllegalStateException("the landing page of a " + kind + " link of " + company.slug()
                        + " has no form: HTTP " + landing.statusCode());
            }
            HttpResponse<String> exchanged = http.send(HttpRequest.newBuilder(base.resolve("/p/" + token))
                    .timeout(Duration.ofSeconds(10)).header("Content-Type", "application/x-www-form-urlencoded")
                    .header("Cookie", cookie(cookies))
                    .POST(HttpRequest.BodyPublishers.ofString("_csrf=" + URLEncoder.encode(csrf, StandardCharsets.UTF_8)))
                    .build(), HttpResponse.BodyHandlers.ofString());
            keepCookies(cookies, exchanged.headers().allValues("set-cookie"));
            if (exchanged.statusCode() != 302 || !opensDocument(exchanged.headers().firstValue("Location").orElse(null), kind, id)
                    || !cookies.containsKey("__Host-fs_portal")) {
                throw new IllegalStateException("the exchange of a " + kind + " link of " + company.slug()
                        + " opened no portal session: HTTP " + exchanged.statusCode() + " "
                        + exchanged.headers().firstValue("Location").orElse("(no Location)"));
            }
            return cookie(cookies);
        }

        /** Signs in as the company's first technician through the login form; the session's cookies. */
        String technicianSession(Company company) throws IOException, InterruptedException {
            String login = "/c/" + company.slug() + "/login";
            HttpResponse<String> page = http.send(HttpRequest.newBuilder(base.resolve(login)).timeout(Duration.ofSeconds(10))
                    .GET().build(), HttpResponse.BodyHandlers.ofString());
            Map<String, String> cookies = new LinkedHashMap<>();
            keep(cookies, page);
            String csrf = page.statusCode() == 200 ? csrf(page.body()) : null;
            if (csrf == null) {
                throw new IllegalStateException("no login form for " + company.slug() + ": HTTP " + page.statusCode());
            }
            HttpResponse<String> done = http.send(HttpRequest.newBuilder(base.resolve(login)).timeout(Duration.ofSeconds(30))
                    .header("Content-Type", "application/x-www-form-urlencoded").header("Cookie", cookie(cookies))
                    .POST(HttpRequest.BodyPublishers.ofString(form(Map.of("email", company.technicianEmail(),
                            "password", company.technicianPassword(), "_csrf", csrf)))).build(),
                    HttpResponse.BodyHandlers.ofString());
            keep(cookies, done);
            if (done.statusCode() != 302 || done.headers().firstValue("Location").orElse("").contains("/login")) {
                throw new IllegalStateException("cannot sign in to " + company.slug() + " as " + company.technicianEmail()
                        + ": HTTP " + done.statusCode() + " " + done.headers().firstValue("Location").orElse(""));
            }
            return cookie(cookies);
        }

        /**
         * The authorization code flow with PKCE as the signed-in technician (session {@code cookies}): authorize, the
         * consent page and Allow when it is asked for, the code from the redirect, the token. Anything unexpected stops
         * the run.
         */
        McpToken authorizeMcp(Company company, String session) throws IOException, InterruptedException {
            String issuer = "/c/" + company.slug();
            String resource = base.resolve(issuer + "/mcp").toString();
            String[] pkce = pkce();
            Map<String, String> cookies = new LinkedHashMap<>();
            for (String c : session.split("; ")) {
                int eq = c.indexOf('=');
                cookies.put(c.substring(0, eq), c.substring(eq + 1));
            }
            Map<String, String> params = new LinkedHashMap<>();
            params.put("response_type", "code");
            params.put("client_id", company.oauthClientId());
            params.put("redirect_uri", company.oauthRedirect());
            params.put("scope", String.join(" ", MCP_SCOPES));
            params.put("state", "bench-" + index);
            params.put("code_challenge", pkce[1]);
            params.put("code_challenge_method", "S256");
            params.put("resource", resource);
            HttpResponse<String> authorize = http.send(HttpRequest.newBuilder(base.resolve(issuer + "/oauth2/authorize?" + form(params)))
                    .timeout(Duration.ofSeconds(10)).header("Cookie", cookie(cookies)).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            keep(cookies, authorize);
            String location = authorize.headers().firstValue("Location").orElse("");
            if (authorize.statusCode() == 302 && location.contains("/oauth2/consent?")) {
                String consentPath = URI.create(location).getRawPath() + "?" + URI.create(location).getRawQuery();
                HttpResponse<String> page = http.send(HttpRequest.newBuilder(base.resolve(consentPath))
                        .timeout(Duration.ofSeconds(10)).header("Cookie", cookie(cookies)).GET().build(),
                        HttpResponse.BodyHandlers.ofString());
                keep(cookies, page);
                String csrf = page.statusCode() == 200 ? csrf(page.body()) : null;
                if (csrf == null) {
                    throw new IllegalStateException("no consent form for " + company.slug() + ": HTTP " + page.statusCode());
                }
                Map<String, String> allow = new LinkedHashMap<>();
                allow.put("client_id", queryParam(location, "client_id"));
                allow.put("state", queryParam(location, "state"));
                allow.put("_csrf", csrf);
                // one scope field per scope, as the consent form's checkboxes send them
                String allowForm = form(allow) + MCP_SCOPES.stream()
                        .map(sc -> "&scope=" + URLEncoder.encode(sc, StandardCharsets.UTF_8)).reduce("", String::concat);
                HttpResponse<String> allowed = http.send(HttpRequest.newBuilder(base.resolve(issuer + "/oauth2/authorize"))
                        .timeout(Duration.ofSeconds(10)).header("Content-Type", "application/x-www-form-urlencoded")
                        .header("Cookie", cookie(cookies)).POST(HttpRequest.BodyPublishers.ofString(allowForm)).build(),
                        HttpResponse.BodyHandlers.ofString());
                keep(cookies, allowed);
                authorize = allowed;
                location = allowed.headers().firstValue("Location").orElse("");
            }
            String code = location.startsWith(company.oauthRedirect() + "?") ? queryParam(location, "code") : null;
            if (authorize.statusCode() != 302 || code == null) {
                throw new IllegalStateException("no authorization code for " + company.slug() + ": HTTP "
                        + authorize.statusCode() + " " + location);
            }
            Map<String, String> exchange = new LinkedHashMap<>();
            exchange.put("grant_type", "authorization_code");
            exchange.put("code", code);
            exchange.put("redirect_uri", company.oauthRedirect());
            exchange.put("client_id", company.oauthClientId());
            exchange.put("code_verifier", pkce[0]);
            exchange.put("resource", resource);
            return token(company, exchange);
        }

        /** A new access token from the refresh token (rotated: the answer holds the next one). */
        McpToken refreshMcp(Company company, McpToken old) {
            Map<String, String> refresh = new LinkedHashMap<>();
            refresh.put("grant_type", "refresh_token");
            refresh.put("refresh_token", old.refresh());
            refresh.put("client_id", company.oauthClientId());
            try {
                return token(company, refresh);
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return old;
            }
        }

        private McpToken token(Company company, Map<String, String> fields) throws IOException, InterruptedException {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(base.resolve("/c/" + company.slug() + "/oauth2/token"))
                    .timeout(Duration.ofSeconds(10)).header("Content-Type", "application/x-www-form-urlencoded")
                    .header("Accept", "application/json").POST(HttpRequest.BodyPublishers.ofString(form(fields))).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() != 200) {
                throw new IllegalStateException("token endpoint of " + company.slug() + ": HTTP " + r.statusCode() + " " + r.body());
            }
            return mcpToken(r.body(), System.nanoTime());
        }

        private long mcpIds;

        /** {@code POST /c/<slug>/mcp} {@code tools/call todays_visits}, revision 2026-07-28, with {@code token}. */
        private HttpRequest.Builder mcpCall(Company company, String token) {
            return HttpRequest.newBuilder(base.resolve("/c/" + company.slug() + "/mcp")).timeout(Duration.ofSeconds(10))
                    .header("Content-Type", "application/json").header("Accept", "application/json, text/event-stream")
                    .header("Mcp-Method", "tools/call").header("Mcp-Name", "todays_visits")
                    .header("MCP-Protocol-Version", MCP_VERSION).header("Authorization", "Bearer " + token)
                    .POST(HttpRequest.BodyPublishers.ofString(mcpToolsCall("todays_visits", ++mcpIds)));
        }

        /**
         * Signs in as the company's owner through the login form (GET for the CSRF token and cookie, POST the form),
         * recording the POST as {@code SIGN_IN}; then reads the job ids linked from the jobs page. Null if it failed.
         */
        Session signIn(Company company) {
            String login = "/c/" + company.slug() + "/login";
            try {
                HttpResponse<String> form = http.send(HttpRequest.newBuilder(base.resolve(login))
                        .timeout(Duration.ofSeconds(10)).GET().build(), HttpResponse.BodyHandlers.ofString());
                Map<String, String> cookies = new LinkedHashMap<>();
                keep(cookies, form);
                java.util.regex.Matcher csrf = CSRF.matcher(form.body());
                if (form.statusCode() != 200 || !csrf.find()) {
                    return null;
                }
                String body = "email=" + URLEncoder.encode(company.ownerEmail(), StandardCharsets.UTF_8)
                        + "&password=" + URLEncoder.encode(company.ownerPassword(), StandardCharsets.UTF_8)
                        + "&_csrf=" + URLEncoder.encode(csrf.group(1), StandardCharsets.UTF_8);
                long start = System.nanoTime();
                HttpResponse<String> done = http.send(HttpRequest.newBuilder(base.resolve(login))
                        .timeout(Duration.ofSeconds(10)).header("Content-Type", "application/x-www-form-urlencoded")
                        .header("Cookie", cookie(cookies)).POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                        HttpResponse.BodyHandlers.ofString());
                long end = System.nanoTime();
                keep(cookies, done);
                boolean ok = done.statusCode() == 302
                        && done.headers().firstValue("Location").orElse("").endsWith("/c/" + company.slug() + "/");
                if (start >= from && end <= to) {
                    if (ok) {
                        latencies.get(Kind.SIGN_IN).add(end - start);
                    } else {
                        errors.get(Kind.SIGN_IN).incrementAndGet();
                        errorKinds.merge("SIGN_IN HTTP " + done.statusCode(), 1L, Long::sum);
                    }
                }
                if (!ok) {
                    return null;
                }
                HttpResponse<String> jobs = http.send(HttpRequest.newBuilder(base.resolve("/c/" + company.slug() + "/jobs"))
                        .timeout(Duration.ofSeconds(10)).header("Cookie", cookie(cookies)).GET().build(),
                        HttpResponse.BodyHandlers.ofString());
                java.util.regex.Matcher link = java.util.regex.Pattern
                        .compile("href=\"/c/" + company.slug() + "/jobs/([0-9a-fA-F-]{36})\"").matcher(jobs.body());
                List<String> ids = new ArrayList<>();
                while (link.find() && ids.size() < 20) {
                    if (!ids.contains(link.group(1))) {
                        ids.add(link.group(1));
                    }
                }
                return new Session(cookie(cookies), List.copyOf(ids));
            } catch (IOException e) {
                return null;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return null;
            }
        }

        private static void keep(Map<String, String> cookies, HttpResponse<?> response) {
            keepCookies(cookies, response.headers().allValues("set-cookie"));
        }

        private static String cookie(Map<String, String> cookies) {
            return String.join("; ", cookies.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).toList());
        }

        private HttpRequest.Builder request(String path, Company company) {
            return withKey(path, company == null ? null : company.key());
        }

        private HttpRequest.Builder withKey(String path, String key) {
            HttpRequest.Builder b = HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(10))
                    .header("Accept", "application/json");
            if (key != null) {
                b.header("Authorization", "Bearer " + key);
            }
            return b;
        }

        private void send(Kind kind, HttpRequest.Builder request, String patched) {
            long start = System.nanoTime();
            int status;
            String etag = null;
            String failure = null;
            try {
                HttpResponse<byte[]> r = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
                status = r.statusCode();
                etag = r.headers().firstValue("ETag").orElse(null);
                // a payment is answered 201 Created; a PDF must be one
                if (kind == Kind.PAYMENT && status != 201) {
                    failure = "HTTP " + status + " (not 201)";
                } else if (kind == Kind.PDF && status == 200 && !isPdf(r.body())) {
                    failure = "not a PDF";
                } else if (kind == Kind.MCP && status == 200 && !mcpAnswered(new String(r.body(), StandardCharsets.UTF_8))) {
                    failure = "not a tool result";
                    if (firstMcpFailure == null) {
                        firstMcpFailure = new String(r.body(), StandardCharsets.UTF_8);
                    }
                } else if (kind == Kind.TELEGRAM && status == 200
                        && !new String(r.body(), StandardCharsets.UTF_8).contains("\"handled\"")) {
                    failure = "not handled";
                } else if ((Kind.PAGES.contains(kind) || Kind.PORTAL.contains(kind)) && status == 200
                        && !r.headers().firstValue("Content-Type").orElse("").startsWith("text/html")) {
                    failure = "not HTML";
                }
            } catch (IOException e) {
                status = -1;
                failure = e.getClass().getSimpleName();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            long end = System.nanoTime();
            boolean ok = status >= 200 && status < 300 && failure == null;
            if (!ok && (kind == Kind.TELEGRAM || kind == Kind.TWILIO) && firstWebhookFailure == null) {
                firstWebhookFailure = "HTTP " + status + (failure == null ? "" : " " + failure);
            }
            if (patched != null) {
                if (ok && etag != null) {
                    versions.put(patched, Long.parseLong(etag.replaceAll("^(W/)?\"|\"$", "")));
                } else if (status == 412) {
                    resync(patched);
                }
            }
            if (start >= from && end <= to) {
                int second = (int) ((end - from) / 1_000_000_000L);
                perSecond[second]++;
                slowestPerSecond[second] = Math.max(slowestPerSecond[second], end - start);
                if (ok) {
                    latencies.get(kind).add(end - start);
                } else {
                    errors.get(kind).incrementAndGet();
                    errorKinds.merge(kind + " " + (failure != null ? failure : "HTTP " + status), 1L, Long::sum);
                }
            }
        }

        private static boolean isPdf(byte[] body) {
            return body.length >= 5 && new String(body, 0, 5, StandardCharsets.US_ASCII).equals("%PDF-");
        }

        /** After a 412 (an error in this benchmark), learns the current version so that one error is not many. */
        private void resync(String id) {
            Company company = companies.stream().filter(c -> c.clientIds().contains(id)).findFirst().orElseThrow();
            try {
                HttpResponse<InputStream> r = http.send(request("/api/v1/clients/" + id, company).GET().build(),
                        HttpResponse.BodyHandlers.ofInputStream());
                r.body().close();
                r.headers().firstValue("ETag").ifPresent(t -> versions.put(id, Long.parseLong(t.replaceAll("^(W/)?\"|\"$", ""))));
            } catch (IOException | InterruptedException ignored) {
                // counted already
            }
        }

        void close() {
            http.shutdownNow();
        }
    }

    /** A growable array of nanosecond latencies. */
    static final class Latencies {
        long[] values = new long[1 << 14];
        int size;

        void add(long v) {
            if (size == values.length) {
                values = Arrays.copyOf(values, size * 2);
            }
            values[size++] = v;
        }
    }

    record Stats(long count, long errors, double rps, double p50, double p95, double p99, double max) {
        static Stats of(long[] sorted, long errors, Duration measured) {
            return new Stats(sorted.length, errors, sorted.length / (measured.toNanos() / 1e9),
                    pct(sorted, 50), pct(sorted, 95), pct(sorted, 99), sorted.length == 0 ? 0 : sorted[sorted.length - 1] / 1e6);
        }

        /** The smallest latency that at least p % of the requests did not exceed, in milliseconds. */
        static double pct(long[] sorted, double p) {
            if (sorted.length == 0) {
                return 0;
            }
            int rank = (int) Math.ceil(p / 100.0 * sorted.length);
            return sorted[Math.max(0, rank - 1)] / 1e6;
        }
    }

    record Result(Stats all, Map<Kind, Stats> byKind, Map<String, Long> errorKinds) {
        static Result of(Worker[] workers, Duration measured) {
            Map<Kind, Stats> byKind = new LinkedHashMap<>();
            List<long[]> every = new ArrayList<>();
            long allErrors = 0;
            for (Kind k : Kind.values()) {
                int n = 0;
                long errors = 0;
                for (Worker w : workers) {
                    n += w.latencies.get(k).size;
                    errors += w.errors.get(k).get();
                }
                long[] values = new long[n];
                int at = 0;
                for (Worker w : workers) {
                    Latencies l = w.latencies.get(k);
                    System.arraycopy(l.values, 0, values, at, l.size);
                    at += l.size;
                }
                Arrays.sort(values);
                every.add(values);
                allErrors += errors;
                byKind.put(k, Stats.of(values, errors, measured));
            }
            long[] all = every.stream().flatMapToLong(Arrays::stream).sorted().toArray();
            Map<String, Long> errorKinds = new HashMap<>();
            for (Worker w : workers) {
                w.errorKinds.forEach((k, v) -> errorKinds.merge(k, v, Long::sum));
            }
            return new Result(Stats.of(all, allErrors, measured), byKind, errorKinds);
        }

        double rps() {
            return all.rps();
        }

        String describe(String name, String engine) {
            return String.format(Locale.ROOT, "%s: engine=%s requests=%d rps=%.0f p50_ms=%.2f p95_ms=%.2f p99_ms=%.2f max_ms=%.1f errors=%d%s",
                    name, engine, all.count(), all.rps(), all.p50(), all.p95(), all.p99(), all.max(), all.errors(),
                    errorKinds.isEmpty() ? "" : " " + errorKinds);
        }

        String describeKind(Kind k) {
            Stats s = byKind.get(k);
            return String.format(Locale.ROOT, "%-13s n=%d rps=%.0f p50_ms=%.2f p95_ms=%.2f p99_ms=%.2f max_ms=%.1f errors=%d  %s",
                    k.name().toLowerCase(Locale.ROOT), s.count(), s.rps(), s.p50(), s.p95(), s.p99(), s.max(), s.errors(),
                    k.endpoint);
        }

        String lastLine(String engine) {
            return String.format(Locale.ROOT, "engine=%s rps=%.0f p50_ms=%.2f p95_ms=%.2f p99_ms=%.2f errors=%d",
                    engine, all.rps(), all.p50(), all.p95(), all.p99(), all.errors());
        }
    }

    /**
     * The file {@code BenchSeed} (the bench jar) wrote: company lines, each followed by its client lines and (newer
     * seeds) its quote and invoice lines and its item and location lines.
     */
    /**
     * {@code --mix files}: for each size of {@code --file-sizes} (MiB), {@code --files} uploads one after the other
     * (one connection, the owner's key) of PDF-like content ({@code %PDF-1.7} and random bytes: allowed by content, and
     * incompressible) to the first job of a company (round the companies) through
     * {@code POST /api/v1/jobs/{id}/files}, each timed until the file is CLEAN (the upload scans at once; while its
     * answer still says SCANNING, {@code GET /api/v1/files/{id}} is polled), then each downloaded through
     * {@code GET /api/v1/files/{id}/content} and compared byte for byte. MiB/s = all bytes / all time of the phase.
     * The ceiling: the same bytes written to a file in {@code workDir}, then {@code cat file > /dev/null} and
     * {@code cp file copy} timed as processes (the page cache holds the file: a memory-speed ceiling).
     */
    static void files(URI base, SSLContext tls, List<Company> companies, String engine, String storage, List<Integer> sizesMib,
                      int count, Path workDir) throws Exception {
        if (count < 1 || count > 10_000) {
            throw new IllegalArgumentException("--files must be between 1 and 10000");
        }
        SSLParameters tls13 = new SSLParameters();
        tls13.setProtocols(new String[] {"TLSv1.3"});
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).sslContext(tls).sslParameters(tls13)
                .connectTimeout(Duration.ofSeconds(10)).followRedirects(HttpClient.Redirect.NEVER).build();
        List<String> jobs = new ArrayList<>();
        for (Company c : companies) {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(base.resolve("/api/v1/jobs?size=1"))
                    .header("Authorization", "Bearer " + c.key()).header("Accept", "application/json").GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            String id = r.statusCode() == 200 ? firstId(r.body()) : null;
            if (id == null) {
                throw new IllegalStateException("--mix files needs a job in every company (--jobs-per-company): "
                        + c.slug() + " answered " + r.statusCode());
            }
            jobs.add(id);
        }
        System.out.printf("files: %s storage, %d companies, %d files of each of %s MiB, one connection%n", storage,
                companies.size(), count, sizesMib);
        java.util.Random random = new java.util.Random(42);
        String last = null;
        for (int mib : sizesMib) {
            byte[] content = pdfLike(mib * 1024 * 1024, random);
            List<String> ids = new ArrayList<>();
            long errors = 0;
            long[] uploadNs = new long[count];
            long upStart = System.nanoTime();
            for (int i = 0; i < count; i++) {
                int c = i % companies.size();
                Company company = companies.get(c);
                long t0 = System.nanoTime();
                String boundary = "----fieldstone-bench-" + Long.toHexString(random.nextLong());
                HttpResponse<String> r = http.send(HttpRequest.newBuilder(base.resolve("/api/v1/jobs/" + jobs.get(c) + "/files"))
                        .timeout(Duration.ofMinutes(2)).header("Authorization", "Bearer " + company.key())
                        .header("Accept", "application/json")
                        .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                        .POST(multipart(boundary, "bench-" + mib + "mib-" + i + ".pdf", "application/pdf", content)).build(),
                        HttpResponse.BodyHandlers.ofString());
                String id = r.statusCode() == 201 ? firstId(r.body()) : null;
                String status = id == null ? null : fileStatus(r.body());
                while (id != null && "SCANNING".equals(status) && System.nanoTime() - t0 < Duration.ofMinutes(2).toNanos()) {
                    Thread.sleep(20);
                    HttpResponse<String> g = http.send(HttpRequest.newBuilder(base.resolve("/api/v1/files/" + id))
                            .header("Authorization", "Bearer " + company.key()).header("Accept", "application/json").GET()
                            .build(), HttpResponse.BodyHandlers.ofString());
                    status = g.statusCode() == 200 ? fileStatus(g.body()) : null;
                }
                uploadNs[i] = System.nanoTime() - t0;
                if (!"CLEAN".equals(status)) {
                    errors++;
                    System.out.println("  upload " + i + ": HTTP " + r.statusCode() + ", status " + status + ": "
                            + r.body().substring(0, Math.min(300, r.body().length())));
                    ids.add(null);
                } else {
                    ids.add(id);
                }
            }
            long upTotal = System.nanoTime() - upStart;
            long[] downloadNs = new long[count];
            long downStart = System.nanoTime();
            for (int i = 0; i < count; i++) {
                if (ids.get(i) == null) {
                    continue;
                }
                Company company = companies.get(i % companies.size());
                long t0 = System.nanoTime();
                HttpResponse<byte[]> r = http.send(HttpRequest.newBuilder(base.resolve("/api/v1/files/" + ids.get(i) + "/content"))
                        .timeout(Duration.ofMinutes(2)).header("Authorization", "Bearer " + company.key()).GET().build(),
                        HttpResponse.BodyHandlers.ofByteArray());
                downloadNs[i] = System.nanoTime() - t0;
                if (r.statusCode() != 200 || !Arrays.equals(r.body(), content)) {
                    errors++;
                    System.out.println("  download " + i + ": HTTP " + r.statusCode() + ", " + r.body().length + " bytes"
                            + (r.statusCode() == 200 ? " differing from the upload" : ""));
                }
            }
            long downTotal = System.nanoTime() - downStart;
            // the ceiling: the same bytes through cat and cp
            Path file = Files.createTempFile(workDir, "bench-ceiling-", ".pdf");
            Path copy = file.resolveSibling(file.getFileName() + ".copy");
            Files.write(file, content);
            long catNs = 0;
            long cpNs = 0;
            for (int i = 0; i < count; i++) {
                catNs += process(new ProcessBuilder("cat", file.toString()).redirectOutput(ProcessBuilder.Redirect.DISCARD));
                Files.deleteIfExists(copy);
                cpNs += process(new ProcessBuilder("cp", file.toString(), copy.toString()));
            }
            Files.deleteIfExists(copy);
            Files.deleteIfExists(file);
            double mibs = (double) mib * count;
            System.out.printf(Locale.ROOT, "  upload_%dmib   n=%d mib_per_s=%.1f p50_ms=%.0f max_ms=%.0f errors=%d  POST /api/v1/jobs/{id}/files until CLEAN (%s)%n",
                    mib, count, mibs / (upTotal / 1e9), median(uploadNs), max(uploadNs), errors, storage);
            System.out.printf(Locale.ROOT, "  download_%dmib n=%d mib_per_s=%.1f p50_ms=%.0f max_ms=%.0f  GET /api/v1/files/{id}/content (%s)%n",
                    mib, count, mibs / (downTotal / 1e9), median(downloadNs), max(downloadNs), storage);
            System.out.printf(Locale.ROOT, "  cat_%dmib      n=%d mib_per_s=%.1f  cat file > /dev/null (ceiling)%n", mib, count, mibs / (catNs / 1e9));
            System.out.printf(Locale.ROOT, "  cp_%dmib       n=%d mib_per_s=%.1f  cp file copy (ceiling)%n", mib, count, mibs / (cpNs / 1e9));
            last = String.format(Locale.ROOT, "engine=%s storage=%s size_mib=%d upload_mib_s=%.1f download_mib_s=%.1f cat_mib_s=%.1f cp_mib_s=%.1f errors=%d",
                    engine, storage, mib, mibs / (upTotal / 1e9), mibs / (downTotal / 1e9), mibs / (catNs / 1e9),
                    mibs / (cpNs / 1e9), errors);
        }
        System.out.println(last);
    }

    /** {@code --file-sizes}: whole MiB, comma-separated, each 1 to 100 (the largest upload any company may allow). */
    static List<Integer> fileSizes(String text) {
        List<Integer> sizes = new ArrayList<>();
        for (String part : text.split(",")) {
            int mib = Integer.parseInt(part.strip());
            if (mib < 1 || mib > 100) {
                throw new IllegalArgumentException("--file-sizes: whole MiB between 1 and 100, e.g. 1,10");
            }
            sizes.add(mib);
        }
        return List.copyOf(sizes);
    }

    /** {@code size} bytes that are a PDF by their content (the magic {@code %PDF-}), then random: incompressible. */
    static byte[] pdfLike(int size, java.util.Random random) {
        byte[] content = new byte[size];
        random.nextBytes(content);
        byte[] head = "%PDF-1.7\n%".getBytes(StandardCharsets.US_ASCII);
        byte[] tail = "\n%%EOF\n".getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(head, 0, content, 0, head.length);
        System.arraycopy(tail, 0, content, size - tail.length, tail.length);
        return content;
    }

    /** A multipart/form-data body with one part, the field {@code file}. */
    static HttpRequest.BodyPublisher multipart(String boundary, String filename, String type, byte[] content) {
        byte[] head = ("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + filename
                + "\"\r\nContent-Type: " + type + "\r\n\r\n").getBytes(StandardCharsets.UTF_8);
        byte[] tail = ("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8);
        return HttpRequest.BodyPublishers.ofByteArrays(List.of(head, content, tail));
    }

    /** The first {@code "id"} of a JSON answer (a file, or the first of a page of jobs), or null. */
    static String firstId(String json) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("\"id\"\\s*:\\s*\"([^\"]+)\"").matcher(json);
        return m.find() ? m.group(1) : null;
    }

    /** A file's {@code "status"} (SCANNING, CLEAN, INFECTED), or null. */
    static String fileStatus(String json) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("\"status\"\\s*:\\s*\"([A-Z]+)\"").matcher(json);
        return m.find() ? m.group(1) : null;
    }

    private static long process(ProcessBuilder pb) throws IOException, InterruptedException {
        long t0 = System.nanoTime();
        int exit = pb.redirectError(ProcessBuilder.Redirect.INHERIT).start().waitFor();
        if (exit != 0) {
            throw new IllegalStateException(pb.command() + " exited with " + exit);
        }
        return System.nanoTime() - t0;
    }

    private static double median(long[] ns) {
        long[] sorted = ns.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2] / 1e6;
    }

    private static double max(long[] ns) {
        return Arrays.stream(ns).max().orElse(0) / 1e6;
    }

    /** The path of {@code --mix stock}'s narrowed request: the company's item and location at these indexes. */
    static String stockPath(Company company, int item, int location) {
        return "/api/v1/stock?itemId=" + URLEncoder.encode(company.itemIds().get(item), StandardCharsets.UTF_8)
                + "&locationId=" + URLEncoder.encode(company.locationIds().get(location), StandardCharsets.UTF_8);
    }

    static List<Company> readSeed(Path file) throws IOException {
        List<Company> companies = new ArrayList<>();
        List<String> items = null;
        List<String> locations = null;
        String[] current = null;
        List<String> ids = null;
        List<String> names = null;
        List<String> quotes = null;
        List<String> invoices = null;
        String[] owner = null;
        String[] webhook = null;
        String[] technician = null;
        String[] oauth = null;
        String[] telegram = null;
        String[] twilio = null;
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            String[] f = line.split("\t");
            if (f[0].equals("company")) {
                if (current != null) {
                    companies.add(company(current, ids, names, quotes, invoices, owner, webhook, items, locations,
                            technician, oauth, telegram, twilio));
                }
                current = f;
                technician = new String[2];
                oauth = new String[2];
                telegram = new String[2];
                twilio = new String[2];
                items = new ArrayList<>();
                locations = new ArrayList<>();
                owner = new String[2];
                webhook = new String[2];
                ids = new ArrayList<>();
                names = new ArrayList<>();
                quotes = new ArrayList<>();
                invoices = new ArrayList<>();
            } else if (f[0].equals("client") && ids != null) {
                ids.add(f[1]);
                names.add(f[2]);
            } else if (f[0].equals("quote") && quotes != null) {
                quotes.add(f[1]);
            } else if (f[0].equals("invoice") && invoices != null) {
                invoices.add(f[1]);
            } else if (f[0].equals("item") && items != null) {
                items.add(f[1]);
            } else if (f[0].equals("location") && locations != null) {
                locations.add(f[1]);
            } else if (f[0].equals("webhook") && webhook != null) {
                webhook[0] = f[1];
                webhook[1] = f[2];
            } else if (f[0].equals("technician") && technician != null && f.length == 3) {
                technician[0] = f[1];
                technician[1] = f[2];
            } else if (f[0].equals("oauth") && oauth != null && f.length == 3) {
                oauth[0] = f[1];
                oauth[1] = f[2];
            } else if (f[0].equals("telegram") && telegram != null && f.length == 3) {
                telegram[0] = f[1];
                telegram[1] = f[2];
            } else if (f[0].equals("twilio") && twilio != null && f.length == 3) {
                twilio[0] = f[1];
                twilio[1] = f[2];
            } else if (f[0].equals("owner") && owner != null) {
                owner[0] = f[1];
                owner[1] = f[2];
            } else {
                throw new IllegalArgumentException("Not a bench seed line: " + line);
            }
        }
        if (current != null) {
            companies.add(company(current, ids, names, quotes, invoices, owner, webhook, items, locations, technician,
                    oauth, telegram, twilio));
        }
        if (companies.isEmpty()) {
            throw new IllegalArgumentException(file + " holds no companies");
        }
        return companies;
    }

    private static Company company(String[] f, List<String> ids, List<String> names, List<String> quotes,
                                   List<String> invoices, String[] owner, String[] webhook, List<String> items,
                                   List<String> locations, String[] technician, String[] oauth, String[] telegram,
                                   String[] twilio) {
        return new Company(f[1], f[2], f[2].replace("-", ""), f[3], f.length > 4 ? f[4] : null, webhook[0], webhook[1],
                List.copyOf(ids),
                List.copyOf(names), List.copyOf(quotes), List.copyOf(invoices), owner[0], owner[1],
                List.copyOf(items), List.copyOf(locations), technician[0], technician[1], oauth[0], oauth[1],
                telegram[0], telegram[1], twilio[0], twilio[1]);
    }

    static SSLContext trusting(Path certificate) throws Exception {
        try (InputStream in = Files.newInputStream(certificate)) {
            KeyStore trust = KeyStore.getInstance(KeyStore.getDefaultType());
            trust.load(null, null);
            trust.setCertificateEntry("fieldstone-bench", CertificateFactory.getInstance("X.509").generateCertificate(in));
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(trust);
            SSLContext context = SSLContext.getInstance("TLSv1.3");
            context.init(null, tmf.getTrustManagers(), null);
            return context;
        }
    }

    static Duration duration(String text) {
        String t = text.strip().toLowerCase(Locale.ROOT);
        if (t.endsWith("ms")) {
            return Duration.ofMillis(Long.parseLong(t.substring(0, t.length() - 2)));
        }
        if (t.endsWith("m")) {
            return Duration.ofMinutes(Long.parseLong(t.substring(0, t.length() - 1)));
        }
        return Duration.ofSeconds(Long.parseLong(t.endsWith("s") ? t.substring(0, t.length() - 1) : t));
    }

    static Map<String, String> options(String[] args) {
        Map<String, String> opts = new HashMap<>();
        for (int i = 0; i < args.length; i++) {
            if (!args[i].startsWith("--") || i + 1 >= args.length) {
                throw new IllegalArgumentException("Expected --name value pairs, got " + args[i]);
            }
            opts.put(args[i].substring(2), args[++i]);
        }
        return opts;
    }

    static String require(Map<String, String> opts, String name) {
        String v = opts.get(name);
        if (v == null) {
            throw new IllegalArgumentException("--" + name + " is required");
        }
        return v;
    }
}
