#!/usr/bin/env bash
# Server time of the main pages with a realistic amount of data, on this machine.
#
#   bench/pages.sh                  # SQLite
#   bench/pages.sh postgres         # PostgreSQL (a throwaway server from scripts/services.sh)
#   bench/pages.sh both
#
# What it does: builds Release; migrates a fresh database; seeds one admin owning 10,000 links and
# 1,000,000 visits already counted (hourly visit_counts, visit_profiles and daily_visitors rows, bulk
# SQL, a fifth of them on one link over 90 days; `dotnet Hop.Benchmarks.dll seed-pages`); starts Hop on
# a loopback port; signs in through the sign-in form; then asks for each path of bench/pages.paths
# (or HOP_BENCH_PATHS) 40 times, one request at a time, and prints p50/p95 of the server's own time
# (the Server-Timing header every page carries) and of the wall time, with the wall time's ratio to
# /healthz measured in the same run. A path that is not 200 is reported as such. The budget is 100 ms of
# server time at p95 per page; the run exits 1 when a page misses it or is not 200.
#
# Knobs (environment): HOP_BENCH_LINKS (10000), HOP_BENCH_VISITS (1000000), HOP_BENCH_REQUESTS (40 per
# page), HOP_BENCH_SECONDS (20: the most one page may take), HOP_BENCH_BUDGET (100 ms),
# HOP_BENCH_PATHS (bench/pages.paths). Loopback only; stops only what it started, by PID, and removes
# its temp directory.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."
source scripts/services.sh

MODE=${1:-sqlite}
LINKS=${HOP_BENCH_LINKS:-10000}
VISITS=${HOP_BENCH_VISITS:-1000000}
REQUESTS=${HOP_BENCH_REQUESTS:-40}
SECONDS_PER_PAGE=${HOP_BENCH_SECONDS:-20}
BUDGET=${HOP_BENCH_BUDGET:-100}
PATHS=${HOP_BENCH_PATHS:-bench/pages.paths}
HOP_DLL=src/Hop/bin/Release/net10.0/hop.dll
BENCH_DLL=bench/Hop.Benchmarks/bin/Release/net10.0/Hop.Benchmarks.dll
USERNAME=benchadmin
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

bench_provider() {
    local provider=$1 conn=$2 seeded id code
    say "$provider: migrating and seeding $LINKS links, $VISITS visits"
    HOP__DATABASE__PROVIDER=$provider HOP__DATABASE__CONNECTIONSTRING=$conn dotnet "$HOP_DLL" migrate >/dev/null
    seeded=$(timeout 600 dotnet "$BENCH_DLL" seed-pages --provider "$provider" --connection "$conn" \
        --links "$LINKS" --visits "$VISITS" --username "$USERNAME" --password "$PASSWORD")
    read -r id code <<<"$seeded"
    start_hop "$provider" "$conn"
    say "$provider: timing the pages of $PATHS (link $id, code $code)"
    echo "== $provider: $LINKS links, $VISITS visits, $REQUESTS requests per page =="
    timeout 900 dotnet "$BENCH_DLL" pages --base "http://127.0.0.1:$HOP_PORT" --username "$USERNAME" --password "$PASSWORD" \
        --paths "$PATHS" --id "$id" --code "$code" --requests "$REQUESTS" --seconds "$SECONDS_PER_PAGE" --budget "$BUDGET" || STATUS=1
    stop_hop
}

main() {
    WORK=$(mktemp -d "${TMPDIR:-/tmp}/hop-pages.XXXXXX")
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
        "$(svc_postgres_bindir)/psql" -q -h 127.0.0.1 -p "$SVC_POSTGRES_PORT" -U postgres -c "CREATE DATABASE hoppages" >/dev/null
    fi
    [[ $MODE == postgres ]] || bench_provider Sqlite "Data Source=$WORK/hop.db"
    [[ $MODE == sqlite ]] || bench_provider Postgres "$SVC_POSTGRES_CONN;Database=hoppages;Maximum Pool Size=8"
    return "$STATUS"
}

main "$@"
