#!/usr/bin/env bash
# Fieldstone benchmark v1 — see bench/README.md.
#
#   bench/run.sh --engine sqlite|postgres [--companies 100] [--clients-per-company 1000] [--duration 60s]
#                [--technicians-per-company 10] [--jobs-per-company 200] [--visits-per-company 500] [--full-schedule]
#                [--quotes-per-company 50] [--invoices-per-company 50]
#                [--warmup 30s] [--connections 64] [--seed-threads 2] [--seed-batch 1]
#                [--mix api|get|clients|schedule|money|pages|webhooks|portal|stock|mcp|telegram|twilio|fanout]
#                [--demo-data] [--visits-this-week] [--visits-within-hours H]
#                (--mix telegram|twilio|fanout: starts bench/src/FakeProviders.java for outbound calls)
#                [--movements-per-company 100000] [--items-per-company 50]
#                [--storage local|s3] [--file-sizes 1,10] [--files 5]   (--mix files: starts its own clamd, and s3proxy)
#                [--phases both|api|baseline] [--jfr FILE] [--server-opts "JVM options"] [--no-build] [--keep]
#                [--tls jsse|openssl] [--ffm-jar PATH]
#
# Builds the real jar and the bench jar, starts from an empty temporary data directory (and, for postgres, a real
# PostgreSQL 17 on a free port), seeds with the bench jar's BenchSeed run by the real jar, starts the real jar with
# the bench jar beside it (HTTPS, TLS 1.3, plus the bench-only baseline endpoint), waits until it is ready, drives
# HTTPS keep-alive load with bench/src/LoadDriver.java, stops everything and prints the results.
# The last line is: engine=… rps=… p50_ms=… p95_ms=… p99_ms=… errors=…
set -euo pipefail

cd "$(dirname "$0")/.."
ROOT=$(pwd)

ENGINE=""
COMPANIES=100
CLIENTS=1000
TECHNICIANS=10
JOBS=200
VISITS=500
QUOTES=50
INVOICES=50
DURATION=60s
WARMUP=30s
CONNECTIONS=64
SEED_THREADS=2
SEED_BATCH=1
MIX=api
PHASES=both
JFR=""
SERVER_OPTS=""
BUILD=1
KEEP=0
TLS=jsse
FFM_JAR=""
SEED_EXTRA=()
MOVEMENTS=""
ITEMS=50
STORAGE=local
FILE_SIZES=1,10
FILES=5

usage() {
    sed -n '2,14p' "$0" | sed 's/^# \{0,1\}//' >&2
    exit 2
}

while [[ $# -gt 0 ]]; do
    case "$1" in
        --engine) ENGINE=$2; shift 2 ;;
        --companies) COMPANIES=$2; shift 2 ;;
        --clients-per-company) CLIENTS=$2; shift 2 ;;
        --technicians-per-company) TECHNICIANS=$2; shift 2 ;;
        --jobs-per-company) JOBS=$2; shift 2 ;;
        --visits-per-company) VISITS=$2; shift 2 ;;
        --full-schedule) JOBS=2000; VISITS=5000; shift ;;
        --quotes-per-company) QUOTES=$2; shift 2 ;;
        --invoices-per-company) INVOICES=$2; shift 2 ;;
        --duration) DURATION=$2; shift 2 ;;
        --warmup) WARMUP=$2; shift 2 ;;
        --connections) CONNECTIONS=$2; shift 2 ;;
        --seed-threads) SEED_THREADS=$2; shift 2 ;;
        --seed-batch) SEED_BATCH=$2; shift 2 ;;
        --mix) MIX=$2; shift 2 ;;
        --movements-per-company) MOVEMENTS=$2; shift 2 ;;
        --items-per-company) ITEMS=$2; shift 2 ;;
        --storage) STORAGE=$2; shift 2 ;;
        --file-sizes) FILE_SIZES=$2; shift 2 ;;
        --files) FILES=$2; shift 2 ;;
        --demo-data) SEED_EXTRA+=(--demo-data); shift ;;
        --visits-this-week) SEED_EXTRA+=(--visits-this-week); shift ;;
        --visits-within-hours) SEED_EXTRA+=(--visits-within-hours "$2"); shift 2 ;;
        --phases) PHASES=$2; shift 2 ;;
        --jfr) JFR=$(realpath -m "$2"); shift 2 ;;
        --server-opts) SERVER_OPTS=$2; shift 2 ;;
        --no-build) BUILD=0; shift ;;
        --keep) KEEP=1; shift ;;
        --tls) TLS=$2; shift 2 ;;
        --ffm-jar) FFM_JAR=$(realpath -m "$2"); shift 2 ;;
        -h|--help) usage ;;
        *) echo "bench/run.sh: unknown argument $1" >&2; usage ;;
    esac
done
[[ "$ENGINE" == sqlite || "$ENGINE" == postgres ]] || { echo "bench/run.sh: --engine sqlite|postgres is required" >&2; usage; }
# the stock shape: 100,000 movements per company unless told otherwise; other mixes seed no inventory unless told
if [[ -z "$MOVEMENTS" ]]; then
    if [[ $MIX == stock ]]; then MOVEMENTS=100000; else MOVEMENTS=0; fi
fi
SEED_EXTRA+=(--movements-per-company "$MOVEMENTS" --items-per-company "$ITEMS")
[[ "$STORAGE" == local || "$STORAGE" == s3 ]] || { echo "bench/run.sh: --storage local|s3" >&2; usage; }
[[ $MIX == files || $STORAGE == local ]] || { echo "bench/run.sh: --storage s3 is for --mix files" >&2; usage; }

log() { echo "[bench $(date +%H:%M:%S)] $*" >&2; }
seconds() { local s=${1%s}; [[ "$s" =~ ^[0-9]+$ ]] || { echo "bench/run.sh: durations are whole seconds like 60s" >&2; exit 2; }; echo "$s"; }
WARMUP_S=$(seconds "$WARMUP")
DURATION_S=$(seconds "$DURATION")

# --- a JDK 21 or newer (the default java may be older) ---------------------------------------------------------
java_major() { "$1" -version 2>&1 | sed -n 's/.*version "\([0-9]*\).*/\1/p' | head -1; }
find_java() {
    local candidates=()
    [[ -n "${JAVA_HOME:-}" ]] && candidates+=("$JAVA_HOME/bin/java")
    command -v java >/dev/null 2>&1 && candidates+=("$(command -v java)")
    for j in /usr/lib/jvm/*/bin/java; do [[ -x "$j" ]] && candidates+=("$j"); done
    local best="" best_v=0 v
    for j in "${candidates[@]}"; do
        v=$(java_major "$j")
        if [[ -n "$v" && "$v" -ge 21 && "$v" -gt "$best_v" ]]; then best=$j; best_v=$v; fi
    done
    [[ -n "$best" ]] || { echo "bench/run.sh: no JDK 21+ found (set JAVA_HOME)" >&2; exit 1; }
    echo "$best"
}
JAVA=$(find_java)
JDK_BIN=$(dirname "$JAVA")
log "JDK: $JAVA ($("$JAVA" -version 2>&1 | head -1))"

# --- build ------------------------------------------------------------------------------------------------------
# The benchmark's code is not in the production jar (decision 0020): the same build makes target/fieldstone-bench.jar
# from the test sources, and the real jar (PropertiesLauncher) takes it in with -Dloader.path.
if [[ $BUILD == 1 ]]; then
    log "building target/fieldstone.jar and target/fieldstone-bench.jar (./mvnw -q -B -DskipTests package)"
    ./mvnw -q -B -DskipTests package
fi
for jar in target/fieldstone.jar target/fieldstone-bench.jar; do
    [[ -f $jar ]] || { echo "bench/run.sh: $jar is missing (run without --no-build)" >&2; exit 1; }
done
BENCH_JAR=(-Dloader.path="$ROOT/target/fieldstone-bench.jar")
SERVER_TLS=()
if [[ $TLS == openssl ]]; then
    # Tomcat's OpenSSL through the foreign-function API: tomcat-coyote-ffm.jar (from the Tomcat distribution of the
    # same version, lib/) beside the bench jar, and the system's libssl (decision 0028)
    [[ -f "$FFM_JAR" ]] || { echo "bench/run.sh: --tls openssl needs --ffm-jar PATH/tomcat-coyote-ffm.jar" >&2; exit 2; }
    SERVER_TLS=(--enable-native-access=ALL-UNNAMED -Dloader.path="$ROOT/target/fieldstone-bench.jar,$FFM_JAR"
        -Dfieldstone.tls.implementation=openssl)
elif [[ $TLS != jsse ]]; then
    echo "bench/run.sh: --tls jsse|openssl" >&2; exit 2
fi
if [[ ( $ENGINE == postgres || $MIX == webhooks || $STORAGE == s3 ) && ( $BUILD == 1 || ! -f target/bench-classpath.txt ) ]]; then
    log "resolving the test class path (embedded PostgreSQL, stripe-java, s3proxy)"
    ./mvnw -q -B dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=target/bench-classpath.txt
fi

# --- everything in a fresh temporary directory, stopped on exit ------------------------------------------------
WORK=$(mktemp -d "${TMPDIR:-/tmp}/fieldstone-bench.XXXXXX")
SERVER_PID=""
PG_PID=""
CLAMD_PID=""
S3_PID=""
FAKE_PID=""
cleanup() {
    local status=$?
    if [[ -n "$SERVER_PID" ]] && kill -0 "$SERVER_PID" 2>/dev/null; then
        kill "$SERVER_PID" 2>/dev/null || true
        wait "$SERVER_PID" 2>/dev/null || true
    fi
    local pid
    for pid in "$PG_PID" "$CLAMD_PID" "$S3_PID" "$FAKE_PID"; do
        if [[ -n "$pid" ]] && kill -0 "$pid" 2>/dev/null; then
            kill "$pid" 2>/dev/null || true
            wait "$pid" 2>/dev/null || true
        fi
    done
    if [[ $KEEP == 1 || $status != 0 ]]; then
        log "kept $WORK (logs: server.log, seed.log, driver.log${PG_PID:+, postgres.log})"
    else
        rm -rf "$WORK"
    fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

free_port() {
    local p
    for _ in $(seq 1 200); do
        p=$((20000 + RANDOM % 40000))
        if ! (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null; then echo "$p"; return; fi
    done
    echo "bench/run.sh: no free port found" >&2; exit 1
}

DATA="$WORK/data"
# the master key of this run's field encryption: its own, outside the data directory (never ~/.fieldstone)
MASTER_KEY="$WORK/keys/master.key"
DB_CLI=(--data-dir "$DATA" --master-key-file "$MASTER_KEY")
DB_SERVER=(-Dfieldstone.data-dir="$DATA" -Dfieldstone.keys.master-key-file="$MASTER_KEY")
if [[ $ENGINE == postgres ]]; then
    PG_PORT=$(free_port)
    log "starting PostgreSQL (embedded, synchronous_commit=on) on port $PG_PORT"
    "$JAVA" -cp "target/test-classes:$(cat target/bench-classpath.txt)" org.fieldstone.support.BenchPostgres \
        "$PG_PORT" "$WORK/pg" >"$WORK/postgres.url" 2>"$WORK/postgres.log" &
    PG_PID=$!
    for _ in $(seq 1 240); do
        [[ -s "$WORK/postgres.url" ]] && break
        kill -0 "$PG_PID" 2>/dev/null || { cat "$WORK/postgres.log" >&2; echo "bench/run.sh: PostgreSQL did not start" >&2; exit 1; }
        sleep 0.5
    done
    PG_URL=$(head -1 "$WORK/postgres.url")
    [[ "$PG_URL" == jdbc:postgresql://* ]] || { echo "bench/run.sh: PostgreSQL did not start in time" >&2; exit 1; }
    : >"$WORK/pg-password"
    DB_CLI+=(--db-url "$PG_URL" --db-username postgres --db-password-file "$WORK/pg-password")
    DB_SERVER+=(-Dfieldstone.database.url="$PG_URL" -Dfieldstone.database.username=postgres -Dfieldstone.database.password=)
fi

# --- --mix files: a clamd of this run's own (as the tests' TestClamd: own configuration, a signature database holding
# only the EICAR test signature, since no download is possible, a free port) and, for --storage s3, an s3proxy -------
FILES_SERVER=()
if [[ $MIX == files ]]; then
    CLAMD=${CLAMD:-/usr/sbin/clamd}
    [[ -x "$CLAMD" ]] || { echo "bench/run.sh: --mix files needs clamd ($CLAMD; Debian: clamav-daemon)" >&2; exit 1; }
    CLAMD_PORT=$(free_port)
    mkdir -p "$WORK/clamd/db"
    echo '44d88612fea8a8f36de82e1278abb02f:68:Eicar-Test-Signature' >"$WORK/clamd/db/test.hdb"
    printf '%s\n' "DatabaseDirectory $WORK/clamd/db" "TCPSocket $CLAMD_PORT" "TCPAddr 127.0.0.1" "Foreground yes" \
        "LogFile $WORK/clamd/clamd.log" "PidFile $WORK/clamd/clamd.pid" "User $(id -un)" "StreamMaxLength 100M" \
        "MaxFileSize 100M" "MaxScanSize 200M" >"$WORK/clamd/clamd.conf"
    log "starting clamd on 127.0.0.1:$CLAMD_PORT"
    "$CLAMD" --config-file="$WORK/clamd/clamd.conf" >"$WORK/clamd/clamd.out" 2>&1 &
    CLAMD_PID=$!
    clamd_pong() { (exec 3<>"/dev/tcp/127.0.0.1/$CLAMD_PORT" && printf 'zPING\0' >&3 && timeout 2 head -c 4 <&3) 2>/dev/null || true; }
    for _ in $(seq 1 240); do
        [[ "$(clamd_pong)" == PONG ]] && break
        kill -0 "$CLAMD_PID" 2>/dev/null || { cat "$WORK/clamd/clamd.out" >&2; echo "bench/run.sh: clamd stopped" >&2; exit 1; }
        sleep 0.25
    done
    [[ "$(clamd_pong)" == PONG ]] || { echo "bench/run.sh: clamd did not answer PING" >&2; exit 1; }
    FILES_SERVER+=(-Dfieldstone.files.clamd-address="127.0.0.1:$CLAMD_PORT" -Dfieldstone.files.storage="$STORAGE")
    if [[ $STORAGE == s3 ]]; then
        S3_PORT=$(free_port)
        # this run's own random secret, in a file (the server reads it from one, never from a property)
        (umask 077; head -c 24 /dev/urandom | base64 | tr -d '/+=\n' >"$WORK/s3-secret")
        log "starting s3proxy (in-process, AWS v4 signatures) on 127.0.0.1:$S3_PORT"
        "$JAVA" -cp "target/test-classes:$(cat target/bench-classpath.txt)" org.fieldstone.support.BenchS3 \
            "$S3_PORT" "$WORK/s3" fieldstone-bench bench-access-key "$WORK/s3-secret" >"$WORK/s3.url" 2>"$WORK/s3.log" &
        S3_PID=$!
        for _ in $(seq 1 240); do
            [[ -s "$WORK/s3.url" ]] && break
            kill -0 "$S3_PID" 2>/dev/null || { cat "$WORK/s3.log" >&2; echo "bench/run.sh: s3proxy did not start" >&2; exit 1; }
            sleep 0.5
        done
        [[ -s "$WORK/s3.url" ]] || { echo "bench/run.sh: s3proxy did not start in time" >&2; exit 1; }
        FILES_SERVER+=(-Dfieldstone.files.s3.endpoint="$(head -1 "$WORK/s3.url")" -Dfieldstone.files.s3.region=us-east-1
            -Dfieldstone.files.s3.bucket=fieldstone-bench -Dfieldstone.files.s3.access-key-id=bench-access-key
            -Dfieldstone.files.s3.secret-access-key-file="$WORK/s3-secret")
    fi
fi

# --- --mix telegram|twilio: the fake Telegram Bot API and Twilio REST API on loopback (bench/src/FakeProviders.java,
# a single-file program: no Spring, no test class path), for the seed's getMe/setWebhook and the server's replies ----
FAKE_PROPS=()
FAKE_URL=""
if [[ $MIX == telegram || $MIX == twilio || $MIX == fanout ]]; then
    "$JAVA" bench/src/FakeProviders.java "$WORK/fake.url" >"$WORK/fake.log" 2>&1 &
    FAKE_PID=$!
    for _ in $(seq 1 120); do
        [[ -s "$WORK/fake.url" ]] && break
        kill -0 "$FAKE_PID" 2>/dev/null || { cat "$WORK/fake.log" >&2; echo "bench/run.sh: the fake providers stopped" >&2; exit 1; }
        sleep 0.25
    done
    [[ -s "$WORK/fake.url" ]] || { echo "bench/run.sh: the fake providers did not start" >&2; exit 1; }
    FAKE_URL=$(head -1 "$WORK/fake.url")
    log "fake Telegram and Twilio APIs on $FAKE_URL"
    FAKE_PROPS=(-Dfieldstone.telegram.api-url="$FAKE_URL/bot" -Dfieldstone.sms.twilio.api-base-url="$FAKE_URL")
    [[ $MIX == telegram ]] && SEED_EXTRA+=(--connect-telegram)
    [[ $MIX == twilio || $MIX == fanout ]] && SEED_EXTRA+=(--connect-twilio)
    # --mix fanout: the driver runs the reminders once itself (the bench jar's POST /bench/notifications/reminders),
    # so the scheduled run (a minute after the start) is off; the dispatcher stays on
    [[ $MIX == fanout ]] && FAKE_PROPS+=(-Dfieldstone.notifications.reminders.enabled=false)
fi

# --- seed through the real provisioning and write paths -----------------------------------------------------------
log "seeding $COMPANIES companies × $CLIENTS clients, $TECHNICIANS technicians, $JOBS jobs, $VISITS visits, $QUOTES quotes, $INVOICES invoices, $MOVEMENTS stock movements (threads $SEED_THREADS, batch $SEED_BATCH); load: $(cut -d' ' -f1-3 /proc/loadavg)"
SEED_START=$(date +%s%N)
"$JAVA" ${FAKE_PROPS[@]+"${FAKE_PROPS[@]}"} "${BENCH_JAR[@]}" -Dloader.main=org.fieldstone.bench.BenchSeed -jar target/fieldstone.jar \
    "${DB_CLI[@]}" --companies "$COMPANIES" --clients-per-company "$CLIENTS" \
    --technicians-per-company "$TECHNICIANS" --jobs-per-company "$JOBS" --visits-per-company "$VISITS" \
    --quotes-per-company "$QUOTES" --invoices-per-company "$INVOICES" --threads "$SEED_THREADS" --batch "$SEED_BATCH" ${SEED_EXTRA[@]+"${SEED_EXTRA[@]}"} --out "$WORK/seed.txt" 2> >(tee "$WORK/seed.log" >&2)
SEED_SECONDS=$(( ($(date +%s%N) - SEED_START) / 1000000000 ))
log "seeded in ${SEED_SECONDS} s"

# --- the real jar, with the bench jar's baseline auto-configuration ------------------------------------------
PORT=$(free_port)
log "starting the server on https://localhost:$PORT"
# shellcheck disable=SC2086
"$JAVA" $SERVER_OPTS "${DB_SERVER[@]}" -Dserver.port="$PORT" -Dfieldstone.http-port=-1 \
    -Dfieldstone.demo.enabled=false ${FILES_SERVER[@]+"${FILES_SERVER[@]}"} ${FAKE_PROPS[@]+"${FAKE_PROPS[@]}"} "${BENCH_JAR[@]}" ${SERVER_TLS[@]+"${SERVER_TLS[@]}"} -jar target/fieldstone.jar >"$WORK/server.log" 2>&1 &
SERVER_PID=$!
CERT="$DATA/tls/cert.pem"
for _ in $(seq 1 240); do
    if [[ -f "$CERT" ]] && curl -sf --cacert "$CERT" -o /dev/null "https://localhost:$PORT/actuator/health/readiness"; then
        break
    fi
    kill -0 "$SERVER_PID" 2>/dev/null || { tail -50 "$WORK/server.log" >&2; echo "bench/run.sh: the server stopped" >&2; exit 1; }
    sleep 0.5
done
curl -sf --cacert "$CERT" -o /dev/null "https://localhost:$PORT/actuator/health/readiness" \
    || { echo "bench/run.sh: the server did not become ready" >&2; exit 1; }
log "server ready: $(grep -o 'Started FieldstoneApplication in [0-9.]* seconds' "$WORK/server.log" || true)"
if [[ $PHASES != api ]]; then
    # the baseline comes only from the bench jar: without it phase 2 would measure 404s
    read -r BASELINE_COMPANY BASELINE_CLIENT < <(awk -F'\t' '$1 == "company" { c = $3 } $1 == "client" { print c, $2; exit }' "$WORK/seed.txt")
    curl -sf --cacert "$CERT" -o /dev/null "https://localhost:$PORT/bench/baseline/$BASELINE_COMPANY/clients/$BASELINE_CLIENT" \
        || { echo "bench/run.sh: the baseline endpoint does not answer (is target/fieldstone-bench.jar missing from -Dloader.path?)" >&2; exit 1; }
fi

if [[ -n "$JFR" ]]; then
    log "JFR (profile settings) during the measured API window -> $JFR"
    "$JDK_BIN/jcmd" "$SERVER_PID" JFR.start name=bench settings=profile delay="$((WARMUP_S + 2))s" \
        duration="${DURATION_S}s" filename="$JFR" >/dev/null
fi

# --- load ------------------------------------------------------------------------------------------------------------
LOAD_BEFORE=$(cut -d' ' -f1-3 /proc/loadavg)
log "driving load: $CONNECTIONS connections, warm-up ${WARMUP_S}s, measured ${DURATION_S}s per phase; load before: $LOAD_BEFORE"
DRIVER_CP=()
# --mix webhooks signs Stripe events with stripe-java's own Webhook.Signature (the test class path holds it)
[[ $MIX == webhooks ]] && DRIVER_CP=(-cp "$(cat target/bench-classpath.txt)")
"$JAVA" -Xmx2g ${DRIVER_CP[@]+"${DRIVER_CP[@]}"} bench/src/LoadDriver.java --url "https://localhost:$PORT" --cert "$CERT" --seed "$WORK/seed.txt" \
    --engine "$ENGINE" --connections "$CONNECTIONS" --warmup "${WARMUP_S}s" --duration "${DURATION_S}s" \
    --mix "$MIX" --phases "$PHASES" --server-pid "$SERVER_PID" --storage "$STORAGE" --file-sizes "$FILE_SIZES" \
    --files "$FILES" --work-dir "$WORK" ${FAKE_URL:+--fake-url "$FAKE_URL"} --expect "$((COMPANIES * VISITS))" | tee "$WORK/driver.log"
LOAD_AFTER=$(cut -d' ' -f1-3 /proc/loadavg)
if [[ -n "$JFR" ]]; then
    for _ in $(seq 1 60); do [[ -s "$JFR" ]] && break; sleep 1; done
fi

echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), $(free -g | awk '/Mem:/{print $2}') GiB; JDK $("$JAVA" -version 2>&1 | head -1)"
echo "seed: $COMPANIES companies × $CLIENTS clients, $TECHNICIANS technicians, $JOBS jobs, $VISITS visits, $QUOTES quotes, $INVOICES invoices, $MOVEMENTS stock movements in ${SEED_SECONDS} s ($ENGINE, threads $SEED_THREADS, batch $SEED_BATCH)"
echo "load average before: $LOAD_BEFORE, after: $LOAD_AFTER"
grep -E '^(fieldstone|baseline|pages|portal|files|mcp|telegram|twilio|fanout): (engine|cpu|requests per second|driver GC|signed in|[0-9]+ share links|[0-9]+ technicians signed in|[0-9]+ technicians. chats linked|[0-9]+ token refreshes|the fake|the first refused|the bot.s last|delivery log|the reminder run|reminders sent|first reminder)|^ratio:|^  (list|search|get|patch|today|week|quote|invoice|quotes|invoices|pdf|payment|[a-z]+_page|home|sign_in|webhook|telegram|twilio|portal_quote|portal_invoice|mcp|stock|stock_list|upload_[0-9]+mib|download_[0-9]+mib|cat_[0-9]+mib|cp_[0-9]+mib) ' "$WORK/driver.log" || true
tail -1 "$WORK/driver.log"
