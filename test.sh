#!/usr/bin/env bash
# Runs every test project under tests/ against throwaway PostgreSQL, Redis and
# RabbitMQ servers (and Chromium for the page tests), and ends with one line:
# "N passed, N failed[, N skipped]".
#
# Environment handed to the tests:
#   HOP_TEST_POSTGRES       Npgsql connection string (user postgres, trust auth)
#   HOP_TEST_POSTGRES_CTL   script: stop | start | restart that PostgreSQL
#   HOP_TEST_REDIS          host:port
#   HOP_TEST_REDIS_CTL      script: stop | start | restart that Redis
#   HOP_TEST_RABBITMQ       amqp://guest:guest@127.0.0.1:PORT/
#   HOP_TEST_RABBITMQ_CTL   script: rabbitmqctl bound to that node; for failure
#                           tests "$HOP_TEST_RABBITMQ_CTL stop_app" takes the
#                           broker down and "... start_app" brings it back
#                           (each call takes about 2 s: the CLI boots Erlang)
#
# Knobs:
#   HOP_TEST_FILTER=EXPR        passed to dotnet test --filter
#   HOP_TEST_NO_SERVICES=1      start no servers (tests that need them fail)
#   HOP_TEST_HANG_TIMEOUT=10m   a single test running longer is killed, so a hang
#                               cannot eat CI's whole time budget
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")"
source scripts/services.sh

WORK=""           # temp dir: servers' data, logs and TRX results
NO_BUILD=""       # "--no-build" once the solution has built
FAILED_EXTRA=0    # failures no TRX file counts: build errors, crashed runs
PROBLEMS=()       # one line per such failure, printed before the summary
SUMMARIZED=0

# Lines meant for the person reading the log, kept apart from dotnet's output.
say() { printf '==> %s\n' "$*"; }

# EXIT trap: stop only our own servers, quietly, and drop the temp dir. A run
# that stopped early (a server that would not start, Ctrl-C) still ends on a
# summary line that counts it as failed.
on_exit() {
    local rc=$?
    svc_cleanup >/dev/null 2>&1 || true
    if ((!SUMMARIZED)); then
        FAILED_EXTRA=$((FAILED_EXTRA + 1))
        PROBLEMS+=("test.sh stopped early (exit code $rc)")
        summarize || true
    fi
    [[ -z $WORK ]] || rm -rf "$WORK"
    exit "$rc"
}

# Launches the servers without waiting, so RabbitMQ's slow boot overlaps the build.
launch_services() {
    svc_ensure_packages postgres redis rabbitmq chromium
    svc_init "$WORK/services"
    svc_launch_rabbitmq
    svc_launch_redis
    svc_launch_postgres
}

wait_for_services() {
    local waited=$SECONDS
    svc_wait_ready || return 1
    waited=$((SECONDS - waited))
    export HOP_TEST_POSTGRES=$SVC_POSTGRES_CONN HOP_TEST_POSTGRES_CTL=$SVC_POSTGRES_CTL
    export HOP_TEST_REDIS=$SVC_REDIS_ADDR HOP_TEST_REDIS_CTL=$SVC_REDIS_CTL
    export HOP_TEST_RABBITMQ=$SVC_RABBITMQ_URL HOP_TEST_RABBITMQ_CTL=$SVC_RABBITMQ_CTL
    say "services ready ${SECONDS}s after start (${waited}s spent waiting after the build):"
    say "  PostgreSQL $("$(svc_postgres_bindir)/postgres" --version | awk '{print $3}') on 127.0.0.1:$SVC_POSTGRES_PORT"
    say "  Redis $(redis-server --version | sed -n 's/.* v=\([^ ]*\).*/\1/p') on $SVC_REDIS_ADDR"
    say "  RabbitMQ on 127.0.0.1:$SVC_RABBITMQ_PORT (node $SVC_RABBITMQ_NODE)"
}

# Prints tests/*/*.csproj, one a line, sorted.
test_projects() {
    local proj
    for proj in tests/*/*.csproj; do
        if [[ -f $proj ]]; then printf '%s\n' "$proj"; fi
    done | LC_ALL=C sort
}

# Builds the solution once, so the test runs can skip building. After a failed
# build each run builds its own project instead, so stale binaries from an
# earlier build never pass for the current code.
build_solution() {
    [[ -f Hop.slnx ]] || return 0
    say "dotnet build Hop.slnx -c Release"
    if dotnet build Hop.slnx -c Release -nodeReuse:false; then
        NO_BUILD=--no-build
    else
        FAILED_EXTRA=$((FAILED_EXTRA + 1))
        PROBLEMS+=("build of Hop.slnx failed")
    fi
}

# run_project PROJECT: one dotnet test run, its failure recorded without
# stopping the others.
run_project() {
    local proj=$1 name rc=0
    name=$(basename "$proj" .csproj)
    local args=(test "$proj" -c Release --results-directory "$WORK/results"
        --logger "trx;LogFileName=$name.trx"
        --blame-hang-timeout "${HOP_TEST_HANG_TIMEOUT:-10m}" --blame-hang-dump-type none)
    [[ -z $NO_BUILD ]] || args+=("$NO_BUILD")
    [[ -z ${HOP_TEST_FILTER:-} ]] || args+=(--filter "$HOP_TEST_FILTER")
    say "dotnet ${args[*]}"
    dotnet "${args[@]}" || rc=$?

    local trx=$WORK/results/$name.trx
    if [[ ! -f $trx ]]; then
        FAILED_EXTRA=$((FAILED_EXTRA + 1))
        PROBLEMS+=("$name: no TRX results (build failure or crash, exit code $rc)")
    elif ((rc != 0)) && (($(trx_counter "$trx" failed) == 0)); then
        # e.g. the test host crashed after the last result was written
        FAILED_EXTRA=$((FAILED_EXTRA + 1))
        PROBLEMS+=("$name: dotnet test exited $rc, yet its TRX shows no failed test")
    fi
}

# trx_counter FILE ATTR...: sum of the named attributes of <Counters .../>.
trx_counter() {
    local file=$1 attr sum=0 value counters
    shift
    counters=$(grep -o '<Counters [^>]*>' "$file" | head -n 1) || true
    for attr in "$@"; do
        value=$(sed -n "s/.* $attr=\"\([0-9]*\)\".*/\1/p" <<<"$counters")
        sum=$((sum + ${value:-0}))
    done
    echo "$sum"
}

# Prints the closing summary and returns non-zero when anything failed or
# no test ran at all.
summarize() {
    local trx passed=0 failed=$FAILED_EXTRA skipped=0 executed=0 total
    for trx in "$WORK"/results/*.trx; do
        [[ -f $trx ]] || continue
        passed=$((passed + $(trx_counter "$trx" passed)))
        failed=$((failed + $(trx_counter "$trx" failed error timeout aborted)))
        executed=$((executed + $(trx_counter "$trx" executed)))
        # xunit's skipped tests count in total but not in executed (notExecuted
        # stays 0), so skipped is what was listed yet never ran.
        total=$(trx_counter "$trx" total)
        skipped=$((skipped + total - $(trx_counter "$trx" executed)))
    done
    local problem
    for problem in "${PROBLEMS[@]}"; do say "FAILED: $problem"; done
    ((passed + failed > 0 || executed > 0)) || say "no test ran"

    local line="$passed passed, $failed failed"
    ((skipped == 0)) || line+=", $skipped skipped"
    SUMMARIZED=1
    echo "$line"
    ((failed == 0 && passed > 0))
}

main() {
    WORK=$(mktemp -d "${TMPDIR:-/tmp}/hop-test.XXXXXX")
    # PostgreSQL runs as user postgres and must pass through to its own dir.
    chmod 755 "$WORK"
    trap on_exit EXIT
    # Turn signals into a normal exit so the EXIT trap still stops the servers.
    trap 'exit 130' INT
    trap 'exit 143' TERM
    mkdir -p "$WORK/results"
    # Build servers that outlive the run would keep CI's output open.
    export MSBUILDDISABLENODEREUSE=1 DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

    local services=0
    if [[ ${HOP_TEST_NO_SERVICES:-} != 1 ]]; then
        launch_services
        services=1
    fi

    local projects=() proj
    mapfile -t projects < <(test_projects)
    if ((${#projects[@]} == 0)); then
        FAILED_EXTRA=$((FAILED_EXTRA + 1))
        PROBLEMS+=("no test project found under tests/")
    fi
    build_solution

    if ((services)) && ! wait_for_services; then
        FAILED_EXTRA=$((FAILED_EXTRA + 1))
        PROBLEMS+=("test services did not start")
        projects=()
    fi
    for proj in "${projects[@]}"; do
        run_project "$proj"
    done

    # Stop everything before the summary so it stays the last line printed.
    svc_cleanup >/dev/null 2>&1 || true
    # The compiler server lingers for minutes; on CI nothing else uses it.
    [[ ${CI:-} != true ]] || dotnet build-server shutdown >/dev/null 2>&1 || true
    summarize
}

main "$@"
