#!/usr/bin/env bash
# Times `hop blocklist import` of a generated 1,000,000-domain hosts file on SQLite and, when
# HOP_BENCH_POSTGRES is a connection string (e.g. the server ./test.sh starts), on PostgreSQL.
# Each run starts from an empty database with 10,000 links, 1,000 of them to listed domains, so
# the timing includes disabling those links. Usage: bench/blocklist-import.sh [COUNT]
set -euo pipefail
cd "$(dirname "$0")/.."
count=${1:-1000000}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

dotnet build src/Hop -c Release -v quiet -nologo >/dev/null
hop="dotnet src/Hop/bin/Release/net10.0/hop.dll"

# A hosts file like the big public ones: a header, comments, the machine's own names, then one
# blocked name a line, some of them subdomains.
python3 - "$count" >"$work/hosts.txt" <<'PY'
import random, sys
n = int(sys.argv[1]); rnd = random.Random(16)
print("# generated blocklist\n127.0.0.1 localhost\n::1 localhost ip6-localhost")
tlds = ["com", "net", "org", "info", "xyz", "top", "ru", "de"]
for i in range(n):
    name = "".join(rnd.choice("abcdefghijklmnopqrstuvwxyz0123456789") for _ in range(rnd.randint(6, 14)))
    sub = "ads." if i % 5 == 0 else ""
    print(f"0.0.0.0 {sub}{name}{i}.{tlds[i % len(tlds)]}")
    if i % 100000 == 0:
        print(f"# section {i}")
PY
echo "generated $(wc -l <"$work/hosts.txt") lines, $(du -h "$work/hosts.txt" | cut -f1)"
# Links to the first 1,000 listed hosts, among 10,000.
awk 'NR>3 && !/^#/ { print $2; if (++n == 1000) exit }' "$work/hosts.txt" >"$work/listed.txt"

run() { # provider connection-string
  export HOP__DATABASE__PROVIDER=$1 HOP__DATABASE__CONNECTIONSTRING=$2
  $hop migrate >/dev/null
  dotnet bench/Hop.Benchmarks/bin/Release/net10.0/Hop.Benchmarks.dll seed-links "$1" "$2" "$work/listed.txt" 10000
  /usr/bin/time -f "  wall %e s, max RSS %M KB" $hop blocklist import "$work/hosts.txt" 2>&1 >"$work/out.txt" | grep -v '^{' || true
  cat "$work/out.txt"
}

dotnet build bench/Hop.Benchmarks -c Release -v quiet -nologo >/dev/null
echo "SQLite:"
run Sqlite "Data Source=$work/hop.db"
if [[ -n "${HOP_BENCH_POSTGRES:-}" ]]; then
  echo "PostgreSQL:"
  run Postgres "$HOP_BENCH_POSTGRES"
fi
