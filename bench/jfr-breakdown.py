#!/usr/bin/env python3
"""Where the server's CPU samples go: inclusive share of named frames in a JFR recording.

    bench/jfr-breakdown.py recording.jfr [--jfr /path/to/jdk/bin/jfr] [--top 25]

Reads jdk.ExecutionSample and jdk.NativeMethodSample stacks (jfr print) and prints, for each group below, the
share of samples with a matching frame anywhere in the stack (groups overlap: a SQLite call inside the API key
filter counts for both), then the hottest leaf frames and the hottest Fieldstone frames.
"""
import argparse, collections, glob, os, re, subprocess, sys

GROUPS = [
    ("TLS (sun.security.ssl, crypto)", r"sun\.security\.ssl\.|com\.sun\.crypto\.|sun\.security\.(ec|util)\."),
    ("socket I/O", r"sun\.nio\.ch\.(SocketDispatcher|IOUtil|NioSocketImpl)"),
    ("Tomcat connector and HTTP parsing", r"org\.apache\.(coyote|tomcat\.util\.net)\."),
    ("Spring Security filter chain", r"org\.springframework\.security\.web\.FilterChainProxy"),
    ("  API key authentication (filter)", r"ApiKeyAuthenticationFilter\.doFilterInternal"),
    ("    control-plane company lookup", r"CompanyRegistry\.find|CompanyService\.find"),
    ("    API key + user lookup", r"ApiKeyService\.authenticate"),
    ("    SHA-256 of the key", r"identity\.internal\.Secrets\.hash"),
    ("Spring MVC dispatch", r"DispatcherServlet\.doDispatch"),
    ("  ClientsApi handlers", r"clients\.web\.ClientsApi\."),
    ("    list/search (ClientRecords.search)", r"ClientRecords\.search"),
    ("    get (ClientService.get)", r"ClientService\.get"),
    ("    update (ClientService.update)", r"ClientService\.update"),
    ("      write path (JdbcRecordStore.change)", r"JdbcRecordStore\.change"),
    ("      audit append", r"JdbcAuditTrail\.append"),
    ("  portal pages (PortalController: quote, invoice)", r"portal\.web\.PortalController\.(quote|invoice)\("),
    ("    portal session and link (PortalAccess.visit)", r"PortalAccess\.visit"),
    ("  Thymeleaf rendering", r"org\.thymeleaf\.TemplateEngine\.process"),
    ("    links encoded through the resource chain (ResourceUrlProvider)", r"ResourceUrlProvider\.getForLookupPath"),
    ("  JSON writing (Jackson)", r"tools\.jackson\.databind\.ser|tools\.jackson\.core\.json\.UTF8JsonGenerator|HttpMessageConverter.*write"),
    ("  baseline endpoint", r"BenchBaseline"),
    ("MCP: authentication filter (McpAuthenticationFilter)", r"McpAuthenticationFilter\.doFilterInternal"),
    ("  MCP: company by slug", r"Compan\w*\.findBySlug"),
    ("  MCP: OAuth access token check (OAuthTokenService.authenticate)", r"OAuthTokenService\.authenticate"),
    ("  MCP: API key check", r"ApiKeyService\.authenticate"),
    ("MCP: endpoint (McpEndpoint.serve: SDK transport, JSON-RPC)", r"McpEndpoint\.serve"),
    ("  MCP: tools registry (Tools.call)", r"assistant\.internal\..*Tools.*\.call|ToolRegistry"),
    ("    MCP: todays_visits (JobTools.todaysVisits)", r"JobTools\.todaysVisits"),
    ("  MCP SDK (io.modelcontextprotocol)", r"io\.modelcontextprotocol\."),
    ("field encryption: open (FieldProtection.open)", r"TinkFieldProtection\.open"),
    ("field encryption: seal (FieldProtection.seal)", r"TinkFieldProtection\.seal"),
    ("blind indexes (HMAC: index, lookup, word tokens)", r"TinkFieldProtection\.(index|lookup|wordTokens|queryTokens)"),
    ("audit values sealed (AuditKeys.seal)", r"AuditKeys\.seal"),
    ("client name order: stamp query", r"ClientNameOrder\.stamp"),
    ("client name order: refresh", r"ClientNameOrder\.refresh"),
    ("Tink (any)", r"com\.google\.crypto\.tink\."),
    ("SQLite native (NativeDB)", r"org\.sqlite\.core\.NativeDB\."),
    ("PostgreSQL driver", r"org\.postgresql\."),
    ("HikariCP", r"com\.zaxxer\.hikari\."),
    ("Spring JDBC (JdbcClient/NamedParameter parsing)", r"org\.springframework\.jdbc\.core\.namedparam\.NamedParameterUtils|org\.springframework\.jdbc\.core\.simple\."),
    ("Micrometer / observation", r"io\.micrometer\."),
    ("logging", r"ch\.qos\.logback|org\.slf4j"),
    ("GC / JIT / VM (no Java frame)", r"^$"),
]


SELF = [(name, re.compile(p)) for name, p in [
    ("socket I/O (kernel: loopback TCP)", r"^sun\.nio\.ch\.|^java\.net\."),
    ("Tink (field encryption, blind indexes)", r"^com\.google\.crypto\.tink\."),
    ("TLS and JCE (JSSE; AES-GCM of TLS and of Tink)", r"^sun\.security\.|^com\.sun\.crypto\.|^javax\.crypto\.|^javax\.net\.ssl"),
    ("SQLite (native + driver)", r"^org\.sqlite\."),
    ("PostgreSQL driver", r"^org\.postgresql\."),
    ("HikariCP", r"^com\.zaxxer\.hikari\."),
    ("Spring JDBC", r"^org\.springframework\.jdbc\."),
    ("Spring transactions", r"^org\.springframework\.transaction\."),
    ("Jackson", r"^tools\.jackson\.|^com\.fasterxml\.jackson\."),
    ("Fieldstone code", r"^org\.fieldstone\."),
    ("Spring Security", r"^org\.springframework\.security\."),
    ("Micrometer", r"^io\.micrometer\."),
    ("Spring MVC / web", r"^org\.springframework\.web\.|^org\.springframework\.http\."),
    ("Spring core / context / Modulith", r"^org\.springframework\."),
    ("Tomcat", r"^org\.apache\.(catalina|coyote|tomcat)\.|^jakarta\.servlet\."),
    ("libphonenumber", r"^com\.google\.i18n\."),
    ("logging", r"^ch\.qos\.logback|^org\.slf4j"),
]]


def find_jfr():
    for j in sorted(glob.glob("/usr/lib/jvm/*/bin/jfr"), reverse=True):
        if "temurin" in j or "25" in j or "21" in j:
            return j
    return "jfr"


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("recording")
    ap.add_argument("--jfr", default=find_jfr())
    ap.add_argument("--top", type=int, default=20)
    a = ap.parse_args()
    stacks = []
    for event in ("jdk.ExecutionSample", "jdk.NativeMethodSample"):
        out = subprocess.run([a.jfr, "print", "--events", event, "--stack-depth", "200", a.recording],
                             capture_output=True, text=True, check=True).stdout
        for block in out.split(event + " {")[1:]:
            if "stackTrace = [" not in block:
                continue
            frames = []
            for line in block.split("stackTrace = [", 1)[1].split("\n")[1:]:
                line = line.strip()
                if line.startswith("]"):
                    break
                if line and line != "...":
                    frames.append(re.sub(r"\s+line:.*$", "", line))
            native = event == "jdk.NativeMethodSample"
            # a thread waiting in epoll/accept is idle, not working
            if native and frames and re.search(r"EPoll\.wait|Net\.accept|Net\.poll|Thread\.yield0|parkNanos|Unsafe\.park", frames[0]):
                continue
            stacks.append(frames)
    n = len(stacks)
    if n == 0:
        print("no samples"); return
    print(f"{n} samples (execution + native, idle waits left out)\n")
    print(f"{'share':>6}  group (inclusive)")
    for name, pattern in GROUPS:
        rx = re.compile(pattern)
        hits = sum(1 for s in stacks if (not s if pattern == r"^$" else any(rx.search(f) for f in s)))
        print(f"{100.0 * hits / n:5.1f}%  {name}")
    self_time = collections.Counter()
    for s in stacks:
        for f in s:
            group = next((name for name, rx in SELF if rx.search(f)), None)
            if group:
                self_time[group] += 1
                break
        else:
            self_time["other JDK code"] += 1
    print("\nself time by layer (each sample once, by its leaf-most frame of a known layer):")
    for g, c in self_time.most_common():
        print(f"{100.0 * c / n:5.1f}%  {g}")
    leaf = collections.Counter(s[0] for s in stacks if s)
    print(f"\nhottest leaf frames:")
    for f, c in leaf.most_common(a.top):
        print(f"{100.0 * c / n:5.1f}%  {f[:150]}")
    own = collections.Counter()
    for s in stacks:
        seen = set()
        for f in s:
            if "org.fieldstone" in f and f not in seen:
                seen.add(f); own[f] += 1
    print(f"\nFieldstone frames (inclusive):")
    for f, c in own.most_common(a.top):
        print(f"{100.0 * c / n:5.1f}%  {f[:150]}")


if __name__ == "__main__":
    main()
