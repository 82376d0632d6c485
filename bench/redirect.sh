#!/usr/bin/env bash
# Load test of the redirect hot path beside an nginx baseline, on this machine.
#
#   bench/redirect.sh            # everything below, about 40 minutes on 2 cores
#   bench/redirect.sh hot        # only the cache-hot runs (nginx, Hop/SQLite, Hop/PostgreSQL), then the full-speed click run
#   bench/redirect.sh miss       # only the cache-miss runs
#   bench/redirect.sh redis      # only the "Redis killed under load" check
#   bench/redirect.sh clicks     # half the maximum rate for 60 s on each database, and over RabbitMQ with one `hop worker`:
#                                # no click dropped, all stored within 5 s
#   bench/redirect.sh rules      # the hot runs twice: plain links, then every link with five rules and two variants
#
# What it does: builds Release; starts a throwaway PostgreSQL (scripts/services.sh); seeds 1,000,000
# links into SQLite and into PostgreSQL with the real code permutation; starts nginx with a static
# `map` of the same 100,000 hot codes answering `return 302`; then drives nginx, Hop on SQLite and
# Hop on PostgreSQL with wrk (2 threads; 64 and 256 connections; random codes from the hot set) and
# prints req/s, p50 and p99 for each, and Hop/nginx ratios. The miss mode sends random codes over all
# 1,000,000 links to a Hop with a 10,000-entry L1, so most requests go to the database.
# /metrics is scraped before and after every Hop run: redirects counted vs. requests wrk completed.
# After its paired runs, the hot mode drives each database at the maximum rate for
# HOP_BENCH_CLICK_SECONDS (60) with the in-process click writer and raw visits on, and reports the
# clicks received, stored and dropped (the admin's /api/v1/admin/clicks), the seconds until all were
# stored (target: 0 dropped, within 5 s), whether the admin's stats total (/api/v1/stats) grew by
# exactly the redirects counted, and the growth of the database per stored visit (SQLite: its files;
# PostgreSQL: pg_total_relation_size of its tables). The clicks mode runs the same report at half
# the maximum rate on each database in process, then with Clicks:Transport=RabbitMq (a throwaway
# RabbitMQ from scripts/services.sh) and one `hop worker` on PostgreSQL.
# The rules mode seeds a second database of each provider whose every link has five redirect rules
# (query, ip, country+language, device+os, os+language) and a 70/30 split, as the API stores them, and
# reports its req/s against the plain hot mode's of the same run (the issue asks for at least 0.9x).
#
# Knobs (environment): HOP_BENCH_DURATION (10s per measured run), HOP_BENCH_WARMUP (5s),
# HOP_BENCH_LINKS (1000000), HOP_BENCH_HOT (100000), HOP_BENCH_MISS_L1 (10000), HOP_BENCH_CONNECTIONS
# ("64 256"), HOP_BENCH_ROUNDS (3), HOP_BENCH_PROVIDERS ("Sqlite Postgres": which databases are seeded
# and measured in the hot, miss and clicks modes; `redis` and the RabbitMQ run need Postgres),
# HOP_BENCH_CLICK_SECONDS (60: the full-speed and half-rate click runs), HOP_BENCH_CLICK_TRANSPORTS
# ("InProcess RabbitMq": which runs the clicks mode makes). wrk shares the
# cores with the server, and these machines are shared and noisy: every measured Hop run is paired
# with an nginx run just before it, each pair gives a ratio, and the summary takes the median of the
# rounds' ratios.
#
# Installs wrk, nginx-light and jq (and PostgreSQL, Redis, RabbitMQ) from Debian packages when missing. Stops only
# what it started, by PID, and removes its temp directory.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."
source scripts/services.sh

MODE=${1:-all}
DURATION=${HOP_BENCH_DURATION:-10s}
WARMUP=${HOP_BENCH_WARMUP:-5s}
LINKS=${HOP_BENCH_LINKS:-1000000}
HOT=${HOP_BENCH_HOT:-100000}
MISS_L1=${HOP_BENCH_MISS_L1:-10000}
read -r -a CONNECTIONS <<<"${HOP_BENCH_CONNECTIONS:-64 256}"
read -r -a PROVIDERS <<<"${HOP_BENCH_PROVIDERS:-Sqlite Postgres}"
read -r -a CLICK_TRANSPORTS <<<"${HOP_BENCH_CLICK_TRANSPORTS:-InProcess RabbitMq}"
THREADS=2
# A fixed code key, so both databases and the nginx map hold the same codes.
KEY=000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f

HOP_DLL=src/Hop/bin/Release/net10.0/hop.dll
SEED_DLL=bench/Hop.Benchmarks/bin/Release/net10.0/Hop.Benchmarks.dll
WORK=""
NGINX_PID=""
HOP_PID=""
WORKER_PID=""
ROUNDS=${HOP_BENCH_ROUNDS:-3}
CLICK_SECONDS=${HOP_BENCH_CLICK_SECONDS:-60}
# The admin whose API token reads the click accounting and the stats of every link.
ADMIN_USER=benchadmin
ADMIN_PASSWORD=bench-$(head -c 12 /dev/urandom | od -An -tx1 | tr -d ' \n')
TOKEN=""
RESULTS=()   # "server|mode|connections|req/s|p50 ms|p99 ms|requests|counted|req/s ratio|p99 ratio|clicks dropped"
BASE=""      # "req/s|p99" of the last nginx run, the baseline of the next Hop run

say() { printf '==> %s\n' "$*" >&2; }

cleanup() {
    stop_worker
    stop_hop
    if svc_pid_alive "$NGINX_PID"; then
        kill -TERM "$NGINX_PID" 2>/dev/null || true
        svc_wait_pid_gone "$NGINX_PID" 10 || kill -KILL "$NGINX_PID" 2>/dev/null || true
    fi
    svc_cleanup >/dev/null 2>&1 || true
    [[ -z $WORK ]] || rm -rf "$WORK"
}

ensure_tools() {
    local missing=()
    command -v wrk >/dev/null || missing+=(wrk)
    command -v nginx >/dev/null || missing+=(nginx-light)
    command -v jq >/dev/null || missing+=(jq)
    if ((${#missing[@]})); then
        say "installing ${missing[*]}"
        DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null ||
            { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null; }
    fi
    svc_ensure_packages postgres redis
    if [[ $MODE == all || $MODE == clicks ]]; then svc_ensure_packages rabbitmq; fi
}

build() {
    say "dotnet build -c Release"
    dotnet build src/Hop/Hop.csproj -c Release -nodeReuse:false -v q -nologo >"$WORK/build.log" 2>&1 ||
        { tail -n 30 "$WORK/build.log"; return 1; }
    dotnet build bench/Hop.Benchmarks/Hop.Benchmarks.csproj -c Release -nodeReuse:false -v q -nologo >>"$WORK/build.log" 2>&1 ||
        { tail -n 30 "$WORK/build.log"; return 1; }
}

# --- databases ----------------------------------------------------------------

SQLITE_CONN=""
PG_CONN=""
SQLITE_RULES_CONN=""
PG_RULES_CONN=""

seed_databases() {
    SQLITE_CONN="Data Source=$WORK/hop.db"
    local psql
    psql="$(svc_postgres_bindir)/psql"
    "$psql" -q -h 127.0.0.1 -p "$SVC_POSTGRES_PORT" -U postgres -c "CREATE DATABASE hopbench" >/dev/null
    # A small pool is fastest on 2 cores (MACHINE-NOTES).
    PG_CONN="$SVC_POSTGRES_CONN;Database=hopbench;Maximum Pool Size=8"

    local provider conn
    for provider in "${PROVIDERS[@]}"; do
        [[ $provider == Sqlite ]] && conn=$SQLITE_CONN || conn=$PG_CONN
        HOP__DATABASE__PROVIDER=$provider HOP__DATABASE__CONNECTIONSTRING=$conn dotnet "$HOP_DLL" migrate >/dev/null
        printf '%s\n' "$ADMIN_PASSWORD" | HOP__DATABASE__PROVIDER=$provider HOP__DATABASE__CONNECTIONSTRING=$conn \
            HOP__LOGGING__LOGLEVEL__DEFAULT=Warning dotnet "$HOP_DLL" users create --username "$ADMIN_USER" --email "$ADMIN_USER@bench.example" --admin --password-stdin >/dev/null
        say "seeding $LINKS links into $provider"
        dotnet "$SEED_DLL" seed --provider "$provider" --connection "$conn" --key "$KEY" --count "$LINKS" \
            --hot "$HOT" --hot-file "$WORK/hot.txt" --all-file "$WORK/all.txt" >&2
    done
}

# The same links again in a database of their own per provider, each with five rules and two variants.
seed_rules_databases() {
    SQLITE_RULES_CONN="Data Source=$WORK/hop-rules.db"
    "$(svc_postgres_bindir)/psql" -q -h 127.0.0.1 -p "$SVC_POSTGRES_PORT" -U postgres -c "CREATE DATABASE hopbench_rules" >/dev/null
    PG_RULES_CONN="$SVC_POSTGRES_CONN;Database=hopbench_rules;Maximum Pool Size=8"
    local provider conn
    for provider in "${PROVIDERS[@]}"; do
        [[ $provider == Sqlite ]] && conn=$SQLITE_RULES_CONN || conn=$PG_RULES_CONN
        HOP__DATABASE__PROVIDER=$provider HOP__DATABASE__CONNECTIONSTRING=$conn dotnet "$HOP_DLL" migrate >/dev/null
        say "seeding $LINKS links with rules into $provider"
        dotnet "$SEED_DLL" seed --provider "$provider" --connection "$conn" --key "$KEY" --count "$LINKS" \
            --hot "$HOT" --hot-file "$WORK/hot-rules.txt" >&2
        dotnet "$SEED_DLL" route --provider "$provider" --connection "$conn" >&2
    done
    cmp -s "$WORK/hot.txt" "$WORK/hot-rules.txt" || { say "the rules database's hot set differs"; return 1; }
}

# --- servers ------------------------------------------------------------------

start_nginx() {
    local dir=$WORK/nginx
    mkdir -p "$dir/logs"
    svc_claim_port NGINX_PORT
    {
        echo 'worker_processes auto; daemon off; error_log logs/error.log warn; pid logs/nginx.pid;'
        echo 'events { worker_connections 4096; }'
        echo 'http {'
        echo '  access_log off; keepalive_requests 10000000; keepalive_timeout 75s;'
        echo '  map_hash_max_size 262144; map_hash_bucket_size 128;'
        echo '  map $uri $hop_target {'
        echo '    default "";'
        awk '{ c = substr($0, 2); printf "    %s https://example.com/p/%s;\n", $0, c }' "$WORK/hot.txt"
        echo '  }'
        echo "  server { listen 127.0.0.1:$NGINX_PORT;"
        echo '    location / { if ($hop_target) { return 302 $hop_target; } return 404; } }'
        echo '}'
    } >"$dir/nginx.conf"
    nginx -c "$dir/nginx.conf" -p "$dir" >"$dir/logs/stdout.log" 2>&1 &
    NGINX_PID=$!
    wait_port "$NGINX_PORT" "$NGINX_PID" "$dir/logs/error.log"
}

# start_hop PROVIDER L1_ENTRIES [extra env...]; HOP_BENCH_RULES_DB=1 picks the database with rules.
start_hop() {
    local provider=$1 entries=$2 conn
    shift 2
    [[ $provider == Sqlite ]] && conn=$SQLITE_CONN || conn=$PG_CONN
    if [[ -n ${HOP_BENCH_RULES_DB:-} ]]; then
        [[ $provider == Sqlite ]] && conn=$SQLITE_RULES_CONN || conn=$PG_RULES_CONN
    fi
    svc_claim_port HOP_PORT
    env ASPNETCORE_ENVIRONMENT=Production \
        HOP__DATABASE__PROVIDER="$provider" HOP__DATABASE__CONNECTIONSTRING="$conn" HOP__DATABASE__AUTOMIGRATE=false \
        HOP__CACHE__MAXENTRIES="$entries" HOP__LOGGING__LOGLEVEL__DEFAULT=Warning "$@" \
        dotnet "$HOP_DLL" --urls "http://127.0.0.1:$HOP_PORT" >"$WORK/hop-$provider.log" 2>&1 &
    HOP_PID=$!
    TOKEN=""
    wait_port "$HOP_PORT" "$HOP_PID" "$WORK/hop-$provider.log"
}

stop_hop() {
    if svc_pid_alive "$HOP_PID"; then
        kill -TERM "$HOP_PID" 2>/dev/null || true
        svc_wait_pid_gone "$HOP_PID" 20 || kill -KILL "$HOP_PID" 2>/dev/null || true
    fi
    HOP_PID=""
}

# start_worker PROVIDER: one `hop worker` writing the clicks RabbitMQ carries into PROVIDER's database.
start_worker() {
    local provider=$1 conn
    [[ $provider == Sqlite ]] && conn=$SQLITE_CONN || conn=$PG_CONN
    env HOP__DATABASE__PROVIDER="$provider" HOP__DATABASE__CONNECTIONSTRING="$conn" HOP__DATABASE__AUTOMIGRATE=false \
        HOP__CLICKS__TRANSPORT=RabbitMq HOP__CLICKS__RABBITMQ__URI="$SVC_RABBITMQ_URL" HOP__LOGGING__LOGLEVEL__DEFAULT=Warning \
        dotnet "$HOP_DLL" worker >"$WORK/worker-$provider.log" 2>&1 &
    WORKER_PID=$!
}

stop_worker() {
    if svc_pid_alive "$WORKER_PID"; then
        kill -TERM "$WORKER_PID" 2>/dev/null || true
        svc_wait_pid_gone "$WORKER_PID" 20 || kill -KILL "$WORKER_PID" 2>/dev/null || true
    fi
    WORKER_PID=""
}

wait_port() {
    local port=$1 pid=$2 log=$3 i
    for ((i = 0; i < 150; i++)); do
        svc_port_open "$port" && return 0
        svc_pid_alive "$pid" || break
        sleep 0.2
    done
    say "server on port $port did not start; last lines of $log:"
    tail -n 20 "$log" >&2 || true
    return 1
}

# --- measuring ----------------------------------------------------------------

write_lua() {
    cat >"$WORK/random-path.lua" <<'EOF'
-- Each request asks for a random path from the file named by HOP_BENCH_PATHS.
local paths = {}
for line in io.lines(os.getenv("HOP_BENCH_PATHS")) do paths[#paths + 1] = line end
local count = #paths
math.randomseed(os.time() + (tonumber(string.match(tostring(paths), "%x+$"), 16) or 0) % 1000003)
request = function()
  return wrk.format("GET", paths[math.random(count)])
end
EOF
    # Warm-up for the hot mode: the threads walk the file between them, each path once, then stop,
    # so every hot code is in L1 before the measured runs.
    cat >"$WORK/walk-paths.lua" <<'EOF'
local paths = {}
for line in io.lines(os.getenv("HOP_BENCH_PATHS")) do paths[#paths + 1] = line end
local count = #paths
local threads = 0
function setup(thread)
  thread:set("id", threads)
  threads = threads + 1
end
local nexti, answered
function init(args)
  nexti = id + 1
  answered = 0
end
request = function()
  local path = paths[nexti] or paths[1]
  nexti = nexti + 2
  return wrk.format("GET", path)
end
response = function(status, headers, body)
  answered = answered + 1
  if answered >= count / 2 then wrk.thread:stop() end
end
EOF
}

walk() {
    HOP_BENCH_PATHS=$2 wrk -t2 -c64 -d120s -s "$WORK/walk-paths.lua" "http://127.0.0.1:$1" >/dev/null
}

# Sum of hop_redirects_total over all statuses, from /metrics.
redirects_counted() {
    curl -s "http://127.0.0.1:$HOP_PORT/metrics" |
        awk '/^hop_redirects_total/ { sum += $NF } END { printf "%d\n", sum }'
}

# hit ratio of one cache level from /metrics: cache_ratio LEVEL
cache_lookups() {
    curl -s "http://127.0.0.1:$HOP_PORT/metrics" |
        awk -v level="$1" '/^hop_cache_lookups_total/ && $0 ~ "level=\"" level "\"" {
            if ($0 ~ /result="hit"/) hit += $NF; else other += $NF }
            END { printf "%d %d\n", hit, other }'
}

# Latency text from wrk ("812.00us", "1.23ms", "2.00s") in milliseconds.
to_ms() {
    awk -v v="$1" 'BEGIN {
        n = v + 0
        if (v ~ /us$/) n /= 1000; else if (v ~ /ms$/) n = n; else if (v ~ /s$/) n *= 1000
        printf "%.3f\n", n }'
}

# run_wrk NAME MODE CONNECTIONS PORT PATHS [COUNTED=yes]: one measured run, appended to RESULTS.
run_wrk() {
    local name=$1 mode=$2 conns=$3 port=$4 paths=$5 counted=${6:-} out before=0 after=0
    local r0=0 s0=0 d0=0 r1=0 s1=0 d1=0 dropped=-
    out=$WORK/wrk-$name-$mode-$conns.txt
    if [[ -n $counted ]]; then
        before=$(redirects_counted)
        read -r r0 s0 d0 < <(click_counts)
    fi
    HOP_BENCH_PATHS=$paths wrk -t"$THREADS" -c"$conns" -d"$DURATION" --latency -s "$WORK/random-path.lua" \
        "http://127.0.0.1:$port" >"$out"
    if [[ -n $counted ]]; then
        after=$(redirects_counted)
        # Clicks are dropped only when they are enqueued, so the count is final when the load stops.
        read -r r1 s1 d1 < <(click_counts)
        dropped="$((d1 - d0)) of $((r1 - r0))"
    fi
    local rps p50 p99 requests errors
    rps=$(awk '/^Requests\/sec/ { printf "%d", $2 }' "$out")
    p50=$(to_ms "$(awk '$1 == "50%" { print $2 }' "$out")")
    p99=$(to_ms "$(awk '$1 == "99%" { print $2 }' "$out")")
    requests=$(awk '/requests in/ { print $1 }' "$out")
    errors=$(awk '/Non-2xx or 3xx|Socket errors/ { print }' "$out" | tr '\n' ' ')
    [[ -z $errors ]] || say "$name $mode c=$conns: $errors"
    local ratio=- p99ratio=-
    if [[ $name == nginx ]]; then
        BASE="$rps|$p99"
    elif [[ -n $BASE ]]; then
        ratio=$(awk -v a="$rps" -v b="${BASE%|*}" 'BEGIN { printf "%.2f", a / b }')
        p99ratio=$(awk -v a="$p99" -v b="${BASE#*|}" 'BEGIN { printf "%.2f", a / b }')
    fi
    RESULTS+=("$name|$mode|$conns|$rps|$p50|$p99|$requests|$([[ -n $counted ]] && echo $((after - before)) || echo -)|$ratio|$p99ratio|$dropped")
    say "$name $mode c=$conns: $rps req/s, p50 ${p50} ms, p99 ${p99} ms$([[ $ratio == - ]] || echo ", ${ratio}x nginx's req/s, p99 ${p99ratio}x")$([[ $dropped == - ]] || echo ", clicks dropped $dropped")"
}

# paired NAME MODE CONNECTIONS PATHS: ROUNDS of (nginx on the hot set at CONNECTIONS, then Hop).
paired() {
    local name=$1 mode=$2 conns=$3 paths=$4 round
    for ((round = 1; round <= ROUNDS; round++)); do
        # The baseline runs on a quiet machine: not beside Hop still storing the last run's clicks.
        wait_clicks_settled 60 >/dev/null || say "$name: clicks had not settled after 60 s"
        run_wrk nginx hot "$conns" "$NGINX_PORT" "$WORK/hot.txt"
        run_wrk "$name" "$mode" "$conns" "$HOP_PORT" "$paths" yes
    done
}

warm() {
    HOP_BENCH_PATHS=$2 wrk -t"$THREADS" -c64 -d"$WARMUP" -s "$WORK/random-path.lua" "http://127.0.0.1:$1" >/dev/null
}

rss_mb() { awk '/VmRSS/ { printf "%d", $2 / 1024 }' "/proc/$1/status"; }

MEMORY=()

bench_hot() {
    local conns provider
    warm "$NGINX_PORT" "$WORK/hot.txt"
    for provider in "${PROVIDERS[@]}"; do
        # Raw visits on (the default), so that the full-speed run measures their bytes.
        start_hop "$provider" 100000 HOP__CLICKS__RAWVISITS=All
        walk "$HOP_PORT" "$WORK/hot.txt"
        warm "$HOP_PORT" "$WORK/hot.txt"
        local l1
        l1=$(cache_lookups l1)
        for conns in "${CONNECTIONS[@]}"; do
            paired "hop-${provider,,}" hot "$conns" "$WORK/hot.txt"
        done
        read -r hit miss <<<"$(cache_lookups l1)"
        read -r hit0 miss0 <<<"$l1"
        say "hop-${provider,,} hot: L1 hit ratio during the measured runs $(awk -v h=$((hit - hit0)) -v m=$((miss - miss0)) 'BEGIN { printf "%.4f", h / (h + m) }')"
        say "hop-${provider,,} hot: requests timed in the /{code} route's duration histogram: $(curl -s "http://127.0.0.1:$HOP_PORT/metrics" |
            awk '/^http_server_request_duration_seconds_count\{/ && /http_route="\/\{code\}"/ { n += $NF } END { printf "%d", n }')"
        MEMORY+=("hop-${provider,,}: $(rss_mb "$HOP_PID") MB resident with $LINKS links and an L1 of 100,000 entries")
        bench_full_speed "$provider"
        stop_hop
    done
}

# Plain hot links, then the same hot set with five rules and two variants each, on one machine in one run.
RULES_RESULTS=()
bench_rules() {
    local conns provider plain routed
    warm "$NGINX_PORT" "$WORK/hot.txt"
    for provider in "${PROVIDERS[@]}"; do
        for routed in "" 1; do
            HOP_BENCH_RULES_DB=$routed start_hop "$provider" 100000
            walk "$HOP_PORT" "$WORK/hot.txt"
            warm "$HOP_PORT" "$WORK/hot.txt"
            for conns in "${CONNECTIONS[@]}"; do
                paired "hop-${provider,,}" "$([[ -n $routed ]] && echo rules || echo hot)" "$conns" "$WORK/hot.txt"
            done
            stop_hop
        done
        for conns in "${CONNECTIONS[@]}"; do
            RULES_RESULTS+=("$(printf '%s\n' "${RESULTS[@]}" | awk -F'|' -v name="hop-${provider,,}" -v c="$conns" '
                function median(a, n,   i, j, t) {
                    for (i = 2; i <= n; i++) for (j = i; j > 1 && a[j - 1] > a[j]; j--) { t = a[j]; a[j] = a[j - 1]; a[j - 1] = t }
                    return n % 2 ? a[(n + 1) / 2] : (a[n / 2] + a[n / 2 + 1]) / 2
                }
                $1 == name && $3 == c && $2 == "hot" { h++; hot[h] = $4; hr[h] = $9 }
                $1 == name && $3 == c && $2 == "rules" { r++; rules[r] = $4; rr[r] = $9 }
                END { printf "%s c=%s: rules %d req/s (%.2fx nginx), plain hot %d req/s (%.2fx nginx): rules/hot %.2f (req/s medians), %.2f (nginx-relative; target >= 0.9)",
                    name, c, median(rules, r), median(rr, r), median(hot, h), median(hr, h), median(rules, r) / median(hot, h), median(rr, r) / median(hr, h) }')")
            say "${RULES_RESULTS[-1]}"
        done
    done
}

bench_miss() {
    local provider
    for provider in "${PROVIDERS[@]}"; do
        start_hop "$provider" "$MISS_L1"
        warm "$HOP_PORT" "$WORK/all.txt"
        local before
        before=$(cache_lookups l1)
        paired "hop-${provider,,}" miss 64 "$WORK/all.txt"
        read -r hit miss <<<"$(cache_lookups l1)"
        read -r hit0 miss0 <<<"$before"
        say "hop-${provider,,} miss: L1 hit ratio $(awk -v h=$((hit - hit0)) -v m=$((miss - miss0)) 'BEGIN { printf "%.4f", h / (h + m) }')"
        stop_hop
    done
}

# Redis is killed in the middle of a load on a Hop that uses it as L2; no request may fail.
bench_redis() {
    svc_launch_redis
    svc_wait_ready
    start_hop Postgres "$MISS_L1" HOP__CACHE__REDIS="$SVC_REDIS_ADDR"
    warm "$HOP_PORT" "$WORK/all.txt"
    local out=$WORK/wrk-redis-kill.txt
    HOP_BENCH_PATHS=$WORK/all.txt wrk -t"$THREADS" -c64 -d"$DURATION" -s "$WORK/random-path.lua" \
        "http://127.0.0.1:$HOP_PORT" >"$out" &
    local wrk_pid=$!
    sleep 3
    say "stopping Redis under load"
    "$SVC_REDIS_CTL" stop
    wait "$wrk_pid"
    local failed
    failed=$(awk '/Non-2xx or 3xx|Socket errors/ { print }' "$out")
    REDIS_RESULT="Redis killed under load: $(awk '/requests in/ { print $1 }' "$out") requests, ${failed:-no errors, no non-3xx answers}"
    say "$REDIS_RESULT"
    stop_hop
}

# hop_clicks_{received,stored,dropped}_total from /metrics, as "received stored dropped".
click_counts() {
    curl -s "http://127.0.0.1:$HOP_PORT/metrics" | awk '
        /^hop_clicks_received_total/ { r = $NF } /^hop_clicks_stored_total/ { s = $NF }
        /^hop_clicks_dropped_total/ { d = $NF } END { printf "%d %d %d\n", r, s, d }'
}

# Waits up to $1 seconds until every click received has been stored or dropped; prints the seconds taken.
wait_clicks_settled() {
    local limit=$1 start=$SECONDS r s d
    while :; do
        read -r r s d < <(click_counts)
        if ((r == s + d)); then echo $((SECONDS - start)); return 0; fi
        ((SECONDS - start < limit)) || { echo "-"; return 1; }
        sleep 0.2
    done
}

# --- clicks at speed: the books, the stats and the bytes -------------------------

# Signs the admin in on the running Hop, once per start (start_hop forgets the token). Called in
# the main shell: a subshell's token would be lost, and each call would sign in again.
sign_in() {
    [[ -z $TOKEN ]] || return 0
    TOKEN=$(curl -sf -X POST -H 'Content-Type: application/json' \
        -d "{\"username\":\"$ADMIN_USER\",\"password\":\"$ADMIN_PASSWORD\"}" \
        "http://127.0.0.1:$HOP_PORT/api/v1/auth/token" | jq -r .accessToken)
}

admin_get() { curl -sf -H "Authorization: Bearer ${TOKEN:?sign_in first}" "http://127.0.0.1:$HOP_PORT$1"; }

# The click accounting as "received stored dropped": received and dropped by this Hop since it
# started; stored over every writer (in process, or `hop worker`), ever.
accounting() { admin_get /api/v1/admin/clicks | jq -r '"\(.received) \(.stored) \(.dropped)"'; }

# The admin's stats total over the last 30 days: every visit of every link, as users read them.
stats_total() { admin_get '/api/v1/stats?granularity=day' | jq -r .totals.total; }

# Bytes the databases take now. SQLite: the files (with their WALs and any file beside them); PostgreSQL:
# pg_total_relation_size (indexes and TOAST included) of every table of the benchmark's database.
db_bytes() {
    if [[ $1 == Sqlite ]]; then
        stat -c %s "$WORK"/*.db* | awk '{ n += $1 } END { printf "%d\n", n }'
    else
        "$(svc_postgres_bindir)/psql" -At -h 127.0.0.1 -p "$SVC_POSTGRES_PORT" -U postgres -d hopbench -c \
            "SELECT coalesce(sum(pg_total_relation_size(oid)), 0) FROM pg_class WHERE relkind = 'r' AND relnamespace = 'public'::regnamespace"
    fi
}

# wait_stored LIMIT R0 S0 D0: waits up to LIMIT seconds until every click received since the
# accounting read R0 S0 D0 is stored or dropped (none dropped: all stored); prints the seconds it
# took (to 0.1 s), or "-".
wait_stored() {
    local limit=$1 r0=$2 s0=$3 d0=$4 start=$EPOCHREALTIME r s d
    while :; do
        read -r r s d < <(accounting)
        if ((r - r0 == s - s0 + d - d0)); then
            awk -v a="$start" -v b="$EPOCHREALTIME" 'BEGIN { printf "%.1f\n", b - a }'
            return 0
        fi
        if awk -v a="$start" -v b="$EPOCHREALTIME" -v l="$limit" 'BEGIN { exit !(b - a >= l) }'; then
            echo "-"
            return 1
        fi
        sleep 0.1
    done
}

# clicks_run NAME LOAD PROVIDER WRK_ARGS...: one measured run of the click pipeline on the running
# Hop (settled before it starts), appended to CLICK_ROWS and printed.
CLICK_ROWS=() # "name|load|req/s|requests|counted|received|stored|dropped|stored after s|stats growth|bytes/visit|verdict"
clicks_run() {
    local name=$1 load=$2 provider=$3 out=$WORK/wrk-clicks-$1-$RANDOM.txt
    shift 3
    local r0 s0 d0 r1 s1 d1 t0 t1 b0 b1 c0 c1 settle
    read -r r0 s0 d0 < <(accounting)
    t0=$(stats_total) b0=$(db_bytes "$provider") c0=$(redirects_counted)
    HOP_BENCH_PATHS=$WORK/hot.txt wrk -t"$THREADS" "$@" "http://127.0.0.1:$HOP_PORT" >"$out"
    settle=$(wait_stored 60 "$r0" "$s0" "$d0") || true
    read -r r1 s1 d1 < <(accounting)
    t1=$(stats_total) b1=$(db_bytes "$provider") c1=$(redirects_counted)
    local rps requests counted received stored dropped grown per_visit verdict=met
    rps=$(awk '/^Requests\/sec/ { printf "%d", $2 }' "$out")
    requests=$(awk '/requests in/ { print $1 }' "$out")
    counted=$((c1 - c0)) received=$((r1 - r0)) stored=$((s1 - s0)) dropped=$((d1 - d0)) grown=$((t1 - t0))
    per_visit=$(awk -v b=$((b1 - b0)) -v n="$stored" 'BEGIN { if (n > 0) printf "%.0f", b / n; else print "-" }')
    if ((dropped != 0 || received != stored)) || [[ $settle == - ]] || awk -v s="$settle" 'BEGIN { exit !(s > 5) }'; then
        verdict="NOT met"
    fi
    local stats="$grown = counted"
    ((grown == counted)) || stats="$grown, NOT the $counted counted"
    CLICK_ROWS+=("$name|$load|$rps|$requests|$counted|$received|$stored|$dropped|$settle|$stats|$per_visit|$verdict")
    say "$name $load: $rps req/s, wrk completed $requests, redirects counted $counted; clicks received $received, stored $stored, dropped $dropped; all stored ${settle} s after the load stopped (target: 0 dropped, within 5 s): $verdict; stats total grew by $stats; $per_visit bytes stored per visit"
}

# The hot mode's last run on each database: the maximum rate, with 64 connections, for CLICK_SECONDS.
bench_full_speed() {
    local provider=$1
    sign_in
    wait_clicks_settled 60 >/dev/null || say "hop-${provider,,}: clicks had not settled after 60 s"
    clicks_run "hop-${provider,,}" "maximum rate for ${CLICK_SECONDS} s, in process" "$provider" \
        -c64 -d"${CLICK_SECONDS}s" -s "$WORK/random-path.lua"
}

# Half the measured maximum rate for CLICK_SECONDS with click recording on: on each database with
# the in-process writer, then through RabbitMQ with one `hop worker` on PostgreSQL. No click may be
# dropped, and all must be stored within 5 s of the end. wrk paces each connection with a fixed
# delay between its requests.
bench_clicks() {
    local provider
    if [[ " ${CLICK_TRANSPORTS[*]} " == *" InProcess "* ]]; then
        for provider in "${PROVIDERS[@]}"; do
            bench_clicks_on "$provider" InProcess
        done
    fi
    if [[ " ${CLICK_TRANSPORTS[*]} " != *" RabbitMq "* ]]; then
        return
    fi
    if [[ " ${PROVIDERS[*]} " == *" Postgres "* ]]; then
        bench_clicks_on Postgres RabbitMq
    else
        say "clicks: the RabbitMQ run needs Postgres in HOP_BENCH_PROVIDERS; skipped"
    fi
}

# bench_clicks_on PROVIDER TRANSPORT
bench_clicks_on() {
    # Paced with many connections, so that wrk's whole-millisecond delays are long and fine enough.
    local provider=$1 transport=$2 conns=256 max rate delay_ms name r0 s0 d0
    cat >"$WORK/paced-path.lua" <<'LUA'
local paths = {}
for line in io.lines(os.getenv("HOP_BENCH_PATHS")) do paths[#paths + 1] = line end
local count = #paths
local pause = tonumber(os.getenv("HOP_BENCH_DELAY_MS"))
math.randomseed(os.time())
function delay() return pause end
request = function() return wrk.format("GET", paths[math.random(count)]) end
LUA
    name="hop-${provider,,}"
    if [[ $transport == RabbitMq ]]; then
        name+="+rabbitmq"
        start_worker "$provider"
        start_hop "$provider" 100000 HOP__CLICKS__TRANSPORT=RabbitMq HOP__CLICKS__RABBITMQ__URI="$SVC_RABBITMQ_URL"
    else
        start_hop "$provider" 100000
    fi
    sign_in
    walk "$HOP_PORT" "$WORK/hot.txt"
    read -r r0 s0 d0 < <(accounting)
    HOP_BENCH_PATHS=$WORK/hot.txt wrk -t"$THREADS" -c64 -d"$DURATION" -s "$WORK/random-path.lua" \
        "http://127.0.0.1:$HOP_PORT" >"$WORK/wrk-clicks-max.txt"
    max=$(awk '/^Requests\/sec/ { printf "%d", $2 }' "$WORK/wrk-clicks-max.txt")
    rate=$((max / 2))
    delay_ms=$(awk -v c="$conns" -v r="$rate" 'BEGIN { printf "%.2f", c * 1000 / r }')
    wait_stored 120 "$r0" "$s0" "$d0" >/dev/null || say "$name clicks: the maximum run had not settled after 120 s"
    # The delay comes on top of each request's own time, so a first guess runs slow: a 5 s calibration
    # run measures the rate it gives, and the delay is shortened by the difference in cycle time.
    # Latency grows with the rate, so a second pass corrects what the first one overshot or fell short.
    local calibrated pass
    for pass in 1 2; do
        read -r r0 s0 d0 < <(accounting)
        calibrated=$(HOP_BENCH_PATHS=$WORK/hot.txt HOP_BENCH_DELAY_MS=$delay_ms wrk -t"$THREADS" -c"$conns" -d5s \
            -s "$WORK/paced-path.lua" "http://127.0.0.1:$HOP_PORT" | awk '/^Requests\/sec/ { printf "%d", $2 }')
        delay_ms=$(awk -v c="$conns" -v r="$rate" -v got="$calibrated" -v d="$delay_ms" \
            'BEGIN { x = d - (c * 1000 / got - c * 1000 / r); if (x < 0) x = 0; printf "%.2f", x }')
        say "$name clicks: calibration pass $pass gave ${calibrated} req/s; delay now ${delay_ms} ms"
        wait_stored 60 "$r0" "$s0" "$d0" >/dev/null || say "$name clicks: the calibration run had not settled after 60 s"
    done
    say "$name clicks: maximum ${max} req/s; now ${rate} req/s for ${CLICK_SECONDS} s (${conns} connections, ${delay_ms} ms apart)"
    HOP_BENCH_DELAY_MS=$delay_ms clicks_run "$name" "half the maximum (${rate} of ${max} req/s) for ${CLICK_SECONDS} s, $transport" \
        "$provider" -c"$conns" -d"${CLICK_SECONDS}s" -s "$WORK/paced-path.lua"
    stop_hop
    stop_worker
}

print_table() {
    local row
    echo
    if ((${#RESULTS[@]} == 0)); then
        echo "Measured $(date -u +%Y-%m-%d) on $(nproc) cores ($(awk -F': ' '/model name/ { print $2; exit }' /proc/cpuinfo))"
        echo
        print_clicks
        print_notes
        return
    fi
    echo "Measured $(date -u +%Y-%m-%d) on $(nproc) cores ($(awk -F': ' '/model name/ { print $2; exit }' /proc/cpuinfo)), wrk -t$THREADS -d$DURATION on the same machine"
    echo
    echo "Every run; each Hop run is compared with the nginx run just before it (nginx on the hot set, also in miss mode):"
    echo
    echo "| server | codes | connections | req/s | p50 ms | p99 ms | req/s vs nginx | p99 vs nginx | requests (wrk) | redirects counted (/metrics) | clicks dropped of received |"
    echo "|---|---|---|---|---|---|---|---|---|---|---|"
    for row in "${RESULTS[@]}"; do
        IFS='|' read -r name mode conns rps p50 p99 requests counted ratio p99ratio dropped <<<"$row"
        local codes="hot $HOT"
        [[ $mode == miss ]] && codes="all ${LINKS}, L1 ${MISS_L1}"
        [[ $mode == rules ]] && codes="hot $HOT, 5 rules + 2 variants each"
        echo "| $name | $codes | $conns | $rps | $p50 | $p99 | $ratio | $p99ratio | $requests | $counted | $dropped |"
    done
    echo
    echo "Median over the $ROUNDS rounds:"
    echo
    echo "| server | mode | connections | req/s | req/s vs nginx | p99 vs nginx | clicks dropped |"
    echo "|---|---|---|---|---|---|---|"
    local key
    for key in $(printf '%s\n' "${RESULTS[@]}" | awk -F'|' '$1 != "nginx" && !seen[$1 "|" $2 "|" $3]++ { print $1 "|" $2 "|" $3 }'); do
        printf '%s\n' "${RESULTS[@]}" | awk -F'|' -v key="$key" '
            function median(a, n,   i, j, t) {
                for (i = 2; i <= n; i++) for (j = i; j > 1 && a[j - 1] > a[j]; j--) { t = a[j]; a[j] = a[j - 1]; a[j - 1] = t }
                return n % 2 ? a[(n + 1) / 2] : (a[n / 2] + a[n / 2 + 1]) / 2
            }
            $1 "|" $2 "|" $3 == key { n++; rps[n] = $4; ratio[n] = $9; p99[n] = $10; split($11, d, " of "); drop[n] = d[2] ? 100 * d[1] / d[2] : 0 }
            END { split(key, k, "|"); printf "| %s | %s | %s | %d | %.2f | %.2f | %.1f%% |\n", k[1], k[2], k[3], median(rps, n), median(ratio, n), median(p99, n), median(drop, n) }'
    done
    echo
    print_clicks
    print_notes
}

# The click runs: every redirect's click stored, none dropped, and the stats total grown by exactly
# the redirects /metrics counted.
print_clicks() {
    ((${#CLICK_ROWS[@]})) || return 0
    local row
    echo "Clicks at speed (target: 0 dropped, all stored within 5 s after the load stops; the admin's stats total grows by the redirects counted):"
    echo
    echo "| server | load | req/s | requests (wrk) | redirects counted | clicks received | stored | dropped | all stored or dropped after (s) | stats total grew by | bytes stored per visit | target |"
    echo "|---|---|---|---|---|---|---|---|---|---|---|---|"
    for row in "${CLICK_ROWS[@]}"; do
        IFS='|' read -r name load rps requests counted received stored dropped settle stats per_visit verdict <<<"$row"
        echo "| $name | $load | $rps | $requests | $counted | $received | $stored | $dropped | $settle | $stats | $per_visit | $verdict |"
    done
    echo
}

print_notes() {
    local line
    for line in "${MEMORY[@]}"; do echo "- memory: $line"; done
    [[ -z ${REDIS_RESULT:-} ]] || echo "- $REDIS_RESULT"
    for line in "${RULES_RESULTS[@]}"; do echo "- rules mode: $line"; done
}

main() {
    WORK=$(mktemp -d "${TMPDIR:-/tmp}/hop-bench.XXXXXX")
    chmod 755 "$WORK"
    trap cleanup EXIT
    trap 'exit 130' INT
    trap 'exit 143' TERM
    export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 MSBUILDDISABLENODEREUSE=1

    ensure_tools
    svc_init "$WORK/services"
    svc_launch_postgres
    if [[ $MODE == all || $MODE == clicks ]]; then svc_launch_rabbitmq; fi
    build
    svc_wait_ready
    seed_databases
    [[ $MODE != rules ]] || seed_rules_databases
    write_lua

    case $MODE in
        all) start_nginx; bench_hot; bench_miss; bench_redis; bench_clicks ;;
        hot) start_nginx; bench_hot ;;
        miss) start_nginx; warm "$NGINX_PORT" "$WORK/hot.txt"; bench_miss ;;
        redis) bench_redis ;;
        clicks) bench_clicks ;;
        rules) start_nginx; bench_rules ;;
        *) echo "usage: $0 [all|hot|miss|redis|clicks|rules]" >&2; exit 2 ;;
    esac
    print_table
}

main "$@"
