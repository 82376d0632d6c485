# shellcheck shell=bash
# SC2034: the SVC_* results are read by the scripts that source this file.
# SC2016: the ctl scripts are written from single-quoted templates on purpose.
# shellcheck disable=SC2034,SC2016
# Throwaway PostgreSQL, Redis and RabbitMQ servers for tests and benchmarks.
#
# Source this file; do not run it. Every server gets its own directory under
# one base directory and its own free loopback port, so it never collides with
# the distribution's default services or with another run. Only processes
# started here are stopped here, by PID or by their own data directory.
#
#   source scripts/services.sh
#   svc_init "$(mktemp -d)"              # base dir, removed again by svc_cleanup
#   trap svc_cleanup EXIT
#   svc_ensure_packages postgres redis rabbitmq
#   svc_launch_rabbitmq                  # slow to boot: launch it first
#   svc_launch_redis
#   svc_launch_postgres
#   ...                                  # build something while they boot
#   svc_wait_ready                       # blocks until each launched one answers
#
# After svc_wait_ready these are set (only for the servers launched):
#   SVC_POSTGRES_PORT SVC_POSTGRES_CONN   Npgsql connection string, user postgres, trust auth
#   SVC_POSTGRES_CTL                      script: stop | start | restart the server
#   SVC_REDIS_PORT SVC_REDIS_ADDR         host:port
#   SVC_REDIS_CTL                         script: stop | start | restart the server
#   SVC_RABBITMQ_PORT SVC_RABBITMQ_URL    amqp://guest:guest@127.0.0.1:PORT/
#   SVC_RABBITMQ_CTL                      script: rabbitmqctl bound to this node
#                                         (e.g. "stop_app" / "start_app" to take the broker down)

SVC_DIR=""
SVC_PORTS_TAKEN=" "
SVC_LAUNCHED=()

svc_log() { printf 'services: %s\n' "$*" >&2; }

# svc_init DIR: use DIR (created if missing) as the base directory.
svc_init() {
    SVC_DIR=$1
    mkdir -p "$SVC_DIR"
    # PostgreSQL runs as user postgres and must reach its socket directory
    # inside; mktemp -d creates the directory as 0700.
    chmod 755 "$SVC_DIR"
}

# --- packages ---------------------------------------------------------------

svc_postgres_bindir() {
    local dirs
    dirs=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V) || true
    [[ -n $dirs && -x ${dirs##*$'\n'}/initdb ]] && printf '%s\n' "${dirs##*$'\n'}"
}

# svc_ensure_packages NAME...: install the Debian packages behind the named
# services (postgres, redis, rabbitmq) when their binaries are missing.
svc_ensure_packages() {
    local missing=() name
    for name in "$@"; do
        case $name in
            postgres) svc_postgres_bindir >/dev/null || missing+=(postgresql) ;;
            redis) command -v redis-server >/dev/null && command -v redis-cli >/dev/null ||
                missing+=(redis-server) ;;
            rabbitmq) [[ -x /usr/sbin/rabbitmq-server ]] || missing+=(rabbitmq-server) ;;
            # The browser tests of the pages; a font so that text has a size to lay out.
            chromium) [[ -x /usr/bin/chromium ]] || missing+=(chromium fonts-dejavu-core) ;;
            *) svc_log "unknown service '$name'"; return 1 ;;
        esac
    done
    ((${#missing[@]})) || return 0
    if ((EUID != 0)); then
        svc_log "missing Debian packages; install them as root first:"
        svc_log "  apt-get update && apt-get install -y ${missing[*]}"
        exit 1
    fi
    svc_log "installing ${missing[*]}"
    # The lock timeout lets a concurrent apt run finish instead of failing us.
    apt-get -o DPkg::Lock::Timeout=600 update -qq
    DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=600 install -y -qq \
        --no-install-recommends "${missing[@]}" >&2
}

# --- ports ------------------------------------------------------------------

svc_port_in_use() {
    local port=$1
    if command -v ss >/dev/null; then
        [[ -n $(ss -Htan "sport = :$port" 2>/dev/null) ]] && return 0
    fi
    # Without ss, a successful connect means something listens there.
    (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null
}

# svc_free_port: print a loopback port that nothing uses and that this shell
# has not claimed yet. Starts at a random point so parallel runs rarely meet.
svc_free_port() {
    local span=10000 base=20000 start port i
    start=$((RANDOM % span))
    for ((i = 0; i < span; i++)); do
        port=$((base + (start + i) % span))
        [[ $SVC_PORTS_TAKEN == *" $port "* ]] && continue
        svc_port_in_use "$port" && continue
        printf '%s\n' "$port"
        return 0
    done
    svc_log "no free port in $base-$((base + span - 1))"
    return 1
}

# svc_claim_port VAR: like svc_free_port, but into VAR in this shell, because
# $(svc_free_port) runs in a subshell and would forget the claim.
svc_claim_port() {
    local -n _out=$1
    _out=$(svc_free_port) || return 1
    SVC_PORTS_TAKEN+="$_out "
}

svc_port_open() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

svc_pid_alive() { [[ -n $1 ]] && kill -0 "$1" 2>/dev/null; }

# svc_wait_pid_gone PID SECONDS: true once PID has exited.
svc_wait_pid_gone() {
    local pid=$1 deadline=$((SECONDS + $2))
    while svc_pid_alive "$pid"; do
        ((SECONDS < deadline)) || return 1
        sleep 0.2
    done
}

svc_tail_log() {
    local file
    for file in "$@"; do
        [[ -f $file ]] || continue
        svc_log "--- last lines of $file"
        tail -n 30 "$file" >&2 || true
    done
}

# Writes a small executable script whose first lines pin the given variables,
# so tests can drive a server without knowing how it was started.
svc_write_script() {
    local path=$1 body=$2
    shift 2
    {
        printf '#!/usr/bin/env bash\nset -euo pipefail\n'
        local kv
        for kv in "$@"; do printf '%s=%q\n' "${kv%%=*}" "${kv#*=}"; done
        printf '%s\n' "$body"
    } >"$path"
    chmod 755 "$path"
}

# --- PostgreSQL -------------------------------------------------------------

svc_launch_postgres() {
    local bin dir
    bin=$(svc_postgres_bindir) || { svc_log "PostgreSQL is not installed"; return 1; }
    svc_claim_port SVC_POSTGRES_PORT
    dir=$SVC_DIR/postgres
    mkdir -p "$dir"
    SVC_POSTGRES_CTL=$dir/ctl
    SVC_POSTGRES_CONN="Host=127.0.0.1;Port=$SVC_POSTGRES_PORT;Username=postgres;Database=postgres"

    # initdb and pg_ctl refuse to run as root; as root they run as the
    # package's postgres user, elsewhere as whoever runs this.
    local as_user=()
    if ((EUID == 0)); then
        chown postgres:postgres "$dir"
        as_user=(runuser -u postgres --)
    fi
    svc_write_script "$SVC_POSTGRES_CTL" '
as_pg() { (cd "$dir" && if ((EUID == 0)); then runuser -u postgres -- "$@"; else "$@"; fi); }
opts="-c listen_addresses=127.0.0.1 -c port=$port -c fsync=on -c synchronous_commit=on"
opts+=" -c unix_socket_directories=$dir -c max_connections=200"
ready() {
    local i
    for ((i = 0; i < 300; i++)); do
        "$bin/pg_isready" -q -h 127.0.0.1 -p "$port" && return 0
        sleep 0.2
    done
    echo "postgres on port $port did not become ready; see $dir/postgres.log" >&2
    return 1
}
case ${1:-} in
    # -W: do not wait here, so a caller can overlap start-up with other work.
    launch) as_pg "$bin/pg_ctl" -D "$dir/data" -l "$dir/postgres.log" -W -o "$opts" start >/dev/null ;;
    ready) ready ;;
    start) as_pg "$bin/pg_ctl" -D "$dir/data" -l "$dir/postgres.log" -W -o "$opts" start >/dev/null; ready ;;
    stop) as_pg "$bin/pg_ctl" -D "$dir/data" -m fast -w -t 60 stop >/dev/null ;;
    restart) "$0" stop; "$0" start ;;
    *) echo "usage: $0 stop|start|restart" >&2; exit 2 ;;
esac' "bin=$bin" "dir=$dir" "port=$SVC_POSTGRES_PORT"

    # --no-sync: the cluster is thrown away, so initdb's own fsyncs only cost time.
    # A fixed locale keeps sorting identical on every machine.
    (cd "$dir" && "${as_user[@]}" "$bin/initdb" -D "$dir/data" -A trust -U postgres \
        -E UTF8 --locale=C.UTF-8 --no-sync >"$dir/initdb.log" 2>&1) || {
        svc_tail_log "$dir/initdb.log"
        return 1
    }
    "$SVC_POSTGRES_CTL" launch || { svc_tail_log "$dir/postgres.log"; return 1; }
    SVC_LAUNCHED+=(postgres)
}

svc_stop_postgres() {
    [[ -n ${SVC_POSTGRES_CTL:-} && -f $SVC_DIR/postgres/data/postmaster.pid ]] || return 0
    "$SVC_POSTGRES_CTL" stop || svc_log "pg_ctl stop failed for $SVC_DIR/postgres/data"
}

# --- Redis ------------------------------------------------------------------

svc_launch_redis() {
    local dir
    svc_claim_port SVC_REDIS_PORT
    dir=$SVC_DIR/redis
    mkdir -p "$dir"
    SVC_REDIS_ADDR=127.0.0.1:$SVC_REDIS_PORT
    SVC_REDIS_CTL=$dir/ctl
    # The PID lives in a file because tests may restart the server through
    # this script, and cleanup must then stop the new process.
    svc_write_script "$SVC_REDIS_CTL" '
start() {
    # setsid: own session, so a Ctrl-C meant for the caller does not hit it
    # before the caller has stopped it in order.
    setsid redis-server --port "$port" --bind 127.0.0.1 --save "" --appendonly no \
        --daemonize no --dir "$dir" >>"$dir/redis.log" 2>&1 </dev/null &
    echo $! >"$dir/pid"
}
ready() {
    local i
    for ((i = 0; i < 100; i++)); do
        [[ $(redis-cli -h 127.0.0.1 -p "$port" ping 2>/dev/null) == PONG ]] && return 0
        kill -0 "$(cat "$dir/pid")" 2>/dev/null || break
        sleep 0.1
    done
    echo "redis on port $port did not answer PING; see $dir/redis.log" >&2
    return 1
}
stop() {
    [[ -f $dir/pid ]] || return 0
    local pid i
    pid=$(cat "$dir/pid")
    kill -TERM "$pid" 2>/dev/null || true
    for ((i = 0; i < 100; i++)); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    kill -KILL "$pid" 2>/dev/null || true
    rm -f "$dir/pid"
}
case ${1:-} in
    launch) start ;;
    ready) ready ;;
    start) start; ready ;;
    stop) stop ;;
    restart) stop; start; ready ;;
    *) echo "usage: $0 stop|start|restart" >&2; exit 2 ;;
esac' "dir=$dir" "port=$SVC_REDIS_PORT"
    "$SVC_REDIS_CTL" launch
    SVC_LAUNCHED+=(redis)
}

svc_stop_redis() {
    [[ -n ${SVC_REDIS_CTL:-} ]] || return 0
    "$SVC_REDIS_CTL" stop
}

# --- RabbitMQ ---------------------------------------------------------------

SVC_RABBITMQ_BIN=/usr/lib/rabbitmq/bin
SVC_RABBITMQ_PID=""
SVC_EPMD_PID=""

# The broker's whole environment, shared by the server and the ctl script.
# /usr/sbin/rabbitmq-* would switch to the rabbitmq user and drop it, so the
# scripts behind them are called directly.
svc_rabbitmq_env() {
    local dir=$1
    printf '%s\n' \
        "HOME=$dir/home" \
        "ERL_EPMD_PORT=$SVC_EPMD_PORT" \
        "ERL_EPMD_ADDRESS=127.0.0.1" \
        "RABBITMQ_NODENAME=$SVC_RABBITMQ_NODE" \
        "RABBITMQ_NODE_IP_ADDRESS=127.0.0.1" \
        "RABBITMQ_NODE_PORT=$SVC_RABBITMQ_PORT" \
        "RABBITMQ_DIST_PORT=$SVC_RABBITMQ_DIST_PORT" \
        "RABBITMQ_MNESIA_BASE=$dir/mnesia" \
        "RABBITMQ_LOG_BASE=$dir/log" \
        "RABBITMQ_PID_FILE=$dir/rabbitmq.pid" \
        "RABBITMQ_CONFIG_FILE=$dir/rabbitmq.conf" \
        "RABBITMQ_ADVANCED_CONFIG_FILE=$dir/advanced.config" \
        "RABBITMQ_ENABLED_PLUGINS_FILE=$dir/enabled_plugins" \
        "RABBITMQ_CONF_ENV_FILE=$dir/rabbitmq-env.conf" \
        "RABBITMQ_SERVER_ADDITIONAL_ERL_ARGS=-kernel inet_dist_use_interface {127,0,0,1}"
}

svc_launch_rabbitmq() {
    local dir epmd
    [[ -x $SVC_RABBITMQ_BIN/rabbitmq-server ]] || { svc_log "RabbitMQ is not installed"; return 1; }
    epmd=$(command -v epmd) || epmd=$(ls /usr/lib/erlang/erts-*/bin/epmd 2>/dev/null | tail -n 1)
    svc_claim_port SVC_RABBITMQ_PORT
    svc_claim_port SVC_RABBITMQ_DIST_PORT
    svc_claim_port SVC_EPMD_PORT
    SVC_RABBITMQ_NODE=hoptest-$$@localhost
    SVC_RABBITMQ_URL=amqp://guest:guest@127.0.0.1:$SVC_RABBITMQ_PORT/
    dir=$SVC_DIR/rabbitmq
    mkdir -p "$dir/home" "$dir/mnesia" "$dir/log"

    # guest may log in from loopback only, which is all the tests need.
    cat >"$dir/rabbitmq.conf" <<EOF
listeners.tcp.default = 127.0.0.1:$SVC_RABBITMQ_PORT
loopback_users.guest = true
log.console = false
log.file.level = info
EOF
    echo '[].' >"$dir/enabled_plugins" # no management plugin, no extra listener
    : >"$dir/rabbitmq-env.conf"        # keep /etc/rabbitmq/rabbitmq-env.conf out
    # Server and CLI authenticate to each other with this cookie.
    head -c 24 /dev/urandom | od -An -tx1 | tr -d ' \n' >"$dir/home/.erlang.cookie"
    chmod 400 "$dir/home/.erlang.cookie"

    local env=()
    mapfile -t env < <(svc_rabbitmq_env "$dir")

    # A private epmd on its own port: the shared one on 4369 would outlive us,
    # and this one is stopped by PID. It must listen before the node starts,
    # or the node spawns a daemonized epmd of its own.
    setsid "$epmd" -port "$SVC_EPMD_PORT" -address 127.0.0.1 \
        >"$dir/log/epmd.log" 2>&1 </dev/null &
    SVC_EPMD_PID=$!
    local i
    for ((i = 0; i < 50; i++)); do svc_port_open "$SVC_EPMD_PORT" && break; sleep 0.1; done

    # setsid: the node gets a process group of its own that cleanup can stop
    # as a whole if the orderly stop hangs.
    (cd "$dir" && exec env "${env[@]}" setsid "$SVC_RABBITMQ_BIN/rabbitmq-server" \
        >"$dir/log/console.log" 2>&1 </dev/null) &
    SVC_RABBITMQ_PID=$!

    # rabbitmqctl for this node with the same environment, for failure tests:
    # "ctl stop_app" takes the broker down, "ctl start_app" brings it back.
    SVC_RABBITMQ_CTL=$dir/ctl
    {
        printf '#!/usr/bin/env bash\n# rabbitmqctl bound to the throwaway node %s\nexec env' "$SVC_RABBITMQ_NODE"
        printf ' %q' "${env[@]}" "$SVC_RABBITMQ_BIN/rabbitmqctl" -n "$SVC_RABBITMQ_NODE"
        printf ' "$@"\n'
    } >"$SVC_RABBITMQ_CTL"
    chmod 755 "$SVC_RABBITMQ_CTL"
    SVC_LAUNCHED+=(rabbitmq)
}

svc_wait_rabbitmq() {
    local deadline=$((SECONDS + ${SVC_RABBITMQ_TIMEOUT:-90}))
    until svc_port_open "$SVC_RABBITMQ_PORT"; do
        if ! svc_pid_alive "$SVC_RABBITMQ_PID" || ((SECONDS >= deadline)); then
            svc_log "RabbitMQ did not open port $SVC_RABBITMQ_PORT"
            svc_tail_log "$SVC_DIR/rabbitmq/log/console.log" "$SVC_DIR/rabbitmq/log/$SVC_RABBITMQ_NODE.log"
            return 1
        fi
        sleep 0.3
    done
}

svc_stop_rabbitmq() {
    if svc_pid_alive "$SVC_RABBITMQ_PID"; then
        # TERM makes rabbitmq-server stop the node in order (its own trap).
        kill -TERM "$SVC_RABBITMQ_PID" 2>/dev/null || true
        if ! svc_wait_pid_gone "$SVC_RABBITMQ_PID" 30; then
            svc_log "RabbitMQ did not stop in 30 s; killing its process group"
            kill -KILL -- "-$SVC_RABBITMQ_PID" 2>/dev/null || true
        fi
    fi
    if svc_pid_alive "$SVC_EPMD_PID"; then
        kill -TERM "$SVC_EPMD_PID" 2>/dev/null || true
        svc_wait_pid_gone "$SVC_EPMD_PID" 5 || kill -KILL "$SVC_EPMD_PID" 2>/dev/null || true
    fi
    SVC_RABBITMQ_PID="" SVC_EPMD_PID=""
}

# --- all together -----------------------------------------------------------

# svc_wait_ready: block until every launched server answers; on failure print
# its log and return 1.
svc_wait_ready() {
    local name
    for name in "${SVC_LAUNCHED[@]}"; do
        case $name in
            postgres) "$SVC_POSTGRES_CTL" ready || { svc_tail_log "$SVC_DIR/postgres/postgres.log"; return 1; } ;;
            redis) "$SVC_REDIS_CTL" ready || { svc_tail_log "$SVC_DIR/redis/redis.log"; return 1; } ;;
            rabbitmq) svc_wait_rabbitmq || return 1 ;;
        esac
    done
}

# svc_cleanup: stop what was launched and remove the base directory. Safe to
# call twice (explicitly, then again from an EXIT trap).
svc_cleanup() {
    [[ -n $SVC_DIR && -d $SVC_DIR ]] || return 0
    svc_stop_rabbitmq || true
    svc_stop_redis || true
    svc_stop_postgres || true
    rm -rf "$SVC_DIR"
    SVC_LAUNCHED=()
}
