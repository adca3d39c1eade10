# Shared by the end-to-end bench scripts (source it after `set -euo pipefail`): the repository root,
# a work folder removed on exit, the PIDs of started servers (stopped by PID on exit), TCP_NODELAY=1
# for DCMTK, and small helpers.
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
work=$(mktemp -d "${BENCH_DIR:-/tmp}/hf-bench-XXXXXX")
pids=()
cleanup() {
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  for p in "${pids[@]}"; do wait "$p" 2>/dev/null || true; done
  rm -rf "$work"
}
trap cleanup EXIT
export TCP_NODELAY=1

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'; }
wait_port() { for _ in $(seq 600); do (exec 3<>/dev/tcp/127.0.0.1/"$1") 2>/dev/null && return 0; sleep 0.1; done; echo "port $1 never opened" >&2; exit 1; }
ms() { local s=$(date +%s%N); "$@" >/dev/null 2>&1; echo $(( ($(date +%s%N) - s) / 1000000 )); }
ratio() { python3 -c "print(f'{$1/$2:.2f}')"; }
now() { date +%s%N; }

# split DIR N: hard links of DIR's files dealt round-robin into DIR.N/0 .. DIR.N/(N-1)
split() {
  local i=0
  for k in $(seq 0 $(($2 - 1))); do mkdir -p "$1.$2/$k"; done
  for f in "$1"/*.dcm; do ln "$f" "$1.$2/$((i % $2))/"; i=$((i + 1)); done
}

# ingest AET PORT DIR N: N storescu at once, one per part of DIR; prints wall milliseconds
ingest() {
  local s ps=() k
  s=$(now)
  for k in $(seq 0 $(($4 - 1))); do
    storescu -aet BENCH -aec "$1" +sd 127.0.0.1 "$2" "$3.$4/$k" >/dev/null 2>"$work/storescu.$k.err" & ps+=($!)
  done
  for k in "${!ps[@]}"; do
    wait "${ps[$k]}" || { echo "storescu to $1 failed: $(head -3 "$work/storescu.$k.err")" >&2; return 1; }
  done
  echo $((($(now) - s) / 1000000))
}
