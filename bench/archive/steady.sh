#!/usr/bin/env bash
# Steady-state ingest into one receiver, with the receiver's CPU: the server (or storescp) first
# gets three rounds of 200 CT a second apart over ASSOC associations, then COUNT CT (default 1000)
# over ASSOC associations from DCMTK storescu are timed. Prints wall and CPU milliseconds (the
# server's own, user and total; for storescp --fork, its children's). TCP_NODELAY=1. Not run in CI.
# Usage: [HF=/path/to/hounsfield] bench/archive/steady.sh ASSOC RECEIVER [COUNT] [serve options...]
#   RECEIVER: hounsfield | storescp
#   e.g. bench/archive/steady.sh 1 hounsfield 250 --database postgres://user:pass@127.0.0.1/db
set -euo pipefail
assoc=${1:?ASSOC}
receiver=${2:?RECEIVER}
count=${3:-1000}
BENCH_DIR=${BENCH_DIR:-/var/tmp}
source "$(dirname "$0")/../lib.sh"

dotnet build -c Release "$root/bench/Hounsfield.NetworkBench" -v q -nologo >/dev/null
nb="dotnet $root/bench/Hounsfield.NetworkBench/bin/Release/net10.0/Hounsfield.NetworkBench.dll"
if [ -z "${HF:-}" ]; then
  dotnet build -c Release "$root/src/Hounsfield.Cli" -v q -nologo >/dev/null
  HF="dotnet $root/src/Hounsfield.Cli/bin/Release/net10.0/hounsfield.dll"
fi

$nb gen "$work/ct" "$count" >/dev/null; split "$work/ct" "$assoc"
for r in 0 1 2; do $nb gen "$work/warm$r" 200 >/dev/null; split "$work/warm$r" "$assoc"; done

port=$(free_port)
case "$receiver" in
  hounsfield) $HF serve --data "$work/data" --port "$port" "${@:4}" >"$work/serve.log" 2>&1 & aet=HOUNSFIELD ;;
  storescp) mkdir -p "$work/data"; storescp --fork -aet STORESCP -od "$work/data" "$port" >/dev/null 2>&1 & aet=STORESCP ;;
  *) echo "RECEIVER is hounsfield or storescp" >&2; exit 2 ;;
esac
pid=$!; pids+=($pid); wait_port "$port"

# Fields 14-17 of /proc/PID/stat: user, system, children's user, children's system (clock ticks).
cpu() { awk -v hz="$(getconf CLK_TCK)" '{printf "%d %d\n", ($14+$16)*1000/hz, ($14+$15+$16+$17)*1000/hz}' "/proc/$pid/stat"; }

for r in 0 1 2; do ingest "$aet" "$port" "$work/warm$r" "$assoc" >/dev/null; sleep 1; done
sync; sleep 1
read -r u0 t0 < <(cpu)
wall=$(ingest "$aet" "$port" "$work/ct" "$assoc")
sleep 0.5   # storescp's children are counted once they exit
read -r u1 t1 < <(cpu)
echo "$receiver, $count CT over $assoc association(s): wall $wall ms, CPU $((t1 - t0)) ms (user $((u1 - u0)))"
