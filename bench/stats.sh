#!/usr/bin/env bash
# Latency of the stats API at scale, on this machine.
#
#   bench/stats.sh                  # SQLite
#   bench/stats.sh postgres         # PostgreSQL (a throwaway server from scripts/services.sh)
#   bench/stats.sh both
#
# What it does: builds Release; migrates a fresh database (`hop migrate`); creates three users with
# `hop users create` (statsone, statsmany, the admin statsadmin) and an API key each with `hop keys
# create` (stats:read; the admin's also admin); seeds, in bulk straight into the counter tables
# (`dotnet Hop.Benchmarks.dll seed-stats`: COPY on PostgreSQL, one prepared-insert transaction on SQLite):
#   - statsone's link stats-10m with 10,000,000 visits over the 90 days before today and today so far;
#   - statsmany's 1,000,000 links (real codes) sharing 10,000,000 visits: one each, the rest Zipf-like
#     (rank r gets 1/r of the first's: about 625,000 for the first, 7 at rank 100,000, 1 past rank
#     625,000); the 100 hottest every day, the rest on the day they are shared and the few after;
# as the click writer and compaction leave them: hourly visit_counts and visit_profiles (every hour),
# link_days, link_dimension_days and link_visitor_days for the days up to yesterday (the watermark
# compacted_through = yesterday), link_dimension_hours for every hour before the current one (the hour
# watermark compacted_hours_through = the last closed hour), daily_visitors for today, and account_counts, account_dimensions,
# account_dimension_days and account_visitor_days for statsone, statsmany and all links (account 0).
# Then starts Hop on a loopback port and times, one request at a time with the API keys: the big link's
# /api/v1/links/stats-10m/stats over 90 days by day and the last 48 hours by hour, and /api/v1/stats for
# statsmany and for the admin over 30 and 90 days: a cold request, 3 warm-up, then N, printing p50/p95 of
# the server's own time (Server-Timing) and of the wall time, with the wall time's ratio to /healthz
# measured in the same run, and each answer's total and unique visitors beside what was seeded. The
# targets are server p95 under 50 ms for one link and under 500 ms account-wide; the run exits 1 when one
# is missed, a total differs from the seeded one, or a request fails. Seeding takes about 10 minutes on
# SQLite and 6 on PostgreSQL here (20,000,000 visits: 3.8M visit_counts, 12.9M visit_profiles, 15.8M
# link_dimension_days rows; 3.9 GB and 6.1 GB).
#
# Knobs (environment): HOP_BENCH_STATS_VISITS (10000000: the big link's visits), HOP_BENCH_STATS_LINKS
# (1000000), HOP_BENCH_STATS_ACCOUNT_VISITS (10000000: shared by those links), HOP_BENCH_REQUESTS (40 per
# request), HOP_BENCH_SECONDS (60: the most one request's runs may take), HOP_BENCH_TIMEOUT (300 s for one
# answer). Loopback only; stops only what it started, by PID, and removes its temp directory.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."
source scripts/services.sh

MODE=${1:-sqlite}
VISITS=${HOP_BENCH_STATS_VISITS:-10000000}
LINKS=${HOP_BENCH_STATS_LINKS:-1000000}
ACCOUNT_VISITS=${HOP_BENCH_STATS_ACCOUNT_VISITS:-10000000}
REQUESTS=${HOP_BENCH_REQUESTS:-40}
SECONDS_PER_REQUEST=${HOP_BENCH_SECONDS:-60}
TIMEOUT=${HOP_BENCH_TIMEOUT:-300}
HOP_DLL=src/Hop/bin/Release/net10.0/hop.dll
BENCH_DLL=bench/Hop.Benchmarks/bin/Release/net10.0/Hop.Benchmarks.dll
PASSWORD="bench-$RANDOM-$RANDOM-password"
WORK=""
HOP_PID=""
STATUS=0

say() { printf '==> %s\n' "$*" >&2; }

cleanup() {
    stop_hop
    svc_cleanup >/dev/null 2>&1 || true
    [[ -z $WORK ]] || rm -rf "$WORK"
}

build() {
    say "dotnet build -c Release"
    dotnet build src/Hop/Hop.csproj -c Release -nodeReuse:false -v q -nologo >"$WORK/build.log" 2>&1 ||
        { tail -n 30 "$WORK/build.log"; return 1; }
    dotnet build bench/Hop.Benchmarks/Hop.Benchmarks.csproj -c Release -nodeReuse:false -v q -nologo >>"$WORK/build.log" 2>&1 ||
        { tail -n 30 "$WORK/build.log"; return 1; }
}

start_hop() {
    local provider=$1 conn=$2
    svc_claim_port HOP_PORT
    env ASPNETCORE_ENVIRONMENT=Production \
        HOP__DATABASE__PROVIDER="$provider" HOP__DATABASE__CONNECTIONSTRING="$conn" HOP__DATABASE__AUTOMIGRATE=false \
        HOP__LOGGING__LOGLEVEL__DEFAULT=Warning \
        dotnet "$HOP_DLL" --urls "http://127.0.0.1:$HOP_PORT" >"$WORK/hop-$provider.log" 2>&1 &
    HOP_PID=$!
    local i
    for ((i = 0; i < 150; i++)); do
        svc_port_open "$HOP_PORT" && return 0
        svc_pid_alive "$HOP_PID" || break
        sleep 0.2
    done
    say "Hop did not start; last lines of its log:"
    tail -n 20 "$WORK/hop-$provider.log" >&2 || true
    return 1
}

stop_hop() {
    if svc_pid_alive "$HOP_PID"; then
        kill -TERM "$HOP_PID" 2>/dev/null || true
        svc_wait_pid_gone "$HOP_PID" 20 || kill -KILL "$HOP_PID" 2>/dev/null || true
    fi
    HOP_PID=""
}

# hop VERB... against the provider's database (HOP_PROVIDER, HOP_CONN).
hop() {
    HOP__DATABASE__PROVIDER=$HOP_PROVIDER HOP__DATABASE__CONNECTIONSTRING=$HOP_CONN HOP__LOGGING__LOGLEVEL__DEFAULT=Warning \
        dotnet "$HOP_DLL" "$@"
}

# new_key USER SCOPE...: creates USER's API key and prints it.
new_key() {
    local user=$1
    shift
    hop keys create --user "$user" --name stats-bench --scope "$@" 2>/dev/null
}

bench_provider() {
    HOP_PROVIDER=$1 HOP_CONN=$2
    local code started seeded size one_key user_key admin_key
    say "$HOP_PROVIDER: migrating; users and keys"
    hop migrate >/dev/null
    hop users create --username statsadmin --email statsadmin@bench.example --admin --password-stdin <<<"$PASSWORD" >/dev/null
    hop users create --username statsone --email statsone@bench.example --password-stdin <<<"$PASSWORD" >/dev/null
    hop users create --username statsmany --email statsmany@bench.example --password-stdin <<<"$PASSWORD" >/dev/null
    admin_key=$(new_key statsadmin stats:read admin)
    one_key=$(new_key statsone stats:read)
    user_key=$(new_key statsmany stats:read)

    say "$HOP_PROVIDER: seeding $VISITS visits on one link, $ACCOUNT_VISITS over $LINKS links"
    started=$SECONDS
    code=$(timeout 3600 dotnet "$BENCH_DLL" seed-stats --provider "$HOP_PROVIDER" --connection "$HOP_CONN" \
        --one-owner statsone --many-owner statsmany --link-visits "$VISITS" --links "$LINKS" \
        --account-visits "$ACCOUNT_VISITS" --expect "$WORK/expect-$HOP_PROVIDER.txt")
    seeded=$((SECONDS - started))
    if [[ $HOP_PROVIDER == Sqlite ]]; then
        size=$(($(stat -c %s "$WORK/hop.db") / 1048576))
    else
        size=$("$(svc_postgres_bindir)/psql" -qtA -h 127.0.0.1 -p "$SVC_POSTGRES_PORT" -U postgres -d hopstats \
            -c "SELECT pg_database_size('hopstats') / 1048576")
    fi

    start_hop "$HOP_PROVIDER" "$HOP_CONN"
    echo "== $HOP_PROVIDER: $VISITS visits on $code, $ACCOUNT_VISITS over $LINKS links; seeded in ${seeded} s, database ${size} MiB; $REQUESTS requests each =="
    HOP_BENCH_ONE_KEY=$one_key HOP_BENCH_USER_KEY=$user_key HOP_BENCH_ADMIN_KEY=$admin_key \
        timeout 3600 dotnet "$BENCH_DLL" stats --base "http://127.0.0.1:$HOP_PORT" --code "$code" \
        --expect "$WORK/expect-$HOP_PROVIDER.txt" --requests "$REQUESTS" --seconds "$SECONDS_PER_REQUEST" --timeout "$TIMEOUT" || STATUS=1
    stop_hop
}

main() {
    WORK=$(mktemp -d "${TMPDIR:-/tmp}/hop-stats.XXXXXX")
    chmod 755 "$WORK"
    trap cleanup EXIT
    trap 'exit 130' INT
    trap 'exit 143' TERM
    export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 MSBUILDDISABLENODEREUSE=1

    case $MODE in
        sqlite | postgres | both) ;;
        *) echo "usage: $0 [sqlite|postgres|both]" >&2; exit 2 ;;
    esac
    if [[ $MODE != sqlite ]]; then
        svc_ensure_packages postgres
        svc_init "$WORK/services"
        svc_launch_postgres
    fi
    build
    if [[ $MODE != sqlite ]]; then
        svc_wait_ready
        local psql
        psql="$(svc_postgres_bindir)/psql"
        "$psql" -q -h 127.0.0.1 -p "$SVC_POSTGRES_PORT" -U postgres -c "CREATE DATABASE hopstats" >/dev/null
        # Fewer checkpoints during the bulk load; reads are not affected.
        "$psql" -q -h 127.0.0.1 -p "$SVC_POSTGRES_PORT" -U postgres -c "ALTER SYSTEM SET max_wal_size = '8GB'" -c "SELECT pg_reload_conf()" >/dev/null
    fi
    [[ $MODE == postgres ]] || bench_provider Sqlite "Data Source=$WORK/hop.db"
    [[ $MODE == sqlite ]] || bench_provider Postgres "$SVC_POSTGRES_CONN;Database=hopstats;Maximum Pool Size=8"
    return "$STATUS"
}

main "$@"
